"""Spreadsheet files: .xlsx and .ods, every tab, hidden ones included.

Read by python-calamine (``calamine``) when it gives the cells exactly, else streamed by openpyxl
(.xlsx) or odfpy (.ods): error cells, .ods line breaks, percentages or merged cells, huge areas.

Typed cells are normalised so that no locale can change them (see ``base``): a date typed
cell gives ``"2024-07-03"`` whatever its display format, a percentage ``0.1`` gives
``"10 %"``, a boolean ``"oui"``/``"non"``. Text cells are handed on untouched.

>>> from openpyxl import Workbook
>>> book = Workbook(); book.active.title = "Salles"; book.active.append(["Amphi", 120, 0.5])
>>> book.active["C1"].number_format = "0%"
>>> buffer = io.BytesIO(); book.save(buffer)
>>> read_xlsx(buffer.getvalue(), description="test").sheets[0].rows
[['Amphi', '120', '50 %']]
"""
from __future__ import annotations

import datetime as dt
import io
import itertools
import re
import zipfile
from decimal import Decimal, InvalidOperation
from pathlib import Path

from forum_data.sources.base import RawSheet, RawWorkbook, SourceError
from forum_data.sources.calamine import read_with_calamine
from forum_data.sources.csvdir import MAX_COLUMNS, MAX_ROWS
from forum_data.sources.typed import format_datetime, format_number, format_percent, format_time  # noqa: F401

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, or an encrypted Office file
_ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_ROW_CONTAINERS = {"table-header-rows", "table-rows", "table-row-group"}
_DURATION = re.compile(
    r"-?P(?:(?P<d>\d+)D)?(?:T(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?(?:(?P<s>\d+(?:[.,]\d+)?)S)?)?"
)


# ---------------------------------------------------------------- shared formatting

def _trim(cells: list[str]) -> list[str]:
    end = len(cells)
    while end and cells[end - 1] == "":
        end -= 1
    return cells[:end]


def _open_bytes(data: bytes | str | Path, description: str) -> bytes:
    if isinstance(data, (bytes, bytearray)):
        return bytes(data)
    try:
        return Path(data).expanduser().read_bytes()
    except FileNotFoundError:
        raise SourceError(f"Source introuvable : {data} ; vérifiez le chemin du fichier.", reason="not_found") from None
    except OSError as error:
        raise SourceError(
            f"Impossible d'ouvrir {description} ({error.strerror or 'erreur système'}) : "
            "vérifiez le chemin et les droits d'accès.", reason="read_error") from None


def _unreadable(description: str, why: str, fix: str) -> SourceError:
    return SourceError(f"Impossible de lire la source « {description} » : {why} ; {fix}.", reason="read_error")


def _check_container(data: bytes, description: str, expected: str) -> zipfile.ZipFile:
    """The zip inside an .xlsx/.ods file, or a French SourceError saying why it is not one."""
    if data.startswith(_OLE_MAGIC):
        raise _unreadable(
            description,
            "le fichier est protégé par un mot de passe ou au vieux format .xls",
            f"enlevez le mot de passe et enregistrez-le au format {expected}",
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError):
        raise _unreadable(
            description,
            f"ce n'est pas un classeur {expected} valide (fichier abîmé ou d'un autre format)",
            f"ouvrez-le dans un tableur et enregistrez-le au format {expected}",
        ) from None
    return archive


# ---------------------------------------------------------------- xlsx

def read_xlsx(data: bytes | str | Path, *, description: str, kind: str = "xlsx") -> RawWorkbook:
    """Every tab of an .xlsx/.xlsm file; formulas give their last computed values.

    ``data`` is the file's bytes or its path. Raises ``SourceError`` (French) when the file is
    not a readable workbook (corrupt, another format, password protected).
    """
    raw = _open_bytes(data, description)
    archive = _check_container(raw, description, ".xlsx")
    if _ODS_MIMETYPE in _zip_mimetype(archive):
        return read_ods(raw, description=description, kind=kind)
    fast = read_with_calamine(raw, "xlsx")
    if fast is not None:
        return _workbook(fast, description, kind)
    import openpyxl  # noqa: PLC0415 - heavy import, only when calamine cannot read the file exactly

    try:
        # read_only streams each sheet's XML; defusedxml (installed) guards the parser.
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises anything from KeyError to XML errors
        raise _unreadable(
            description,
            "ce n'est pas un classeur .xlsx valide (fichier abîmé ou d'un autre format)",
            "ouvrez-le dans un tableur et enregistrez-le au format .xlsx",
        ) from None
    sheets, truncated = [], []
    try:
        for worksheet in book.worksheets:
            sheet, cut = _read_xlsx_sheet(worksheet)
            sheets.append(sheet)
            if cut:
                truncated.append(sheet.title)
    except Exception:  # noqa: BLE001 - a broken sheet XML surfaces only while streaming
        raise _unreadable(
            description,
            "un onglet est abîmé",
            "ouvrez le fichier dans un tableur et enregistrez-le à nouveau au format .xlsx",
        ) from None
    finally:
        book.close()
    extra = {"truncated": truncated} if truncated else {}
    return RawWorkbook(source=description, sheets=sheets, kind=kind, extra=extra)


