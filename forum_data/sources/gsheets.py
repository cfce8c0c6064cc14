"""Google Sheets: the volunteers' shared sheet, read in ONE request, exactly as they see it.

Two ways in:

- **a service account** (credentials from ``FORUM_GOOGLE_CREDENTIALS``, a JSON key file, or
  from ``[connections.gsheets]`` in ``.streamlit/secrets.toml``, the st-gsheets-connection
  format): one OAuth token request, then one ``spreadsheets.get`` whose field mask returns
  every tab's title, id, cells' displayed text, typed values and number-format types at once,
  whatever the number of tabs (the naive gspread loop costs 1 + 2 × tabs requests, and the
  service account's 60 reads a minute are shared by every viewer of the dashboard);
- **a link-shared sheet** and no credentials: one request, the ``.xlsx`` export of the whole
  workbook, read by the xlsx source.

Cells follow ``forum_data.sources.base``: the displayed text (``formattedValue``), except typed
cells, which are normalised so that no locale can change them. Dates come from the serial
number (days since 1899-12-30) whenever the number format type is DATE, DATE_TIME or TIME, so
an English-locale sheet showing ``7/3/2024`` still gives ``2024-07-03`` (a date-time at
midnight gives the date, a time ``HH:MM``); every other number cell gives its ``numberValue``
with a dot and no grouping (``1,234.5`` in an English sheet and ``1 234,5`` in a French one
both give ``1234.5``), a percentage ``10 %``: the very rules, and functions, of the xlsx
source, so that the two ways in below give the same cells. Booleans give ``oui``/``non``; text
cells, including ``06 12 34 56 78`` and ``1,5``, are handed on untouched.

``FORUM_GOOGLE_ENDPOINT``, when set, replaces both ``https://sheets.googleapis.com`` and
``https://docs.google.com`` (tests, proxies); the token address is the credentials'
``token_uri``.

>>> sheet_key("https://docs.google.com/spreadsheets/d/1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_ab/edit#gid=0")
'1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_ab'
"""
from __future__ import annotations

import functools
import json
import os
import random
import re
import time
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any, Callable
from urllib.parse import unquote, urlsplit

import requests

from forum_data import fr
from forum_data.sources.base import RawSheet, RawWorkbook, SourceError
from forum_data.sources.typed import format_datetime, format_number, format_percent, format_time

SHEETS_API = "https://sheets.googleapis.com"
DOCS = "https://docs.google.com"
ENDPOINT_VARIABLE = "FORUM_GOOGLE_ENDPOINT"
CREDENTIALS_VARIABLE = "FORUM_GOOGLE_CREDENTIALS"

#: Reading only; gspread's own "read-only" scope list adds Drive, which we never need.
SCOPES = ("https://www.googleapis.com/auth/spreadsheets.readonly",)

#: Everything one read needs, nothing more (rowMetadata, fonts, colours… stay at Google).
FIELDS = (
    "properties.title,"
    "sheets(properties(sheetId,title,sheetType),"
    "data(rowData(values(formattedValue,effectiveValue,effectiveFormat.numberFormat.type))))"
)

_KEY_IN_PATH = re.compile(r"/spreadsheets?/(?:u/\d+/)?d/([A-Za-z0-9_-]{10,})")
_KEY_IN_QUERY = re.compile(r"[?&]key=([A-Za-z0-9_-]{10,})")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]{30,100}")
_GOOGLE_HOSTS = ("docs.google.com", "sheets.google.com", "drive.google.com")
_SERIAL_EPOCH = datetime(1899, 12, 30)
_DATE_TYPES = ("DATE", "DATE_TIME", "TIME")
_XLSX_MAGIC = b"PK\x03\x04"


# -- addresses ---------------------------------------------------------------------------------

def _endpoint() -> str | None:
    value = os.environ.get(ENDPOINT_VARIABLE, "").strip().rstrip("/")
    return value or None


def docs_base() -> str:
    """``https://docs.google.com``, or ``FORUM_GOOGLE_ENDPOINT`` when set."""
    return _endpoint() or DOCS


def _rebase(url: str, endpoint: str | None) -> str:
    """Send Google's Sheets and Docs addresses to ``endpoint`` (tests, proxies); others untouched."""
    if endpoint:
        for base in (SHEETS_API, DOCS):
            if url == base or url.startswith(base + "/"):
                return endpoint + url[len(base):]
    return url


