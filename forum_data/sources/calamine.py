""".xlsx and .ods read by python-calamine (Rust), ten times faster than openpyxl or odfpy.

``read_with_calamine`` gives the same rows as the streaming readers of ``spreadsheet``, or
``None`` when the file holds something calamine cannot give exactly as a person sees it; the
caller then reads the file with openpyxl or odfpy, as before:

- an error cell (``#DIV/0!``): calamine gives a blank, the contract the text shown;
- (.ods) a line break inside a cell, a percentage, a merged-away cell holding a value;
- a sheet whose filled area is huge (a value typed in a far corner): calamine allocates the
  whole rectangle at once (it aborts the process past memory), the streaming readers cut it.

Percent-formatted numbers of an .xlsx are found in its styles and cell XML (calamine gives
``0.1``; the contract ``10 %``). Numbers come as floats: whole ones lose their ``.0``
(``format_number``), digits past the 15th are those a spreadsheet keeps anyway.

>>> from openpyxl import Workbook
>>> book = Workbook(); book.active.title = "Salles"; book.active.append(["Amphi", 120, 0.5, True])
>>> book.active["C1"].number_format = "0%"
>>> buffer = io.BytesIO(); book.save(buffer)
>>> [(sheet.title, sheet.rows, cut) for sheet, cut in read_with_calamine(buffer.getvalue(), "xlsx")]
[('Salles', [['Amphi', '120', '50 %', 'oui']], False)]
"""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from forum_data.sources.base import RawSheet
from forum_data.sources.csvdir import MAX_COLUMNS, MAX_ROWS
from forum_data.sources.typed import format_datetime, format_number, format_percent, format_time

MAX_CELLS = 20_000_000  # the rectangle calamine may allocate (≈ 32 bytes a cell), else the streaming reader
MAX_XML_BYTES = 256 << 20  # a sheet's XML, decompressed in memory (a zip bomb is streamed, and cut, instead)

_XLSX_ERROR_CELL = re.compile(rb'<c\b[^>]*\bt="e"')
_XLSX_ROW = re.compile(rb'<row\b[^>]*\br="(\d+)"')
_XLSX_THREE_LETTERS = re.compile(rb' r="([A-Z]{3})\d')
_XLSX_TWO_LETTERS = re.compile(rb' r="([A-Z]{2})\d')
_XLSX_NUM_FMT = re.compile(rb'<numFmt\b[^>]*\bnumFmtId="(\d+)"[^>]*\bformatCode="([^"]*)"')
_XLSX_CELL_XFS = re.compile(rb"<cellXfs\b[^>]*>(.*?)</cellXfs>", re.S)
_XLSX_XF = re.compile(rb"<xf\b([^>]*)")
_XLSX_XF_FORMAT = re.compile(rb'\bnumFmtId="(\d+)"')
_XLSX_CELL_REF = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
_BUILTIN_PERCENT_FORMATS = {9, 10}   # 0% and 0.00%

_ODS_UNSUPPORTED = (b'office:value-type="percentage"', b"<text:line-break")
_ODS_COVERED_WITH_CONTENT = re.compile(rb"<table:covered-table-cell\b(?:[^>]*[^/])?>")
_ODS_BIG_REPEAT = re.compile(rb'number-(rows|columns)-repeated="(\d{4,})"')


