"""Salles: the load grid of each day, the problems to fix (each with a suggestion) and the rooms table.

>>> load_level(23, 30), load_level(30, 30), load_level(31, 30), load_level(None, 30)
('good', 'warn', 'bad', 'unknown')
"""
from __future__ import annotations

from dataclasses import dataclass
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


GRID_LIMIT = 40      # rows of a day's heat map before the quiet rooms are left out (a phone screen or two)

_SEVERITY = {"bad": 3, "warn": 2, "unknown": 1, "good": 0}


@dataclass(frozen=True)
class LoadGrid:
    """One day's rooms (rows) × start times (columns): a level, a short text and a hover text per cell.

    A cell holds the sessions of that room starting at that time (``None`` level: the room is free).
    Its text is ``42<br>/ 30`` (people expected over places, on two lines to stay readable on a
    phone; ``?`` when unknown, ``⚠`` when the room is double-booked). Hover texts hold workbook
    text escaped for plotly (``<`` → ``&lt;``). ``hidden_free`` and ``hidden_used`` count the rooms
    left out when there were more than the limit: free all day, then the least loaded.
    """

    day: date
    rooms: tuple[str, ...]
    slots: tuple[str, ...]
    levels: tuple[tuple[str | None, ...], ...]
    text: tuple[tuple[str, ...], ...]
    hover: tuple[tuple[str, ...], ...]
    hidden_free: int = 0
    hidden_used: int = 0


class _Cell:
    """The sessions of one room starting at one time, and what the grid needs to know of them."""

    __slots__ = ("here", "people", "level", "warn")

    def __init__(self, room: Room, here: list[Session], clashing: dict[int, Session]):
        self.here = here
        self.people = None if any(s.attendance is None for s in here) else sum(s.attendance for s in here)
        self.level = load_level(self.people, room.capacity) if here else None
        self.warn = len(here) > 1 or any(id(s) in clashing for s in here)

    @property
    def severity(self) -> int:
        """-1 free, 0 to 3 from good to overbooked; a double-booked room counts as overbooked."""
        return -1 if self.level is None else 3 if self.warn else _SEVERITY[self.level]


def _texts(room: Room, start: int, cell: _Cell, clashing: dict[int, Session]) -> tuple[str, str]:
    """The cell's short text and hover text (workbook text escaped for plotly)."""
    name = plotly_text(room.name)
    places = fr.number(room.capacity)
    if cell.level is None:
        return "", f"<b>{name}</b> · {fr.clock(start)} : libre ({places} places)"
    here, people = cell.here, cell.people
    shown_people = "?" if people is None else fr.number(people)
    lines = [f"<b>{name}</b> · {_span(start, max(s.end for s in here))}"]
    lines += [plotly_text(_quote(s.activity)) for s in here]
    if people is None:
        lines.append(f"Affluence inconnue · {places} places")
    else:
        lines.append(f"{fr.plural(people, 'personne attendue', 'personnes attendues')} pour {places} places "
                     f"({fr.percent(people / room.capacity)})")
    for s in here:
        if id(s) in clashing:
            other = clashing[id(s)]
            lines.append(f"⚠ chevauche {plotly_text(_quote(other.activity))} ({_span(other.start, other.end)})")
    return f"{'⚠ ' if cell.warn else ''}{shown_people}<br>/ {places}", "<br>".join(lines)


def load_grid(rooms: tuple[Room, ...], sessions: tuple[Session, ...], day: date,
              limit: int | None = GRID_LIMIT) -> LoadGrid:
    """The heat map's content for ``day``: rooms open that day or used that day, in the Salles tab's order.

    Over ``limit`` rooms, the rooms free all day are left out first, then the least loaded ones
    (a double-booked room counts as overbooked); the rows kept stay in the tab's order. Texts are
    written for the rows kept only.
    """
    todays = [s for s in sessions if s.day == day]
    by_cell: dict[tuple[str, int], list[Session]] = {}
    for s in todays:
        by_cell.setdefault((s.room, s.start), []).append(s)
    used = {s.room for s in todays}
    shown = [r for r in rooms if day in r.days or r.name in used]
    starts = sorted({s.start for s in todays})
    clashing = {id(s): other for a, b in metrics.conflicts(tuple(todays)) for s, other in ((a, b), (b, a))}
    hidden_free = hidden_used = 0
    if limit is not None and len(shown) > limit:
        busy = [r for r in shown if r.name in used]
        hidden_free = len(shown) - len(busy)
        shown = busy
    rows = [(room, [_Cell(room, by_cell.get((room.name, start), []), clashing) for start in starts])
            for room in shown]
    if limit is not None and len(rows) > limit:
        worst = {id(room): max((c.severity for c in cells), default=-1) for room, cells in rows}
        kept = {id(room) for room, _ in sorted(rows, key=lambda row: -worst[id(row[0])])[:limit]}  # stable
        hidden_used = len(rows) - len(kept)
        rows = [row for row in rows if id(row[0]) in kept]
    texts = [[_texts(room, start, cell, clashing) for start, cell in zip(starts, cells)] for room, cells in rows]
    return LoadGrid(day, tuple(room.name for room, _ in rows), tuple(fr.clock(s) for s in starts),
                    tuple(tuple(c.level for c in cells) for _, cells in rows),
                    tuple(tuple(text for text, _ in row) for row in texts),
                    tuple(tuple(hover for _, hover in row) for row in texts),
                    hidden_free, hidden_used)