def is_google_sheet(spec: str) -> bool:
    """Whether ``spec`` names a Google Sheet: one of its addresses, or a bare key.

    >>> is_google_sheet("https://docs.google.com/spreadsheets/d/1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_ab/htmlview")
    True
    >>> is_google_sheet("classeur.xlsx"), is_google_sheet("https://example.org/classeur.xlsx")
    (False, False)
    """
    spec = str(spec).strip()
    if "://" in spec:
        parts = urlsplit(spec)
        hosts = {*_GOOGLE_HOSTS}
        if _endpoint():
            hosts.add(urlsplit(_endpoint()).netloc)
        return parts.netloc.lower() in hosts and "/spreadsheet" in parts.path
    # A local file or folder wins over a key-looking name.
    return bool(_BARE_KEY.fullmatch(spec)) and not os.path.exists(spec)


def sheet_key(spec: str) -> str:
    """The spreadsheet key in a Google Sheets address (any form) or a bare key.

    >>> sheet_key("https://docs.google.com/spreadsheets/u/0/d/1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_ab/edit?usp=sharing")
    '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_ab'
    """
    spec = str(spec).strip()
    if "://" not in spec:
        if _BARE_KEY.fullmatch(spec):
            return spec
        raise SourceError(
            f"« {spec} » n'est ni une adresse Google Sheets ni une clé de feuille : "
            "copiez l'adresse de la feuille depuis la barre du navigateur.", reason="unreadable")
    path = urlsplit(spec).path
    if "/d/e/" in path:
        raise SourceError(
            "Cette adresse est celle d'une feuille « publiée sur le web », qui ne donne pas accès "
            "au classeur : utilisez le lien de partage de la feuille (bouton « Partager »).", reason="read_error")
    match = _KEY_IN_PATH.search(path) or _KEY_IN_QUERY.search(spec)
    if not match:
        raise SourceError(
            "Aucune clé de feuille dans cette adresse Google Sheets : copiez l'adresse complète "
            "de la feuille depuis la barre du navigateur (…/spreadsheets/d/CLÉ/edit).", reason="read_error")
    return match.group(1)


# -- cells -------------------------------------------------------------------------------------

def serial_text(serial: float, number_type: str) -> str:
    """A Sheets serial number (days since 1899-12-30) as ISO text, by its number-format type.

    >>> serial_text(45476, "DATE"), serial_text(45476.6069, "DATE_TIME"), serial_text(0.6041666667, "TIME")
    ('2024-07-03', '2024-07-03 14:33:56', '14:30')
    """
    seconds = round(serial * 86400)  # serials are binary fractions: 14:33:05 may be 14:33:04.9999
    if number_type == "TIME":
        return format_time(timedelta(seconds=seconds % 86400))
    moment = _SERIAL_EPOCH + timedelta(seconds=seconds)
    return moment.date().isoformat() if number_type == "DATE" else format_datetime(moment)


def cell_text(cell: dict) -> str:
    """The text of one ``CellData`` (see the module docstring for the rules).

    >>> cell_text({"formattedValue": "7/3/2024", "effectiveValue": {"numberValue": 45476},
    ...            "effectiveFormat": {"numberFormat": {"type": "DATE"}}})
    '2024-07-03'
    >>> cell_text({"formattedValue": "06 12 34 56 78", "effectiveValue": {"stringValue": "06 12 34 56 78"}})
    '06 12 34 56 78'
    """
    value = cell.get("effectiveValue") or {}
    if "boolValue" in value:
        return "oui" if value["boolValue"] else "non"
    if "numberValue" in value:
        number_type = ((cell.get("effectiveFormat") or {}).get("numberFormat") or {}).get("type")
        if number_type in _DATE_TYPES:
            return serial_text(value["numberValue"], number_type)
        if number_type == "PERCENT":
            return format_percent(value["numberValue"])
        return format_number(value["numberValue"])
    # Text, errors (#REF!…) and empty cells: what people see.
    return cell.get("formattedValue", "")


def _trimmed(cells: list[str]) -> list[str]:
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return cells[:end]


def grid_rows(sheet: dict) -> list[list[str]]:
    """Every row of one ``Sheet`` resource as text, trailing empty cells and rows dropped."""
    rows = [
        _trimmed([cell_text(cell) for cell in row.get("values", [])])
        for grid in sheet.get("data", [])
        for row in grid.get("rowData", [])
    ]
    while rows and not rows[-1]:
        rows.pop()
    return rows


