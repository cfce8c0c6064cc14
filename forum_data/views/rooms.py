"""Salles: the load grid of each day, the problems to fix (each with a suggestion) and the rooms table.

>>> load_level(23, 30), load_level(30, 30), load_level(31, 30), load_level(None, 30)
('good', 'warn', 'bad', 'unknown')
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

import pandas as pd

from forum_data import fr, metrics
from forum_data.charts.style import text as plotly_text
from forum_data.model import Room, Session, Settings

LEVEL_NAMES = {"good": "moins de 80 %", "warn": "de 80 à 100 %", "bad": "plus de 100 % (surcharge)",
               "unknown": "affluence inconnue"}


def load_level(attendance: int | None, capacity: int) -> str:
    """``good`` under 80 %, ``warn`` from 80 to 100 % included, ``bad`` over 100 %, ``unknown`` without a figure."""
    if attendance is None or capacity <= 0:
        return "unknown"
    load = Decimal(attendance) / Decimal(capacity)
    return "good" if load < Decimal("0.8") else "warn" if load <= 1 else "bad"


def _day(value: date) -> str:
    return fr.day(value, year=False).capitalize()


def _span(start: int, end: int) -> str:
    return f"{fr.clock(start)} – {fr.clock(end)}"


def _quote(text: str) -> str:
    """« text », with no-break spaces inside the guillemets: a line never starts with a lone »."""
    return f"«\u00a0{text}\u00a0»"


@dataclass(frozen=True)
class LoadGrid:
    """One day's rooms (rows) × start times (columns): a level, a short text and a hover text per cell.

    A cell holds the sessions of that room starting at that time (``None`` level: the room is free).
    Its text is ``42<br>/ 30`` (people expected over places, on two lines to stay readable on a
    phone; ``?`` when unknown, ``⚠`` when the room is double-booked). Hover texts hold workbook
    text escaped for plotly (``<`` → ``&lt;``).
    """

    day: date
    rooms: tuple[str, ...]
    slots: tuple[str, ...]
    levels: tuple[tuple[str | None, ...], ...]
    text: tuple[tuple[str, ...], ...]
    hover: tuple[tuple[str, ...], ...]


def load_grid(rooms: tuple[Room, ...], sessions: tuple[Session, ...], day: date) -> LoadGrid:
    """The heat map's content for ``day``: rooms open that day or used that day, in the Salles tab's order."""
    todays = [s for s in sessions if s.day == day]
    used = {s.room for s in todays}
    shown = [r for r in rooms if day in r.days or r.name in used]
    starts = sorted({s.start for s in todays})
    clashing = {id(s): other for a, b in metrics.conflicts(tuple(todays)) for s, other in ((a, b), (b, a))}
    levels, texts, hovers = [], [], []
    for room in shown:
        row_levels, row_text, row_hover = [], [], []
        for start in starts:
            here = [s for s in todays if s.room == room.name and s.start == start]
            name = plotly_text(room.name)
            if not here:
                row_levels.append(None)
                row_text.append("")
                row_hover.append(f"<b>{name}</b> · {fr.clock(start)} : libre ({fr.number(room.capacity)} places)")
                continue
            people = None if any(s.attendance is None for s in here) else sum(s.attendance for s in here)
            level = load_level(people, room.capacity)
            warn = "⚠ " if len(here) > 1 or any(id(s) in clashing for s in here) else ""
            shown_people = "?" if people is None else fr.number(people)
            row_levels.append(level)
            row_text.append(f"{warn}{shown_people}<br>/ {fr.number(room.capacity)}")
            lines = [f"<b>{name}</b> · {_span(start, max(s.end for s in here))}"]
            lines += [plotly_text(_quote(s.activity)) for s in here]
            if people is None:
                lines.append(f"Affluence inconnue · {fr.number(room.capacity)} places")
            else:
                share = fr.percent(people / room.capacity)
                lines.append(f"{fr.plural(people, 'personne attendue', 'personnes attendues')} pour "
                             f"{fr.number(room.capacity)} places ({share})")
            for s in here:
                if id(s) in clashing:
                    other = clashing[id(s)]
                    lines.append(f"⚠ chevauche {plotly_text(_quote(other.activity))} "
                                 f"({_span(other.start, other.end)})")
            row_hover.append("<br>".join(lines))
        levels.append(tuple(row_levels))
        texts.append(tuple(row_text))
        hovers.append(tuple(row_hover))
    return LoadGrid(day, tuple(r.name for r in shown), tuple(fr.clock(s) for s in starts), tuple(levels),
                    tuple(texts), tuple(hovers))


def _fits_needs(room: Room, session: Session) -> bool:
    """The room has everything the session's proposal asks for (same rule as metrics.room_mismatches)."""
    return not metrics.room_mismatches((room,), (replace(session, room=room.name),))


