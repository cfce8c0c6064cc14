"""Load test: many people opening the Ville page at once, against the Google Sheets emulator.

    .venv/bin/python bench/load.py [--sessions 20] [--ttl 60] [--rounds 1]

Not part of the test suite. Starts the Sheets emulator (tests/emulators/sheets.py) in this
process with the bundled sample as a link-shared sheet, then ``streamlit run dashboard.py`` on a
free loopback port with FORUM_SOURCE = the sheet's key, FORUM_GOOGLE_ENDPOINT = the emulator and
FORUM_CACHE_TTL (60 s); no secrets (so the public profile, aggregates only), the snapshot in a
temporary folder. Then opens N headless browser sessions (separate contexts of Debian's
Chromium, /usr/bin/chromium) on the Ville page at the same moment and waits until each has
finished its run and drawn its charts. ``--rounds`` repeats the wave (a new wave after the
cache period has passed shows one more upstream read).

Prints: sessions rendered, wall time and per-session times, upstream Sheets requests during the
run against the cache periods it spanned, and the server's resident memory (VmRSS) before and after.
"""
from __future__ import annotations

import argparse
import asyncio
import math
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.run import launch as launch_dashboard, rss_mib  # noqa: E402
from forum_data.sources import SAMPLE_DIR, read_csv_folder  # noqa: E402
from tests.browser.driver import (CHROMIUM, CHROMIUM_ARGS, DESKTOP, Server, _RUN_FINISHED,  # noqa: E402
                                  stop_server, wait_healthy)
from tests.emulators.sheets import SheetsEmulator  # noqa: E402

KEY = "1FoRuMbReSt2024ChArGe_aBcDeFgHiJkLmNoPqRsTu"


def launch(emulator: SheetsEmulator, ttl: int, workdir: Path) -> Server:
    """``streamlit run dashboard.py`` on the emulated sheet (bench/run.py's launcher: no secrets, a
    snapshot folder of its own)."""
    return launch_dashboard("dashboard.py", {"FORUM_SOURCE": KEY, "FORUM_GOOGLE_ENDPOINT": emulator.url,
                                             "FORUM_CACHE_TTL": str(ttl)}, workdir / "streamlit.log")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (/proc/PID/stat), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def one_session(browser, url: str, timeout_ms: int) -> tuple[bool, float, str]:
    started = time.monotonic()
    context = await browser.new_context(viewport=DESKTOP, locale="fr-FR", timezone_id="Europe/Paris")
    try:
        page = await context.new_page()
        await page.goto(url + "/ville", timeout=timeout_ms)
        await page.wait_for_function(_RUN_FINISHED, timeout=timeout_ms, polling=200)
        await page.wait_for_function(
            """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
                     .every(c => c.querySelector('.js-plotly-plot .main-svg'))""", timeout=timeout_ms, polling=200)
        heading = (await page.locator('[data-testid="stMain"] h1').first.inner_text()).strip()
        problems = await page.get_by_test_id("stException").count()
        ok = heading.startswith("Ville") and not problems
        return ok, time.monotonic() - started, heading
    except Exception as error:  # noqa: BLE001 — a failed session is counted, not fatal
        state = await page.evaluate("""() => {
            const app = document.querySelector('[data-testid="stApp"]');
            return app ? [app.getAttribute('data-test-connection-state'), app.getAttribute('data-test-script-state'),
                          document.querySelectorAll('[data-stale="true"]').length,
                          (document.querySelector('[data-testid="stMain"] h1') || {}).innerText || ''] : null;
        }""")
        return False, time.monotonic() - started, f"{type(error).__name__} sur {page.url} : {state}"
    finally:
        await context.close()