def workbook_from_spreadsheet(resource: dict, key: str) -> RawWorkbook:
    """A ``RawWorkbook`` from a ``spreadsheets.get`` answer (asked with ``FIELDS``)."""
    title = (resource.get("properties") or {}).get("title") or key
    sheets = [
        RawSheet(
            title=properties.get("title", ""),
            rows=grid_rows(sheet),
            gid=str(properties.get("sheetId", 0)),
        )
        for sheet in resource.get("sheets", [])
        for properties in [sheet.get("properties") or {}]
        if properties.get("sheetType", "GRID") == "GRID"  # charts' own tabs hold no cells
    ]
    return RawWorkbook(
        source=f"Google Sheets « {title} »",
        sheets=sheets,
        kind="gsheets",
        edit_url=f"{docs_base()}/spreadsheets/d/{key}/edit",
        extra={"key": key, "access": "service_account"},
    )


# -- credentials -------------------------------------------------------------------------------

def find_credentials() -> dict | None:
    """The service account to use: ``FORUM_GOOGLE_CREDENTIALS`` (a JSON key file), else
    ``[connections.gsheets]`` of the secrets when it holds a private key, else ``None``."""
    path = os.environ.get(CREDENTIALS_VARIABLE, "").strip()
    if path:
        try:
            with open(path, encoding="utf-8") as handle:
                info = json.load(handle)
        except OSError:
            raise SourceError(
                f"Le fichier d'identifiants Google « {path} » (variable {CREDENTIALS_VARIABLE}) "
                "est introuvable ou illisible : vérifiez son chemin.", reason="credentials") from None
        except ValueError:
            raise SourceError(
                f"Le fichier d'identifiants Google « {path} » n'est pas un JSON valide : "
                "téléchargez à nouveau la clé JSON du compte de service.", reason="credentials") from None
        if not isinstance(info, dict):
            raise SourceError(
                f"Le fichier « {path} » n'est pas une clé JSON de compte de service Google.", reason="read_error")
        return info
    try:
        from forum_data.config import read_secrets
    except ImportError:
        return None
    section = (read_secrets().get("connections") or {}).get("gsheets") or {}
    if isinstance(section, dict) and section.get("private_key"):
        return dict(section)
    return None


def _service_account(info: dict):
    """google-auth credentials from a key dict, or a French ``SourceError`` (never the key)."""
    from google.oauth2 import service_account

    kind = info.get("type", "service_account")
    if kind != "service_account":
        raise SourceError(
            f"Les identifiants Google sont de type « {kind} » : seul un compte de service "
            "(type = \"service_account\") est pris en charge.", reason="credentials")
    missing = [name for name in ("client_email", "private_key", "token_uri") if not info.get(name)]
    if missing:
        raise SourceError(
            "Les identifiants du compte de service Google sont incomplets (il manque "
            f"{', '.join(missing)}) : recopiez la clé JSON complète dans [connections.gsheets].", reason="credentials")
    info = dict(info)
    if "\\n" in info["private_key"] and "\n" not in info["private_key"]:
        # A key pasted into a TOML literal string keeps its "\n" escapes.
        info["private_key"] = info["private_key"].replace("\\n", "\n")
    try:
        return service_account.Credentials.from_service_account_info(info, scopes=list(SCOPES))
    except Exception:  # malformed PEM, wrong key type…: never echo the key itself
        raise SourceError(
            f"La clé privée du compte de service {info['client_email']} est illisible : "
            "recopiez le champ private_key de la clé JSON, avec ses lignes BEGIN/END.", reason="unreadable") from None


# -- HTTP --------------------------------------------------------------------------------------

class _GoogleSession(requests.Session):
    """A requests session that sends Google's addresses to ``FORUM_GOOGLE_ENDPOINT`` if set.

    gspread imports its URL constants by name, so patching ``gspread.urls`` would change
    nothing; rewriting at the session is the one place every request goes through.
    """

    def __init__(self, endpoint: str | None) -> None:
        super().__init__()
        self.endpoint = endpoint

    def request(self, method, url, *args, **kwargs):  # noqa: D401 - requests' signature
        return super().request(method, _rebase(url, self.endpoint), *args, **kwargs)


def _with_one_retry(call: Callable[[], Any], is_quota: Callable[[Exception], bool], delay: float):
    """``call()``; on a quota refusal (429), once more after a short jittered pause.

    Never gspread's BackOffHTTPClient: it retries for minutes, while a dashboard viewer waits.
    """
    try:
        return call()
    except Exception as error:
        if not is_quota(error):
            raise
    time.sleep(random.uniform(delay / 2, delay) if delay > 0 else 0)
    return call()


