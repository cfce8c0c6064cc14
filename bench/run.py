"""The performance benchmark of issue 6: where the time goes, on this machine, as a Markdown table.

    .venv/bin/python bench/run.py                 # everything (≈ 40 minutes on 2 shared cores)
    .venv/bin/python bench/run.py --no-browser    # the data layer and the Sheets requests only
    .venv/bin/python bench/run.py --quick         # the sample and 1×/10× only, 2 repeats (smoke)
    .venv/bin/python bench/run.py --no-browser --scales 100 --report-scale 0   # spreadsheets over CSV only
    .venv/bin/python bench/run.py --cli-only      # report --json at 1000× only (both workbooks, ≈ 2 minutes)

Not part of the test suite. Prints the tables and writes them to bench/out/results.md.

1. **Data layer**: read (source → cell text), validate (``build_forum``) and metrics (every
   figure the pages draw: ``build_report`` plus the Salles page's own work, each day's heat map
   and every overbooked, clashing or ill-equipped session with its free-room suggestion) for the bundled sample and generated workbooks 10× and
   100× its size (bench/workbooks.py), from a CSV folder, an .xlsx file, an .ods file and the
   Google Sheets emulator (tests/emulators/sheets.py: service account, one ``spreadsheets.get``;
   link-shared, one .xlsx export). Medians of several runs; the emulator's own time to build its
   answer is subtracted. "Floor" is the library alone on the same bytes (csv.reader;
   python-calamine; HTTP + ``json.loads``). Growth 100×/10× (10 = linear); each spreadsheet kind's
   total over the CSV folder's, per workbook (issue 14: ≤ 1.5).
   **The command line at 1000×**: ``python -m forum_data report --json`` on two 1000× CSV folders
   (the bench's own shape, and issue 14's « small forum »: 14,000 participants, 16,000 proposals,
   12,000 sessions, 7,000 rooms) and on the sample, each in a fresh process (``--report-scale``);
   the cost of each over the sample's run (issue 14: < 3 s for the small forum), wall and CPU.
   **The plans' solve times** (issues 9 and 10) when bench/plans.py (room plan,
   ``room_plan_figures``) and bench/plans_lodging.py (``measure_lodging_plan``) are there: see
   ``plan_rows`` — absent on a branch without them, said so in the table.
2. **Sheets requests** per read through gspread against the emulator, and bytes transferred.
3. **Browser** (Playwright + Debian's /usr/bin/chromium): each page from navigation to the
   script finished (Streamlit's ``data-test-script-state`` back to ``notRunning`` and the main
   block drawn), warm cache, median of ``--loads`` loads, divided by the bare page ``st.write("ok")``
   served by the same server in the same run (``FORUM_BENCH_BARE_PAGE=1`` adds it to the frame's
   menu, with « ok + graphique », the same plus one Plotly chart) — and, for reference, by
   bench/bare_page.py alone on a second server. Measured two ways: the page's address loaded in
   the tab, and a click in the sidebar menu with the dashboard already open. Also the bytes the
   server sends per page (websocket frames: charts ship aggregates, tables their rows).
4. **Rerun** after a filter click on Propositions, against the Sheets emulator: upstream
   requests (must be 0 within the cache period) and the rerun time.
5. **Memory**: the server's RSS before and after 20 sessions have each visited every page.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import gc
import io
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench import workbooks  # noqa: E402
from forum_data import metrics  # noqa: E402
from forum_data.forum import build_forum, gc_paused  # noqa: E402
from forum_data.report import build_report  # noqa: E402
from forum_data.sources.csvdir import read_csv_folder  # noqa: E402
from forum_data.sources.spreadsheet import read_ods, read_xlsx  # noqa: E402
from forum_data.charts import rooms as rooms_chart  # noqa: E402
from forum_data.views import rooms as rooms_view  # noqa: E402
from ui.registry import PAGES as PAGE_SPECS  # noqa: E402

OUT = REPO / "bench" / "out"
SAMPLE_DIR = REPO / "forum_data" / "sample"
KINDS = ("CSV", "xlsx", "ods", "Sheets (compte de service)", "Sheets (lien, export xlsx)")
SPREADSHEET_KINDS = ("xlsx", "ods", "Sheets (lien, export xlsx)")   # files, divided by the CSV folder


# ----------------------------------------------------------------------------- helpers

def median(values):
    return statistics.median(values) if values else float("nan")


def ms(seconds: float) -> str:
    if seconds != seconds:  # nan
        return "—"
    return f"{seconds * 1000:,.0f} ms".replace(",", " ") if seconds >= 0.1 else f"{seconds * 1000:.1f} ms"


def kib(size: float) -> str:
    return f"{size / 1024:,.0f} Kio".replace(",", " ") if size >= 10 * 1024 else f"{size / 1024:.1f} Kio"


def machine() -> dict:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor() or "?")
    mem_kb = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)
    try:
        load = os.getloadavg()[0]
    except OSError:
        load = float("nan")
    return {"date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"), "cores": os.cpu_count(), "cpu": model,
            "ram": f"{mem_kb / 1024 / 1024:.0f} Gio", "python": platform.python_version(), "load": load}


def all_metrics(forum) -> dict:
    """Every figure the pages draw: the report's, the planning checks and each alert's free-room suggestion."""
    t = forum.tables
    report = build_report(forum)
    return {
        "report": report,
        "projection": metrics.collective_projection(t.members, forum.settings, forum.today()),
        "curve": metrics.active_by_date(t.members),
        "pairs": metrics.proposals_by_theme_format(t.proposals),
        "unplanned": metrics.retained_not_planned(t.proposals, t.sessions),
        "mismatches": metrics.room_mismatches(t.rooms, t.sessions),
        "in_use": metrics.rooms_in_use(t.sessions),
        "attendance": metrics.attendance_by_day(t.participants, forum.settings),
        "offers": metrics.offers_by_type(t.offers),
        # The Salles page: each day's heat map, the alerts and unmet needs with their free-room suggestion.
        "grids": [rooms_chart.load_grid(t.rooms, t.sessions, day) for day in forum.settings.days],
        "alerts": rooms_view.alerts(t.rooms, t.sessions),
        "unmet": rooms_view.mismatch_alerts(t.rooms, t.sessions),
    }


# ----------------------------------------------------------------------------- Sheets emulator

class Emulator:
    """The test emulator, its answers memoised (built once: its own work is not ours) and its bytes counted.

    The caller points ``FORUM_GOOGLE_ENDPOINT`` at ``emulator.url`` after ``start()``.
    """

    KEY = "1BeNcHmArKfOrUm2024aBcDeFgHiJkLmNoPqRsTuVwX"

    def __init__(self, memo: bool = True):
        from tests.emulators import sheets

        self.sheets = sheets
        self.bytes = Counter()
        self.gzip_bytes = Counter()
        self._local = threading.local()
        bench = self

        spreadsheet = sheets.Spreadsheet
        if memo and not getattr(spreadsheet, "_bench_memo", False):  # this process only (bench/run.py)
            resource, xlsx = spreadsheet.resource, spreadsheet.xlsx

            def memo_resource(self, with_data):
                cache = self.__dict__.setdefault("_bench_resource", {})
                if with_data not in cache:
                    cache[with_data] = resource(self, with_data)
                return cache[with_data]

            def memo_xlsx(self):
                if "_bench_xlsx" not in self.__dict__:
                    self.__dict__["_bench_xlsx"] = xlsx(self)
                return self.__dict__["_bench_xlsx"]

            spreadsheet.resource, spreadsheet.xlsx, spreadsheet._bench_memo = memo_resource, memo_xlsx, True

        class Handler(sheets._Handler):
            def _send(self, status, body, content_type, headers=None):
                kind = self._kind(self.command, self.path.split("?")[0])
                bench.bytes[kind] += len(body)
                if len(body) > 1024:
                    bench.gzip_bytes[kind] += len(zlib.compress(body, 6))
                else:
                    bench.gzip_bytes[kind] += len(body)
                super()._send(status, body, content_type, headers)

        self.emulator = sheets.SheetsEmulator()
        self.emulator_handler = Handler
        self.keys: dict[str, str] = {}

    def start(self):
        from http.server import ThreadingHTTPServer

        emulator = self.emulator
        handler = type("Handler", (self.emulator_handler,), {"emulator": emulator})
        emulator._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        emulator._server.daemon_threads = True
        emulator._thread = threading.Thread(target=emulator._server.serve_forever, kwargs={"poll_interval": 0.05},
                                            daemon=True)
        emulator._thread.start()
        self.credentials = self.sheets.service_account_info(emulator.token_uri)
        return self

    def stop(self):
        self.emulator.stop()

    def add(self, label: str, tabs: dict) -> str:
        suffix = "sample" if label == "échantillon" else "x" + label.rstrip("×")
        key = self.KEY[:-len(suffix)] + suffix
        self.emulator.add_spreadsheet(key, workbooks.sheets_tabs(tabs), title=f"Forum {label}", link_shared=True,
                                      readers=[self.sheets.SERVICE_ACCOUNT_EMAIL])
        self.keys[label] = key
        return key

    def read(self, key: str, service_account: bool):
        from forum_data.sources.gsheets import read_google_sheet

        return read_google_sheet(key, credentials=self.credentials if service_account else {})


# ----------------------------------------------------------------------------- 1. data layer

def _floor_csv(folder: Path):
    for file in sorted(folder.glob("*.csv")):
        list(csv.reader(io.StringIO(file.read_bytes().decode("utf-8"), newline="")))


def _floor_spreadsheet(data):
    """python-calamine alone (the reader of .xlsx and .ods): every sheet to Python values."""
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_filelike(io.BytesIO(data if isinstance(data, bytes) else Path(data).read_bytes()))
    for index in range(len(book.sheet_names)):
        book.get_sheet_by_index(index).to_python(skip_empty_area=False)
    book.close()


def _floor_sheets_get(emu: Emulator, key: str):
    import requests

    from forum_data.sources.gsheets import FIELDS

    token = requests.post(emu.emulator.token_uri, data={"assertion": "x.eyJpc3MiOiAiYiJ9.x"}).json()
    headers = {"Authorization": f"Bearer {token['access_token']}"}
    json.loads(requests.get(f"{emu.emulator.url}/v4/spreadsheets/{key}", headers=headers,
                            params={"includeGridData": "true", "fields": FIELDS}).content)


def _floor_sheets_export(emu: Emulator, key: str):
    import requests

    _floor_spreadsheet(requests.get(f"{emu.emulator.url}/spreadsheets/d/{key}/export",
                                    params={"format": "xlsx"}).content)


def time_stages(read, floor, repeats: int) -> dict:
    """Median CPU seconds of this thread for read / validate / metrics / floor, over ``repeats`` runs.

    CPU time of the reading thread, not wall time: on a shared machine other processes stretch the
    wall clock, and the emulator's own work (another thread) is left out. ``wall`` is the wall time
    of read + validate + metrics, for reference. One warm-up run first.
    """
    clock = time.thread_time
    out = {"read": [], "validate": [], "metrics": [], "floor": [], "wall": []}
    for attempt in range(repeats + 1):
        gc.collect()
        wall = time.perf_counter()
        started = clock()
        with gc_paused():  # as load_forum does around the source's read
            workbook = read()
        read_s = clock() - started
        started = clock()
        forum = build_forum(workbook)
        validate_s = clock() - started
        del workbook          # as load_forum does: the dashboard keeps the forum, not the raw cells
        started = clock()
        all_metrics(forum)
        metrics_s = clock() - started
        wall = time.perf_counter() - wall
        started = clock()
        with gc_paused():
            floor()
        floor_s = clock() - started
        if attempt:  # the first run warms caches and imports
            for name, value in zip(out, (read_s, validate_s, metrics_s, floor_s, wall)):
                out[name].append(value)
        del forum
    result = {name: median(values) for name, values in out.items()}
    result["total"] = result["read"] + result["validate"] + result["metrics"]
    return result


def data_layer(scales: list[int], repeats: int, work: Path, emu: Emulator, log,
               use_sample: bool = True) -> tuple[dict, dict]:
    """Stage times per workbook and source kind; scale 1 is the bundled sample (else the generated 1×)."""
    results: dict[tuple[str, str], dict] = {}
    sizes: dict[str, dict] = {}
    for scale in scales:
        sample = scale == 1 and use_sample
        label = "échantillon" if sample else f"{scale}×"
        tabs = workbooks.sample_tabs() if sample else workbooks.build(scale)
        sizes[label] = workbooks.sizes(tabs)
        folder = SAMPLE_DIR if sample else workbooks.write_csv(tabs, work / f"csv-{scale}")
        xlsx = workbooks.write_xlsx(tabs, work / f"forum-{scale}.xlsx")
        ods = workbooks.write_ods(tabs, work / f"forum-{scale}.ods")
        key = emu.add(label, tabs)
        n = repeats if scale < 100 else max(2, repeats - 2)
        runs = {
            "CSV": (lambda: read_csv_folder(folder), lambda: _floor_csv(folder)),
            "xlsx": (lambda: read_xlsx(xlsx, description="bench"), lambda: _floor_spreadsheet(xlsx)),
            "ods": (lambda: read_ods(ods, description="bench"), lambda: _floor_spreadsheet(ods)),
            "Sheets (compte de service)": (lambda: emu.read(key, True), lambda: _floor_sheets_get(emu, key)),
            "Sheets (lien, export xlsx)": (lambda: emu.read(key, False), lambda: _floor_sheets_export(emu, key)),
        }
        for kind, (read, floor) in runs.items():
            log(f"  données {label:<12} {kind} …")
            results[(label, kind)] = time_stages(read, floor, n)
    return results, sizes


def sheets_requests(emu: Emulator, labels: list[str]) -> list[dict]:
    rows = []
    for label in labels:
        key = emu.keys[label]
        for service_account in (True, False):
            emu.emulator.counts.clear()
            emu.bytes.clear()
            emu.gzip_bytes.clear()
            emu.read(key, service_account)
            counts = emu.emulator.counts
            api = counts["get"] + counts["values"] + counts["batchGet"] + counts["export"]
            rows.append({"label": label, "way": "compte de service" if service_account else "lien (export xlsx)",
                         "token": counts["token"], "requests": api, "bytes": sum(emu.bytes.values()),
                         "gzip": sum(emu.gzip_bytes.values())})
    return rows


# ----------------------------------------------------------------------------- the command line at 1000×

# The workbooks of the command-line rows: the bench's own shape, and issue 14's « small forum ».
REPORT_SHAPES = (("", workbooks.SAMPLE), (" petit forum", workbooks.SMALL))


def report_label(scale: int, suffix: str, size: dict) -> str:
    """« 1000× petit forum (14 233 inscriptions, 16 000 propositions, 12 000 séances, 7 000 salles) »."""
    def count(n: int) -> str:
        return f"{n:,}".replace(",", " ")
    return (f"{scale}×{suffix} ({count(size['Participants'])} inscriptions, {count(size['Activités'])} propositions, "
            f"{count(size['Planning'])} séances, {count(size['Salles'])} salles)")


def report_cost(scale: int, repeats: int, work: Path, log, shapes=REPORT_SHAPES) -> dict:
    """``python -m forum_data report --json`` on each ``scale``× CSV folder of ``shapes`` and on the sample, fresh processes.

    Median wall and CPU (user + system of the child) seconds of each; ``costs`` gives each big
    run's over the sample's (start-up and imports cancel out), by the workbook's label (its row counts).
    """
    import resource

    sources = {"échantillon": SAMPLE_DIR}
    for suffix, shape in shapes:
        folder = work / f"csv-{scale}{suffix.replace(' ', '-')}"
        tabs = workbooks.build(scale, shape)
        if not folder.exists():
            log(f"  ligne de commande : classeur {scale}×{suffix} …")
            workbooks.write_csv(tabs, folder)
        sources[report_label(scale, suffix, workbooks.sizes(tabs))] = folder
    out = {}
    for label, source in sources.items():
        walls, cpus = [], []
        for attempt in range(repeats + 1):
            log(f"  ligne de commande : report --json {label} ({attempt}/{repeats})")
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "forum_data", "report", "--json", str(source)], cwd=REPO, check=True,
                           stdout=subprocess.DEVNULL)
            wall = time.perf_counter() - started
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if attempt:  # the first run warms the disk cache and the .pyc files
                walls.append(wall)
                cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        out[label] = {"wall": median(walls), "cpu": median(cpus)}
    small = out["échantillon"]
    costs = {label: {"wall": r["wall"] - small["wall"], "cpu": r["cpu"] - small["cpu"]}
             for label, r in out.items() if label != "échantillon"}
    return {"scale": scale, "runs": out, "costs": costs}


# ----------------------------------------------------------------------------- the plans (issues 9, 10)

def plan_rows(log) -> dict:
    """The plans' own benchmarks, when their modules are on this branch (the lead wires them at merge).

    ``bench/plans.py``: ``room_plan_figures()`` → rows (dicts) for the room plan;
    ``bench/plans_lodging.py``: ``measure_lodging_plan()`` → rows for the lodging plan.
    A module missing gives ``None`` for its plan, printed as such.
    """
    import importlib

    found = {}
    for name, (module, function) in {"salles": ("bench.plans", "room_plan_figures"),
                                     "hébergement": ("bench.plans_lodging", "measure_lodging_plan")}.items():
        try:
            measure = getattr(importlib.import_module(module), function)
        except (ImportError, AttributeError):
            found[name] = None
            continue
        log(f"  plan {name} …")
        found[name] = measure()
    return found


# ----------------------------------------------------------------------------- 3-5. browser

PAGES = {spec.slug: spec.path for spec in PAGE_SPECS}
PAGE_NAMES = {spec.slug: spec.title for spec in PAGE_SPECS}


def launch(script: str, env_extra: dict, log_path: Path):
    from bench.screenshots import Server, free_port

    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORUM_")}
    env.update({"FORUM_SECRETS_FILE": str(log_path.parent / "aucun-secret.toml"),
                "FORUM_SNAPSHOT_DIR": str(log_path.parent / f"instantane-{port}"),
                "NO_PROXY": "127.0.0.1,localhost"})
    env.update(env_extra)
    with open(log_path, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none"],
            cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    return Server(url=f"http://127.0.0.1:{port}", process=process, log=log_path)


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class Browser:
    """One Chromium; ``load(url)`` times navigation → script finished and counts websocket bytes."""

    def __init__(self, playwright):
        from bench.screenshots import CHROMIUM, CHROMIUM_ARGS, DESKTOP

        self.browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        self.viewport = DESKTOP
        self.context = None
        self.page = None
        self.ws_bytes = 0

    def new_context(self):
        if self.context is not None:
            self.context.close()
        self.context = self.browser.new_context(viewport=self.viewport, locale="fr-FR", timezone_id="Europe/Paris")
        self.page = self.context.new_page()
        self.page.on("websocket", self._on_websocket)
        return self.page

    def _on_websocket(self, ws):
        def count(payload):
            self.ws_bytes += len(payload)
        ws.on("framereceived", count)

    def wait_run(self, timeout_ms: int = 120_000):
        from bench.screenshots import _RUN_FINISHED

        self.page.wait_for_function(_RUN_FINISHED, timeout=timeout_ms, polling=10)

    def load(self, url: str) -> tuple[float, int]:
        self.ws_bytes = 0
        started = time.perf_counter()
        self.page.goto(url, wait_until="commit")
        self.wait_run()
        return time.perf_counter() - started, self.ws_bytes

    def close(self):
        self.browser.close()


def page_times(browser: Browser, base: str, loads: int, bare_urls: dict[str, str], log) -> dict:
    """Median load time and bytes per page, round-robin so that noise spreads evenly over the pages."""
    targets = {**{slug: base + path for slug, path in PAGES.items()}, **bare_urls}
    browser.new_context()
    browser.load(base + "/")                     # the frame's first run (see bench/load.py)
    for url in targets.values():                 # warm: browser HTTP cache, server caches
        browser.load(url)
    times = {slug: [] for slug in targets}
    sizes = {slug: [] for slug in targets}
    for round_number in range(loads):
        log(f"    chargements : tour {round_number + 1}/{loads}")
        for slug, url in targets.items():
            seconds, size = browser.load(url)
            times[slug].append(seconds)
            sizes[slug].append(size)
    return {slug: {"median": median(times[slug]), "bytes": median(sizes[slug])} for slug in targets}


NAV_PATHS = {**PAGES, "bare": "/bench-ok", "chart": "/bench-chart"}
NAV_TITLES = {**PAGE_NAMES, "bare": "ok", "chart": "ok + graphique"}


def navigation_times(browser: Browser, base: str, loads: int, log) -> dict:
    """Median time from a click on a sidebar link to the run finished, the dashboard already open.

    What a reader does after the first page: no new page load, the browser keeps the code it has
    already loaded (plotly, the data grid); the server runs the frame and the page. Every timed
    click leaves the same light page (« ok », or « ok + graphique » to time « ok » itself): leaving
    a heavy page (a 4,000-row table at 100×) costs the browser time that belongs to that page.
    """
    from bench.screenshots import _RUN_FINISHED, expect_rerun

    after_rerun = f"""() => {{
        const armed = window.__forumRerun;
        if (armed && !armed.seen && Date.now() - armed.since < 1500) return false;
        return ({_RUN_FINISHED})();
    }}"""
    page = browser.new_context()
    browser.load(base + "/")
    nav = page.get_by_test_id("stSidebarNav")
    def click(slug: str) -> float:
        path = NAV_PATHS[slug]
        expect_rerun(page)
        started = time.perf_counter()
        nav.get_by_role("link", name=NAV_TITLES[slug], exact=True).click()
        page.wait_for_url(lambda url: urlparse(url).path == path)
        page.wait_for_function(after_rerun, polling=10, timeout=120_000)
        return time.perf_counter() - started

    times = {slug: [] for slug in NAV_PATHS}
    for round_number in range(loads + 1):          # the first round warms the browser and the caches
        if round_number:
            log(f"    menu : tour {round_number}/{loads}")
        for slug in NAV_PATHS:
            click("chart" if slug == "bare" else "bare")  # leave from a light page
            seconds = click(slug)
            if round_number:
                times[slug].append(seconds)
    return {slug: median(values) for slug, values in times.items() if values}


def rerun_cost(browser: Browser, base: str, emu: Emulator, clicks: int) -> dict:
    """Pick theme filters one after another on Propositions: each click is one rerun."""
    from bench.screenshots import expect_rerun

    page = browser.new_context()
    browser.load(base + "/")
    browser.load(base + "/propositions")
    expect_rerun(page)                                  # the list and its filters have their own tab
    page.get_by_role("tab", name="Toutes les propositions", exact=True).click()
    browser.wait_run()
    before = dict(emu.emulator.counts)
    times = []
    names = ["Culture", "ESS", "Transitions", "Participation", "Numérique", "Autre"][:clicks]
    for name in names:
        widget = page.get_by_test_id("stMultiSelect").first
        option = page.locator('[role="option"]', has_text=re.compile(f"^{re.escape(name)}$"))
        for attempt in range(4):
            widget.get_by_role("button", name="Open").click()      # Streamlit 1.67: a react-aria ComboBox
            try:
                option.wait_for(timeout=10_000)
                break
            except Exception:  # noqa: BLE001 - the list did not open (page still settling): again
                if attempt == 3:
                    raise
                page.keyboard.press("Escape")
        expect_rerun(page)
        started = time.perf_counter()
        option.click()
        page.wait_for_function(
            """() => window.__forumRerun && window.__forumRerun.seen
                     && document.querySelector('[data-testid="stApp"]').getAttribute('data-test-script-state') === 'notRunning'
                     && !document.querySelector('[data-testid="stMain"] [data-stale="true"]')""",
            timeout=60_000, polling=10)
        times.append(time.perf_counter() - started)
        page.keyboard.press("Escape")
    after = emu.emulator.counts
    upstream = sum(after[k] - before.get(k, 0) for k in ("get", "values", "batchGet", "export"))
    tag = page.get_by_test_id("stMultiSelect").first.inner_text()
    return {"median": median(times), "clicks": len(times), "upstream": upstream, "selected": tag}


def memory(browser: Browser, base: str, sessions: int, log) -> None:
    for number in range(sessions):
        browser.new_context()
        for path in PAGES.values():
            browser.load(base + path)
        if number % 5 == 4:
            log(f"    mémoire : {number + 1}/{sessions} sessions")
    if browser.context is not None:
        browser.context.close()
        browser.context = None


def browser_part(labels: list[str], loads: int, sessions: int, work: Path, emu: Emulator, log) -> dict:
    from playwright.sync_api import sync_playwright

    from bench.screenshots import stop_server, wait_healthy

    out = {"pages": {}, "navigation": {}, "rerun": None, "memory": None}
    sources = {"échantillon": None, "100×": str(work / "csv-100"), "10×": str(work / "csv-10")}
    bare_alone = wait_healthy(launch("bench/bare_page.py", {}, work / "bare.log"))
    try:
        with sync_playwright() as playwright:
            browser = Browser(playwright)
            try:
                for label in labels:
                    env = {"FORUM_BENCH_BARE_PAGE": "1"}
                    if sources.get(label):
                        env["FORUM_SOURCE"] = sources[label]
                    log(f"  navigateur : {label}")
                    server = wait_healthy(launch("dashboard.py", env, work / f"dashboard-{label}.log"))
                    try:
                        out["pages"][label] = page_times(
                            browser, server.url, loads,
                            {"bare": server.url + "/bench-ok", "chart": server.url + "/bench-chart",
                             "bare_alone": bare_alone.url + "/"}, log)
                        out["navigation"][label] = navigation_times(browser, server.url, loads, log)
                        if label == labels[0] and sessions:
                            log(f"  mémoire : {sessions} sessions × toutes les pages")
                            before = rss_mib(server.process.pid)
                            try:
                                memory(browser, server.url, sessions, log)
                            except Exception as error:  # noqa: BLE001 - report what was measured
                                log(f"  mémoire : échec ({error.__class__.__name__})")
                            time.sleep(2.0)
                            after = rss_mib(server.process.pid)
                            out["memory"] = {"label": label, "sessions": sessions, "before": before, "after": after}
                    finally:
                        stop_server(server)
                # Rerun cost against the Sheets emulator (link-shared sample, cache period 600 s).
                log("  relance après un clic (Sheets)")
                key = emu.keys["échantillon"]
                server = wait_healthy(launch("dashboard.py", {"FORUM_SOURCE": key, "FORUM_CACHE_TTL": "600",
                                                              "FORUM_GOOGLE_ENDPOINT": emu.emulator.url},
                                             work / "dashboard-sheets.log"))
                try:
                    out["rerun"] = rerun_cost(browser, server.url, emu, clicks=max(5, loads))
                except Exception as error:  # noqa: BLE001 - keep the other figures
                    log(f"  relance : échec ({error.__class__.__name__}: {str(error).splitlines()[0]})")
                finally:
                    stop_server(server)
            finally:
                browser.close()
    finally:
        stop_server(bare_alone)
    return out


# ----------------------------------------------------------------------------- the report

def render(info: dict, data: dict | None, sizes: dict, requests_rows: list, browser: dict | None,
           report: dict | None = None, plans: dict | None = None) -> str:
    lines = [f"Mesuré le {info['date']} — {info['cores']} cœurs ({info['cpu']}), {info['ram']} de mémoire, "
             f"Python {info['python']} ; charge moyenne de la machine au départ : {info['load']:.1f}.", ""]
    if sizes:
        lines += ["**Classeurs** (lignes de données par onglet)", "",
                  "| Classeur | Participants | Propositions | Séances | Salles | Collectif | Partenaires | Hébergements |",
                  "|---|--:|--:|--:|--:|--:|--:|--:|"]
        for label, s in sizes.items():
            lines.append(f"| {label} | {s['Participants']} | {s['Activités']} | {s['Planning']} | {s['Salles']} | "
                         f"{s['Collectif']} | {s['Partenaires']} | {s['Hébergements']} |")
        lines.append("")
    if data:
        lines += ["**Lecture + validation + indicateurs** (temps CPU du fil qui lit, médianes ; « plancher » : la "
                  "bibliothèque seule sur les mêmes octets ; « horloge » : temps écoulé, machine partagée)", "",
                  "| Classeur | Source | Lecture | Plancher lecture | Validation | Indicateurs | Total | Horloge |",
                  "|---|---|--:|--:|--:|--:|--:|--:|"]
        for (label, kind), r in data.items():
            lines.append(f"| {label} | {kind} | {ms(r['read'])} | {ms(r['floor'])} | {ms(r['validate'])} | "
                         f"{ms(r['metrics'])} | **{ms(r['total'])}** | {ms(r['wall'])} |")
        lines.append("")
        if any(label == "10×" for label, _ in data) and any(label == "100×" for label, _ in data):
            lines += ["**Croissance 100× / 10×** (10 = linéaire)", "",
                      "| Source | Lecture | Validation | Indicateurs | Total |", "|---|--:|--:|--:|--:|"]
            for kind in KINDS:
                a, b = data.get(("10×", kind)), data.get(("100×", kind))
                if a and b:
                    lines.append(f"| {kind} | {b['read'] / a['read']:.1f} | {b['validate'] / a['validate']:.1f} | "
                                 f"{b['metrics'] / a['metrics']:.1f} | {b['total'] / a['total']:.1f} |")
            lines.append("")
        ratios = [(label, {kind: data[(label, kind)]["total"] / data[(label, "CSV")]["total"]
                           for kind in SPREADSHEET_KINDS if (label, kind) in data})
                  for label in dict.fromkeys(label for label, _ in data) if (label, "CSV") in data]
        if any(r for _, r in ratios):
            lines += ["**Classeurs tableur / dossier CSV** (total lecture + validation + indicateurs, même classeur ; "
                      "objectif ≤ 1,5)", "", "| Classeur | " + " | ".join(SPREADSHEET_KINDS) + " |",
                      "|---|" + "--:|" * len(SPREADSHEET_KINDS)]
            for label, r in ratios:
                lines.append(f"| {label} | " + " | ".join(f"**{r[k]:.2f}**" if k in r else "—"
                                                          for k in SPREADSHEET_KINDS) + " |")
            lines.append("")
    if report:
        lines += ["**Ligne de commande** (`python -m forum_data report --json`, dossier CSV, un processus par "
                  "lancement, médianes ; coût = le classeur moins l'échantillon ; objectif < 3 s pour le petit "
                  "forum de l'issue 14)", "", "| Classeur | Horloge | CPU |", "|---|--:|--:|"]
        lines += [f"| {label} | {ms(r['wall'])} | {ms(r['cpu'])} |" for label, r in report["runs"].items()]
        lines += [f"| **coût du {label.split(' (')[0]} au-delà de l'échantillon** | **{ms(c['wall'])}** | "
                  f"**{ms(c['cpu'])}** |" for label, c in report["costs"].items()]
        lines.append("")
    if plans is not None:
        for name, rows in plans.items():
            if rows is None:
                lines += [f"**Plan {name}** : module absent de cette branche (bench/plans.py ou "
                          "bench/plans_lodging.py), à brancher à la fusion.", ""]
            elif rows:
                import importlib

                module = importlib.import_module({"salles": "bench.plans", "hébergement": "bench.plans_lodging"}[name])
                lines += [f"**Plan {name}** (temps de résolution, limite 10 s ; voir bench/plans.py et "
                          "bench/plans_lodging.py)", "", module.render(rows), ""]
    if requests_rows:
        lines += ["**Requêtes Google Sheets par lecture** (émulateur local, via gspread)", "",
                  "| Classeur | Accès | Jeton OAuth | Requêtes Sheets | Octets reçus | Octets si gzip |",
                  "|---|---|--:|--:|--:|--:|"]
        for r in requests_rows:
            lines.append(f"| {r['label']} | {r['way']} | {r['token']} | **{r['requests']}** | {kib(r['bytes'])} | "
                         f"{kib(r['gzip'])} |")
        lines.append("")
    if browser and browser.get("pages"):
        labels = list(browser["pages"])
        navigation = browser.get("navigation") or {}
        head = "| Page | " + " | ".join(f"{label} : ouverture | rapport | {label} : par le menu | rapport | octets"
                                       for label in labels) + " |"
        lines += ["**Pages dans Chromium** (cache chaud, médianes ; « ouverture » : l'adresse de la page chargée "
                  "dans l'onglet, jusqu'au script terminé et la page dessinée ; « par le menu » : un clic dans le menu "
                  "latéral, l'application déjà ouverte ; rapport = temps de la page / temps de la page nue "
                  "`st.write(\"ok\")` du même serveur, mesurée de la même façon)", "", head,
                  "|---|" + "--:|--:|--:|--:|--:|" * len(labels)]
        for slug in [*PAGES, "bare", "chart", "bare_alone"]:
            if any(slug not in browser["pages"][label] for label in labels):
                continue
            name = {"bare": "page nue (même serveur, même cadre)",
                    "chart": "page nue + 1 graphique Plotly (même cadre)",
                    "bare_alone": "page nue seule (bench/bare_page.py, 2e serveur, sans notre cadre)"}.get(
                        slug, PAGE_NAMES.get(slug))
            cells = []
            for label in labels:
                r = browser["pages"][label]
                ratio = r[slug]["median"] / r["bare"]["median"]
                nav = navigation.get(label, {})
                by_menu = (f"{ms(nav[slug])} | **{nav[slug] / nav['bare']:.2f}**" if slug in nav and "bare" in nav
                           else "— | —")
                cells.append(f"{ms(r[slug]['median'])} | **{ratio:.2f}** | {by_menu} | {kib(r[slug]['bytes'])}")
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
        lines.append("")
    if browser and browser.get("rerun"):
        r = browser["rerun"]
        lines += [f"**Relance après un clic** (filtre « Thème » de Propositions, {r['clicks']} clics, source Google "
                  f"Sheets émulée, période de cache 600 s) : {ms(r['median'])} (médiane) ; requêtes Sheets pendant "
                  f"les relances : **{r['upstream']}**.", ""]
    if browser and browser.get("memory"):
        m = browser["memory"]
        lines += [f"**Mémoire du serveur** ({m['label']}) : {m['before']:.0f} Mio avant, {m['after']:.0f} Mio après "
                  f"{m['sessions']} sessions ayant chacune ouvert toutes les pages : **+{m['after'] - m['before']:.0f} Mio** "
                  "(VmRSS).", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="sample, 1× and 10× only, 2 repeats, no browser")
    parser.add_argument("--scales", default="1,10,100", help="workbook sizes (1 = the bundled sample)")
    parser.add_argument("--repeats", type=int, default=5, help="runs per measure of the data layer (median)")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--browser-scales", default="1,100", help="workbooks opened in the browser")
    parser.add_argument("--loads", type=int, default=7, help="loads per page in the browser (median)")
    parser.add_argument("--sessions", type=int, default=20, help="sessions for the memory measure")
    parser.add_argument("--report-scale", type=int, default=1000,
                        help="workbook size for report --json on the command line (0: skip)")
    parser.add_argument("--no-plans", action="store_true", help="skip the plans' solve times")
    parser.add_argument("--cli-only", action="store_true",
                        help="only the command-line rows (report --json at --report-scale, both workbooks)")
    parser.add_argument("--out", default=str(OUT / "results.md"))
    args = parser.parse_args(argv)
    scales = [1, 10] if args.quick else [int(s) for s in args.scales.split(",")]
    repeats = 2 if args.quick else args.repeats

    def log(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    info = machine()
    emu = Emulator().start()
    os.environ["FORUM_GOOGLE_ENDPOINT"] = emu.emulator.url
    browser = report = plans = None
    try:
        with tempfile.TemporaryDirectory(prefix="forum-bench-") as folder:
            work = Path(folder)
            if args.cli_only:
                data, sizes, requests_rows = None, {}, []
            else:
                log("Couche de données…")
                data, sizes = data_layer(scales, repeats, work, emu, log)
                labels = list(sizes)
                requests_rows = sheets_requests(emu, list(dict.fromkeys([labels[0], labels[-1]])))
            if args.report_scale and (args.cli_only or not args.quick):
                log("Ligne de commande…")
                report = report_cost(args.report_scale, 2, work, log)
            if not (args.quick or args.no_plans or args.cli_only):
                log("Plans…")
                plans = plan_rows(log)
            if not (args.quick or args.no_browser or args.cli_only):
                wanted = ["échantillon" if s == "1" else f"{s}×" for s in args.browser_scales.split(",")]
                if "100×" in wanted and 100 not in scales:
                    workbooks.write_csv(workbooks.build(100), work / "csv-100")
                log("Navigateur…")
                browser = browser_part(wanted, args.loads, args.sessions, work, emu, log)
    finally:
        emu.stop()
    text = render(info, data, sizes, requests_rows, browser, report, plans)
    print(text)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text + "\n", encoding="utf-8")
    log(f"Écrit dans {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