def read_with_calamine(raw: bytes, kind: str) -> list[tuple[RawSheet, bool]] | None:
    """Every worksheet of an .xlsx (``kind="xlsx"``) or .ods file with whether it was cut, or None: read it the slow way."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        percent_cells = _xlsx_check(archive) if kind == "xlsx" else _ods_check(archive)
    except Exception:  # noqa: BLE001 - not a well-formed workbook: the streaming reader says why, in French
        return None
    if percent_cells is None:
        return None
    try:
        from python_calamine import CalamineWorkbook, SheetTypeEnum  # noqa: PLC0415 - only for spreadsheets

        book = CalamineWorkbook.from_filelike(io.BytesIO(raw))
        sheets = []
        for index, meta in enumerate(book.sheets_metadata):
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue   # chart sheets: openpyxl's worksheets leave them out too
            values = book.get_sheet_by_index(index).to_python(skip_empty_area=False)
            sheets.append(_sheet(meta.name, values, percent_cells.get(index, set()) if kind == "xlsx" else set()))
        book.close()
    except Exception:  # noqa: BLE001 - a file calamine refuses: the streaming reader says why, in French
        return None
    return sheets


def _sheet(title: str, values: list[list], percent: set[tuple[int, int]]) -> tuple[RawSheet, bool]:
    rows = []
    for r, cells in enumerate(values[:MAX_ROWS]):
        row = [v if v.__class__ is str else _text(v, (r, c) in percent) for c, v in enumerate(cells[:MAX_COLUMNS])]
        while row and row[-1] == "":
            row.pop()
        rows.append(row)
    while rows and not rows[-1]:
        rows.pop()
    truncated = (any(any(v not in ("", None) for v in cells) for cells in values[MAX_ROWS:])
                 or any(any(v not in ("", None) for v in cells[MAX_COLUMNS:]) for cells in values[:MAX_ROWS]))
    return RawSheet(title=title, rows=rows), truncated


def _text(value, is_percent: bool) -> str:
    """A typed value as ``spreadsheet`` normalises it (see ``base``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, (int, float)):
        return format_percent(value) if is_percent else format_number(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return format_datetime(value)
    if isinstance(value, (dt.time, dt.timedelta)):
        return format_time(value)
    return str(value)


# ---------------------------------------------------------------- what calamine cannot give exactly

def _xlsx_check(archive: zipfile.ZipFile) -> dict[int, set[tuple[int, int]]] | None:
    """Per worksheet (in workbook order), its percent-formatted cells (row, column from 0); None: not for calamine."""
    percent_styles = _xlsx_percent_styles(archive)
    found: dict[int, set[tuple[int, int]]] = {}
    for index, name in enumerate(_xlsx_sheet_paths(archive)):
        xml = _read_member(archive, name)
        if xml is None:
            return None
        if (b't="e"' in xml and _XLSX_ERROR_CELL.search(xml)) or _xlsx_area(xml) > MAX_CELLS:
            return None
        if percent_styles:
            cells = _xlsx_percent_cells(xml, percent_styles)
            if cells is None:
                return None
            found[index] = cells
    return found


def _xlsx_sheet_paths(archive: zipfile.ZipFile) -> list[str]:
    """The worksheet parts in workbook order (xl/workbook.xml's sheets through its relationships)."""
    workbook = archive.read("xl/workbook.xml")
    rels = archive.read("xl/_rels/workbook.xml.rels")
    targets = {}
    for attributes in re.findall(rb"<Relationship\b([^>]*)>", rels):
        rid, target = re.search(rb'\bId="([^"]+)"', attributes), re.search(rb'\bTarget="([^"]+)"', attributes)
        if rid and target:
            targets[rid[1].decode()] = target[1].decode()
    paths = []
    for rid in re.findall(rb'<sheet\b[^>]*\br:id="([^"]+)"', workbook):
        target = targets.get(rid.decode(), "")
        if "worksheets/" not in target:
            continue   # a chart sheet or a dialog: calamine's metadata types it, and it is skipped
        paths.append(target.lstrip("/") if target.startswith("/") else "xl/" + target)
    return paths


def _xlsx_area(xml: bytes) -> int:
    """An upper bound of the rectangle calamine fills: last row × widest column."""
    last = _XLSX_ROW.match(xml, max(xml.rfind(b"<row "), 0))
    height = max(int(last[1]) if last else 0, xml.count(b"<row "))
    width = 26
    for pattern in (_XLSX_THREE_LETTERS, _XLSX_TWO_LETTERS):   # a search first: most sheets stop at Z
        if pattern.search(xml):
            width = max(_column_number(c) for c in pattern.findall(xml))
            break
    return height * width


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _xlsx_percent_styles(archive: zipfile.ZipFile) -> set[bytes]:
    try:
        styles = archive.read("xl/styles.xml")
    except KeyError:
        return set()
    percent_formats = set(_BUILTIN_PERCENT_FORMATS)
    percent_formats |= {int(i) for i, code in _XLSX_NUM_FMT.findall(styles) if b"%" in code}
    xfs = _XLSX_CELL_XFS.search(styles)
    found = set()
    for index, attributes in enumerate(_XLSX_XF.findall(xfs[1] if xfs else b"")):
        number_format = _XLSX_XF_FORMAT.search(attributes)
        if number_format and int(number_format[1]) in percent_formats:
            found.add(str(index).encode())
    return found


def _xlsx_percent_cells(xml: bytes, styles: set[bytes]) -> set[tuple[int, int]] | None:
    pattern = re.compile(rb'<c\b[^>]*\bs="(?:' + b"|".join(sorted(styles)) + rb')"[^>]*>')
    cells = set()
    for match in pattern.finditer(xml):
        ref = _XLSX_CELL_REF.search(match[0])
        if ref is None:
            return None   # a cell without its address: only the streaming reader knows where it is
        cells.add((int(ref[2]) - 1, _column_number(ref[1]) - 1))
    return cells


def _read_member(archive: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        if archive.getinfo(name).file_size > MAX_XML_BYTES:
            return None
        return archive.read(name)
    except KeyError:
        return None


def _ods_check(archive: zipfile.ZipFile) -> dict | None:
    xml = _read_member(archive, "content.xml")
    if xml is None or any(mark in xml for mark in _ODS_UNSUPPORTED) or (
            b"<table:covered-table-cell" in xml and _ODS_COVERED_WITH_CONTENT.search(xml)):
        return None
    for match in _ODS_BIG_REPEAT.finditer(xml):
        # LibreOffice pads every sheet with huge repeats of empty rows and cells: harmless. A huge
        # repeat of a value would fill the whole rectangle: the streaming reader cuts it instead.
        if int(match[2]) <= 1000:
            continue
        if match[1] == b"columns":
            start, end = xml.rfind(b"<", 0, match.start()), xml.find(b">", match.end())
            element = xml[start:end + 1]
            if not element.endswith(b"/>"):
                return None
        else:
            start, end = xml.rfind(b"<", 0, match.start()), xml.find(b"</table:table-row>", match.end())
            element = xml[start:end]
        if b"office:value" in element or b"<text:" in element:
            return None
    return {}