def _free_room(finder: metrics.FreeRooms, session: Session, need_fit: bool = False) -> Room | None:
    """The smallest room free during ``session`` and big enough, preferring one that meets its needs
    (same rule as metrics.room_mismatches); with ``need_fit``, only such a room."""
    needs = session.proposal.needs if session.proposal is not None else ()
    when = (session.day, session.start, session.end, session.attendance, session.room)
    if (room := next(finder.find(*when, needs=needs), None)) or need_fit:
        return room
    return next(finder.find(*when), None)


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
    finder = metrics.FreeRooms(rooms, sessions)
    out: list[tuple[tuple, Alert]] = []
    for s in metrics.overbooked(sessions):
        room = _free_room(finder, s)
        text = (f"{_day(s.day)}, {_span(s.start, s.end)}, {s.room} : {_quote(s.activity)} attend "
                f"{fr.plural(s.attendance, 'personne')} pour {fr.plural(s.capacity, 'place')} "
                f"({fr.percent(s.attendance / s.capacity)}).")
        hint = (f"Suggestion : {_room_phrase(room)} est libre à cette heure." if room else
                "Aucune salle assez grande n'est libre à cette heure : limitez les inscriptions ou changez d'horaire.")
        out.append(((s.day, s.start, s.room), Alert("overbooked", text, hint)))
    for a, b in metrics.conflicts(sessions):
        room = _free_room(finder, b)
        text = (f"{_day(a.day)}, {a.room} : {_quote(a.activity)} ({_span(a.start, a.end)}) et {_quote(b.activity)} "
                f"({_span(b.start, b.end)}) se chevauchent.")
        hint = (f"Suggestion : {_room_phrase(room)} est libre à cette heure pour {_quote(b.activity)}." if room else
                f"Aucune autre salle assez grande n'est libre à cette heure : décalez {_quote(b.activity)}.")
        out.append(((a.day, a.start, a.room), Alert("conflict", text, hint)))
    return [alert for _, alert in sorted(out, key=lambda pair: pair[0])]


ALERTS_SHOWN = 12     # more alerts than this: one sentence and one table instead of a box each

KIND_NAMES = {"overbooked": "Surcharge", "conflict": "Conflit de salle", "mismatch": "Besoin non couvert"}


def alerts_sentence(problems: list[Alert]) -> str:
    """The head of a long list: how many problems of each kind, and how to read the table."""
    overbooked = sum(1 for a in problems if a.kind == "overbooked")
    clashes = sum(1 for a in problems if a.kind == "conflict")
    parts = [fr.plural(overbooked, "séance en surcharge", "séances en surcharge")] if overbooked else []
    if clashes:
        parts.append(fr.plural(clashes, "conflit de salle", "conflits de salle"))
    return (f"{fr.plural(len(problems), 'problème', 'problèmes')} à régler : {' et '.join(parts)}. Le tableau les "
            "liste dans l'ordre du planning, chacun avec une suggestion ; un clic sur un en-tête trie, la loupe "
            "cherche une salle ou une activité.")


def alerts_table(problems: list[Alert]) -> pd.DataFrame:
    """Alerts as rows (Type, Problème, Suggestion): one element for hundreds of them, sortable and searchable."""
    return pd.DataFrame({
        "Type": [KIND_NAMES[a.kind] for a in problems],
        "Problème": [a.text for a in problems],
        "Suggestion": [a.suggestion.removeprefix("Suggestion : ") for a in problems],
    }, columns=["Type", "Problème", "Suggestion"])


def hidden_rooms_sentence(grid: LoadGrid) -> str | None:
    """What the heat map leaves out when the day has more rooms than it can show, or None."""
    if not (grid.hidden_free or grid.hidden_used):
        return None
    table = "le tableau « Les salles », plus bas, les liste toutes"
    shown = len(grid.rooms)
    if not grid.hidden_used:
        rooms_shown = "la seule salle occupée" if shown == 1 else f"les {fr.number(shown)} salles occupées"
        return (f"La carte montre {rooms_shown} ce jour-là ; "
                f"{fr.plural(grid.hidden_free, 'salle libre', 'salles libres')} toute la journée n'y "
                f"{'figure' if grid.hidden_free < 2 else 'figurent'} pas ({table}).")
    free = (f", et {fr.plural(grid.hidden_free, 'salle libre', 'salles libres')} toute la journée"
            if grid.hidden_free else "")
    rooms_shown = "la salle la plus chargée" if shown == 1 else f"les {fr.number(shown)} salles les plus chargées"
    return (f"Pour rester lisible, la carte montre {rooms_shown} ce "
            f"jour-là. Elle laisse de côté {fr.plural(grid.hidden_used, 'salle moins chargée', 'salles moins chargées')}"
            f"{free} ({table}).")


def mismatch_alerts(rooms: tuple[Room, ...], sessions: tuple[Session, ...]) -> list[Alert]:
    """Sessions whose room lacks accessibility or equipment their proposal asks for, one alert per session."""
    finder = metrics.FreeRooms(rooms, sessions)
    missing: dict[int, tuple[Session, list[str]]] = {}
    for s, need in metrics.room_mismatches(rooms, sessions):
        missing.setdefault(id(s), (s, []))[1].append(need)
    out = []
    for s, needs in sorted(missing.values(), key=lambda pair: (pair[0].day, pair[0].start, pair[0].room)):
        wanted = ", ".join(_quote(n) for n in needs)
        text = (f"{_day(s.day)}, {fr.clock(s.start)}, {s.room} : {_quote(s.activity)} demande {wanted}, "
                f"que la salle n'a pas.")
        room = _free_room(finder, s, need_fit=True)
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
