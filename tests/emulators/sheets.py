"""Google Sheets on 127.0.0.1, for tests: the Sheets API v4, the OAuth token endpoint, the export.

A real ``ThreadingHTTPServer`` that gspread and google-auth talk to unmodified (point
``FORUM_GOOGLE_ENDPOINT`` and a service account's ``token_uri`` at it). It serves

- ``POST /token``: a service-account JWT grant (the assertion is decoded, not verified; its
  ``iss`` says who asks, its ``scope`` is recorded in ``token_scopes``);
- ``GET /v4/spreadsheets/KEY``: ``spreadsheets.get``, honouring ``includeGridData`` and the
  ``fields`` mask (dots, commas, parentheses, as Google documents it);
- ``GET /v4/spreadsheets/KEY/values/RANGE`` and ``…/values:batchGet``: ``ranges`` (whole tabs),
  ``valueRenderOption``, ``dateTimeRenderOption`` (what a naive gspread loop calls);
- ``GET /spreadsheets/d/KEY/export?format=xlsx``: the whole workbook as .xlsx (typed dates as
  real dates), or, when the sheet is not link-shared, a redirect to an HTML sign-in page.

Rows lose their trailing empty cells and the grid its trailing empty rows, as Google does.
Access: a service account reads a sheet shared with its address, or any link-shared sheet.

A workbook is ``{tab title: [[cell, ...], ...]}``; a cell is a ``str`` (text, ``""`` = empty),
``int``/``float``, ``bool``, ``datetime.date``/``datetime``/``time``. ``locale="en_US"`` shows
dates as ``7/3/2024`` and numbers as ``1,234.5`` (``fr_FR``: ``03/07/2024``, ``1 234,5``), so
a test can prove that the reader uses the serial value, not the displayed text.

Counters: ``counts[kind]`` for kind in ``token``, ``get``, ``values``, ``batchGet``, ``export``,
``login``, ``other``; ``sheets_requests`` = ``get`` + ``values`` + ``batchGet``; ``log`` keeps (kind, path, params).
Faults (``fail``, ``hang``, ``garbage``) apply to chosen kinds, optionally after N good
requests and for a number of times.

>>> emulator = SheetsEmulator()
>>> _ = emulator.add_spreadsheet("k" * 44, {"Salles": [["Salle", "Capacité"], ["Amphi", 120]]},
...                              link_shared=True)
>>> with emulator:
...     import requests
...     answer = requests.get(f"{emulator.url}/v4/spreadsheets/{'k' * 44}/values:batchGet",
...                           params={"ranges": "Salles"})   # no token: refused
...     answer.status_code, emulator.counts["batchGet"]
(401, 1)
"""
from __future__ import annotations

import base64
import datetime as dt
import functools
import io
import json
import secrets
import threading
import zlib
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Iterable
from urllib.parse import parse_qs, quote, unquote, urlsplit

SERVICE_ACCOUNT_EMAIL = "tableau-de-bord@forum-brest.iam.gserviceaccount.com"
_EPOCH = dt.datetime(1899, 12, 30)
_KINDS = ("token", "get", "values", "batchGet", "export", "login", "other")
_SERVED = ("get", "values", "batchGet", "export")  # what faults hit by default: all but the token
_SIGN_IN_PAGE = (
    b"<!DOCTYPE html><html lang=\"fr\"><head><title>Google Sheets : connexion</title></head>"
    b"<body><form action=\"/ServiceLogin\">Connexion - Comptes Google</form></body></html>"
)
_REASONS = {
    400: ("INVALID_ARGUMENT", "Request contains an invalid argument."),
    401: ("UNAUTHENTICATED", "Request had invalid authentication credentials. Expected OAuth 2 "
                             "access token, login cookie or other valid authentication credential."),
    403: ("PERMISSION_DENIED", "The caller does not have permission"),
    404: ("NOT_FOUND", "Requested entity was not found."),
    429: ("RESOURCE_EXHAUSTED", "Quota exceeded for quota metric 'Read requests' and limit 'Read "
                                "requests per minute per user' of service 'sheets.googleapis.com'."),
    500: ("INTERNAL", "Internal error encountered."),
    503: ("UNAVAILABLE", "The service is currently unavailable."),
}


# ----------------------------------------------------------------------------- credentials

@functools.lru_cache(maxsize=1)
def _private_key_pem() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode("ascii")


