"""Data-quality issues: what is wrong in which cell, in French, and how to fix it.

An issue keeps its place (tab, row, column, entry) and its problem apart; its ``message``, the
French sentence the report prints, is derived from both. It never holds the value of a personal
column (``value`` is None there).

>>> Issue("salles", 7, "capacite", "error", "invalid_number", "…").to_dict()["row"]
7
"""
from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem, kept in its parts: where it is and what is wrong there.

    The place: ``sheet`` (the tab's slug), ``row`` (the spreadsheet row; None for a tab-level
    issue or a wiki entry), ``column`` (the column's slug), ``entry``/``url`` (a wiki entry),
    ``cell`` (the A1 address, ``C7``, when known), ``header`` (the column's header as the tab
    names it) and ``tab_title`` (the tab's title as found, for a tab-level place). The problem:
    ``severity``, ``code`` and ``problem``, a French sentence a volunteer can act on (« « trente »
    n'est pas un nombre. … »). ``value`` is the text found (never for a personal column).
    ``message`` joins place and problem, as the report and the command line print them.

    >>> issue = Issue("salles", 7, "capacite", "error", "invalid_number", "« trente » n'est pas un nombre.",
    ...               header="Capacité")
    >>> issue.place
    'Ligne 7, colonne « Capacité »'
    >>> issue.message
    "Ligne 7, colonne « Capacité » : « trente » n'est pas un nombre."
    >>> Issue("salles", None, None, "warning", "missing_sheet", "Onglet « Salles » introuvable.").message
    'Onglet « Salles » introuvable.'
    """

    sheet: str
    row: int | None
    column: str | None
    severity: str
    code: str
    problem: str
    value: str | None = None
    cell: str | None = None
    entry: str | None = None
    url: str | None = None
    header: str | None = None
    tab_title: str | None = None

    @property
    def place(self) -> str | None:
        """« Ligne 7, colonne « Capacité » », « Fiche « 42 », champ « Titre » », « Onglet « Salles » », or None."""
        if self.entry is not None:
            where, field = f"Fiche « {self.entry} »", "champ"
        elif self.row is not None:
            where, field = f"Ligne {self.row}", "colonne"
        elif self.tab_title is not None:
            where, field = f"Onglet « {self.tab_title} »", "colonne"
        else:
            return None
        return f"{where}, {field} « {self.header} »" if self.header else where

    @property
    def message(self) -> str:
        place = self.place
        return f"{place} : {self.problem}" if place else self.problem

    def to_dict(self) -> dict:
        """The report's form (docs/interface.md): place, code, severity and the whole message."""
        data = {"sheet": self.sheet, "row": self.row, "column": self.column, "severity": self.severity,
                "code": self.code, "message": self.message, "value": self.value, "cell": self.cell}
        if self.entry is not None:
            data["entry"], data["url"] = self.entry, self.url
        return data

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


