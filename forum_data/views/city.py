"""The city page: buffet headcounts per day and rooms in use per time slot — aggregates only.

Nothing here takes a role: the city sees figures, never a name, whoever is looking.

>>> from decimal import Decimal
>>> rate_text(Decimal("0.1")), rate_text(Decimal("0.125"))
('10\\xa0%', '12,5\\xa0%')
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pandas as pd

from forum_data import exports, fr, metrics, schema
from forum_data.forum import PARIS, Forum
from forum_data.metrics import DayMeals
from forum_data.model import Settings

INDICATOR = "Indicateur"
ROOM_HEADERS = ["Jour", "Début", "Fin", "Salles", "Salles utilisées", "Personnes attendues",
                "Séances à effectif inconnu"]


def rate_text(rate: Decimal) -> str:
    """The no-show rate in French: ``0.1`` → « 10 % », ``0.125`` → « 12,5 % »."""
    percent = Decimal(rate) * 100
    return fr.percent(float(rate), 0 if percent == percent.to_integral_value() else 1)


def forecast_label(rate: Decimal) -> str:
    """« Prévision avec 10 % d'absence »."""
    return f"Prévision avec {rate_text(rate)} d'absence"


def day_header(day: date) -> str:
    """« mercredi 3 juillet »: a column per forum day."""
    return fr.day(day, year=False)


def buffet_table(meals: dict[date, DayMeals], attendance: dict[date, int], rate: Decimal, *,
                 export: bool = False) -> pd.DataFrame:
    """One row per figure, one column per forum day; numbers stay numbers.

    Rows: present on site, registered for the buffet, forecast after no-show, every diet,
    allergies, then the allergen groups with someone. ``export`` adds the no-show rate in
    percent (``12,5``) and keeps every allergen group, zeros included.
    """
    days = sorted(meals)
    rows: list[tuple[str, list]] = [
        ("Présent·es sur le site", [attendance.get(d, 0) for d in days]),
        ("Inscrit·es au buffet", [meals[d].registered for d in days]),
        (forecast_label(rate), [meals[d].forecast for d in days]),
    ]
    if export:
        percent = Decimal(rate) * 100
        rows.append(("Taux d'absence retenu (%)",
                     [int(percent) if percent == percent.to_integral_value() else float(percent) for _ in days]))
    for slug in schema.DIETS.slugs:
        rows.append((f"Régime : {schema.DIETS.names[slug]}", [meals[d].diets.get(slug, 0) for d in days]))
    rows.append(("Personnes allergiques", [meals[d].allergies for d in days]))
    for slug, name in schema.ALLERGEN_NAMES.items():
        counts = [meals[d].allergens.get(slug, 0) for d in days]
        if export or any(counts):
            rows.append((f"Allergie : {name.lower()}", counts))
    frame = pd.DataFrame({INDICATOR: [label for label, _ in rows]})
    for i, day in enumerate(days):
        # A whole-number column for the page; per-cell Python numbers for the exports (12,5 % among counts).
        frame[day_header(day)] = pd.array([values[i] for _, values in rows], dtype=object if export else "int64")
    return frame


def rooms_table(slots: list[dict]) -> pd.DataFrame:
    """Per day and time slot: how many rooms, which, the people expected, sessions with unknown attendance."""
    return pd.DataFrame({
        "Jour": [day_header(s["day"]) for s in slots],
        "Début": [fr.clock(s["start"]) for s in slots],
        "Fin": [fr.clock(s["end"]) for s in slots],
        "Salles": pd.array([len(s["rooms"]) for s in slots], dtype="int64"),
        "Salles utilisées": [", ".join(s["rooms"]) for s in slots],
        "Personnes attendues": pd.array([s["people"] for s in slots], dtype="int64"),
        "Séances à effectif inconnu": pd.array([s["unknown"] for s in slots], dtype="int64"),
    }, columns=ROOM_HEADERS)


SLOT_HEADERS = ["Horaire", "Personnes attendues", "Salles"]


def _expected(slot: dict) -> str:
    """« 206 », « 155 (+ 1 séance à effectif inconnu) », or « effectif inconnu » when nothing is known."""
    people, unknown = slot["people"], slot["unknown"]
    if not unknown:
        return fr.number(people)
    if not people:
        return "effectif inconnu" if unknown == 1 else f"effectif inconnu ({fr.plural(unknown, 'séance')})"
    return f"{fr.number(people)} (+ {fr.plural(unknown, 'séance')} à effectif inconnu)"


def _unbroken(text: str) -> str:
    """No line break inside « 12 h 30 » or « Salle B 001 »: a narrow cell breaks between them instead
    (a long name still may, or it would widen its column)."""
    return text.replace(" ", "\u00a0") if len(text) <= 18 else text


def _rooms(rooms: list[str]) -> str:
    names = ", ".join(_unbroken(r) for r in rooms)
    return names if len(rooms) == 1 else f"{fr.plural(len(rooms), 'salle')} : {names}"


def slots_by_day(slots: list[dict]) -> list[tuple[date, pd.DataFrame]]:
    """Per day, one row per time slot — Horaire, Personnes attendues, Salles — as short texts for a page
    table whose cells wrap (the rooms list can be long): a time or a room name never splits over two
    lines. Room names are workbook text: escape them before a table that renders Markdown."""
    days: dict[date, list[dict]] = {}
    for slot in slots:
        days.setdefault(slot["day"], []).append(slot)
    out = []
    for day, rows in sorted(days.items()):
        out.append((day, pd.DataFrame({
            "Horaire": [f"{_unbroken(fr.clock(s['start']))} – {_unbroken(fr.clock(s['end']))}" for s in rows],
            "Personnes attendues": [_expected(s) for s in rows],
            "Salles": [_rooms(s["rooms"]) for s in rows],
        }, columns=SLOT_HEADERS)))
    return out