def service_account_info(token_uri: str, email: str = SERVICE_ACCOUNT_EMAIL) -> dict:
    """A service-account key dict, shaped like Google's JSON key, with a fresh RSA key."""
    return {
        "type": "service_account",
        "project_id": "forum-brest",
        "private_key_id": "0123456789abcdef0123456789abcdef01234567",
        "private_key": _private_key_pem(),
        "client_email": email,
        "client_id": "100000000000000000001",
        "auth_uri": "https://accounts.google.com/o/oauth2/auth",
        "token_uri": token_uri,
        "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
        "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/" + quote(email),
        "universe_domain": "googleapis.com",
    }


# ----------------------------------------------------------------------------- cells

def serial(value: dt.date | dt.datetime | dt.time) -> float:
    """Google's serial number: days since 1899-12-30, the time as a fraction of a day."""
    if isinstance(value, dt.datetime):
        return (value - _EPOCH).total_seconds() / 86400
    if isinstance(value, dt.date):
        return float((value - _EPOCH.date()).days)
    return (value.hour * 3600 + value.minute * 60 + value.second) / 86400


def _number_shown(value: float, locale: str) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, locale=locale)


def _date_shown(value: Any, locale: str) -> tuple[str, str, str]:
    """(number-format type, pattern, displayed text) of a date, date-time or time cell."""
    us = locale.startswith("en_US")
    if isinstance(value, dt.datetime):
        pattern = "M/d/yyyy H:mm:ss" if us else "dd/MM/yyyy HH:mm:ss"
        shown = (f"{value.month}/{value.day}/{value.year} {value.hour}:{value:%M:%S}" if us
                 else value.strftime("%d/%m/%Y %H:%M:%S"))
        return "DATE_TIME", pattern, shown
    if isinstance(value, dt.date):
        pattern = "M/d/yyyy" if us else "dd/MM/yyyy"
        shown = f"{value.month}/{value.day}/{value.year}" if us else value.strftime("%d/%m/%Y")
        return "DATE", pattern, shown
    pattern = "h:mm:ss am/pm" if us else "HH:mm:ss"
    if us:
        hour = value.hour % 12 or 12
        shown = f"{hour}:{value:%M:%S} {'PM' if value.hour >= 12 else 'AM'}"
    else:
        shown = value.strftime("%H:%M:%S")
    return "TIME", pattern, shown


_NOISE_FORMAT = {  # what Google adds to every effectiveFormat; a good mask leaves it behind
    "backgroundColor": {"red": 1, "green": 1, "blue": 1},
    "padding": {"top": 2, "right": 3, "bottom": 2, "left": 3},
    "verticalAlignment": "BOTTOM",
    "wrapStrategy": "OVERFLOW_CELL",
    "textFormat": {"fontFamily": "arial", "fontSize": 10, "bold": False},
}


def cell_data(value: Any, locale: str) -> dict:
    """The ``CellData`` Google returns for one emulator cell (all fields; masks cut them)."""
    if value is None or value == "":
        return {}
    effective_format = dict(_NOISE_FORMAT)
    if isinstance(value, bool):
        shown = ("TRUE" if value else "FALSE") if locale.startswith("en") else ("VRAI" if value else "FAUX")
        return {"userEnteredValue": {"boolValue": value}, "effectiveValue": {"boolValue": value},
                "formattedValue": shown, "effectiveFormat": effective_format}
    if isinstance(value, (dt.date, dt.time)):
        kind, pattern, shown = _date_shown(value, locale)
        number_format = {"type": kind, "pattern": pattern}
        return {"userEnteredValue": {"numberValue": serial(value)},
                "effectiveValue": {"numberValue": serial(value)}, "formattedValue": shown,
                "userEnteredFormat": {"numberFormat": number_format},
                "effectiveFormat": {**effective_format, "numberFormat": number_format}}
    if isinstance(value, (int, float)):
        number_format = {"type": "NUMBER", "pattern": "#,##0.###"}
        return {"userEnteredValue": {"numberValue": value}, "effectiveValue": {"numberValue": value},
                "formattedValue": _number_shown(value, locale),
                "userEnteredFormat": {"numberFormat": number_format},
                "effectiveFormat": {**effective_format, "numberFormat": number_format}}
    text = str(value)
    return {"userEnteredValue": {"stringValue": text}, "effectiveValue": {"stringValue": text},
            "formattedValue": text, "effectiveFormat": effective_format}


