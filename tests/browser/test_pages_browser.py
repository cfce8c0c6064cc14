"""Every page in a real browser (Debian's Chromium), reached through the sidebar navigation.

On the sample, on a workbook with a tab missing and on an empty one (headers only): the run
finishes, no exception box, no traceback, no JavaScript error, no e-mail address, the page's
heading, and charts drawn (plotly's SVG) where the page has charts — or, where the data is
missing, an information box saying why.
"""
from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser.driver import CHART_TABS, PAGES, PHONE, expect_rerun, wait_for_run

from .conftest import Dashboard

# What each page must show in its main block, per workbook (edit as the pages change):
#   "charts"  at least one plotly chart, drawn (its SVG is there), once its tab (CHART_TABS) is opened;
#   "info"    an st.info box naming the tab to fill in (INFO_NAMES below).
# The "missing" workbook is the sample without its Participants tab; "empty" has headers only.
EXPECTED = {
    "sample": {"faisabilite": {"charts"}, "propositions": {"charts"}, "salles": {"charts"},
               "hebergement": {"charts"}, "ville": {"charts"}, "qualite": set()},
    "missing": {"faisabilite": {"charts"}, "propositions": {"charts"}, "salles": {"charts"},
                "hebergement": {"charts", "info"}, "ville": {"info"}, "qualite": set()},
    "empty": {"faisabilite": {"info"}, "propositions": {"info"}, "salles": {"info"},
              "hebergement": {"info"}, "ville": {"info"}, "qualite": set()},
}
INFO_NAMES = {"sample": "onglet", "missing": "Participants", "empty": "onglet"}

# The page's first heading (h1) begins with its title in the navigation.
HEADINGS = {slug: re.compile(rf"^{re.escape(title)}\b", re.IGNORECASE) for slug, title in PAGES.items()}


def check_page(board, slug: str, workbook: str, *, fresh: bool = True) -> None:
    where = f"page {slug} ({workbook})"
    problems = board.problems()
    assert not problems, f"{where} : " + " ; ".join(problems)
    current = board.page.locator('[data-testid="stSidebarNavLink"][aria-current="page"]')
    assert current.get_by_test_id("stMarkdownContainer").inner_text().strip() == PAGES[slug]
    headings = board.headings()
    assert headings and HEADINGS[slug].search(headings[0]), f"{where} : titres {headings}"
    expected = EXPECTED[workbook][slug]
    if "info" in expected:
        infos = board.info_boxes()
        assert [text for text in infos if INFO_NAMES[workbook] in text], \
            f"{where} : aucune explication qui nomme « {INFO_NAMES[workbook]} » : {infos}"
    if fresh:   # a first visit: the first tab, figures only; a tab clicked earlier may still be chosen
        assert board.drawn_charts() == 0, f"{where} : la page doit s'ouvrir sans graphique (ils attendent dans un onglet)"
    if slug in CHART_TABS and board.page.get_by_role("tab", name=CHART_TABS[slug], exact=True).count():
        board.open_tab(CHART_TABS[slug])
        assert not board.problems(), f"{where}, onglet {CHART_TABS[slug]} : " + " ; ".join(board.problems())
    charts = board.drawn_charts()
    assert charts == board.page.locator('[data-testid="stMain"] [data-testid="stPlotlyChart"]').count(), \
        f"{where} : un graphique n'est pas dessiné"
    if "charts" in expected:
        assert charts, f"{where} : aucun graphique dessiné"
    if "info" in expected:
        infos = board.info_boxes()
        assert [text for text in infos if INFO_NAMES[workbook] in text], \
            f"{where} : aucune explication qui nomme « {INFO_NAMES[workbook]} » : {infos}"


@pytest.mark.parametrize("slug", list(PAGES))
def test_each_page_through_the_navigation_on_the_sample(dashboard, slug):
    board = dashboard("sample").open(slug)
    check_page(board, slug, "sample")


