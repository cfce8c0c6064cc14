"""Paramètres: known keys override the defaults; unknown keys are rejected with a warning.

>>> from forum_data.sources.base import RawSheet
>>> from forum_data.reading import read_tab
>>> result = validate_settings(read_tab(RawSheet("Paramètres", [["Paramètre", "Valeur"], ["Seuil", "25"]]), "parametres"))
>>> result.rows[0].threshold, result.count
(25, RowCount(read=1, used=1, rejected=0))
"""
from __future__ import annotations

import re

from forum_data import fr
from forum_data.model import DEFAULT_SLOTS, RowCount, Settings
from forum_data.reading import TabReading
from forum_data.validation.cells import RowCheck, TabCheck, shown
from forum_data.validation.duplicates import Validated, duplicate_text
from forum_data.values import normalize, parse_count, parse_date, parse_rate, parse_slots

#: The issue of a workbook without Paramètres: the defaults apply (they are 2024's, whatever the year).
MISSING = ("Onglet « Paramètres » introuvable : les valeurs par défaut sont retenues (seuil 20, "
           "décision le 31/03/2024, forum les 3 et 4 juillet 2024, 10 % d'absence).")


def validate_settings(reading: TabReading, settings: Settings | None = None, done: dict | None = None) -> Validated:
    """The settings as ``rows[0]``; ``settings`` and ``done`` are unused (every validator takes them)."""
    check = TabCheck(reading)
    values: dict[str, object] = {}
    used_rows: dict[str, RowCheck] = {}
    read = len(reading.records)
    rejected = 0
    year_settings = Settings()
    records = list(reading.records)
    # "jours du forum" gives the year: read it first.
    records.sort(key=lambda r: 0 if normalize(r.get("parametre")) in _DAY_KEYS else 1)
    for record in records:
        row = RowCheck(check, record)
        key = _SETTING_KEYS.get(normalize(row.text("parametre")))
        raw = row.text("valeur")
        if key is None:
            known = ", ".join(_SETTING_NAMES.values())
            row.warn("parametre", "unknown_value",
                     f"« {shown(row.text('parametre'))} » n'est pas un paramètre connu : la ligne est ignorée. "
                     f"Paramètres possibles : {known}.", row.text("parametre"))
            rejected += 1
            continue
        value = _read_setting(row, key, raw, year_settings)
        if value is None or row.rejected:
            if not row.rejected:
                row.reject("valeur", "missing_value", f"le paramètre « {_SETTING_NAMES[key]} » n'a pas de valeur : la valeur par défaut est retenue.")
            rejected += 1
            continue
        if key in used_rows:
            previous = used_rows[key]
            check.add(previous.record, "parametre", "warning", "duplicate", duplicate_text(record, "même paramètre"))
            rejected += 1
        values[key] = value
        used_rows[key] = row
        if key == "days":
            year_settings = Settings(days=value)
    check.issues.sort(key=lambda i: (i.row or 0))
    return Validated((Settings(**values),), check.issues, RowCount(read, read - rejected, rejected))


_SETTING_KEYS = {
    "seuil collectif": "threshold", "seuil": "threshold", "seuil de viabilite": "threshold",
    "date limite": "deadline", "date de decision": "deadline",
    "jours du forum": "days", "jours": "days", "dates du forum": "days",
    "nuits": "nights", "nuits du forum": "nights",
    "taux d absence": "no_show_rate", "taux de non presentation": "no_show_rate",
    "date de reference": "reference_date",
    "creneaux": "slots", "creneaux horaires": "slots",
}
_DAY_KEYS = {k for k, v in _SETTING_KEYS.items() if v == "days"}
_SETTING_NAMES = {"threshold": "Seuil collectif", "deadline": "Date limite", "days": "Jours du forum",
                  "nights": "Nuits", "no_show_rate": "Taux d'absence", "reference_date": "Date de référence",
                  "slots": "Créneaux"}


def _read_setting(row: RowCheck, key: str, raw: str, settings: Settings):
    if not raw:
        return None
    if key == "threshold":
        parsed = parse_count(raw, positive=True)
        if parsed.value is None:
            row.reject("valeur", "invalid_number", f"« {shown(raw)} » n'est pas un nombre entier : le seuil par défaut (20) est retenu. "
                       "Écrivez un nombre entier, par exemple 20.", raw)
        return parsed.value
    if key in ("deadline", "reference_date"):
        return row.date("valeur", settings, required=True)
    if key == "slots":
        return _read_slots(row, raw)
    if key == "no_show_rate":
        parsed = parse_rate(raw)
        if parsed.value is None:
            row.reject("valeur", "invalid_number", f"« {shown(raw)} » n'est pas un taux : la valeur par défaut (10 %) est retenue. "
                       "Écrivez un pourcentage, par exemple 10 %.", raw)
        return parsed.value
    # days or nights: a list of dates (the first one with a year gives the year)
    year_match = re.search(r"\b(\d{4})\b", raw)
    year = int(year_match[1]) if year_match else settings.year
    items = [i for i in re.split(r"[,;\n]+|\s+et\s+", raw) if i.strip()]
    dates = []
    for item in items:
        parsed = parse_date(item, year=year)
        if parsed.value is None:
            row.reject("valeur", "invalid_date", f"« {shown(item)} » n'est pas une date : la valeur par défaut est retenue. "
                       f"Écrivez les dates séparées par des virgules, par exemple {fr.edition(settings, year).dates}.", raw)
            return None
        dates.append(parsed.value)
    return tuple(sorted(set(dates)))


_SLOT_PROBLEMS = {"unreadable": "n'est pas une plage horaire lisible",
                  "not_after": "ne finit pas après son début",
                  "overlap": "chevauche un créneau écrit avant lui"}


def _read_slots(row: RowCheck, raw: str) -> tuple[tuple[int, int], ...]:
    """The « créneaux » cell: one ``invalid_time`` warning per range dropped; none left ⇒ the default."""
    parsed = parse_slots(raw)
    for i, (item, problem) in enumerate(parsed.dropped):
        fallback = ""
        if not parsed.slots and i == len(parsed.dropped) - 1:
            fallback = " Aucun créneau n'est valable : les créneaux par défaut (" + _slots_text(DEFAULT_SLOTS) + ") sont retenus."
        row.warn("valeur", "invalid_time",
                 f"le créneau « {shown(item)} » {_SLOT_PROBLEMS[problem]} : il est ignoré. Écrivez les créneaux "
                 f"séparés par des virgules, par exemple « 9h30-11h, 11h-12h30 ».{fallback}", item)
    return parsed.slots or DEFAULT_SLOTS


def _slots_text(slots: tuple[tuple[int, int], ...]) -> str:
    return ", ".join(f"{a // 60}h{a % 60:02d}-{b // 60}h{b % 60:02d}".replace("h00", "h") for a, b in slots)
