"""A workbook file published at an address: .xlsx, .ods or .csv, e.g. a Nextcloud share link.

The format is decided from the bytes (a zip holding an OpenDocument ``mimetype`` is an .ods,
another zip an .xlsx, text a CSV), the file's name only naming a CSV tab. Share tokens and
query strings never appear in descriptions or messages: they are often the only secret.

>>> download_url("https://cloud.example.org/index.php/s/aBcD3fGh1jKlMnP")
'https://cloud.example.org/index.php/s/aBcD3fGh1jKlMnP/download'
>>> public_name("https://cloud.example.org/s/aBcD3fGh1jKlMnP?x=1")
'cloud.example.org/…'
"""
from __future__ import annotations

import re
import time
from email.message import Message
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit, urlunsplit

import requests

from forum_data import fr
from forum_data.sources.base import RawWorkbook, SourceError
from forum_data.sources.csvdir import read_csv_sheet
from forum_data.sources.spreadsheet import _OLE_MAGIC, read_ods, read_xlsx, zip_kind

MAX_BYTES = 50 * 1024 * 1024
_CHUNK = 64 * 1024
# Nextcloud / Framadrive public share: /s/TOKEN or /index.php/s/TOKEN, maybe under a prefix.
_SHARE_PATH = re.compile(r"(?P<base>(?:/.*)?/s/[A-Za-z0-9]{5,})/?")
_HEADERS = {"User-Agent": "forum-dashboard/1.0", "Accept": "*/*"}


def read_url(
    url: str,
    *,
    timeout: float = 20.0,
    session: requests.Session | None = None,
    max_bytes: int = MAX_BYTES,
) -> RawWorkbook:
    """Download a workbook file and read it (kind ``url``).

    ``timeout`` bounds the connection and each read (the whole download gets three times
    that); ``max_bytes`` bounds the size. Every failure is a ``SourceError`` in French.
    """
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SourceError("Lien invalide : indiquez une adresse complète commençant par https://.", reason="read_error")
    host = _host(parts)
    fetch = download_url(url.strip())
    data, headers = _download(fetch, host, timeout=timeout, session=session, max_bytes=max_bytes)

    filename = _filename(headers.get("Content-Disposition", ""), fetch)
    description = f"fichier en ligne {public_name(url, filename)}"
    content_type = headers.get("Content-Type", "").lower()

    if _looks_like_html(data, content_type, filename):
        raise SourceError(
            f"Le lien mène à une page web de {host} (peut-être une page de connexion) et non à un "
            "fichier : le partage doit être public et viser le fichier .xlsx, .ods ou .csv.", reason="access")
    kind = zip_kind(data)
    if kind == "ods":
        workbook = read_ods(data, description=description, kind="url")
    elif kind == "xlsx" or data.startswith(_OLE_MAGIC):
        workbook = read_xlsx(data, description=description, kind="url")
    elif b"\x00" in data[:4096]:  # binary, yet neither zip nor Office: a PDF, an image…
        raise SourceError(
            f"Impossible de lire la source « {description} » : ce n'est ni un classeur .xlsx ou "
            ".ods ni un fichier CSV ; partagez le classeur dans l'un de ces formats.", reason="unreadable")
    else:
        sheet, cut = read_csv_sheet(data, PurePosixPath(filename).stem if filename else "Feuille 1")
        extra = {"truncated": [sheet.title]} if cut else {}
        workbook = RawWorkbook(source=description, sheets=[sheet], kind="url", extra=extra)
    workbook.extra.setdefault("format", kind or "csv")
    return workbook


def download_url(url: str) -> str:
    """The address that gives the file itself: a Nextcloud share page gets ``/download``."""
    parts = urlsplit(url)
    match = _SHARE_PATH.fullmatch(parts.path)
    if not match:
        return url
    return urlunsplit(parts._replace(path=match["base"] + "/download"))