def _network_error(error: Exception, timeout: float) -> SourceError:
    if isinstance(error, requests.Timeout):
        return SourceError(
            f"Google Sheets n'a pas répondu en {fr.seconds(timeout)} : vérifiez la connexion "
            "à Internet, puis réessayez.", reason="timeout")
    return SourceError(
        "Impossible de joindre Google Sheets : vérifiez la connexion à Internet, puis réessayez.", reason="network")


def _status_error(status: int, *, email: str | None, key: str, detail: str = "") -> SourceError:
    """The French sentence for an HTTP refusal of the Sheets API or of the export."""
    if status == 401:
        return SourceError(
            f"Google refuse les identifiants du compte de service {email} : générez une "
            "nouvelle clé JSON et mettez à jour les secrets.", reason="credentials")
    if status == 403:
        if "has not been used" in detail or "is disabled" in detail or "SERVICE_DISABLED" in detail:
            return SourceError(
                f"L'API Google Sheets n'est pas activée pour le projet du compte de service {email} : "
                "activez « Google Sheets API » dans la console Google Cloud de ce projet.", reason="read_error")
        if email:
            return SourceError(
                f"Le compte de service {email} n'a pas accès à ce Google Sheets : partagez la "
                "feuille avec cette adresse (« Partager », rôle Lecteur).", reason="access")
        return _not_shared_error()
    if status == 404:
        return SourceError(
            f"Aucun Google Sheets ne correspond à la clé « {key} » : vérifiez l'adresse de la feuille.", reason="not_found")
    if status == 429:
        return SourceError(
            "Google limite le nombre de lectures et le quota est atteint pour le moment : "
            "réessayez dans une minute.", reason="quota")
    if status >= 500:
        return SourceError(
            f"Google Sheets est momentanément indisponible (erreur {status}) : réessayez dans "
            "quelques minutes.", reason="unavailable")
    return SourceError(
        f"Google Sheets a refusé la lecture (erreur {status}) : vérifiez l'adresse de la feuille.", reason="read_error")


def _garbage_error() -> SourceError:
    return SourceError(
        "Google Sheets a renvoyé une réponse illisible : réessayez dans quelques minutes.", reason="unreadable")


def _not_shared_error() -> SourceError:
    return SourceError(
        "Ce Google Sheets n'est pas partagé par lien : dans la feuille, « Partager » → "
        "« Tous les utilisateurs disposant du lien » (Lecteur), ou configurez un compte de service.", reason="access")


# -- the two ways in ---------------------------------------------------------------------------

def _read_with_service_account(key: str, info: dict, timeout: float, retry_delay: float) -> RawWorkbook:
    import gspread
    from google.auth import exceptions as auth_errors
    from google.auth.transport.requests import Request

    credentials = _service_account(info)
    email = info["client_email"]
    session = _GoogleSession(_endpoint())
    # The token is fetched here, not by gspread's AuthorizedSession: with it, google-auth 2.62
    # starts a background "regional access boundary" lookup at iamcredentials.googleapis.com
    # after the first authorised request, an outside call a dashboard read does not need (and
    # which no endpoint setting can redirect).
    try:
        credentials.refresh(functools.partial(Request(session), timeout=timeout))
    except auth_errors.TransportError as error:
        raise _network_error(error.__cause__ or error, timeout) from None
    except auth_errors.RefreshError as error:
        if getattr(error, "retryable", False):
            raise SourceError(
                "Le service d'authentification de Google est momentanément indisponible : "
                "réessayez dans quelques minutes.", reason="unavailable") from None
        raise SourceError(
            f"Google refuse les identifiants du compte de service {email} (clé révoquée ou "
            "invalide) : générez une nouvelle clé JSON et mettez à jour les secrets.", reason="credentials") from None
    session.headers["Authorization"] = f"Bearer {credentials.token}"

    client = gspread.Client(None, session=session)  # auth=None: the session is authorised
    client.set_timeout(timeout)
    params = {"includeGridData": "true", "fields": FIELDS}

    def fetch() -> dict:
        return client.http_client.fetch_sheet_metadata(key, params=params)

    def is_quota(error: Exception) -> bool:
        return isinstance(error, gspread.exceptions.APIError) and error.response.status_code == 429

    try:
        resource = _with_one_retry(fetch, is_quota, retry_delay)
    except gspread.exceptions.APIError as error:
        status = error.response.status_code
        if error.code == -1 and status not in (401, 403, 404, 429) and status < 500:
            raise _garbage_error() from None  # an error page that is not Google's JSON
        detail = json.dumps(error.error, ensure_ascii=False) if isinstance(error.error, dict) else ""
        raise _status_error(status, email=email, key=key, detail=detail) from None
    except requests.RequestException as error:
        if isinstance(error, ValueError):  # requests' JSONDecodeError: a 200 that is not JSON
            raise _garbage_error() from None
        raise _network_error(error, timeout) from None
    except ValueError:
        raise _garbage_error() from None
    finally:
        session.close()
    try:
        return workbook_from_spreadsheet(resource, key)
    except (AttributeError, TypeError, ValueError):  # JSON, but not a spreadsheet's shape
        raise _garbage_error() from None