def _workbook(sheets: list[tuple[RawSheet, bool]], description: str, kind: str) -> RawWorkbook:
    truncated = [sheet.title for sheet, cut in sheets if cut]
    extra = {"truncated": truncated} if truncated else {}
    return RawWorkbook(source=description, sheets=[sheet for sheet, _ in sheets], kind=kind, extra=extra)


def _read_xlsx_sheet(worksheet) -> tuple[RawSheet, bool]:
    # Some writers store a wrong <dimension>: forget it and read what is really there,
    # starting at A1 so that row numbers stay those a person sees.
    worksheet.reset_dimensions()
    rows: list[list[str]] = []
    truncated = False
    cells_by_row = worksheet.iter_rows(min_row=1, min_col=1)
    for cells in cells_by_row:
        if len(rows) >= MAX_ROWS:
            truncated = any(
                any(c.value not in (None, "") for c in r) for r in itertools.chain([cells], cells_by_row)
            )
            break
        if len(cells) > MAX_COLUMNS:
            truncated = truncated or any(c.value not in (None, "") for c in cells[MAX_COLUMNS:])
            cells = cells[:MAX_COLUMNS]
        rows.append(_trim([xlsx_cell_text(c) for c in cells]))
    while rows and not rows[-1]:
        rows.pop()
    return RawSheet(title=worksheet.title, rows=rows), truncated