def _trim(row: list) -> list:
    end = len(row)
    while end and (row[end - 1] is None or row[end - 1] == ""):
        end -= 1
    return row[:end]


def _trimmed_rows(rows: list[list]) -> list[list]:
    rows = [_trim(list(row)) for row in rows]
    while rows and not rows[-1]:
        rows.pop()
    return rows


# ----------------------------------------------------------------------------- field masks

def parse_fields(mask: str) -> dict:
    """A Google field mask as a tree: ``{name: subtree or None (everything)}``.

    >>> parse_fields("properties.title,sheets(properties(sheetId,title),data.rowData)")
    {'properties': {'title': None}, 'sheets': {'properties': {'sheetId': None, 'title': None}, 'data': {'rowData': None}}}
    """
    position = 0

    def merge(tree: dict, path: list[str], subtree: dict | None) -> None:
        for name in path[:-1]:
            tree = tree.setdefault(name, {})
            if tree is None:
                return
        leaf = path[-1]
        if subtree is None or tree.get(leaf, {}) is None:
            tree[leaf] = None
        else:
            for name, child in subtree.items():
                merge(tree.setdefault(leaf, {}), [name], child)

    def parse_list() -> dict:
        nonlocal position
        tree: dict = {}
        while True:
            start = position
            while position < len(mask) and mask[position] not in ",()":
                position += 1
            path = [part for part in mask[start:position].strip().replace("/", ".").split(".")]
            if not all(path):
                raise ValueError(f"invalid field mask near {position}")
            subtree = None
            if position < len(mask) and mask[position] == "(":
                position += 1
                subtree = parse_list()
                if position >= len(mask) or mask[position] != ")":
                    raise ValueError("unbalanced parentheses in field mask")
                position += 1
            merge(tree, path, subtree)
            if position < len(mask) and mask[position] == ",":
                position += 1
                continue
            return tree

    tree = parse_list()
    if position != len(mask):
        raise ValueError("unbalanced parentheses in field mask")
    return tree


def apply_fields(value: Any, tree: dict | None) -> Any:
    """Keep only what ``tree`` selects; empty objects vanish, as in Google's answers."""
    if tree is None:
        return value
    if isinstance(value, list):
        return [apply_fields(item, tree) for item in value]
    if isinstance(value, dict):
        kept = {}
        for name, subtree in tree.items():
            if name in value:
                child = apply_fields(value[name], subtree)
                if child != {} or subtree is None:
                    kept[name] = child
        return kept
    return value


# ----------------------------------------------------------------------------- state

@dataclass
class Spreadsheet:
    key: str
    title: str
    tabs: dict[str, list[list]]
    locale: str = "fr_FR"
    link_shared: bool = False
    readers: set[str] = field(default_factory=set)
    padding_rows: int = 0  # rows below the data whose cells carry a format and no value

    def sheet_id(self, title: str) -> int:
        if list(self.tabs).index(title) == 0:
            return 0
        return zlib.crc32(title.encode("utf-8")) & 0x7FFFFFFF

    def resource(self, with_data: bool) -> dict:
        sheets = []
        for index, (title, rows) in enumerate(self.tabs.items()):
            rows = _trimmed_rows(rows)
            width = max((len(row) for row in rows), default=0)
            sheet = {"properties": {
                "sheetId": self.sheet_id(title), "title": title, "index": index,
                "sheetType": "GRID",
                "gridProperties": {"rowCount": max(1000, len(rows) + self.padding_rows),
                                   "columnCount": max(26, width)},
            }}
            if with_data:
                row_data = [{"values": [cell_data(value, self.locale) for value in row]} if row else {}
                            for row in rows]
                row_data += [{"values": [{"effectiveFormat": dict(_NOISE_FORMAT)}] * max(width, 1)}
                             for _ in range(self.padding_rows)]
                sheet["data"] = [{
                    "rowData": row_data,
                    "rowMetadata": [{"pixelSize": 21} for _ in row_data],
                    "columnMetadata": [{"pixelSize": 100} for _ in range(max(width, 1))],
                }]
            sheets.append(sheet)
        return {
            "spreadsheetId": self.key,
            "properties": {"title": self.title, "locale": self.locale, "autoRecalc": "ON_CHANGE",
                           "timeZone": "Europe/Paris", "defaultFormat": dict(_NOISE_FORMAT)},
            "sheets": sheets,
            "spreadsheetUrl": f"https://docs.google.com/spreadsheets/d/{self.key}/edit",
        }

    def values(self, title: str, render: str, date_render: str) -> list[list]:
        out = []
        for row in _trimmed_rows(self.tabs[title]):
            cells = []
            for value in row:
                data = cell_data(value, self.locale)
                if render == "FORMATTED_VALUE" or not data:
                    cells.append(data.get("formattedValue", ""))
                elif isinstance(value, (dt.date, dt.time)) and date_render == "FORMATTED_STRING":
                    cells.append(data["formattedValue"])
                else:
                    cells.append(next(iter(data["effectiveValue"].values())))
            out.append(cells)
        return out

    def xlsx(self) -> bytes:
        from openpyxl import Workbook

        book = Workbook()
        book.remove(book.active)
        us = self.locale.startswith("en_US")
        for title, rows in self.tabs.items():
            sheet = book.create_sheet(title=title)
            for r, row in enumerate(_trimmed_rows(rows), start=1):
                for c, value in enumerate(row, start=1):
                    if value is None or value == "":
                        continue
                    cell = sheet.cell(row=r, column=c, value=value)
                    if isinstance(value, dt.datetime):
                        cell.number_format = "m/d/yyyy h:mm:ss" if us else "dd/mm/yyyy hh:mm:ss"
                    elif isinstance(value, dt.date):
                        cell.number_format = "m/d/yyyy" if us else "dd/mm/yyyy"
                    elif isinstance(value, dt.time):
                        cell.number_format = "h:mm:ss AM/PM" if us else "hh:mm:ss"
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()


