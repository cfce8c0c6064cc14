"""Small hand-written workbooks for tests: ``workbook(salles=[[headers], [row], …], …)``."""
from __future__ import annotations

import csv
from pathlib import Path

from forum_data.forum import Forum, build_forum
from forum_data.schema import TABS
from forum_data.sources.base import RawSheet, RawWorkbook


def workbook(**tabs: list[list[str]]) -> RawWorkbook:
    """A RawWorkbook whose tabs are named after the contract's titles (``salles`` → « Salles »)."""
    sheets = [RawSheet(TABS[slug].title if slug in TABS else slug, rows) for slug, rows in tabs.items()]
    return RawWorkbook("classeur de test", sheets, "csv")


def forum(**tabs: list[list[str]]) -> Forum:
    return build_forum(workbook(**tabs))


def issues_of(f: Forum, sheet: str, code: str | None = None) -> list:
    return [i for i in f.issues if i.sheet == sheet and (code is None or i.code == code)]


def write_csv_workbook(folder: Path, tabs: dict[str, list[list[str]]]) -> Path:
    """The same tabs as a folder of CSV files (one per tab title, UTF-8, quoted as needed): a real source."""
    folder.mkdir(parents=True, exist_ok=True)
    for title, rows in tabs.items():
        with (folder / f"{title}.csv").open("w", encoding="utf-8", newline="") as out:
            csv.writer(out).writerows(rows)
    return folder


def collective_of(f: Forum):
    """The collective's figures of a forum, as the report and the Faisabilité page compute them."""
    from forum_data.metrics import collective_status

    return collective_status(f.tables.members, f.settings.threshold)


#: A small workbook of the 2026 edition (3–4 July 2026, a Friday and a Saturday): its Paramètres
#: give the edition every title, file name and example date comes from (tests/test_edition.py).
EDITION_2026 = {
    "Paramètres": [["Paramètre", "Valeur"], ["Jours du forum", "03/07/2026, 04/07/2026"],
                   ["Nuits", "02/07/2026, 03/07/2026"], ["Date limite", "31/03/2026"]],
    "Salles": [["Salle", "Capacité"], ["Amphi", "100"]],
    "Planning": [["Jour", "Début", "Salle", "Activité", "Participants attendus"],
                 ["vendredi", "9h", "Amphi", "Ouverture", "80"],
                 ["", "10h", "Amphi", "Sans jour", "20"],
                 ["32/07", "11h", "Amphi", "Date fausse", "20"]],
    "Participants": [["Nom", "Jours", "Repas", "Hébergement", "Nuits"],
                     ["Ana", "3 juillet", "", "oui", "2 juillet"], ["Bob", "les deux", "oui", "non", ""],
                     ["Chloé", "5 juillet", "", "oui", "2 juilet"]],
}
