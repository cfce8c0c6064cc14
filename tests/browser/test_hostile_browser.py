"""Hostile cells in a real browser (Debian's Chromium): nothing from a cell executes or becomes a link.

The dashboard serves the hostile workbook of tests/workbooks.py (``<script>``, ``<img onerror>``,
Markdown links and images, ``javascript:`` links, LaTeX, ``=HYPERLINK``, 20,000 characters, emoji in
every free-text column; a room named ``<img src=x onerror=…>``). Every page is opened through the
sidebar: no dialog fires (``alert``), no ``javascript:`` link and no element with an event-handler
attribute is in the DOM, no image or script from a cell is created, nothing is fetched from the
attacker's host; and the hostile text is there, shown as text.
"""
from __future__ import annotations

import pytest

from tests.browser.driver import (DESKTOP, PAGES, launch_server, open_home, open_through_navigation, stop_server,
                                  wait_healthy)
from tests.workbooks import ROOM, hostile_workbook

_DOM_PROBLEMS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    const hrefs = [...document.querySelectorAll('[href]')].map(e => e.getAttribute('href') || '');
    const handlers = [...app.querySelectorAll('*')].flatMap(e => [...e.attributes]
        .filter(a => a.name.toLowerCase().startsWith('on')).map(a => `${e.tagName}[${a.name}]`));
    const images = [...app.querySelectorAll('img')].map(i => i.getAttribute('src') || '')
        .filter(src => src === 'x' || src.includes('evil.example'));
    const scripts = app.querySelectorAll('script').length;
    return {javascript: hrefs.filter(h => h.trim().toLowerCase().startsWith('javascript:')),
            handlers, images, scripts};
}"""


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    folder = hostile_workbook(tmp_path_factory.mktemp("hostile"))
    server = wait_healthy(launch_server(folder))
    yield server
    stop_server(server)


def test_no_cell_executes_or_becomes_a_link_in_the_browser(browser, hostile_server):
    context = browser.new_context(viewport=DESKTOP, locale="fr-FR", timezone_id="Europe/Paris")
    page = context.new_page()
    page.set_default_timeout(30_000)
    dialogs, outside, js_errors = [], [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("request", lambda request: outside.append(request.url) if "evil.example" in request.url else None)
    page.on("pageerror", lambda error: js_errors.append(str(error)))
    shown_as_text = []
    try:
        open_home(page, hostile_server)
        for slug in PAGES:
            open_through_navigation(page, slug)
            page.wait_for_timeout(300)                 # time for an injected onerror to fire
            problems = page.evaluate(_DOM_PROBLEMS)
            assert not problems["javascript"], (slug, problems["javascript"])
            assert not problems["handlers"], (slug, problems["handlers"][:5])
            assert not problems["images"] and not problems["scripts"], (slug, problems)
            assert not page.get_by_test_id("stException").count(), slug
            text = page.get_by_test_id("stApp").text_content()
            if ROOM in text or "[clic](javascript:alert(1))" in text:
                shown_as_text.append(slug)
        assert not dialogs, f"une boîte de dialogue s'est ouverte : {dialogs}"
        assert not outside, f"requêtes vers l'hôte de l'attaquant : {outside[:3]}"
        assert not js_errors, js_errors
        assert shown_as_text, "aucun texte hostile affiché : le test ne verrait pas une injection"
    finally:
        context.close()