@dataclass
class Fault:
    """One injected misbehaviour: ``status`` (an HTTP error), ``hang`` or ``garbage``."""

    mode: str
    kinds: frozenset[str]
    status: int = 0
    seconds: float = 0.0
    after: int = 0
    times: int | None = None
    seen: int = 0
    fired: int = 0

    def fires(self, kind: str) -> bool:
        if kind not in self.kinds:
            return False
        self.seen += 1
        if self.seen <= self.after or (self.times is not None and self.fired >= self.times):
            return False
        self.fired += 1
        return True


# ----------------------------------------------------------------------------- the server

class SheetsEmulator:
    """Google Sheets, its token endpoint and its export on 127.0.0.1 (see the module docstring).

    Use as a context manager, or ``start()`` / ``stop()``. ``url`` is the base to put in
    ``FORUM_GOOGLE_ENDPOINT``; ``token_uri`` goes into the service account
    (``service_account_info(emulator.token_uri)``).
    """

    def __init__(self) -> None:
        self.spreadsheets: dict[str, Spreadsheet] = {}
        self.counts: Counter = Counter()
        self.log: list[tuple[str, str, dict[str, list[str]]]] = []
        self.token_scopes: list[str] = []
        self.faults: list[Fault] = []
        self._tokens: dict[str, str] = {}
        self._lock = threading.Lock()
        self._release = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- set-up ---------------------------------------------------------------------------

    def add_spreadsheet(self, key: str, tabs: dict[str, list[list]], *, title: str = "Forum 2024",
                        locale: str = "fr_FR", link_shared: bool = False,
                        readers: Iterable[str] = (), padding_rows: int = 0) -> Spreadsheet:
        """Serve a workbook under ``key``; ``readers``: the addresses it is shared with."""
        sheet = Spreadsheet(key, title, dict(tabs), locale, link_shared, set(readers), padding_rows)
        self.spreadsheets[key] = sheet
        return sheet

    def fail(self, status: int, *, on: Iterable[str] | str = _SERVED,
             after: int = 0, times: int | None = None) -> None:
        """Answer ``status`` (Google's JSON error; HTML for the export; OAuth's for the token)."""
        self._add(Fault("status", _kinds(on), status=status, after=after, times=times))

    def hang(self, seconds: float = 5.0, *, on: Iterable[str] | str = _SERVED,
             after: int = 0, times: int | None = None) -> None:
        """Say nothing for ``seconds`` (longer than the client's timeout), then answer normally."""
        self._add(Fault("hang", _kinds(on), seconds=seconds, after=after, times=times))

    def garbage(self, *, on: Iterable[str] | str = _SERVED,
                after: int = 0, times: int | None = None) -> None:
        """Answer 200 with bytes that are neither JSON nor a workbook."""
        self._add(Fault("garbage", _kinds(on), after=after, times=times))

    def clear_faults(self) -> None:
        with self._lock:
            self.faults.clear()

    def _add(self, fault: Fault) -> None:
        with self._lock:
            self.faults.append(fault)

    # -- reading the counters ---------------------------------------------------------------

    @property
    def sheets_requests(self) -> int:
        """Requests to the Sheets API proper (the OAuth token request aside)."""
        return self.counts["get"] + self.counts["values"] + self.counts["batchGet"]

    def params(self, kind: str) -> list[dict[str, list[str]]]:
        """The query parameters of every request of ``kind``, in order."""
        return [params for logged, _, params in self.log if logged == kind]

    # -- life cycle -------------------------------------------------------------------------

    @property
    def url(self) -> str:
        assert self._server is not None, "start the emulator first"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def token_uri(self) -> str:
        return self.url + "/token"

    def start(self) -> "SheetsEmulator":
        handler = type("Handler", (_Handler,), {"emulator": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._release.clear()
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._release.set()  # wake hanging handlers
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> "SheetsEmulator":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- request handling -------------------------------------------------------------------

    def _record(self, kind: str, path: str, params: dict) -> Fault | None:
        with self._lock:
            self.counts[kind] += 1
            self.log.append((kind, path, params))
            return next((fault for fault in self.faults if fault.fires(kind)), None)

    def _issue_token(self, form: dict[str, list[str]]) -> tuple[int, dict]:
        assertion = (form.get("assertion") or [""])[0]
        try:
            payload_part = assertion.split(".")[1]
            claims = json.loads(base64.urlsafe_b64decode(payload_part + "=" * (-len(payload_part) % 4)))
        except (IndexError, ValueError):
            return 400, {"error": "invalid_grant", "error_description": "Invalid JWT."}
        token = "ya29.emulator-" + secrets.token_hex(12)
        with self._lock:
            self._tokens[token] = claims.get("iss", "")
            self.token_scopes.extend(str(claims.get("scope", "")).split())
        return 200, {"access_token": token, "expires_in": 3599, "token_type": "Bearer"}

    def _caller(self, authorization: str | None) -> str | None:
        if not authorization or not authorization.startswith("Bearer "):
            return None
        with self._lock:
            return self._tokens.get(authorization[len("Bearer "):])


def _kinds(on: Iterable[str] | str) -> frozenset[str]:
    kinds = frozenset([on] if isinstance(on, str) else on)
    unknown = kinds - set(_KINDS)
    assert not unknown, f"unknown request kinds {unknown}; known: {_KINDS}"
    return kinds


def _google_error(status: int, message: str | None = None) -> dict:
    reason, default = _REASONS.get(status, ("UNKNOWN", "Error."))
    return {"error": {"code": status, "message": message or default, "status": reason}}


class _Handler(BaseHTTPRequestHandler):
    emulator: SheetsEmulator
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 - quiet tests
        pass

    def handle(self) -> None:
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout): nothing to answer

    # -- plumbing -------------------------------------------------------------------------

    def _send(self, status: int, body: bytes, content_type: str, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, payload: Any) -> None:
        self._send(status, json.dumps(payload).encode("utf-8"), "application/json; charset=UTF-8")

    def _kind(self, method: str, path: str) -> str:
        if method == "POST" and path == "/token":
            return "token"
        if method == "GET" and path.startswith("/v4/spreadsheets/"):
            if path.endswith("/values:batchGet"):
                return "batchGet"
            return "values" if "/values/" in path else "get"
        if method == "GET" and path.startswith("/spreadsheets/d/") and path.endswith("/export"):
            return "export"
        if path == "/ServiceLogin":
            return "login"
        return "other"

    def _serve(self, method: str) -> None:
        parts = urlsplit(self.path)
        params = parse_qs(parts.query, keep_blank_values=True)
        body = b""
        if method == "POST":
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        kind = self._kind(method, parts.path)
        fault = self.emulator._record(kind, parts.path, params)
        if fault is not None:
            if fault.mode == "hang":
                self.emulator._release.wait(fault.seconds)
            elif fault.mode == "garbage":
                return self._send(200, b"\x00\x9cnot json <<<", "text/plain")
            elif kind == "token":
                return self._json(fault.status, {"error": "invalid_grant",
                                                 "error_description": "Invalid JWT Signature."})
            elif kind == "export":
                page = f"<html><body>Erreur {fault.status}</body></html>".encode()
                return self._send(fault.status, page, "text/html; charset=utf-8")
            else:
                return self._json(fault.status, _google_error(fault.status))
        getattr(self, "_on_" + kind)(parts.path, params, body)

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self._serve("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._serve("POST")

    # -- routes ---------------------------------------------------------------------------

    def _on_token(self, path, params, body) -> None:
        status, payload = self.emulator._issue_token(parse_qs(body.decode("utf-8")))
        self._json(status, payload)

    def _readable(self, key: str) -> Spreadsheet | None:
        """The spreadsheet if the caller may read it; otherwise answers the error and None."""
        caller = self.emulator._caller(self.headers.get("Authorization"))
        if caller is None:
            self._json(401, _google_error(401))
            return None
        sheet = self.emulator.spreadsheets.get(key)
        if sheet is None:
            self._json(404, _google_error(404))
            return None
        if not sheet.link_shared and caller not in sheet.readers:
            self._json(403, _google_error(403))
            return None
        return sheet

    def _on_get(self, path, params, body) -> None:
        sheet = self._readable(path[len("/v4/spreadsheets/"):])
        if sheet is None:
            return
        mask = (params.get("fields") or [""])[0]
        include = (params.get("includeGridData") or ["false"])[0].lower() == "true"
        try:
            tree = parse_fields(mask) if mask else None
        except ValueError as error:
            return self._json(400, _google_error(400, f"Invalid field selection: {error}"))
        if tree is None:
            with_data = include
        else:  # "If a field mask is set, the includeGridData parameter is ignored."
            with_data = "sheets" in tree and (tree["sheets"] is None or "data" in tree["sheets"])
        self._json(200, apply_fields(sheet.resource(with_data), tree))

    def _value_range(self, sheet: Spreadsheet, name: str, params: dict) -> dict | None:
        """One ``ValueRange`` (whole tab: the A1 part of ``name`` is not honoured)."""
        title = name.rsplit("!", 1)[0] if "!" in name else name
        title = title[1:-1].replace("''", "'") if title.startswith("'") else title
        if title not in sheet.tabs:
            self._json(400, _google_error(400, f"Unable to parse range: {name}"))
            return None
        render = (params.get("valueRenderOption") or ["FORMATTED_VALUE"])[0]
        date_render = (params.get("dateTimeRenderOption") or ["SERIAL_NUMBER"])[0]
        values = sheet.values(title, render, date_render)
        entry = {"range": f"'{title}'!A1:Z{max(len(values), 1)}", "majorDimension": "ROWS"}
        if values:
            entry["values"] = values
        return entry

    def _on_values(self, path, params, body) -> None:
        key, _, name = path[len("/v4/spreadsheets/"):].partition("/values/")
        sheet = self._readable(key)
        if sheet is not None:
            entry = self._value_range(sheet, unquote(name), params)
            if entry is not None:
                self._json(200, entry)

    def _on_batchGet(self, path, params, body) -> None:  # noqa: N802 - Google's name
        sheet = self._readable(path[len("/v4/spreadsheets/"):-len("/values:batchGet")])
        if sheet is None:
            return
        ranges = []
        for name in params.get("ranges", []):
            entry = self._value_range(sheet, name, params)
            if entry is None:
                return
            ranges.append(entry)
        self._json(200, {"spreadsheetId": sheet.key, "valueRanges": ranges})

    def _on_export(self, path, params, body) -> None:
        key = path[len("/spreadsheets/d/"):-len("/export")]
        sheet = self.emulator.spreadsheets.get(key)
        if sheet is None:
            page = b"<html><body>Google Docs - Fichier introuvable</body></html>"
            return self._send(404, page, "text/html; charset=utf-8")
        if not sheet.link_shared:
            # Google sends anonymous visitors of a private sheet to its sign-in page.
            return self._send(302, b"", "text/html", {"Location": "/ServiceLogin?continue=export"})
        if (params.get("format") or [""])[0] != "xlsx":
            return self._send(400, b"<html><body>Format</body></html>", "text/html")
        filename = f"{sheet.title}.xlsx"
        disposition = (f"attachment; filename=\"{filename.encode('ascii', 'replace').decode()}\"; "
                       f"filename*=UTF-8''{quote(filename)}")
        self._send(200, sheet.xlsx(),
                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   {"Content-Disposition": disposition})

    def _on_login(self, path, params, body) -> None:
        self._send(200, _SIGN_IN_PAGE, "text/html; charset=utf-8")

    def _on_other(self, path, params, body) -> None:
        self._json(404, _google_error(404))
