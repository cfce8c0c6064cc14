"""The city page's downloads, clicked in a real browser and opened as French Excel would.

XLSX: sheets with French headers, numbers stored as numbers. CSV: UTF-8 with BOM, ``;``
between fields, decimal comma. Both give the buffet headcounts per day (registered, forecast
after no-shows) of ``python -m forum_data report --json`` on the sample, and nothing personal.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from tests.browser.driver import REPO, download

SAMPLE = REPO / "forum_data" / "sample"
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]
XLSX_LABEL = re.compile(r"XLSX|Excel", re.IGNORECASE)
CSV_LABEL = re.compile(r"\bCSV\b")
BUFFET_LABEL = re.compile(r"buffet", re.IGNORECASE)
REGISTERED = re.compile(r"inscrit", re.IGNORECASE)
FORECAST = re.compile(r"pr[ée]vision|pr[ée]vu", re.IGNORECASE)
SNAKE_CASE = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)+$")
NUMBER_AS_TEXT = re.compile(r"^\s*-?\d+([.,]\d+)?\s*$")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
PHONE = re.compile(r"(?:\+33\s?|0)[1-9](?:[\s.]?\d\d){4}")


@pytest.fixture(scope="module")
def report() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORUM_")}
    env["FORUM_SECRETS_FILE"] = str(REPO / "tests" / "absent-secrets.toml")
    proc = subprocess.run([sys.executable, "-m", "forum_data", "report", "--json"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120, check=True)
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def buffet(report) -> dict[date, tuple[int, int]]:
    """Day → (registered, forecast), from the command line's report."""
    return {date.fromisoformat(day): (figures["registered"], figures["forecast"])
            for day, figures in report["meals"]["by_day"].items()}


@pytest.fixture(scope="module")
def people() -> list[str]:
    """« Prénom Nom » of every member and participant of the sample: none may be in a download."""
    names = []
    for tab in ("Collectif", "Participants"):
        with (SAMPLE / f"{tab}.csv").open(encoding="utf-8") as handle:
            names += [f"{row['Prénom']} {row['Nom']}".strip() for row in csv.DictReader(handle)
                      if row.get("Prénom") and row.get("Nom")]
    return names


@pytest.fixture(scope="module")
def city_page(dashboard):
    return dashboard("sample").open("ville")


def download_buttons(board, label: re.Pattern):
    every = board.page.locator('[data-testid="stDownloadButton"]')
    buttons = every.filter(has_text=label)
    assert buttons.count() >= 1, (f"pas de bouton de téléchargement « {label.pattern} » sur la page Ville : "
                                  f"{[t.replace(chr(10), ' ') for t in every.all_inner_texts()]}")
    return buttons


def mentions_day(cell, day: date) -> bool:
    if isinstance(cell, datetime):
        return cell.date() == day
    if isinstance(cell, date):
        return cell == day
    if not isinstance(cell, str):
        return False
    text = cell.lower()
    return bool(re.search(rf"(?<!\d){day.day}(er)?\s+{MONTHS[day.month - 1]}", text)
                or day.strftime("%d/%m/%Y") in text or day.isoformat() in text)


def figure(table: list[list], label: re.Pattern, day: date):
    """The value in the row (or column) labelled ``label`` under the header naming ``day``.

    Works whichever way the table is laid out: a column per day or a row per day, and
    whichever header row it is under (a file may hold several tables one under the other).
    """
    width = max((len(row) for row in table), default=0)
    padded = [list(row) + [None] * (width - len(row)) for row in table]
    for grid in (padded, [list(column) for column in zip(*padded)]):
        for h, header in enumerate(grid):
            columns = [j for j, cell in enumerate(header) if mentions_day(cell, day)]
            if not columns:
                continue
            for row in grid[h + 1:]:
                if any(isinstance(cell, str) and label.search(cell) for cell in row):
                    return row[columns[0]]
    return None


def french_number(text: str):
    """« 1 234 », « 12,5 » → number; anything else unchanged."""
    if isinstance(text, str) and re.fullmatch(r"-?\d+(,\d+)?", text.replace("\u202f", "").replace(" ", "")):
        cleaned = text.replace("\u202f", "").replace(" ", "")
        return float(cleaned.replace(",", ".")) if "," in cleaned else int(cleaned)
    return text


