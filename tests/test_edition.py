"""The edition comes from the workbook: a 2026 workbook reads 2026 in its titles, messages, files.

Forum days 3 and 4 July 2026 (a Friday and a Saturday), nights of the 2nd and 3rd; nothing a
user reads may still say 2024, the defaults' year.
"""
from __future__ import annotations

import io
import json
from datetime import date

import pytest
from openpyxl import load_workbook

from forum_data import exports, fr
from forum_data.model import Settings
from forum_data.schema import TABS
from forum_data.views import city, quality
from tests.builders import EDITION_2026, forum, write_csv_workbook
from tests.cli import run

TABS_2026 = {slug: rows for title, rows in EDITION_2026.items()
             for slug, tab in TABS.items() if tab.title == title}


@pytest.fixture(scope="module")
def forum_2026():
    return forum(**TABS_2026)


def test_edition_settings_read_from_the_workbook(forum_2026):
    assert forum_2026.settings.days == (date(2026, 7, 3), date(2026, 7, 4))
    assert fr.edition(forum_2026.settings) == fr.Edition(
        year=2026, title="Forum des usages coopératifs 2026", date="03/07/2026", long_date="3 juillet 2026",
        weekday="vendredi 3 juillet", dates="03/07/2026, 04/07/2026", night="nuit du 2 au 3 juillet",
        evening="2 juillet")


@pytest.mark.parametrize("settings, title, example", [
    (Settings(), "Forum des usages coopératifs 2024", "03/07/2024"),
    (Settings(days=(date(2028, 6, 29), date(2028, 6, 30))), "Forum des usages coopératifs 2028", "29/06/2028"),
    (Settings(days=()), "Forum des usages coopératifs 2024", "03/07/2024"),
])
def test_edition_title_and_example_follow_the_days(settings, title, example):
    assert (fr.edition(settings).title, fr.edition(settings).date) == (title, example)


def messages(f, sheet):
    return [i.message for i in f.issues if i.sheet == sheet]


def test_messages_give_the_editions_dates(forum_2026):
    planning = messages(forum_2026, "planning")
    assert [m for m in planning if "obligatoire" in m] == [
        "Ligne 3, colonne « Jour » : cette case obligatoire est vide. Écrivez une date, par exemple 03/07/2026. La ligne est ignorée."]
    assert [m for m in planning if "32/07" in m] == [
        "Ligne 4, colonne « Jour » : « 32/07 » n'est pas une date. Écrivez-la jour d'abord, "
        "par exemple 03/07/2026 ou 3 juillet 2026. La ligne est ignorée."]
    # « vendredi » is 3 July 2026, a forum day: no message for row 2.
    assert not [m for m in planning if m.startswith("Ligne 2,")]


def test_no_message_says_the_defaults_year(forum_2026):
    assert forum_2026.issues
    assert [i.message for i in forum_2026.issues if "2024" in i.message] == []


def test_a_days_setting_being_read_gets_an_example_of_its_year():
    f = forum(parametres=[["Paramètre", "Valeur"], ["Jours du forum", "03/07/2026, 4 juilet"]])
    assert messages(f, "parametres") == [
        "Ligne 2, colonne « Valeur » : « 4 juilet » n'est pas une date : la valeur par défaut est retenue. "
        "Écrivez les dates séparées par des virgules, par exemple 03/07/2026, 04/07/2026. La ligne est ignorée."]


def test_quality_guide_and_template_give_the_editions_dates(forum_2026):
    guide = quality.how_to_fix(forum_2026.settings)
    assert "`03/07/2026`, `3 juillet 2026` ou `vendredi 3 juillet`" in guide
    assert "« nuit du 2 au 3 juillet » ou « 2 juillet »" in guide
    assert "2024" not in guide
    book = load_workbook(io.BytesIO(exports.template_bytes(forum_2026.settings)))
    lines = [row[0] for row in book["Mode d'emploi"].iter_rows(values_only=True) if row[0]]
    assert lines[0] == "Classeur du Forum des usages coopératifs 2026"
    assert "Les dates s'écrivent jour d'abord : 03/07/2026, 3 juillet 2026 ou vendredi 3 juillet." in lines


def test_city_files_and_a4_summary_are_the_editions(forum_2026):
    downloads = {d.file_name: d for d in city.city_downloads(forum_2026)}
    assert sorted(downloads) == ["forum-2026-ville-buffet.csv", "forum-2026-ville-resume.html",
                                 "forum-2026-ville-salles.csv", "forum-2026-ville.xlsx"]
    page = downloads["forum-2026-ville-resume.html"].data.decode("utf-8")
    assert "<title>Forum des usages coopératifs 2026 — buffet et salles</title>" in page
    assert "<h1>Forum des usages coopératifs 2026 — buffet et salles</h1>" in page
    assert "vendredi 3 juillet" in page and "samedi 4 juillet" in page
    assert "2024" not in page
    buffet = downloads["forum-2026-ville-buffet.csv"].data.decode("utf-8-sig")
    assert buffet.splitlines()[0].split(";")[1:] == ["vendredi 3 juillet", "samedi 4 juillet"]


def test_command_line_report_names_the_edition(tmp_path):
    folder = write_csv_workbook(tmp_path / "classeur-2026", EDITION_2026)
    text = run("report", str(folder))
    assert text.returncode == 0, text.stderr
    assert text.stdout.splitlines()[0] == "Forum des usages coopératifs 2026 — dossier CSV …/classeur-2026"
    report = json.loads(run("report", str(folder), "--json").stdout)
    assert report["settings"]["days"] == ["2026-07-03", "2026-07-04"]
    checked = run("check", str(folder)).stdout
    assert "par exemple 03/07/2026" in checked and "2024" not in checked