async def warm_up(url: str, timeout_ms: int) -> None:
    """One visit of the home page, then of the Ville page: the server's first runs, which import
    pandas, plotly and openpyxl and read the source once (see ``main``)."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = await browser.new_page()
            for path in ("/", "/ville"):
                await page.goto(url + path, timeout=timeout_ms)
                await page.wait_for_function(_RUN_FINISHED, timeout=timeout_ms, polling=200)
        finally:
            await browser.close()


async def wave(url: str, sessions: int, timeout_ms: int):
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return await asyncio.gather(*(one_session(browser, url, timeout_ms) for _ in range(sessions)))
        finally:
            await browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--ttl", type=int, default=60, help="FORUM_CACHE_TTL of the server (seconds)")
    parser.add_argument("--rounds", type=int, default=1, help="waves of sessions, one cache period apart")
    parser.add_argument("--timeout", type=int, default=300, help="seconds allowed to each session")
    parser.add_argument("--warm-up", action="store_true",
                        help="visit the home and Ville pages once before the first wave (memory growth then "
                             "excludes the libraries loaded by the first run)")
    args = parser.parse_args(argv)
    if not os.access(CHROMIUM, os.X_OK):
        print(f"{CHROMIUM} est introuvable : installez le paquet Debian « chromium ».", file=sys.stderr)
        return 2

    tabs = {sheet.title: sheet.rows for sheet in read_csv_folder(SAMPLE_DIR).sheets}
    with tempfile.TemporaryDirectory(prefix="forum-charge-") as folder, SheetsEmulator() as emulator:
        emulator.add_spreadsheet(KEY, tabs, link_shared=True, title="Forum 2024 (charge)")
        server = wait_healthy(launch(emulator, args.ttl, Path(folder)))
        try:
            time.sleep(1.0)
            before = rss_mib(server.process.pid)
            cpu_before = cpu_seconds(server.process.pid)
            upstream_before = emulator.counts["export"]
            started = time.monotonic()
            if args.warm_up:    # one visit first (the cache then already holds a read, the libraries are loaded)
                asyncio.run(warm_up(server.url, args.timeout * 1000))
                time.sleep(1.0)
            warmed = time.monotonic() - started
            warm_rss = rss_mib(server.process.pid)
            results = []
            for round_number in range(args.rounds):
                if round_number:
                    pause = args.ttl + 1 - (time.monotonic() - started) % args.ttl
                    print(f"… attente de {pause:.0f} s : période de cache suivante")
                    time.sleep(pause)
                results += asyncio.run(wave(server.url, args.sessions, args.timeout * 1000))
            elapsed = time.monotonic() - started
            time.sleep(1.0)
            after = rss_mib(server.process.pid)
            cpu = cpu_seconds(server.process.pid) - cpu_before
            upstream = emulator.counts["export"] - upstream_before
            traceback = "Traceback" in server.log_tail(10**9)
        finally:
            stop_server(server)

    rendered = sum(ok for ok, _, _ in results)
    times = sorted(t for _, t, _ in results)
    periods = max(1, math.ceil(elapsed / args.ttl)) if args.ttl else None
    print(f"Sessions affichées      : {rendered}/{len(results)} (page Ville, {args.rounds} vague(s) "
          f"de {args.sessions} sessions simultanées)")
    warm = f" (dont {warmed:.1f} s pour une première visite de l'accueil et de Ville)" if args.warm_up else ""
    print(f"Durée totale            : {elapsed:.1f} s{warm} ; "
          f"par session : médiane {statistics.median(times):.1f} s, max {times[-1]:.1f} s")
    print(f"Lectures Google Sheets  : {upstream} pendant l'essai ({periods} période(s) de cache de {args.ttl} s "
          f"entamée(s) ; attendu : au plus une par période)")
    warm_memory = (f", {warm_rss:.0f} Mio après la première visite (bibliothèques chargées, source lue)"
                   if args.warm_up else "")
    print(f"Mémoire du serveur      : {before:.0f} Mio avant{warm_memory}, {after:.0f} Mio après (VmRSS)"
          + (f" : +{after - warm_rss:.0f} Mio pour les {len(results)} sessions" if args.warm_up else ""))
    print(f"Temps de calcul du serveur : {cpu:.1f} s de CPU pour toute la vague (le reste de la durée est "
          f"le navigateur : {len(results)} rendus de graphiques sur cette machine)")
    print(f"Trace d'erreur au journal du serveur : {'oui' if traceback else 'non'}")
    failures = [detail for ok, _, detail in results if not ok]
    for detail in failures[:5]:
        print(f"  échec : {detail}")
    return 0 if rendered == len(results) and (periods is None or upstream <= periods) else 1


if __name__ == "__main__":
    sys.exit(main())
