"""Duplicates: when two rows are the same entity, the lowest row (the latest entry) wins.

Each validator hands over its valid rows as ``Keyed`` (the model, its duplicate key and the rule
that made it, the row's reader); ``resolve`` keeps the last of each key, gives every earlier row a
``duplicate`` warning naming the row that supersedes it, and counts rows. ``People`` is the
« same person » rule of Collectif and Participants.

>>> people = People()
>>> people.key("ana@example.org", "Ana"), people.key("", "ana")
(('p0:ana@example.org', 'même e-mail'), ('p0:ana@example.org', 'même nom'))
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from forum_data.issues import Issue
from forum_data.model import RowCount
from forum_data.reading import Record, TabReading
from forum_data.validation.cells import RowCheck, TabCheck
from forum_data.values import normalize


@dataclass(frozen=True)
class Validated:
    """What every validator returns: one tab's validated rows, its issues and its row counts."""

    rows: tuple
    issues: list[Issue]
    count: RowCount


class Keyed(NamedTuple):
    """A valid row waiting for the duplicate rule: ``key`` None means it is never a duplicate."""

    model: object
    key: str | None
    reason: str
    row: RowCheck


def resolve(check: TabCheck, reading: TabReading, keyed: list[Keyed],
            merge: Callable[[object, list[object]], object] | None = None) -> Validated:
    """Resolve duplicates (the lowest row wins) and count rows.

    ``keyed`` holds the valid rows in sheet order. ``merge(kept, group)`` may adjust the kept
    model from its whole group (Collectif keeps the earliest join date).
    """
    groups: dict[str, list[Keyed]] = {}
    order: list[list[Keyed]] = []
    for entry in keyed:
        if entry.key is None:
            order.append([entry])
            continue
        group = groups.get(entry.key)
        if group is None:
            group = groups[entry.key] = []
            order.append(group)
        group.append(entry)
    used = []
    for group in order:
        winner = group[-1]
        if winner.key is None:
            used.append(winner.model)
            continue
        for earlier in group[:-1]:   # the rule that matched last names every earlier row
            check.add(earlier.row.record, DUPLICATE_COLUMNS.get(winner.reason), "warning", "duplicate",
                      duplicate_text(winner.row.record, winner.reason))
        used.append(merge(winner.model, [entry.model for entry in group]) if merge else winner.model)
    read = len(reading.records)
    return Validated(tuple(used), check.issues, RowCount(read, len(used), read - len(used)))


def validate_rows(reading: TabReading, read: Callable[[RowCheck], Keyed | None],
                  merge: Callable[[object, list[object]], object] | None = None) -> Validated:
    """Every record of ``reading`` through ``read`` (its model and duplicate key, or None), then ``resolve``.

    A row that ``read`` rejected (``row.rejected``) is left out whatever it returned: its issues
    say why.
    """
    check = TabCheck(reading)
    keyed = []
    for record in reading.records:
        row = RowCheck(check, record)
        entry = read(row)
        if entry is not None and not row.rejected:
            keyed.append(entry)
    return resolve(check, reading, keyed, merge)


# The column a duplicate warning points to, by the rule that matched.
DUPLICATE_COLUMNS = {"même e-mail": "email", "même nom": "nom", "même structure": "structure",
                     "même titre et même porteur": "titre", "même salle": "salle", "même paramètre": "parametre"}


def duplicate_text(winner: Record, reason: str) -> str:
    if winner.ref.entry is not None:
        return f"doublon de la fiche « {winner.ref.entry} » ({reason}) : seule la fiche la plus récente est comptée."
    return (f"doublon de la ligne {winner.ref.row} ({reason}) : seule la ligne {winner.ref.row} est comptée. "
            "Supprimez l'une des deux lignes ou rendez-les distinctes.")


class People:
    """The "same person" rule: same e-mail; or, when either row has no e-mail, the same name."""

    def __init__(self):
        self.by_email: dict[str, str] = {}
        self.by_name_no_email: dict[str, str] = {}   # name → group of a row without e-mail
        self.by_name_any: dict[str, str] = {}        # name → latest group with that name

    def key(self, email: str, name: str) -> tuple[str, str]:
        email, name = email.strip().lower(), normalize(name)
        if email:
            if email in self.by_email:
                group, reason = self.by_email[email], "même e-mail"
            elif name in self.by_name_no_email:
                group, reason = self.by_name_no_email[name], "même nom"
            else:
                group, reason = f"p{len(self.by_email) + len(self.by_name_any)}:{email}", "même e-mail"
            self.by_email.setdefault(email, group)
        else:
            group = self.by_name_any.get(name) or f"n:{name}"
            reason = "même nom"
            self.by_name_no_email.setdefault(name, group)
        self.by_name_any[name] = group
        return group, reason
