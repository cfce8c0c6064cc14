"""The browser tests' driver: the dashboard served by ``streamlit run`` on a free loopback port, Debian's
Chromium (/usr/bin/chromium) through Playwright, and waiting for a run, a rerun or the charts to be drawn.

bench/ (screenshots, timings, load) drives the dashboard with the same helpers and imports them from here.
"""
from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from ui.registry import PAGES as PAGE_SPECS, PAGES_BY_SLUG

REPO = Path(__file__).resolve().parent.parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
                 "--disable-dev-shm-usage"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
STARTUP_TIMEOUT = 60.0
RUN_TIMEOUT_MS = 60_000

# slug -> title in the sidebar navigation, in navigation order (the frame's registry).
PAGES = {spec.slug: spec.title for spec in PAGE_SPECS}

#: What an e-mail address looks like in a page's text (none may be shown).
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
# Each page opens on its figures; its charts wait in a lazy tab: the one to click to see them.
CHART_TABS = {"faisabilite": "Au fil du temps", "propositions": "Graphiques", "salles": "Mercredi 3 juillet",
              "hebergement": "Graphiques", "ville": "Graphiques"}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log: Path

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")[-chars:]
        except OSError:
            return ""


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200 and response.read().strip() == b"ok"
    except OSError:
        return False


def launch_server(source: str | Path | None = None, log: Path | None = None) -> Server:
    """Start ``streamlit run dashboard.py`` on a free loopback port; do not wait for it.

    ``source`` becomes FORUM_SOURCE (None: the bundled sample); no other FORUM_* variable of
    the caller passes. The secrets file points nowhere, so a developer's real
    ``.streamlit/secrets.toml`` is never read.
    """
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORUM_")}
    env["FORUM_SECRETS_FILE"] = str(Path(tempfile.gettempdir()) / f"forum-no-secrets-{port}" / "secrets.toml")
    if source is not None:
        env["FORUM_SOURCE"] = str(source)
    if log is None:
        log = Path(tempfile.mkstemp(prefix="streamlit-", suffix=".log")[1])
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none"],
            cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    return Server(url=f"http://127.0.0.1:{port}", process=process, log=log)


def wait_healthy(server: Server, timeout: float = STARTUP_TIMEOUT) -> Server:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"Streamlit s'est arrêté au démarrage (code {server.process.returncode}) :\n"
                               f"{server.log_tail()}")
        if _healthy(server.url):
            return server
        time.sleep(0.2)
    stop_server(server)
    raise RuntimeError(f"Streamlit ne répond pas sur {server.url}/_stcore/health après {timeout:.0f} s :\n"
                       f"{server.log_tail()}")


