"""Where a row lives: a spreadsheet row number, or a wiki entry (its id and page).

Sources make these, models keep them and issues name them, so they sit below all three.

>>> RowRef(7)
RowRef(row=7, entry=None, url=None)
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RowRef:
    """Where a row lives, for issues: a spreadsheet row number, or a wiki entry (id + page URL)."""

    row: int | None
    entry: str | None = None
    url: str | None = None
