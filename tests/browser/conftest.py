"""Fixtures of the browser tests: the dashboard served on free loopback ports, Debian's Chromium.

The driver (server, browser, waiting for a run) is tests/browser/driver.py. Each xdist worker starts
its own servers (one per workbook it needs) and its own browser. The servers read the bundled sample,
or a CSV folder written here (a tab missing, headers only, or the 2026 edition of tests/builders.py);
FORUM_SECRETS_FILE points nowhere, so a developer's secrets are never read.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.browser.driver import (CHROMIUM, DESKTOP, EMAIL, REPO, Server, click_tab, launch_browser, launch_server,
                                  open_home, open_through_navigation, stop_servers, wait_healthy)
from tests.builders import EDITION_2026, write_csv_workbook

SAMPLE = REPO / "forum_data" / "sample"
MISSING_TAB = "Participants"          # the tab left out of the "missing" workbook


def _headers_only(source: Path, target: Path) -> None:
    with source.open(encoding="utf-8") as handle:
        target.write_text(handle.readline(), encoding="utf-8")


@pytest.fixture(scope="session")
def workbooks(tmp_path_factory) -> dict[str, Path | None]:
    """Workbook name → FORUM_SOURCE (None: the bundled sample)."""
    root = tmp_path_factory.mktemp("classeurs")
    missing, empty = root / "onglet-manquant", root / "vide"
    missing.mkdir()
    empty.mkdir()
    for tab in sorted(SAMPLE.glob("*.csv")):
        if tab.stem != MISSING_TAB:
            shutil.copy(tab, missing / tab.name)
        _headers_only(tab, empty / tab.name)
    edition = write_csv_workbook(root / "edition-2026", EDITION_2026)
    return {"sample": None, "missing": missing, "empty": empty, "edition2026": edition}


@pytest.fixture(scope="session")
def servers(workbooks, tmp_path_factory):
    """``servers(*names)``: the dashboard serving each workbook, started on first use (several at
    once start side by side), stopped at the end of the session. Returns one Server or a list."""
    started: dict[str, Server] = {}
    logs = tmp_path_factory.mktemp("streamlit-logs")

    def get(*names: str):
        fresh = [name for name in dict.fromkeys(names) if name not in started]
        for name in fresh:
            started[name] = launch_server(workbooks[name], log=logs / f"{name}.log")
        for name in fresh:
            wait_healthy(started[name])
        found = [started[name] for name in names]
        return found[0] if len(found) == 1 else found

    yield get
    stop_servers(list(started.values()))


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} est introuvable : les tests du navigateur pilotent le Chromium de Debian. "
                    "Lancez scripts/test.sh (il l'installe avec apt-get) ou « apt-get install chromium ».",
                    pytrace=False)
    with sync_playwright() as playwright:
        chromium = launch_browser(playwright)
        yield chromium
        chromium.close()


class Dashboard:
    """One browser tab on one server, with what went wrong on the way (JS errors, server tracebacks)."""

    def __init__(self, context, server: Server):
        self.context = context
        self.server = server
        self.page = context.new_page()
        self.page.set_default_timeout(30_000)
        self.js_errors: list[str] = []
        self.page.on("pageerror", lambda error: self.js_errors.append(str(error)))
        self._log_mark = 0

    def _mark(self) -> None:
        self.js_errors.clear()
        self._log_mark = len(self.server.log_tail(10**9))

    def home(self) -> "Dashboard":
        self._mark()
        open_home(self.page, self.server)
        return self

    def open(self, slug: str) -> "Dashboard":
        """Open a page by clicking its link in the sidebar navigation; wait for the run and charts."""
        self._mark()
        open_through_navigation(self.page, slug)
        return self

    def open_tab(self, label: str) -> "Dashboard":
        """Click the tab ``label`` and wait for its run and charts (driver.click_tab)."""
        click_tab(self.page, label)
        return self

    def text(self) -> str:
        """The app's text, hidden parts included (the dataframes' accessible tables)."""
        return self.page.get_by_test_id("stApp").text_content()

    def problems(self) -> list[str]:
        """Everything that must never happen on a page, in words (empty when all is well)."""
        found = []
        exceptions = self.page.get_by_test_id("stException")
        if exceptions.count():
            found.append(f"{exceptions.count()} boîte(s) d'exception : {exceptions.all_inner_texts()}")
        text = self.text()
        if "Traceback" in text:
            found.append("« Traceback » affiché dans la page")
        if EMAIL.search(text):
            found.append("une adresse e-mail est affichée")
        if self.js_errors:
            found.append(f"erreurs JavaScript : {self.js_errors}")
        server_log = self.server.log_tail(10**9)[self._log_mark:]
        if "Traceback" in server_log:
            found.append(f"trace d'erreur dans le journal du serveur :\n{server_log[-3000:]}")
        return found

    def headings(self) -> list[str]:
        return [t.strip() for t in self.page.locator('[data-testid="stMain"] h1').all_inner_texts()]

    def drawn_charts(self) -> int:
        """Plotly charts that rendered their SVG."""
        return self.page.locator('[data-testid="stMain"] [data-testid="stPlotlyChart"] .js-plotly-plot .main-svg').evaluate_all(
            "svgs => new Set(svgs.map(s => s.closest('[data-testid=\"stPlotlyChart\"]'))).size")

    def info_boxes(self) -> list[str]:
        return self.page.locator('[data-testid="stMain"] [data-testid="stAlertContentInfo"]').all_inner_texts()


@pytest.fixture(scope="module")
def dashboard(browser, servers):
    """``dashboard(name)``: a desktop-width tab (1280 px) on that workbook's server, opened on the
    home page and kept for the whole test module."""
    opened: dict[str, Dashboard] = {}

    def get(name: str = "sample") -> Dashboard:
        if name not in opened:
            context = browser.new_context(viewport=DESKTOP, locale="fr-FR", timezone_id="Europe/Paris",
                                          accept_downloads=True)
            opened[name] = Dashboard(context, servers(name)).home()
        return opened[name]

    yield get
    for board in opened.values():
        board.context.close()
