"""The fault matrix, through the dashboard frame (AppTest) against the local emulators.

Google Sheets (tests/emulators/sheets.py, link-shared export and service account) and a file
link (tests/httpserver.py) answer well N times, then 403, 404, 429, 500, 503, hang, garbage or
refuse expired credentials. Each time: no traceback, the banner with a short French reason,
the old figures, no request storm during the back-off, and recovery by itself once the
source answers again. Also: many sessions and many threads make one upstream read.
"""
from __future__ import annotations

import io
import os
import threading
from datetime import datetime
from functools import partial

import pytest
from openpyxl import Workbook

from forum_data.forum import PARIS, load_forum
from forum_data.health import SourceGuard
from tests.emulators.sheets import SERVICE_ACCOUNT_EMAIL, SheetsEmulator, service_account_info
from tests.httpserver import LocalHTTPServer, Reply
from tests.apptest import banner, dashboard, unescaped
from tests.workbooks import KEY, sample_tabs

TIMEOUT = 1        # seconds allowed to each request (a hang lasts longer)


def small_tabs() -> dict[str, list[list[str]]]:
    """Two tabs of the sample (the home page's figures), so that each run stays quick."""
    tabs = sample_tabs()
    return {"Collectif": tabs["Collectif"][:9], "Paramètres": tabs["Paramètres"]}


def sample_xlsx() -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in small_tabs().items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def figures(at) -> list[tuple[str, str]]:
    return [(m.label, m.value) for m in at.metric]


@pytest.fixture
def settings(isolated, monkeypatch):
    monkeypatch.setenv("FORUM_CACHE_TTL", "0")           # every run asks the guard: the guard alone prevents storms
    monkeypatch.setenv("FORUM_RETRY_SECONDS", "120")
    monkeypatch.setenv("FORUM_SOURCE_TIMEOUT", str(TIMEOUT))
    return isolated


@pytest.fixture
def sheets(settings, monkeypatch):
    with SheetsEmulator() as emulator:
        emulator.add_spreadsheet(KEY, small_tabs(), link_shared=True, readers=[SERVICE_ACCOUNT_EMAIL])
        monkeypatch.setenv("FORUM_GOOGLE_ENDPOINT", emulator.url)
        monkeypatch.setenv("FORUM_SOURCE", KEY)
        yield emulator


def outage_then_recovery(at, upstream, fault_off, reason: str, *, per_attempt: int = 1, per_read: int = 1) -> None:
    """Shared checks: the good read, then the failure, the back-off, then the recovery.

    The back-off is the default 120 s during the outage (reruns must not call the source), then
    ``FORUM_RETRY_SECONDS=0`` stands for "the retry time has passed" (the guard reads it each time).
    """
    at.run()
    assert not at.exception
    good = figures(at)
    assert good and banner(at) is None
    before = upstream()

    at.run()                                              # the source fails from now on
    assert not at.exception
    text = banner(at)
    assert text is not None, [w.value for w in at.warning]
    assert text.startswith("Données du ")
    assert f" — la source ne répond pas ({reason}) ; nouvel essai dans 2 min." in text
    assert figures(at) == good                            # the old figures, still there
    assert upstream() - before == per_attempt
    during = upstream()
    for _ in range(3):
        at.run()                                          # reruns during the back-off: no new request
        assert not at.exception and banner(at) is not None and figures(at) == good
    assert upstream() == during, "request storm during the back-off"

    fault_off()
    os.environ["FORUM_RETRY_SECONDS"] = "0"               # the retry time has passed
    at.run()                                              # it recovers by itself
    assert not at.exception
    assert banner(at) is None and figures(at) == good
    assert upstream() == during + per_read


# -- Google Sheets, link-shared export -------------------------------------------------------------

SHEETS_FAULTS = {
    "403": (lambda s: s.fail(403, after=1), "accès refusé", 1),
    "404": (lambda s: s.fail(404, after=1), "document introuvable", 1),
    "429": (lambda s: s.fail(429, after=1), "quota Google dépassé", 2),   # one jittered retry, then no more
    "500": (lambda s: s.fail(500, after=1), "service momentanément indisponible", 1),
    "503": (lambda s: s.fail(503, after=1), "service momentanément indisponible", 1),
    "hang": (lambda s: s.hang(TIMEOUT + 2, after=1), "pas de réponse à temps", 1),
    "garbage": (lambda s: s.garbage(after=1), "réponse illisible", 1),
}


@pytest.mark.parametrize("fault", list(SHEETS_FAULTS))
def test_google_sheets_faults_keep_the_last_figures_under_a_banner_and_recover(sheets, fault):
    inject, reason, per_attempt = SHEETS_FAULTS[fault]
    inject(sheets)
    outage_then_recovery(dashboard(), lambda: sheets.counts["export"], sheets.clear_faults, reason,
                         per_attempt=per_attempt)