def rooms_sentence(slots: list[dict]) -> str | None:
    """The busiest slot and the sessions whose attendance is unknown, in French; None without sessions."""
    if not slots:
        return None
    sessions = sum(len(s["rooms"]) for s in slots)
    rooms = len({r for s in slots for r in s["rooms"]})
    text = f"{fr.plural(sessions, 'séance')} dans {fr.plural(rooms, 'salle')}."
    busiest = max(slots, key=lambda s: (s["people"], -s["day"].toordinal(), -s["start"]))
    if busiest["people"]:
        text += (f" Au plus fort, {fr.plural(busiest['people'], 'personne attendue', 'personnes attendues')} "
                 f"le {day_header(busiest['day'])} de {fr.clock(busiest['start'])} à {fr.clock(busiest['end'])}.")
    unknown = sum(s["unknown"] for s in slots)
    if unknown == 1:
        text += " L'effectif d'une séance n'est pas encore connu : elle ne compte pas dans les personnes attendues."
    elif unknown:
        text += (f" L'effectif de {fr.number(unknown)} séances n'est pas encore connu : "
                 "elles ne comptent pas dans les personnes attendues.")
    return text


def buffet_sentence(day: date, meals: DayMeals, rate: Decimal) -> str:
    """« 120 inscrit·es au buffet, 108 repas prévus avec 10 % d'absence. »"""
    return (f"{fr.number(meals.registered)} inscrit·es au buffet, {fr.plural(meals.forecast, 'repas prévu', 'repas prévus')} "
            f"avec {rate_text(rate)} d'absence ; {fr.plural(meals.allergies, 'personne allergique', 'personnes allergiques')}.")


@dataclass(frozen=True)
class CityFigures:
    """Everything the city page and its downloads show, computed once from the forum."""

    meals: dict[date, DayMeals]
    attendance: dict[date, int]
    rate: Decimal
    slots: list[dict]


def city_figures(forum: Forum) -> CityFigures:
    tables, settings = forum.tables, forum.settings
    return CityFigures(metrics.meals_by_day(tables.participants, settings),
                       metrics.attendance_by_day(tables.participants, settings),
                       settings.no_show_rate, metrics.rooms_in_use(tables.sessions))


def summary_html(forum: Forum, figures: CityFigures) -> str:
    """The printable one-page summary: title, date of the data, the buffet and rooms tables."""
    read_at = forum.read_at.astimezone(PARIS)
    lines = [f"Données lues le {fr.day(read_at.date())} à {fr.clock(read_at)}"
             + (f" ; date de référence : {fr.day(forum.today())}." if forum.settings.reference_date else "."),
             f"Repas : prévision avec {rate_text(figures.rate)} d'absence."]
    sections = [
        ("Buffet par jour", buffet_table(figures.meals, figures.attendance, figures.rate), None),
        ("Salles utilisées par créneau", rooms_table(figures.slots), rooms_sentence(figures.slots)),
    ]
    return exports.html_summary(f"{fr.edition(forum.settings).title} — buffet et salles", lines, sections,
                                "Chiffres agrégés : ce document ne contient aucun nom ni aucune donnée personnelle.",
                                nowrap=("Jour", "Début", "Fin"))


def city_downloads(forum: Forum, figures: CityFigures | None = None) -> list[exports.Download]:
    """The city's files: XLSX (Buffet, Salles), one CSV per table for French Excel, the A4 summary."""
    figures = figures or city_figures(forum)
    return [*table_downloads(forum.settings, figures), summary_download(forum, figures)]


def table_downloads(settings: Settings, figures: CityFigures) -> list[exports.Download]:
    """XLSX (Buffet, Salles) and one CSV per table: the figures alone, so the dashboard keeps them while
    the source reads the same (the summary, which prints the read's time, is built apart)."""
    buffet = buffet_table(figures.meals, figures.attendance, figures.rate, export=True)
    rooms = rooms_table(figures.slots)
    stem = f"forum-{settings.year}-ville"
    return [
        exports.Download("Tableur Excel (buffet et salles)", exports.xlsx_bytes({"Buffet": buffet, "Salles": rooms}),
                         f"{stem}.xlsx", exports.XLSX_MIME, "Un onglet « Buffet », un onglet « Salles »."),
        exports.Download("Buffet en CSV", exports.csv_bytes(buffet), f"{stem}-buffet.csv", exports.CSV_MIME,
                         "Pour Excel en français : séparateur point-virgule, virgule décimale."),
        exports.Download("Salles en CSV", exports.csv_bytes(rooms), f"{stem}-salles.csv", exports.CSV_MIME,
                         "Pour Excel en français : séparateur point-virgule, virgule décimale."),
    ]


def summary_download(forum: Forum, figures: CityFigures) -> exports.Download:
    """The printable one-page summary, dated by the read it shows."""
    return exports.Download("Résumé imprimable (HTML, une page A4)", summary_html(forum, figures).encode("utf-8"),
                            f"forum-{forum.settings.year}-ville-resume.html", exports.HTML_MIME,
                            "Ouvrez-le dans le navigateur puis imprimez-le (Ctrl+P).")
