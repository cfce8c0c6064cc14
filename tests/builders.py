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
