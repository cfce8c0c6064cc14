"""Tabs and headers: names, aliases, title rows, missing columns, blank rows and row numbers."""
import pytest

from forum_data.reading import column_letter, read_tab, tab_slug
from forum_data.sources.base import RawSheet, RowRef

from tests.builders import forum, issues_of
from tests.builders import collective_of


@pytest.mark.parametrize("title, slug", [
    ("Activités", "activites"), ("activites", "activites"), ("ACTIVITES", "activites"), ("activités.csv", "activites"),
    ("Classeur - Activités", "activites"), ("Mon classeur - forum - Salles", "salles"), ("Hébergements", "hebergements"),
    ("Hébergement", "hebergements"), ("Paramètres", "parametres"), (" Planning ", "planning"), ("Feuille 1", None),
])
def test_tab_slug(title, slug):
    assert tab_slug(title) == slug


@pytest.mark.parametrize("header", ["Capacité", "capacite", "CAPACITÉ", "jauge", "Places", " capacité  "])
def test_header_aliases(header):
    reading = read_tab(RawSheet("Salles", [["Salle / espace", header], ["Amphi", "100"]]), "salles")
    assert reading.records[0].cells == {"salle": "Amphi", "capacite": "100"}


def test_title_rows_above_header_are_skipped_and_rows_keep_sheet_numbers():
    rows = [["Salles du forum"], [], ["Nom", "Capacité", "Remarques"], ["A", "10", "x"], [], ["B", "20"]]
    reading = read_tab(RawSheet("Salles", rows), "salles")
    assert [(r.ref.row, r.cells) for r in reading.records] == [
        (4, {"salle": "A", "capacite": "10"}), (6, {"salle": "B", "capacite": "20"})]
    assert reading.headers == {"salle": "Nom", "capacite": "Capacité"}
    assert reading.letters == {"salle": "A", "capacite": "B"}


def test_blank_rows_are_not_counted():
    f = forum(salles=[["Salle", "Capacité"], ["A", "10"], ["  ", ""], [], ["B", "20"]])
    assert f.rows["salles"].read == 2 and f.rows["salles"].used == 2


def test_missing_required_column_makes_the_tab_unusable_only():
    f = forum(salles=[["Salle", "Jauge max"], ["A", "10"], ["B", "12"]],
              collectif=[["Nom", "Statut"], ["Ana", "actif"]])
    [issue] = issues_of(f, "salles", "missing_column")
    assert (issue.row, issue.column, issue.severity) == (None, "capacite", "error")
    assert "« Capacité »" in issue.message
    assert f.tables.rooms == () and f.rows["salles"].read == 2 and f.rows["salles"].rejected == 2
    assert collective_of(f).active == 1


def test_missing_tab_is_a_warning_and_its_figures_are_zero():
    f = forum(collectif=[["Nom"], ["Ana"]])
    missing = {i.sheet for i in f.issues if i.code == "missing_sheet"}
    assert missing == {"partenaires", "activites", "salles", "planning", "participants", "hebergements", "parametres"}
    assert all(i.severity == "warning" for i in f.issues if i.code == "missing_sheet")
    assert list(f.rows) == ["collectif"]


def test_column_letter():
    assert [column_letter(i) for i in (0, 2, 25, 26, 27, 51, 52)] == ["A", "C", "Z", "AA", "AB", "AZ", "BA"]


def test_wiki_refs_are_kept():
    refs = [RowRef(None), RowRef(None, "fiche1", "https://wiki.example.org/?fiche1")]
    reading = read_tab(RawSheet("activites", [["Titre"], ["Atelier"]], refs=refs), "activites")
    assert reading.records[0].ref.entry == "fiche1"
