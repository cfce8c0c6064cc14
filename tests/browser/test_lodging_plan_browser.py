"""« Qui loger où » in a real browser: the button, the spinner's end, the plan, and its CSV download.

The CSV the committee downloads lodges the same guests in the same offers as
``python -m forum_data plan hebergement --json`` on the sample, and holds names only.
"""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from tests.browser.driver import EMAIL, REPO, download, expect_rerun, wait_for_run

PHONE_DIGITS = ("06 39 98", "01 99 00")      # the sample's fictional phone prefixes


@pytest.fixture(scope="module")
def plan() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORUM_")}
    env["FORUM_SECRETS_FILE"] = str(REPO / "tests" / "absent-secrets.toml")
    proc = subprocess.run([sys.executable, "-m", "forum_data", "plan", "hebergement", "--json"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120, check=True)
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def solved(dashboard):
    board = dashboard("sample").open("hebergement")
    button = board.page.get_by_role("button", name="Calculer le plan d'hébergement")
    assert button.is_visible()
    expect_rerun(board.page)
    button.click()
    wait_for_run(board.page)
    return board


def test_plan_button_shows_the_plan(solved, plan):
    main = solved.page.get_by_test_id("stMain")
    assert solved.page.get_by_role("button", name="Calculer le plan d'hébergement").count() == 0
    placed, total = plan["objective"]["guests_placed"], len(plan["placed"]) + len(plan["unplaced"])
    assert main.get_by_text(f"{placed} personnes logées sur {total} sans changer de lieu").is_visible()
    assert main.get_by_text(f"Sans place ({len(plan['unplaced'])})").is_visible()
    assert main.get_by_text(plan["unplaced"][0]["guest"]).first.is_visible()
    assert not solved.problems()


def test_plan_csv_download_matches_the_command_line(solved, plan, tmp_path):
    buttons = solved.page.locator('[data-testid="stDownloadButton"]').filter(has_text="Plan d'hébergement (CSV)")
    assert buttons.count() == 1
    target = download(solved, buttons, tmp_path)
    assert target.name == "forum-2024-plan-hebergement.csv"
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")                  # BOM: French Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Offre", "Type", "Personne", "Nuits"]
    assert [(r[2], r[0]) for r in rows[1:] if r[0] != "Sans place"] == [(p["guest"], p["offer"]) for p in plan["placed"]]
    assert sorted(r[2] for r in rows[1:] if r[0] == "Sans place") == sorted(u["guest"] for u in plan["unplaced"])
    text = data.decode("utf-8-sig")
    assert not EMAIL.search(text) and not any(prefix in text for prefix in PHONE_DIGITS)
    assert not solved.problems()