def xlsx_cell_text(cell) -> str:
    """The text of one openpyxl cell, typed values normalised (see the module docstring)."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, (dt.datetime, dt.date)):
        return format_datetime(value)
    if isinstance(value, (dt.time, dt.timedelta)):
        return format_time(value)
    if isinstance(value, (int, float, Decimal)):
        if "%" in (getattr(cell, "number_format", None) or ""):
            return format_percent(value)
        return format_number(value)
    return str(value)


# ---------------------------------------------------------------- ods

def read_ods(data: bytes | str | Path, *, description: str, kind: str = "ods") -> RawWorkbook:
    """Every tab of an .ods file, typed cells normalised, huge trailing repeats not materialised.

    ``data`` is the file's bytes or its path. Raises ``SourceError`` (French) when the file is
    not a readable OpenDocument spreadsheet (corrupt, another format, password protected).
    """
    raw = _open_bytes(data, description)
    archive = _check_container(raw, description, ".ods")
    try:
        manifest = archive.read("META-INF/manifest.xml")
    except (KeyError, zipfile.BadZipFile, OSError):
        manifest = b""
    if b"encryption-data" in manifest:
        raise _unreadable(
            description,
            "le fichier est protégé par un mot de passe",
            "enregistrez-le sans mot de passe au format .ods",
        )
    fast = read_with_calamine(raw, "ods")
    if fast is not None:
        return _workbook(fast, description, kind)
    from odf import opendocument  # noqa: PLC0415 - heavy import, only when calamine cannot read the file exactly

    try:
        document = opendocument.load(io.BytesIO(raw))
        body = document.spreadsheet
    except Exception:  # noqa: BLE001 - odfpy raises anything from KeyError to SAX errors
        raise _unreadable(
            description,
            "ce n'est pas un classeur .ods valide (fichier abîmé ou d'un autre format)",
            "ouvrez-le dans un tableur et enregistrez-le au format .ods",
        ) from None
    sheets, truncated = [], []
    for table in body.childNodes:
        if getattr(table, "qname", None) != (_TABLE, "table"):
            continue
        sheet, cut = _read_ods_table(table)
        sheets.append(sheet)
        if cut:
            truncated.append(sheet.title)
    extra = {"truncated": truncated} if truncated else {}
    return RawWorkbook(source=description, sheets=sheets, kind=kind, extra=extra)


def _read_ods_table(table) -> tuple[RawSheet, bool]:
    title = table.attributes.get((_TABLE, "name"), "")
    rows: list[list[str]] = []
    pending_blank = 0  # blank rows seen but not yet kept: only kept if something follows
    truncated = False
    for row in _ods_rows(table):
        repeat = _repeat(row, "number-rows-repeated")
        cells, cut = _ods_row_cells(row)
        if not cells:
            pending_blank += repeat
            continue
        room = MAX_ROWS - len(rows) - pending_blank
        if room < 1:
            truncated = True
            break
        rows.extend([] for _ in range(pending_blank))
        pending_blank = 0
        truncated = truncated or cut
        rows.extend(list(cells) for _ in range(min(repeat, room)))
        if repeat > room:
            truncated = True
            break
    return RawSheet(title=title, rows=rows), truncated


def _ods_rows(element):
    """The table:table-row elements of a table, in order, through header rows and groups."""
    for child in element.childNodes:
        qname = getattr(child, "qname", None)
        if qname == (_TABLE, "table-row"):
            yield child
        elif qname and qname[0] == _TABLE and qname[1] in _ROW_CONTAINERS:
            yield from _ods_rows(child)


def _ods_row_cells(row) -> tuple[list[str], bool]:
    cells: list[str] = []
    pending_empty = 0
    truncated = False
    for cell in row.childNodes:
        qname = getattr(cell, "qname", None)
        if qname not in ((_TABLE, "table-cell"), (_TABLE, "covered-table-cell")):
            continue
        repeat = _repeat(cell, "number-columns-repeated")
        # A merged-away (covered) cell shows nothing, whatever it still holds.
        text = ods_cell_text(cell) if qname[1] == "table-cell" else ""
        if text == "":
            pending_empty += repeat
            continue
        room = MAX_COLUMNS - len(cells) - pending_empty
        if room < 1:
            truncated = True
            break
        cells.extend([""] * pending_empty)
        pending_empty = 0
        cells.extend([text] * min(repeat, room))
        if repeat > room:
            truncated = True
            break
    return cells, truncated


def _repeat(element, attribute: str) -> int:
    try:
        return max(1, int(element.attributes.get((_TABLE, attribute), 1)))
    except ValueError:
        return 1


def ods_cell_text(cell) -> str:
    """The text of one table:table-cell element, typed values normalised."""
    attributes = cell.attributes
    value_type = attributes.get((_OFFICE, "value-type"))
    try:
        if value_type in ("float", "currency") and (_OFFICE, "value") in attributes:
            return format_number(attributes[(_OFFICE, "value")])
        if value_type == "percentage" and (_OFFICE, "value") in attributes:
            return format_percent(attributes[(_OFFICE, "value")])
        if value_type == "date" and (_OFFICE, "date-value") in attributes:
            return format_datetime(_parse_iso(attributes[(_OFFICE, "date-value")]))
        if value_type == "time" and (_OFFICE, "time-value") in attributes:
            return format_time(_parse_duration(attributes[(_OFFICE, "time-value")]))
        if value_type == "boolean" and (_OFFICE, "boolean-value") in attributes:
            return "oui" if attributes[(_OFFICE, "boolean-value")].strip().lower() == "true" else "non"
    except (ValueError, InvalidOperation):
        pass  # a malformed typed value: fall back to the text the cell displays
    return _ods_paragraphs(cell)


def _ods_paragraphs(cell) -> str:
    from odf import teletype  # noqa: PLC0415

    # Only the cell's own paragraphs: an office:annotation (a comment) is not cell text.
    paragraphs = [
        teletype.extractText(child)
        for child in cell.childNodes
        if getattr(child, "qname", None) in ((_TEXT, "p"), (_TEXT, "h"))
    ]
    return "\n".join(paragraphs)


def _parse_iso(text: str) -> dt.date | dt.datetime:
    text = text.strip()
    if "T" not in text:
        return dt.date.fromisoformat(text[:10])
    return dt.datetime.fromisoformat(text.rstrip("Z"))


def _parse_duration(text: str) -> dt.timedelta:
    match = _DURATION.fullmatch(text.strip())
    if not match or not any(match.groupdict().values()):
        raise ValueError(text)
    parts = {k: float((v or "0").replace(",", ".")) for k, v in match.groupdict().items()}
    return dt.timedelta(days=parts["d"], hours=parts["h"], minutes=parts["m"], seconds=parts["s"])


def _zip_mimetype(archive: zipfile.ZipFile) -> str:
    try:
        return archive.read("mimetype")[:200].decode("ascii", errors="replace").strip()
    except (KeyError, zipfile.BadZipFile, OSError, RuntimeError):
        return ""


def zip_kind(data: bytes) -> str | None:
    """``"ods"`` or ``"xlsx"`` for a zip-based spreadsheet, else ``None`` (used by the URL source)."""
    if not data.startswith(b"PK"):
        return None
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError):
        return None
    return "ods" if _ODS_MIMETYPE in _zip_mimetype(archive) else "xlsx"
