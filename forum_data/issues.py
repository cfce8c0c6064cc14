"""Data-quality issues: what is wrong in which cell, in French, and how to fix it.

An issue is display-ready: its ``message`` is a French sentence a volunteer can act on.
It never holds the value of a personal column (``value`` is None there).

>>> Issue("salles", 7, "capacite", "error", "invalid_number", "…").to_dict()["row"]
7
"""
from __future__ import annotations

from dataclasses import dataclass, fields

CODES = {
    "missing_sheet": "Onglet absent",
    "missing_column": "Colonne obligatoire absente",
    "missing_value": "Valeur manquante",
    "invalid_number": "Nombre illisible",
    "number_from_text": "Nombre lu dans du texte",
    "invalid_date": "Date illisible",
    "invalid_time": "Heure illisible",
    "unknown_value": "Valeur inconnue",
    "duplicate": "Doublon",
    "unknown_room": "Salle inconnue",
    "room_unavailable": "Salle indisponible ce jour-là",
    "outside_event": "Hors des dates du forum",
}

SEVERITY_NAMES = {"error": "Erreur", "warning": "Avertissement"}


@dataclass(frozen=True)
class Issue:
    """One problem. ``row`` is the spreadsheet row (None for a tab-level issue or a wiki entry).

    ``entry``/``url`` name a wiki entry; ``cell`` is the A1 address (``C7``) when known;
    ``value`` is the text found (never for a personal column).
    """

    sheet: str
    row: int | None
    column: str | None
    severity: str
    code: str
    message: str
    value: str | None = None
    cell: str | None = None
    entry: str | None = None
    url: str | None = None

    def to_dict(self) -> dict:
        # Every field is a str, an int or None: a plain read, not ``asdict``'s deep copy (34,000 issues at 1000×).
        data = {name: getattr(self, name) for name in _FIELD_NAMES}
        if self.entry is None:
            del data["entry"], data["url"]
        return data

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


_FIELD_NAMES = tuple(f.name for f in fields(Issue))
