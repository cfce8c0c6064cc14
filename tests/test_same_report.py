"""One workbook, every source: CSV folder, .xlsx, .ods, Google Sheets (both paths), YesWiki give one report.

The bundled sample is re-written into each format with typed cells where a spreadsheet
would type them (whole numbers as numbers, day-first dates as real dates), so the test
also proves that typed cells read exactly like the text a volunteer typed.
"""
from __future__ import annotations

import datetime as dt
import re

import pytest
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P
from openpyxl import Workbook

from forum_data.forum import build_forum
from forum_data.report import build_report
from forum_data.schema import normalize
from forum_data.sources import SAMPLE_DIR, load_workbook, read_csv_folder
from forum_data.sources.gsheets import read_google_sheet
from forum_data.sources.yeswiki import WikiConfig, apply_wiki, read_wiki_forms
from tests.emulators.sheets import SheetsEmulator, service_account_info
from tests.emulators.yeswiki import YesWikiEmulator, entry, list_field, text_field

_DATE = re.compile(r"^(\d{2})/(\d{2})/(\d{4})$")


def typed(cell: str):
    """What a spreadsheet would store for this text: an int, a date, or the text itself."""
    if re.fullmatch(r"[1-9]\d{0,5}", cell):
        return int(cell)
    if m := _DATE.match(cell):
        try:
            return dt.date(int(m[3]), int(m[2]), int(m[1]))
        except ValueError:
            return cell   # 31/02/2024 stays the text the volunteer typed
    return cell


def sample_tabs() -> dict[str, list[list]]:
    return {s.title: [[typed(c) for c in row] for row in s.rows] for s in read_csv_folder(SAMPLE_DIR).sheets}


def comparable(report: dict) -> dict:
    return {k: v for k, v in report.items() if k not in ("source", "generated_at")}


@pytest.fixture(scope="module")
def csv_report():
    return comparable(build_report(build_forum(read_csv_folder(SAMPLE_DIR))))


def test_xlsx_gives_the_csv_report(tmp_path, csv_report):
    book = Workbook()
    book.remove(book.active)
    for title, rows in sample_tabs().items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, dt.date):
                    cell.number_format = "mm/dd/yyyy"   # an English display: the date must not move
    path = tmp_path / "classeur.xlsx"
    book.save(path)
    assert comparable(build_report(build_forum(load_workbook(str(path))))) == csv_report


def _ods_cell(value) -> TableCell:
    if isinstance(value, int):
        cell = TableCell(valuetype="float", value=value)
    elif isinstance(value, dt.date):
        cell = TableCell(valuetype="date", datevalue=value.isoformat())
    else:
        cell = TableCell(valuetype="string")
    if value != "":
        for line in str(value).split("\n"):
            cell.addElement(P(text=line))
    return cell


def test_ods_gives_the_csv_report(tmp_path, csv_report):
    doc = OpenDocumentSpreadsheet()
    for title, rows in sample_tabs().items():
        table = Table(name=title)
        for row in rows:
            tr = TableRow()
            for value in row:
                tr.addElement(_ods_cell(value))
            table.addElement(tr)
        doc.spreadsheet.addElement(table)
    path = tmp_path / "classeur.ods"
    doc.save(str(path))
    assert comparable(build_report(build_forum(load_workbook(str(path))))) == csv_report


@pytest.fixture
def sheets(monkeypatch, tmp_path):
    with SheetsEmulator() as server:
        monkeypatch.setenv("FORUM_GOOGLE_ENDPOINT", server.url)
        monkeypatch.delenv("FORUM_GOOGLE_CREDENTIALS", raising=False)
        monkeypatch.setenv("FORUM_SECRETS_FILE", str(tmp_path / "absent.toml"))
        server.add_spreadsheet("k" * 44, sample_tabs(), title="Forum 2024", locale="en_US", link_shared=True)
        yield server


def test_google_sheets_service_account_gives_the_csv_report_in_one_request(sheets, csv_report):
    workbook = read_google_sheet("k" * 44, credentials=service_account_info(sheets.token_uri), timeout=10)
    assert comparable(build_report(build_forum(workbook))) == csv_report
    assert (sheets.counts["token"], sheets.sheets_requests) == (1, 1)


def test_google_sheets_link_shared_gives_the_csv_report_in_one_request(sheets, csv_report):
    workbook = read_google_sheet(f"https://docs.google.com/spreadsheets/d/{'k' * 44}/edit?usp=sharing",
                                 credentials={}, timeout=10)
    assert comparable(build_report(build_forum(workbook))) == csv_report
    assert sum(sheets.counts.values()) == 1 and sheets.counts["export"] == 1


def test_wiki_activities_give_the_workbook_report():
    """Activités as a Bazar form: themes as a checkbox list (keys → labels), entries served newest first."""
    csv = read_csv_folder(SAMPLE_DIR)
    [tab] = [s for s in csv.sheets if s.title == "Activités"]
    header, rows = tab.rows[0], tab.rows[1:]
    themes = sorted({t.strip() for row in rows for t in re.split(r"[,;]", row[2]) if t.strip()})
    options = {normalize(t).replace(" ", "_"): t for t in themes}
    fields = [text_field(f"bf_{i}", label) for i, label in enumerate(header) if i != 2]
    fields.insert(2, list_field("checkbox", "ListeThemes", header[2], options))
    entries = []
    for n, row in enumerate(rows):
        if not any(c.strip() for c in row):
            continue
        values = {f"bf_{i}": cell for i, cell in enumerate(row) if i != 2}
        keys = [normalize(t.strip()).replace(" ", "_") for t in re.split(r"[,;]", row[2]) if t.strip()]
        values["checkboxListeThemes"] = ",".join(keys)
        entries.append(entry(f"Fiche{n}", 3, f"2024-05-01 10:{n // 60:02d}:{n % 60:02d}", **values))
    wiki = YesWikiEmulator()
    wiki.add_form(3, "Activités", fields, list(reversed(entries)))
    with wiki:
        sheets = read_wiki_forms(WikiConfig(url=wiki.url, forms={"activites": 3}), timeout=10)
        assert wiki.count == 2
        wiki_url = wiki.url
    from_wiki = build_report(build_forum(apply_wiki(csv, sheets)))
    from_csv = build_report(build_forum(csv))
    strip = ("row", "cell", "entry", "url", "message")
    assert comparable(from_wiki) | {"issues": None} == comparable(from_csv) | {"issues": None}
    wiki_issues = [{k: v for k, v in i.items() if k not in strip} for i in from_wiki["issues"]]
    csv_issues = [{k: v for k, v in i.items() if k not in strip} for i in from_csv["issues"]]
    assert sorted(map(str, wiki_issues)) == sorted(map(str, csv_issues))
    activity_issues = [i for i in from_wiki["issues"] if i["sheet"] == "activites"]
    assert activity_issues and all(i["row"] is None and i["entry"].startswith("Fiche") for i in activity_issues)
    assert all(i["url"].startswith(wiki_url) for i in activity_issues)
    assert all(i["message"].startswith("Fiche « Fiche") for i in activity_issues)