def public_name(url: str, filename: str | None = None) -> str:
    """``host/…/name``: what may be shown of an address (no token, no query string)."""
    parts = urlsplit(url)
    name = filename or ""
    if not name and not _SHARE_PATH.fullmatch(parts.path):
        name = unquote(PurePosixPath(parts.path).name)
    return f"{_host(parts)}/…/{name}" if name else f"{_host(parts)}/…"


def _host(parts) -> str:
    # hostname drops any user:password@ written in the address.
    host = parts.hostname or ""
    return f"{host}:{parts.port}" if parts.port else host


def _download(url: str, host: str, *, timeout: float, session, max_bytes: int):
    """The response body and headers, or a French SourceError."""
    http = session or requests.Session()
    deadline = time.monotonic() + 3 * timeout
    try:
        with http.get(url, headers=_HEADERS, timeout=(timeout, timeout), stream=True,
                      allow_redirects=True) as response:
            _check_status(response.status_code, host)
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise _too_large(max_bytes)
            body = bytearray()
            for chunk in response.iter_content(_CHUNK):
                body += chunk
                if len(body) > max_bytes:
                    raise _too_large(max_bytes)
                if time.monotonic() > deadline:
                    raise requests.Timeout()
            return bytes(body), response.headers
    except requests.Timeout:
        raise _timed_out(host, timeout) from None
    except requests.exceptions.SSLError:
        raise SourceError(
            f"Connexion sécurisée impossible avec {host} (certificat refusé) : "
            "vérifiez l'adresse du lien.", reason="network") from None
    except requests.ConnectionError as error:
        if "ReadTimeoutError" in repr(error) or "timed out" in repr(error):
            raise _timed_out(host, timeout) from None
        if "NameResolution" in repr(error) or "resolve" in repr(error).lower():
            raise SourceError(
                f"Le serveur {host} est introuvable : vérifiez l'adresse du lien et la connexion "
                "Internet.", reason="host_not_found") from None
        raise SourceError(
            f"Connexion impossible au serveur {host} : vérifiez le lien et la connexion Internet, "
            "puis réessayez.", reason="network") from None
    except requests.RequestException:
        raise SourceError(
            f"Le fichier en ligne sur {host} n'a pas pu être téléchargé : vérifiez le lien et "
            "réessayez.", reason="read_error") from None


def _check_status(status: int, host: str) -> None:
    if status < 400:
        return
    if status == 404:
        raise SourceError(
            f"Lien introuvable sur {host} (erreur 404) : vérifiez le lien de partage.", reason="not_found")
    if status in (401, 403):
        raise SourceError(
            f"Accès refusé par {host} (erreur {status}) : le partage doit être public, "
            "accessible à toute personne qui a le lien.", reason="access")
    raise SourceError(
        f"Le serveur {host} a répondu par une erreur {status} : réessayez plus tard ou vérifiez "
        "le lien.", reason="server_error" if status >= 500 else "read_error")


def _too_large(max_bytes: int) -> SourceError:
    return SourceError(
        f"Le fichier en ligne dépasse {max_bytes / 1024 / 1024:g} Mo : "
        "allégez le classeur ou partagez un fichier plus petit.", reason="read_error")


def _timed_out(host: str, timeout: float) -> SourceError:
    return SourceError(
        f"Le serveur {host} n'a pas répondu à temps ({fr.seconds(timeout)}) : "
        "réessayez plus tard ou vérifiez le lien.", reason="timeout")


def _filename(disposition: str, url: str) -> str:
    """The file's name from Content-Disposition (RFC 6266, ``filename*`` too), else the URL."""
    if disposition:
        message = Message()
        message["Content-Disposition"] = disposition
        name = message.get_filename()
        if name:
            return PurePosixPath(name.replace("\\", "/")).name
    path = urlsplit(url).path.rstrip("/")
    share = path.removesuffix("/download")
    if _SHARE_PATH.fullmatch(share):
        return ""  # the last segment is the token or "download": no name to give
    return unquote(PurePosixPath(path).name)


def _looks_like_html(data: bytes, content_type: str, filename: str) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<!--")):
        return True
    labelled_html = "html" in content_type and not filename.lower().endswith(".csv")
    return labelled_html and not data.startswith(b"PK")