_FILENAME_UTF8 = re.compile(r"filename\*\s*=\s*([\w-]+)'[^']*'([^;\s]+)", re.IGNORECASE)
_FILENAME = re.compile(r'filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;\s]+)', re.IGNORECASE)


def _export_title(response: requests.Response) -> str | None:
    """The workbook title, from the export's ``Content-Disposition`` file name.

    Google sends both an ASCII ``filename`` (accents replaced) and an RFC 5987 ``filename*``;
    the latter is the true title.
    """
    header = response.headers.get("Content-Disposition", "")
    encoded = _FILENAME_UTF8.search(header)
    if encoded:
        try:
            name = unquote(encoded.group(2), encoding=encoded.group(1), errors="strict")
        except (LookupError, UnicodeDecodeError):
            name = None
    else:
        name = None
    if name is None:
        plain = _FILENAME.search(header)
        name = (plain.group(1) or plain.group(2)) if plain else None
    if not name:
        return None
    return name[: -len(".xlsx")] if name.lower().endswith(".xlsx") else name


def _read_shared_link(key: str, timeout: float, retry_delay: float) -> RawWorkbook:
    url = f"{docs_base()}/spreadsheets/d/{key}/export"

    def fetch() -> requests.Response:
        response = requests.get(url, params={"format": "xlsx"}, timeout=timeout)
        if response.status_code == 429:
            raise _QuotaRefused(response)
        return response

    try:
        response = _with_one_retry(fetch, lambda error: isinstance(error, _QuotaRefused), retry_delay)
    except _QuotaRefused:
        raise _status_error(429, email=None, key=key) from None
    except requests.RequestException as error:
        raise _network_error(error, timeout) from None
    if response.status_code in (401, 403):
        raise _not_shared_error()
    if response.status_code >= 400:
        raise _status_error(response.status_code, email=None, key=key)
    content = response.content
    if not content.startswith(_XLSX_MAGIC):
        if "html" in response.headers.get("Content-Type", "") or content.lstrip()[:1] == b"<":
            raise _not_shared_error()  # Google's sign-in page: the sheet is not link-shared
        raise _garbage_error()

    from forum_data.sources.spreadsheet import read_xlsx

    title = _export_title(response) or key
    workbook = read_xlsx(content, description=f"Google Sheets « {title} »", kind="gsheets")
    return replace(
        workbook,
        source=f"Google Sheets « {title} »",
        kind="gsheets",
        edit_url=f"{docs_base()}/spreadsheets/d/{key}/edit",
        extra={**workbook.extra, "key": key, "access": "link"},
    )


class _QuotaRefused(Exception):
    def __init__(self, response: requests.Response) -> None:
        super().__init__(response.status_code)
        self.response = response


def read_google_sheet(
    spec: str,
    *,
    timeout: float = 20.0,
    credentials: dict | None = None,
    retry_delay: float = 1.0,
) -> RawWorkbook:
    """Every tab of a Google Sheet, as cell text, in one Sheets request (token aside).

    ``spec``: an address of the sheet (``…/edit#gid=0``, ``?usp=sharing``, ``/htmlview``…) or
    its key. ``timeout``: seconds allowed to each HTTP request. ``credentials``: a service
    account key dict; ``None`` looks one up (``find_credentials``); ``{}`` means none: read the
    link-shared ``.xlsx`` export. ``retry_delay``: the longest pause before the one retry
    allowed after a quota refusal (429). Raises ``SourceError`` with a French sentence.
    """
    key = sheet_key(spec)
    if credentials is None:
        credentials = find_credentials()
    if credentials:
        return _read_with_service_account(key, credentials, timeout, retry_delay)
    return _read_shared_link(key, timeout, retry_delay)