def test_the_sample_pages_come_back_after_a_round_trip(dashboard):
    """Back to the first page after the others: the page is drawn again, not left stale."""
    board = dashboard("sample")
    for slug in ("ville", "faisabilite"):
        board.open(slug)
        check_page(board, slug, "sample", fresh=False)


@pytest.mark.parametrize("workbook", ["missing", "empty"])
def test_every_page_on_a_degraded_workbook(servers, dashboard, workbook):
    servers("missing", "empty")                 # both start side by side
    board = dashboard(workbook)
    assert not board.problems()
    for slug in PAGES:
        board.open(slug)
        check_page(board, slug, workbook)
    if workbook == "missing":                   # the quality page says which tab is absent
        assert_table_row(board.page, ["Participants", "absent"])


def assert_table_row(page, start: list[str], timeout_ms: int = 15_000) -> None:
    """Some table of the page (st.table, or st.dataframe read from the grid's accessible table, which it
    fills once drawn) has a row beginning with these cells."""
    rows_js = """() => [...document.querySelectorAll('[data-testid="stMain"] :is([data-testid="stDataFrame"], [data-testid="stTable"]) tbody tr')]
                       .map(row => [...row.cells].map(cell => cell.textContent))"""
    try:
        page.wait_for_function(f"() => ({rows_js})().some(row => {json.dumps(start)}.every((v, i) => row[i] === v))",
                               timeout=timeout_ms, polling=200)
    except PlaywrightTimeoutError:
        pytest.fail(f"aucune ligne {start} dans les tableaux : {page.evaluate(rows_js)}")


def test_the_home_page_on_a_phone(browser, servers):
    """390 px wide: nothing wider than the screen, and the navigation opens from the collapsed sidebar."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="fr-FR",
                                  timezone_id="Europe/Paris")
    try:
        board = Dashboard(context, servers("sample")).home().open_tab(CHART_TABS["faisabilite"])
        assert not board.problems()
        assert board.drawn_charts()
        overflow = board.page.evaluate("""() => Math.max(
            document.documentElement.scrollWidth - document.documentElement.clientWidth,
            ...[...document.querySelectorAll('[data-testid="stMain"], [data-testid="stMainBlockContainer"]')]
               .map(el => el.scrollWidth - el.clientWidth))""")
        assert overflow <= 1, f"la page d'accueil déborde de {overflow} px sur un écran de {PHONE['width']} px"
        assert not board.page.get_by_test_id("stSidebarNav").is_visible()
        board.open("ville")
        check_page(board, "ville", "sample")
    finally:
        context.close()


def test_lazy_tab_and_expander_draw_their_content_once_opened(dashboard):
    """Salles opens on « À régler » and sends a day's heat map when its tab is clicked, one at a time;
    Faisabilité sends the members' list when its expander is opened (both rerun the page, which
    must then draw them)."""
    board = dashboard("sample").open("salles")
    titles = '''() => [...document.querySelectorAll('[data-testid="stMain"] .js-plotly-plot .gtitle')]
                       .map(t => t.textContent)'''
    assert board.open_tab("À régler").page.evaluate(titles) == []     # (a tab chosen earlier stays chosen)
    assert board.open_tab("Mercredi 3 juillet").page.evaluate(titles) == ["Charge des salles, mercredi 3 juillet"]
    assert board.open_tab("Jeudi 4 juillet").page.evaluate(titles) == ["Charge des salles, jeudi 4 juillet"]
    assert not board.problems()

    board.open("faisabilite")
    frames = board.page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]')
    assert frames.count() == 0
    expect_rerun(board.page)
    board.page.get_by_test_id("stExpander").get_by_text("Membres actifs : qui fait quoi ?").click()
    wait_for_run(board.page)
    assert_table_row(board.page, ["Morgane Le Bihan"])
    assert not board.problems()


@pytest.mark.parametrize("workbook, title", [("sample", "Forum des usages coopératifs 2024"),
                                             ("edition2026", "Forum des usages coopératifs 2026")])
def test_window_title_is_the_workbooks_edition(dashboard, workbook, title):
    board = dashboard(workbook).open("ville")
    assert board.page.title() == title
    assert not board.problems()
