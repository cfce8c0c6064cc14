"""Downloads: XLSX, CSV for French Excel, a printable one-page HTML summary, the empty template.

Cell text is data, never code (issue 5): in the XLSX every string is a string cell (never a
formula, no visible prefix); in the CSV a text starting with ``= + - @``, a tab, CR or LF gets
the OWASP ``'`` prefix. Numbers stay numbers in both (``-3`` is a number, not text).

>>> csv_cell("=1+1"), csv_cell("-foo"), csv_cell(-3), csv_cell(1.25), csv_cell("06 12 34 56 78")
("'=1+1", "'-foo", '-3', '1,25', '06 12 34 56 78')
"""
from __future__ import annotations

import csv
import html
import io
import math
import numbers
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Mapping

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from forum_data import fr
from forum_data.template import write_template

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIME = "text/csv"
HTML_MIME = "text/html"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def _plain(value):
    """A Python scalar (numpy and pandas scalars unwrapped), None for missing values."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value


def _is_number(value) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, bool)


def _number_text(value) -> str:
    """A number with a decimal comma and no thousands separator (what French Excel reads as a number)."""
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float) and math.isfinite(value):
        text = repr(value)
        if "e" in text or "E" in text:
            text = format(Decimal(text), "f")
    else:
        text = format(Decimal(str(value)).normalize(), "f")
    return text.replace(".", ",")


def csv_cell(value) -> str:
    """One CSV field for French Excel: numbers with a decimal comma, text defused against formulas."""
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if _is_number(value):
        return _number_text(value)
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM, ``;`` between fields, CRLF line ends, decimal comma — French Excel opens it right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([csv_cell(str(c)) for c in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        writer.writerow([csv_cell(v) for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def _write_cell(sheet, row: int, column: int, value) -> None:
    value = _plain(value)
    cell = sheet.cell(row=row, column=column)
    if value is None:
        return
    if isinstance(value, bool):
        value = "oui" if value else "non"
    if _is_number(value):
        cell.value = float(value) if isinstance(value, Decimal) else value
    elif isinstance(value, (date, datetime, time)):
        cell.value = value
        cell.number_format = "DD/MM/YYYY" if type(value) is date else cell.number_format
    else:
        # Assign, then force the type: openpyxl would otherwise store "=…" as a formula.
        # XML turns a lone CR into LF on reading: write LF, so that the cell reads back as written.
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", str(value).replace("\r\n", "\n").replace("\r", "\n"))
        cell.data_type = "s"


def xlsx_bytes(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """One worksheet per frame (title → frame): bold French headers, numbers as numbers, text as text."""
    book = Workbook()
    book.remove(book.active)
    header_fill = PatternFill("solid", fgColor="DDE7F0")
    for title, frame in sheets.items():
        sheet = book.create_sheet(title[:31])
        for column, header in enumerate(frame.columns, start=1):
            _write_cell(sheet, 1, column, str(header))
            cell = sheet.cell(row=1, column=column)
            cell.font = Font(bold=True)
            cell.fill = header_fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for r, row in enumerate(frame.itertuples(index=False, name=None), start=2):
            for column, value in enumerate(row, start=1):
                _write_cell(sheet, r, column, value)
        for column, header in enumerate(frame.columns, start=1):
            longest = max([len(str(header))] + [len(str(v)) for v in frame.iloc[:, column - 1]])
            sheet.column_dimensions[get_column_letter(column)].width = min(60, max(10, longest + 2))
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _html_cell(value) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if _is_number(value):
        decimals = 0 if float(value).is_integer() else 2
        return html.escape(fr.number(value, decimals))
    return html.escape(str(value))


def html_table(frame: pd.DataFrame, *, nowrap: tuple[str, ...] = ()) -> str:
    """An escaped HTML table: numbers right-aligned in French format, ``nowrap`` columns on one line."""
    kinds = []
    for column in frame.columns:
        numeric = pd.api.types.is_numeric_dtype(frame[column]) or all(_is_number(_plain(v)) for v in frame[column])
        kinds.append(" ".join(k for k, on in (("num", numeric), ("nowrap", column in nowrap)) if on) or "txt")
    head = "".join(f'<th class="{k}">{html.escape(str(c))}</th>' for c, k in zip(frame.columns, kinds))
    body = "".join(
        "<tr>" + "".join(f'<td class="{k}">{_html_cell(v)}</td>' for v, k in zip(row, kinds)) + "</tr>"
        for row in frame.itertuples(index=False, name=None))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


_STYLE = """
@page { size: A4; margin: 15mm; }
* { box-sizing: border-box; }
body { font-family: "Source Sans Pro", Arial, Helvetica, sans-serif; color: #1B2430; font-size: var(--size, 9pt);
       line-height: 1.2; margin: 0 auto; max-width: 180mm; }
h1 { font-size: 15pt; margin: 0 0 1mm; }
h2 { font-size: 11.5pt; margin: 5mm 0 1.5mm; border-bottom: 1.5pt solid #0072B2; padding-bottom: 0.5mm; }
p { margin: 0 0 1.5mm; }
.meta { color: #4A5563; }
table { width: 100%; border-collapse: collapse; page-break-inside: auto; }
tr { page-break-inside: avoid; }
th, td { border: 0.5pt solid #B8C2CC; padding: 0.4mm 1.5mm; vertical-align: top; }
th { font-weight: 600; }
.nowrap { white-space: nowrap; }
th { background: #DDE7F0; text-align: left; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
th.num { text-align: right; }
tbody tr:nth-child(even) td { background: #F5F7FA; }
.note { margin-top: 4mm; font-size: 8.5pt; color: #4A5563; }
@media print { body { max-width: none; } }
"""


def html_summary(title: str, lines: list[str], sections: list[tuple[str, pd.DataFrame, str | None]], note: str, *,
                 nowrap: tuple[str, ...] = ()) -> str:
    """A standalone page (no script, no external file) that prints on A4: title, lines, tables, note.

    ``sections`` holds (heading, table, sentence or None); every text is escaped. The font
    shrinks a little for long tables so that a forum's usual figures stay on one page.
    """
    rows = sum(len(frame) for _, frame, _ in sections)
    size = max(7.0, min(9.0, 9.0 - 0.06 * (rows - 34)))
    parts = [f"<h1>{html.escape(title)}</h1>"]
    parts += [f'<p class="meta">{html.escape(line)}</p>' for line in lines]
    for heading, frame, sentence in sections:
        parts.append(f"<h2>{html.escape(heading)}</h2>")
        if sentence:
            parts.append(f"<p>{html.escape(sentence)}</p>")
        parts.append(html_table(frame, nowrap=nowrap) if len(frame) else "<p>Aucune donnée pour l'instant.</p>")
    parts.append(f'<p class="note">{html.escape(note)}</p>')
    return ("<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head>"
            f"<body style=\"--size: {size:.1f}pt\">{''.join(parts)}</body></html>\n")


@lru_cache(maxsize=4)
def template_bytes(settings=None) -> bytes:
    """The empty workbook (every tab and header, and a « Mode d'emploi » tab whose example dates are
    the edition's), as .xlsx bytes (made once per edition)."""
    with tempfile.TemporaryDirectory() as folder:
        return write_template(Path(folder) / "classeur-forum.xlsx", settings=settings).read_bytes()


@dataclass(frozen=True)
class Download:
    """One download button: French label, bytes, file name and MIME type."""

    label: str
    data: bytes
    file_name: str
    mime: str
    help: str = ""