def _free_room(rooms: tuple[Room, ...], sessions: tuple[Session, ...], session: Session,
               need_fit: bool = False) -> Room | None:
    """The smallest room free during ``session`` and big enough, preferring one that meets its needs."""
    free = metrics.free_rooms(rooms, sessions, session.day, session.start, session.end, session.attendance,
                              exclude=session.room)
    fitting = [r for r in free if _fits_needs(r, session)]
    if need_fit:
        return fitting[0] if fitting else None
    return (fitting or list(free) or [None])[0]


def _room_phrase(room: Room) -> str:
    return f"{room.name} ({fr.number(room.capacity)} places)"


@dataclass(frozen=True)
class Alert:
    """A problem of the planning in one French sentence, and what could be done about it."""

    kind: str          # overbooked, conflict or mismatch
    text: str
    suggestion: str


def alerts(rooms: tuple[Room, ...], sessions: tuple[Session, ...]) -> list[Alert]:
    """Overbooked sessions and room conflicts, in time order, each with a free room to suggest."""
    out: list[tuple[tuple, Alert]] = []
    for s in metrics.overbooked(sessions):
        room = _free_room(rooms, sessions, s)
        text = (f"{_day(s.day)}, {_span(s.start, s.end)}, {s.room} : {_quote(s.activity)} attend "
                f"{fr.plural(s.attendance, 'personne')} pour {fr.plural(s.capacity, 'place')} "
                f"({fr.percent(s.attendance / s.capacity)}).")
        hint = (f"Suggestion : {_room_phrase(room)} est libre à cette heure." if room else
                "Aucune salle assez grande n'est libre à cette heure : limitez les inscriptions ou changez d'horaire.")
        out.append(((s.day, s.start, s.room), Alert("overbooked", text, hint)))
    for a, b in metrics.conflicts(sessions):
        room = _free_room(rooms, sessions, b)
        text = (f"{_day(a.day)}, {a.room} : {_quote(a.activity)} ({_span(a.start, a.end)}) et {_quote(b.activity)} "
                f"({_span(b.start, b.end)}) se chevauchent.")
        hint = (f"Suggestion : {_room_phrase(room)} est libre à cette heure pour {_quote(b.activity)}." if room else
                f"Aucune autre salle assez grande n'est libre à cette heure : décalez {_quote(b.activity)}.")
        out.append(((a.day, a.start, a.room), Alert("conflict", text, hint)))
    return [alert for _, alert in sorted(out, key=lambda pair: pair[0])]


def mismatch_alerts(rooms: tuple[Room, ...], sessions: tuple[Session, ...]) -> list[Alert]:
    """Sessions whose room lacks accessibility or equipment their proposal asks for, one alert per session."""
    missing: dict[int, tuple[Session, list[str]]] = {}
    for s, need in metrics.room_mismatches(rooms, sessions):
        missing.setdefault(id(s), (s, []))[1].append(need)
    out = []
    for s, needs in sorted(missing.values(), key=lambda pair: (pair[0].day, pair[0].start, pair[0].room)):
        wanted = ", ".join(_quote(n) for n in needs)
        text = (f"{_day(s.day)}, {fr.clock(s.start)}, {s.room} : {_quote(s.activity)} demande {wanted}, "
                f"que la salle n'a pas.")
        room = _free_room(rooms, sessions, s, need_fit=True)
        hint = (f"Suggestion : {_room_phrase(room)} a ce qu'il faut et est libre à cette heure." if room else
                "Aucune salle libre à cette heure n'a tout ce qu'il faut : apportez le matériel ou changez "
                "d'horaire.")
        out.append(Alert("mismatch", text, hint))
    return out


def rooms_table(rooms: tuple[Room, ...], sessions: tuple[Session, ...], settings: Settings) -> pd.DataFrame:
    """The rooms with French headers: capacity, accessibility, equipment, days open, sessions planned."""
    def days(room: Room) -> str:
        if set(settings.days) <= set(room.days):
            return "Tous les jours du forum"
        return ", ".join(fr.day(d, year=False) for d in room.days) or "Aucun"

    planned = {r.name: sum(1 for s in sessions if s.room == r.name) for r in rooms}
    return pd.DataFrame({
        "Salle": [r.name for r in rooms],
        "Bâtiment": [r.building for r in rooms],
        "Capacité": [r.capacity for r in rooms],
        "Accessible PMR": ["Oui" if r.accessible else "Non" for r in rooms],
        "Équipements": [", ".join(r.equipment) for r in rooms],
        "Jours disponibles": [days(r) for r in rooms],
        "Séances": [planned[r.name] for r in rooms],
    }, columns=["Salle", "Bâtiment", "Capacité", "Accessible PMR", "Équipements", "Jours disponibles",
                "Séances"])