def test_expired_service_account_credentials(sheets, monkeypatch, tmp_path):
    import json

    key_file = tmp_path / "compte-de-service.json"
    key_file.write_text(json.dumps(service_account_info(sheets.token_uri)), encoding="utf-8")
    monkeypatch.setenv("FORUM_GOOGLE_CREDENTIALS", str(key_file))
    sheets.fail(400, on="token", after=1)                 # Google: invalid_grant, the key was revoked
    outage_then_recovery(dashboard(), lambda: sheets.counts["token"] + sheets.sheets_requests,
                         sheets.clear_faults, "identifiants refusés", per_read=2)   # token, then the sheet


# -- a file link (Nextcloud-like share) ------------------------------------------------------------

class FileLink:
    """/classeur.xlsx answering the workbook, or the fault of the moment."""

    def __init__(self, server: LocalHTTPServer):
        self.workbook = sample_xlsx()
        self.fault: Reply | None = None
        self.good_left = 1
        server.add_handler("/classeur.xlsx", self.answer)

    def answer(self, request) -> Reply:
        if self.good_left > 0 or self.fault is None:
            self.good_left -= 1
            return Reply(body=self.workbook, headers={"Content-Type": "application/octet-stream"})
        return self.fault

    def off(self) -> None:
        self.fault = None


URL_FAULTS = {
    "403": (Reply(status=403, body=b"interdit"), "accès refusé"),
    "404": (Reply(status=404, body=b"introuvable"), "document introuvable"),
    "500": (Reply(status=500, body=b"erreur"), "erreur du serveur"),
    "503": (Reply(status=503, body=b"maintenance"), "erreur du serveur"),
    "hang": (Reply(body=b"trop tard", delay=TIMEOUT + 2), "pas de réponse à temps"),
    "garbage": (Reply(body=b"\x00\x01\x02 pas un classeur", headers={"Content-Type": "application/octet-stream"}),
                "réponse illisible"),
    "login page": (Reply(body=b"<!DOCTYPE html><html><body>Connexion</body></html>",
                         headers={"Content-Type": "text/html"}), "accès refusé"),
}


@pytest.mark.parametrize("fault", list(URL_FAULTS))
def test_file_link_faults_keep_the_last_figures_under_a_banner_and_recover(settings, monkeypatch, fault):
    with LocalHTTPServer() as server:
        link = FileLink(server)
        link.fault, reason = URL_FAULTS[fault]
        monkeypatch.setenv("FORUM_SOURCE", server.url("/classeur.xlsx"))
        outage_then_recovery(dashboard(), lambda: server.count("/classeur.xlsx"), link.off, reason)


# -- no good read yet ------------------------------------------------------------------------------

def test_failing_source_without_any_good_read_shows_a_french_page_and_does_not_storm(sheets):
    sheets.fail(503)
    at = dashboard().run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Les données ne sont pas disponibles"]
    assert "service momentanément indisponible" in unescaped(at.error[0].value)
    assert any("Vérifiez" in m.value for m in at.markdown)
    for _ in range(3):
        at.run()
    assert not at.exception and sheets.counts["export"] == 1


def test_banner_gives_the_day_and_time_of_the_figures(sheets):
    sheets.fail(429, after=1)
    at = dashboard().run()
    read_at = datetime.now(PARIS)
    at.run()
    day = f"{read_at.day}" if read_at.day != 1 else "1er"
    assert banner(at).startswith(f"Données du {day} ")
    assert f" à {read_at.hour} h" in banner(at)


# -- many viewers, one read ------------------------------------------------------------------------

def test_many_sessions_share_one_read_per_cache_period(sheets, monkeypatch):
    monkeypatch.setenv("FORUM_CACHE_TTL", "600")
    sessions = [dashboard().run() for _ in range(3)]
    assert all(not at.exception and figures(at) for at in sessions)
    assert sheets.counts["export"] == 1


def test_simultaneous_callers_make_one_upstream_read(sheets):
    sheets.hang(0.5, times=1)                             # the first read is slow: the others queue behind it
    guard = SourceGuard(partial(load_forum, KEY, timeout=5))
    start = threading.Barrier(10)
    states = []

    def viewer():
        start.wait()
        states.append(guard.read(datetime.now(PARIS)))

    threads = [threading.Thread(target=viewer) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(states) == 10 and all(state.forum is not None and state.error is None for state in states)
    assert sheets.counts["export"] == 1
    assert len({id(state.forum) for state in states}) == 1
