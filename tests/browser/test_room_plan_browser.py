"""Salles, « Proposer un planning », in Chromium: the button, the spinner's end, the heat map, the downloads.

The files are the proposed rows in the Planning tab's own columns; read back as French Excel
would (CSV: UTF-8 with BOM, ``;``; XLSX: one Planning sheet, Jour a date), they are the sessions of
``python -m forum_data plan salles --json`` on the sample.
"""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from tests.browser.driver import REPO, download, expect_rerun, wait_for_charts, wait_for_run

COLUMNS = ["Jour", "Début", "Fin", "Salle", "Activité", "Participants attendus"]


@pytest.fixture(scope="module")
def expected() -> list[list]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORUM_")}
    env["FORUM_SECRETS_FILE"] = str(REPO / "tests" / "absent-secrets.toml")
    proc = subprocess.run([sys.executable, "-m", "forum_data", "plan", "salles", "--json"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120, check=True)
    return [[date.fromisoformat(p["day"]), p["start"], p["end"], p["room"], p["title"], p["attendance"]]
            for p in json.loads(proc.stdout)["placed"]]


@pytest.fixture(scope="module")
def planned(dashboard):
    board = dashboard("sample").open("salles")
    section = board.page.get_by_role("heading", name="Proposer un planning")
    section.scroll_into_view_if_needed()
    assert board.page.get_by_text("Planning proposé,").count() == 0        # nothing solved before the click
    expect_rerun(board.page)
    board.page.get_by_role("button", name="Proposer un planning").click()
    wait_for_run(board.page)
    wait_for_charts(board.page)
    return board


def test_the_button_gives_the_plan_its_heat_map_and_its_reasons(planned):
    assert not planned.problems()
    text = planned.text()
    assert "6 propositions placées sur 7" in text and "c'est le meilleur possible" in text
    assert "Fab lab et école" in text and "non réservable" in text
    assert planned.drawn_charts() == 1          # the one with the proposals (the page is on « À régler »)
    legend = planned.page.locator('[data-testid="stPlotlyChart"]').nth(0).text_content()
    assert "Planning proposé, mercredi 3 juillet" in legend and "proposé (pas encore au planning)" in legend


def _download(board, label: str, folder):
    button = board.page.locator('[data-testid="stDownloadButton"]').filter(has_text=label)
    assert button.count() == 1
    return download(board, button, folder)


def test_csv_download_is_the_planning_rows_for_french_excel(planned, tmp_path, expected):
    path = _download(planned, "Séances proposées (CSV)", tmp_path)
    raw = path.read_bytes()
    assert path.name == "planning-propose.csv" and raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == COLUMNS
    assert rows[1:] == [[d.strftime("%d/%m/%Y"), start, end, room, title, "" if people is None else str(people)]
                        for d, start, end, room, title, people in expected]


def test_xlsx_download_is_one_planning_sheet_with_dates_and_numbers(planned, tmp_path, expected):
    path = _download(planned, "Séances proposées (Excel)", tmp_path)
    book = load_workbook(path)
    assert book.sheetnames == ["Planning"]
    rows = [list(r) for r in book["Planning"].iter_rows(values_only=True)]
    assert rows[0] == COLUMNS
    as_dates = [[r[0].date() if isinstance(r[0], datetime) else r[0], *r[1:]] for r in rows[1:]]
    assert as_dates == expected