def stop_servers(servers: list[Server], grace: float = 5.0) -> None:
    """Stop each server's whole process group (streamlit and anything it started), side by side."""
    def signal_all(signum) -> list[Server]:
        alive = [s for s in servers if s.process.poll() is None]
        for server in alive:
            try:
                os.killpg(server.process.pid, signum)
            except ProcessLookupError:
                pass
        return alive

    signal_all(signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline and any(s.process.poll() is None for s in servers):
        time.sleep(0.05)
    for server in signal_all(signal.SIGKILL):
        server.process.wait(timeout=10)


def stop_server(server: Server) -> None:
    stop_servers([server])


@contextmanager
def running_server(source: str | Path | None = None):
    server = wait_healthy(launch_server(source))
    try:
        yield server
    finally:
        stop_server(server)


def launch_browser(playwright):
    """Debian's Chromium through Playwright (``playwright install`` downloads are not reachable in CI)."""
    if not os.access(CHROMIUM, os.X_OK):
        raise RuntimeError(f"{CHROMIUM} est introuvable : installez le paquet Debian « chromium » "
                           "(scripts/test.sh le fait avec apt-get).")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


# The run is over: connected, the script is not running, no element of the previous run is
# left stale, no element still loading its code, and the main block holds something.
_RUN_FINISHED = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app) return false;
    if (app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
    if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    if (document.querySelector('[data-testid="stMain"] [data-stale="true"]')) return false;
    if (document.querySelector('[data-testid="stStatusWidgetRunningIcon"]')) return false;
    if (document.querySelector('[data-testid="stSpinner"]')) return false;
    // Elements whose code is still loading (plotly, dataframes...) show a skeleton meanwhile.
    if (document.querySelector('[data-testid="stSkeleton"], [data-testid="stAppSkeleton"]')) return false;
    const main = document.querySelector('[data-testid="stMainBlockContainer"]');
    return !!main && main.querySelector('[data-testid="stElementContainer"]') !== null;
}"""


def wait_for_run(page, timeout_ms: int = RUN_TIMEOUT_MS) -> None:
    """Wait until Streamlit has finished running the script and drawn the page.

    After ``expect_rerun(page)``, also wait until that rerun has started (or 1.5 s went by:
    a rerun so quick that the browser never painted it).
    """
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    page.wait_for_function(
        f"""() => {{
            const armed = window.__forumRerun;
            if (armed && !armed.seen && Date.now() - armed.since < 1500) return false;
            return ({_RUN_FINISHED})();
        }}""", timeout=timeout_ms, polling=100)


def expect_rerun(page) -> None:
    """Before an action that reruns the script: note when the script state next changes."""
    page.evaluate("""() => {
        const app = document.querySelector('[data-testid="stApp"]');
        if (window.__forumRerun) window.__forumRerun.observer.disconnect();
        const armed = {seen: false, since: Date.now(), observer: null};
        armed.observer = new MutationObserver(() => { armed.seen = true; });
        armed.observer.observe(app, {attributes: true, attributeFilter: ["data-test-script-state"]});
        window.__forumRerun = armed;
    }""")


def wait_for_charts(page, timeout_ms: int = RUN_TIMEOUT_MS) -> int:
    """Wait until every plotly chart of the page has drawn its SVG; return how many there are."""
    charts = page.get_by_test_id("stPlotlyChart")
    count = charts.count()
    if count:
        page.wait_for_function(
            """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
                     .every(c => c.querySelector('.js-plotly-plot .main-svg'))""",
            timeout=timeout_ms, polling=100)
    return count


def click_tab(page, label: str) -> None:
    """Click the tab ``label`` (lazy tabs rerun the page to build it); wait for the run and its charts.

    On a phone, the open sidebar covers the page: it is closed first, as a reader would.
    """
    sidebar = page.get_by_test_id("stSidebar")
    if (page.viewport_size or {}).get("width", 1280) < 640 and sidebar.get_attribute("data-collapsed") == "false":
        page.get_by_test_id("stSidebarCollapseButton").locator("button").click()
        page.wait_for_function(
            """() => document.querySelector('[data-testid="stSidebar"]').getAttribute('data-collapsed') === 'true'""")
    expect_rerun(page)
    page.get_by_role("tab", name=label, exact=True).click()
    wait_for_run(page)
    wait_for_charts(page)


def open_home(page, server: Server) -> None:
    page.goto(server.url + "/")
    wait_for_run(page)


def page_path(slug: str) -> str:
    """The URL path of a page: the default page is served at the root."""
    return PAGES_BY_SLUG[slug].path


def open_through_navigation(page, slug: str) -> None:
    """Click the page's link in the sidebar navigation and wait for its run to finish."""
    nav = page.get_by_test_id("stSidebarNav")
    if not nav.is_visible():                           # phone width: the sidebar starts collapsed
        page.get_by_test_id("stExpandSidebarButton").click()
    expect_rerun(page)
    nav.get_by_role("link", name=PAGES[slug], exact=True).click()
    page.wait_for_url(lambda url: urlparse(url).path == page_path(slug))
    wait_for_run(page)
    wait_for_charts(page)


def download(board, button, folder: Path) -> Path:
    """Click a download button of the page (a ``stDownloadButton`` locator); the saved file.

    ``board`` is a browser test's page with ``problems()`` (tests/browser/conftest.py): none may
    appear while downloading.
    """
    with board.page.expect_download() as info:
        button.locator("button").first.click()
    target = folder / info.value.suggested_filename
    info.value.save_as(target)
    assert not board.problems()
    return target