def assert_nothing_personal(text: str, people: list[str]) -> None:
    assert not EMAIL.search(text), "adresse e-mail dans un téléchargement"
    assert not PHONE.search(text), "numéro de téléphone dans un téléchargement"
    named = [name for name in people if name in text]
    assert not named, f"{len(named)} nom(s) de personne dans un téléchargement"


def test_xlsx_download_opens_with_french_headers_numbers_and_the_buffet_figures(city_page, tmp_path, buffet,
                                                                                 people):
    path = download(city_page, download_buttons(city_page, XLSX_LABEL).first, tmp_path)
    assert path.suffix == ".xlsx"
    book = load_workbook(path, read_only=True, data_only=True)
    assert book.sheetnames, "classeur sans feuille"
    tables = {name: [list(row) for row in book[name].iter_rows(values_only=True)] for name in book.sheetnames}
    everything = []
    for name, table in tables.items():
        assert table and any(table[0]), f"feuille « {name} » vide"
        headers = [cell for cell in table[0] if cell is not None]
        assert all(isinstance(cell, str) for cell in headers), f"feuille « {name} » : en-têtes {headers}"
        assert not [h for h in headers if SNAKE_CASE.match(h)], f"feuille « {name} » : en-têtes techniques {headers}"
        numbers_as_text = [cell for row in table[1:] for cell in row
                           if isinstance(cell, str) and NUMBER_AS_TEXT.match(cell)]
        assert not numbers_as_text, f"feuille « {name} » : nombres enregistrés en texte {numbers_as_text[:5]}"
        everything += [str(cell) for row in table for cell in row if cell is not None]
    for day, (registered, forecast) in buffet.items():
        found = {name: (figure(table, REGISTERED, day), figure(table, FORECAST, day)) for name, table in tables.items()}
        assert (registered, forecast) in found.values(), f"buffet du {day} : attendu {(registered, forecast)}, lu {found}"
    assert_nothing_personal("\n".join(everything), people)


def test_csv_downloads_are_what_french_excel_opens(city_page, tmp_path, buffet, people):
    buttons = download_buttons(city_page, CSV_LABEL)
    tables = {}
    for n in range(buttons.count()):
        path = download(city_page, buttons.nth(n), tmp_path)
        assert path.suffix == ".csv"
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), f"{path.name} : le CSV doit commencer par la marque UTF-8 (BOM)"
        text = raw.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text), delimiter=";"))
        assert rows and len(rows[0]) > 1, f"{path.name} : les champs doivent être séparés par « ; »"
        assert len({len(row) for row in rows if row}) == 1, f"{path.name} : lignes de longueurs différentes"
        fields = [field.strip() for row in rows for field in row]
        dotted = [f for f in fields if re.fullmatch(r"-?\d+\.\d+", f)]
        assert not dotted, f"{path.name} : nombres à point décimal (Excel français attend une virgule) : {dotted[:5]}"
        assert_nothing_personal(text, people)
        tables[buttons.nth(n).inner_text()] = [[french_number(field) for field in row] for row in rows]
    buffet_tables = [table for label, table in tables.items() if BUFFET_LABEL.search(label)] or list(tables.values())
    for day, (registered, forecast) in buffet.items():
        found = [(figure(table, REGISTERED, day), figure(table, FORECAST, day)) for table in buffet_tables]
        assert (registered, forecast) in found, f"buffet du {day} : attendu {(registered, forecast)}, lu {found}"


def test_printable_summary_fits_one_a4_page(city_page, tmp_path, buffet, people):
    """The HTML summary, printed by Chromium on A4: one page, the buffet figures, nothing personal."""
    path = download(city_page, download_buttons(city_page, re.compile(r"HTML|imprimable", re.IGNORECASE)).first,
                    tmp_path)
    text = path.read_text(encoding="utf-8")
    assert "<script" not in text.lower()
    assert_nothing_personal(text, people)
    page = city_page.context.new_page()
    try:
        page.goto(path.as_uri())
        pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
        body = page.locator("body").inner_text()
    finally:
        page.close()
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert pages == 1, f"le résumé imprimable tient sur {pages} pages A4"
    for registered, forecast in buffet.values():
        assert str(registered) in body and str(forecast) in body
