"""Screenshots of every dashboard page on the bundled sample, for the README ("Aperçu").

    .venv/bin/python bench/screenshots.py [OUT_DIR]     # default: docs/screenshots/

Starts the dashboard on a free port of 127.0.0.1 (bundled sample, no secrets read), drives
Debian's Chromium (/usr/bin/chromium) through Playwright, opens each page through the sidebar
navigation and writes ``<slug>.png`` (the whole page, 1280 px wide), plus
``faisabilite-telephone.png`` (the first screen of the home page on a 390 × 844 phone, at 2×).

The server, browser and waiting helpers are the browser tests' driver (tests/browser/driver.py).
"""
from __future__ import annotations

import io
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tests.browser.driver import (CHART_TABS, DESKTOP, PAGES, PHONE, click_tab, expect_rerun,  # noqa: E402
                                  launch_browser, open_home, open_through_navigation, running_server,
                                  wait_for_charts, wait_for_run)
# Re-exported for bench/run.py, which still imports them from here (the driver is tests/browser/driver.py).
from tests.browser.driver import CHROMIUM, CHROMIUM_ARGS, Server, _RUN_FINISHED, free_port, stop_server, wait_healthy  # noqa: E402,F401

# Where the content ends: the bottom of the main block (or of the sidebar's, if longer).
_CONTENT_HEIGHT = """() => Math.ceil(Math.max(
    ...['stMainBlockContainer', 'stSidebarUserContent'].map(id => {
        const el = document.querySelector(`[data-testid="${id}"]`);
        const scroller = el && el.closest('[data-testid="stMain"], [data-testid="stSidebarContent"]');
        return el ? el.getBoundingClientRect().bottom + (scroller ? scroller.scrollTop : 0) : 0;
    })))"""
MAX_HEIGHT = 8000


def screenshot(page, path: Path, whole: bool = True) -> None:
    """The whole page (or only the first screen) as a PNG, optimised with Pillow when available.

    Streamlit scrolls inside its main block, not the document, so a "full page" screenshot
    would stop at the window: the window is stretched to the content's height instead.
    """
    viewport = page.viewport_size
    height = viewport["height"]
    if whole:
        height = min(MAX_HEIGHT, max(height, page.evaluate(_CONTENT_HEIGHT)))
    page.set_viewport_size({"width": viewport["width"], "height": height})
    try:
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        page.wait_for_timeout(200)
        data = page.screenshot(animations="disabled", caret="hide")
    finally:
        page.set_viewport_size(viewport)
    try:
        from PIL import Image
    except ImportError:
        path.write_bytes(data)
        return
    Image.open(io.BytesIO(data)).save(path, format="PNG", optimize=True)


def section_screenshot(page, out_dir: Path, slug: str, button: str, heading: str, next_heading: str | None,
                       name: str) -> Path:
    """A page's section once its button was clicked: from ``heading`` to the ``next_heading`` after it
    (or to the end of the page)."""
    open_through_navigation(page, slug)
    expect_rerun(page)
    page.get_by_role("button", name=button).click()
    wait_for_run(page)
    wait_for_charts(page)
    target = out_dir / name
    tops = [page.get_by_role("heading", name=text).first.evaluate(
        "el => el.getBoundingClientRect().top + el.closest('[data-testid=\"stMain\"]').scrollTop")
        for text in (heading, next_heading) if text]
    screenshot(page, target)
    try:
        from PIL import Image
    except ImportError:
        return target
    image = Image.open(target)
    bottom = min(image.height, int(tops[1]) - 8) if len(tops) > 1 else image.height
    image.crop((0, max(0, int(tops[0]) - 16), image.width, bottom)).save(target, optimize=True)
    return target


def room_plan_screenshot(page, out_dir: Path) -> Path:
    """The Salles page's « Proposer un planning » section, once its button was clicked."""
    return section_screenshot(page, out_dir, "salles", "Proposer un planning", "Proposer un planning", None,
                              "salles-planning-propose.png")


def lodging_plan_screenshot(page, out_dir: Path) -> Path:
    """The Hébergement page's « Qui loger où » section, once its button was clicked."""
    return section_screenshot(page, out_dir, "hebergement", "Calculer le plan d'hébergement", "Qui loger où",
                              "Les offres", "hebergement-qui-loger-ou.png")


def take_screenshots(out_dir: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with running_server() as server, sync_playwright() as playwright:
        browser = launch_browser(playwright)
        try:
            context = browser.new_context(viewport=DESKTOP, locale="fr-FR", timezone_id="Europe/Paris")
            page = context.new_page()
            open_home(page, server)
            for slug in PAGES:
                open_through_navigation(page, slug)
                target = out_dir / f"{slug}.png"
                screenshot(page, target)
                written.append(target)
                if slug in CHART_TABS:          # the same page with its charts' tab opened
                    click_tab(page, CHART_TABS[slug])
                    target = out_dir / f"{slug}-graphiques.png"
                    screenshot(page, target)
                    written.append(target)
            written.append(room_plan_screenshot(page, out_dir))
            written.append(lodging_plan_screenshot(page, out_dir))
            context.close()
            phone = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True,
                                        locale="fr-FR", timezone_id="Europe/Paris")
            page = phone.new_page()
            open_home(page, server)
            wait_for_charts(page)
            target = out_dir / "faisabilite-telephone.png"
            screenshot(page, target, whole=False)             # the first screen: what a phone shows
            written.append(target)
            phone.close()
        finally:
            browser.close()
    return written


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0]) if argv else REPO / "docs" / "screenshots"
    started = time.monotonic()
    for path in take_screenshots(out_dir):
        print(f"{path.relative_to(REPO) if path.is_relative_to(REPO) else path} "
              f"({path.stat().st_size // 1024} Kio)")
    print(f"{time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
