"""forum_data/validation/duplicates.py: ``resolve`` (the lowest row wins) and ``People`` (the same person).

``resolve`` is fed Collectif rows read from a small sheet, each with the key and rule a validator
would give it; the models are plain strings, so that what is kept shows as is. Expected rows, warnings
and counts are worked out by hand from the sheet rows (row 1 holds the headers).
"""
from __future__ import annotations

from datetime import date

import pytest

from forum_data.model import RowCount
from forum_data.reading import read_tab
from forum_data.sources.base import RawSheet
from forum_data.validation.cells import RowCheck, TabCheck
from forum_data.validation.duplicates import Keyed, People, resolve

EMAIL, NAME = "même e-mail", "même nom"


def duplicate_of(row: int, rule: str) -> str:
    return (f"doublon de la ligne {row} ({rule}) : seule la ligne {row} est comptée. "
            "Supprimez l'une des deux lignes ou rendez-les distinctes.")


def resolved(keys: list[tuple[str | None, str]], merge=None, models=None):
    """``resolve`` over one Collectif row per ``(key, rule)``, in sheet order (rows 2, 3, …); the
    models are « m2 », « m3 »… unless given. Returns the result and its issues as tuples."""
    sheet = RawSheet("Collectif", [["Nom", "Email"], *[[f"Personne {i}", f"p{i}@example.org"] for i in range(len(keys))]])
    reading = read_tab(sheet, "collectif")
    check = TabCheck(reading)
    models = models or [f"m{record.ref.row}" for record in reading.records]
    keyed = [Keyed(model, key, rule, RowCheck(check, record))
             for model, (key, rule), record in zip(models, keys, reading.records)]
    result = resolve(check, reading, keyed, merge)
    return result, [(i.row, i.column, i.severity, i.code, i.problem) for i in result.issues]


@pytest.mark.parametrize("keys, rows, issues, count", [
    # Solo rows: no key (never a duplicate), or keys that differ.
    ([(None, ""), (None, "")], ("m2", "m3"), [], RowCount(2, 2, 0)),
    ([("a", EMAIL), ("b", EMAIL)], ("m2", "m3"), [], RowCount(2, 2, 0)),
    # A pair: row 3 (the lower, the later entry) wins; row 2 is warned, naming row 3.
    ([("a", EMAIL), ("a", EMAIL)], ("m3",),
     [(2, "email", "warning", "duplicate", duplicate_of(3, EMAIL))], RowCount(2, 1, 1)),
    # Three rows of one key: row 4 wins, rows 2 and 3 both name row 4.
    ([("a", NAME), ("a", NAME), ("a", NAME)], ("m4",),
     [(2, "nom", "warning", "duplicate", duplicate_of(4, NAME)),
      (3, "nom", "warning", "duplicate", duplicate_of(4, NAME))], RowCount(3, 1, 2)),
    # The winner's rule names every earlier row (row 2 matched by e-mail, row 3 by name).
    ([("a", EMAIL), ("a", NAME)], ("m3",),
     [(2, "nom", "warning", "duplicate", duplicate_of(3, NAME))], RowCount(2, 1, 1)),
    # Groups keep the place of their first row: a (won by row 4), then the keyless row 3, then b.
    ([("a", EMAIL), (None, ""), ("a", EMAIL), ("b", EMAIL)], ("m4", "m3", "m5"),
     [(2, "email", "warning", "duplicate", duplicate_of(4, EMAIL))], RowCount(4, 3, 1)),
    # Nothing to resolve.
    ([], (), [], RowCount(0, 0, 0)),
])
def test_resolve_keeps_the_lowest_row_of_each_key(keys, rows, issues, count):
    result, found = resolved(keys)
    assert (result.rows, found, result.count) == (rows, issues, count)


def test_resolve_merge_keeps_the_earliest_date_of_the_group():
    # Row 2 joined on 5 March, row 3 (the winner) on 9 March, row 4 (another key) on 1 March.
    models = [("Ana", date(2024, 3, 5)), ("Ana K.", date(2024, 3, 9)), ("Bob", date(2024, 3, 1))]

    def earliest(kept, group):
        return kept[0], min(joined for _, joined in group)

    result, found = resolved([("a", EMAIL), ("a", EMAIL), ("b", EMAIL)], earliest, models)
    assert result.rows == (("Ana K.", date(2024, 3, 5)), ("Bob", date(2024, 3, 1)))
    assert found == [(2, "email", "warning", "duplicate", duplicate_of(3, EMAIL))]


def test_resolve_merge_is_not_asked_about_rows_without_a_key():
    result, _ = resolved([(None, ""), ("a", EMAIL)], lambda kept, group: f"{kept}+{len(group)}")
    assert result.rows == ("m2", "m3+1")


@pytest.mark.parametrize("people, keys", [
    # Same e-mail, whatever the name.
    ([("ana@example.org", "Ana"), ("ana@example.org", "Anne")],
     [("p0:ana@example.org", EMAIL), ("p0:ana@example.org", EMAIL)]),
    # Same name, the second without e-mail: the first one's group.
    ([("ana@example.org", "Ana"), ("", "Ana")],
     [("p0:ana@example.org", EMAIL), ("p0:ana@example.org", NAME)]),
    # Same name, the first without e-mail: the second joins it.
    ([("", "Ana"), ("ana@example.org", "Ana")],
     [("n:ana", NAME), ("n:ana", NAME)]),
    # Same name, two different e-mails: two people (p2: one e-mail and one name seen before).
    ([("ana@a.example", "Ana"), ("ana@b.example", "Ana")],
     [("p0:ana@a.example", EMAIL), ("p2:ana@b.example", EMAIL)]),
    # No e-mail, different names: two people.
    ([("", "Ana"), ("", "Bob")], [("n:ana", NAME), ("n:bob", NAME)]),
    # Case and spaces do not make another person: e-mails trimmed and lowercased, names normalised.
    ([(" Ana@Example.ORG ", "Ana"), ("ana@example.org", "ANA ")],
     [("p0:ana@example.org", EMAIL), ("p0:ana@example.org", EMAIL)]),
    ([("", "  Anaïs  Le Bihan "), ("", "ANAIS LE-BIHAN")],
     [("n:anais le bihan", NAME), ("n:anais le bihan", NAME)]),
])
def test_people_key_groups_the_same_person(people, keys):
    rule = People()
    assert [rule.key(email, name) for email, name in people] == keys
