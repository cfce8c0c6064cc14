"""The empty workbook: every tab of the contract with its headers, and a « Mode d'emploi » tab.

>>> path = write_template(Path(tempfile.mkdtemp()) / "classeur.xlsx")
>>> path.suffix
'.xlsx'
"""
from __future__ import annotations

import tempfile  # noqa: F401  (used by the doctest)
from dataclasses import asdict
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from forum_data import fr
from forum_data.model import Settings
from forum_data.schema import TABS

#: The « Mode d'emploi » tab; ``{date}``… are the edition's example dates (``fr.Edition``).
GUIDE = [
    ("Classeur du {title}", ""),
    ("", ""),
    ("Une ligne par personne, structure, activité, salle, séance ou hébergement.", ""),
    ("Les dates s'écrivent jour d'abord : {date}, {long_date} ou {weekday}.", ""),
    ("Les heures : 9h30, 14h, 14:00.", ""),
    ("Oui / non : oui, non, x (= oui) ; une case vide vaut non.", ""),
    ("Listes (thèmes, rôles, jours, nuits…) : séparez par des virgules. « les deux » = les deux jours ou nuits.", ""),
    ("Une nuit se nomme par son soir : « {night} » ou « {evening} ».", ""),
    ("En cas de doublon, la ligne la plus basse est retenue.", ""),
    ("", ""),
    ("Onglet Paramètres (colonnes Paramètre, Valeur) — valeurs par défaut :", ""),
    ("Seuil collectif", "20"),
    ("Date limite", "31/03/2024"),
    ("Jours du forum", "03/07/2024, 04/07/2024"),
    ("Nuits", "02/07/2024, 03/07/2024"),
    ("Taux d'absence", "10 %"),
    ("Date de référence", "(vide = aujourd'hui)"),
]


def write_template(path: Path, *, force: bool = False, settings: Settings | None = None) -> Path:
    """Write the empty workbook at ``path``; refuse to overwrite unless ``force`` (FileExistsError).

    The « Mode d'emploi » tab gives the example dates of ``settings``' edition (the defaults' when None).
    """
    path = Path(path)
    if path.exists() and not force:
        raise FileExistsError(path)
    book = Workbook()
    guide = book.active
    guide.title = "Mode d'emploi"
    words = asdict(fr.edition(settings or Settings()))
    for text, value in GUIDE:
        guide.append((text.format(**words), value))
    guide["A1"].font = Font(bold=True, size=14)
    guide.column_dimensions["A"].width = 100
    header_fill = PatternFill("solid", fgColor="DDE7F0")
    for tab in TABS.values():
        sheet = book.create_sheet(tab.title)
        sheet.append([c.header for c in tab.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = header_fill
        for column in sheet.columns:
            sheet.column_dimensions[column[0].column_letter].width = max(14, len(str(column[0].value)) + 4)
        sheet.freeze_panes = "A2"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path
