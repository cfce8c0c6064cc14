"""From raw cell text to records: find each tab, its header row and its columns.

>>> from forum_data.sources.base import RawSheet
>>> sheet = RawSheet("Classeur - Salles", [["Liste des salles"], ["Salle", "Capacité"], ["Amphi A", "120"]])
>>> reading = read_tab(sheet, "salles")
>>> reading.headers, [(r.ref.row, r.cells) for r in reading.records]
({'salle': 'Salle', 'capacite': 'Capacité'}, [(3, {'salle': 'Amphi A', 'capacite': '120'})])
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from forum_data.schema import TABS, Tab, normalize
from forum_data.sources.base import RawSheet, RowRef

HEADER_SEARCH_ROWS = 10


def tab_slug(title: str) -> str | None:
    """The contract tab a sheet title names, or None.

    Case-, accent- and space-insensitive; a Google Sheets CSV download (``Classeur - Activités``)
    is named by the part after the last `` - ``; a ``.csv`` extension and a final plural ``s``
    are forgiven (``Hébergement`` is ``hebergements``).
    """
    name = title.rsplit(" - ", 1)[-1]
    if name.lower().endswith(".csv"):
        name = name[:-4]
    key = normalize(name).replace(" ", "")
    for slug in TABS:
        if key in (slug, slug.rstrip("s"), slug + "s"):
            return slug
    return None


class Record(NamedTuple):
    """One non-blank data row: where it lives, and its cell text per column slug (trimmed).

    A named tuple rather than a dataclass: a large workbook makes hundreds of thousands of them.
    """

    ref: RowRef
    cells: dict[str, str]

    def get(self, slug: str) -> str:
        return self.cells.get(slug, "")


@dataclass(frozen=True)
class TabReading:
    """A tab found in the workbook: its header as typed, its columns, its non-blank data rows.

    ``missing`` lists the required columns not found: then the tab is unusable.
    ``letters`` gives each column's spreadsheet letter (for links to a cell).
    """

    tab: Tab
    sheet: RawSheet
    headers: dict[str, str]
    letters: dict[str, str]
    records: list[Record]
    missing: tuple[str, ...]
    header_ref: RowRef

    def header(self, slug: str) -> str:
        """The header as the volunteer typed it, else the contract's."""
        return self.headers.get(slug) or self.tab.column(slug).header


def _column_names(tab: Tab) -> dict[str, str]:
    """Normalised header → column slug; canonical headers win over aliases of other columns."""
    names: dict[str, str] = {}
    for column in tab.columns:
        names.setdefault(normalize(column.header), column.slug)
    for column in tab.columns:
        for alias in column.names():
            names.setdefault(alias, column.slug)
    return names


def _map_header(row: list[str], names: dict[str, str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(row):
        slug = names.get(normalize(cell))
        if slug and slug not in found:
            found[slug] = index
    return found


def column_letter(index: int) -> str:
    """``0`` → ``A``, ``27`` → ``AB``."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _is_blank(row: list[str]) -> bool:
    try:
        return not "".join(row).strip()  # cells are text (sources/base.py): one join, not a loop
    except TypeError:
        return all(not str(cell).strip() for cell in row)


def read_tab(sheet: RawSheet, slug: str) -> TabReading:
    """Find the header row (the first of the first ten holding every required header) and the records."""
    tab = TABS[slug]
    names = _column_names(tab)
    required = {c.slug for c in tab.required}
    header_index = None
    for index, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        if required <= _map_header(row, names).keys():
            header_index = index
            break
    if header_index is None:
        header_index = next((i for i, row in enumerate(sheet.rows) if not _is_blank(row)), 0)
    header_row = sheet.rows[header_index] if sheet.rows else []
    columns = _map_header(header_row, names)
    missing = tuple(c.slug for c in tab.required if c.slug not in columns)
    records = []
    width = max(columns.values(), default=-1) + 1
    for index in range(header_index + 1, len(sheet.rows)):
        row = sheet.rows[index]
        if _is_blank(row):
            continue
        if len(row) < width:   # rows may be ragged: a missing cell is blank
            row = [*row, *[""] * (width - len(row))]
        try:
            cells = {slug: row[i].strip() for slug, i in columns.items()}
        except AttributeError:   # sources hand text (sources/base.py); anything else is read as its text
            cells = {slug: str(row[i]).strip() for slug, i in columns.items()}
        records.append(Record(sheet.ref(index), cells))
    return TabReading(
        tab=tab,
        sheet=sheet,
        headers={slug: str(header_row[i]).strip() for slug, i in columns.items()},
        letters={slug: column_letter(i) for slug, i in columns.items()},
        records=records,
        missing=missing,
        header_ref=sheet.ref(header_index) if sheet.rows else RowRef(row=1),
    )
