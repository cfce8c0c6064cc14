"""What every source hands to the reading layer: the text a person sees in each cell.

A source (CSV folder, .xlsx/.ods file, URL, Google Sheet, YesWiki form) returns a
``RawWorkbook``: a list of ``RawSheet`` whose cells are plain strings, exactly as
displayed, except typed cells, which are normalised so that no locale can change them:

- a typed date cell      -> ``"2024-07-03"``
- a typed date-time cell -> ``"2024-07-03 14:33:05"``
- a typed time cell      -> ``"14:30"``
- a typed number cell    -> ``"12"`` or ``"12.5"`` (dot, no thousands separator)
- a typed boolean cell   -> ``"oui"`` / ``"non"``
- an empty cell          -> ``""``

Rows are lists of strings and may be ragged (trailing empty cells dropped). The reading
layer (``forum_data.reading``) finds headers, maps aliases and parses French values, the
same way for every source.

>>> sheet = RawSheet("Salles", [["Salle", "Capacité"], ["Amphi A", "120"]])
>>> sheet.ref(1)
RowRef(row=2, entry=None, url=None)
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from forum_data.errors import SourceError
from forum_data.places import RowRef

__all__ = ["RawSheet", "RawWorkbook", "RowRef", "SourceError"]


@dataclass(frozen=True)
class RawSheet:
    """One tab: its title as found, and its rows of cell text (the header row included).

    ``refs`` (optional, aligned with ``rows``) says where each row lives; by default row i
    (0-based) is spreadsheet row i + 1. ``gid`` is the Google Sheets tab id, for links.
    ``origin`` says what fed it when it differs from the workbook (``"yeswiki"``).
    """

    title: str
    rows: list[list[str]]
    refs: list[RowRef] | None = None
    gid: str | None = None
    origin: str | None = None

    def ref(self, index: int) -> RowRef:
        """Where row ``index`` (0-based, in ``rows``) lives."""
        if self.refs is not None:
            return self.refs[index]
        return RowRef(index + 1)   # positional: a keyword costs twice as much, once per row


@dataclass(frozen=True)
class RawWorkbook:
    """Every tab a source found, with a human description of the source.

    ``kind`` is one of ``sample``, ``csv``, ``xlsx``, ``ods``, ``url``, ``gsheets``,
    ``yeswiki``. ``edit_url`` (Google Sheets only) is the sheet's ``…/edit`` address, so
    that the data-quality page can link to a cell (``{edit_url}#gid=GID&range=C7``).
    """

    source: str
    sheets: list[RawSheet]
    kind: str
    edit_url: str | None = None
    extra: dict = field(default_factory=dict)

    def fingerprint(self) -> str:
        """A digest of everything a ``Forum`` is built from: two reads with the same one build the same forum.

        Tab titles, every cell, where rows live (``refs``), tab ids and origins, the edit address.
        About 0.2 s for a workbook of 300,000 rows; the dashboard keys its figures by it, so a
        source read again unchanged keeps them (``ui/page.py``).

        >>> a = RawWorkbook("s", [RawSheet("Salles", [["Salle"], ["Amphi A"]])], "csv")
        >>> b = RawWorkbook("s", [RawSheet("Salles", [["Salle"], ["Amphi B"]])], "csv")
        >>> a.fingerprint() == RawWorkbook("s", [RawSheet("Salles", [["Salle"], ["Amphi A"]])], "csv").fingerprint()
        True
        >>> a.fingerprint() == b.fingerprint()
        False
        >>> joined = RawWorkbook("s", [RawSheet("Salles", [["a\\x1fb"]])], "csv")
        >>> joined.fingerprint() == RawWorkbook("s", [RawSheet("Salles", [["a", "b"]])], "csv").fingerprint()
        False
        """
        digest = hashlib.blake2b(repr((self.source, self.kind, self.edit_url)).encode(), digest_size=16)
        for sheet in self.sheets:
            digest.update(repr((sheet.title, sheet.gid, sheet.origin, len(sheet.rows))).encode())
            # Cells joined by ASCII's unit and record separators; a cell holding one of them makes
            # the joined text ambiguous, so that tab is digested through repr() (3 times slower).
            text = "\x1e".join(["\x1f".join(row) for row in sheet.rows])
            if (text.count("\x1e") != max(len(sheet.rows) - 1, 0)
                    or text.count("\x1f") != sum(max(len(row) - 1, 0) for row in sheet.rows)):
                text = repr(sheet.rows)
            digest.update(text.encode("utf-8", "surrogatepass"))
            if sheet.refs is not None:
                digest.update(repr(sheet.refs).encode("utf-8", "surrogatepass"))
        return digest.hexdigest()
