"""Salles: the problems to fix (each with a suggestion), the rooms table, what the heat map leaves out.

The heat map itself (each day's load grid, its cell texts) is ``forum_data.charts.rooms``.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from forum_data import fr, metrics
from forum_data.charts.rooms import LoadGrid
from forum_data.model import Room, Session, Settings

def _day(value: date) -> str:
    return fr.day(value, year=False).capitalize()



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
        text = (f"{_day(s.day)}, {fr.span(s.start, s.end)}, {s.room} : {fr.quote(s.activity)} attend "
                f"{fr.plural(s.attendance, 'personne')} pour {fr.plural(s.capacity, 'place')} "
                f"({fr.percent(s.attendance / s.capacity)}).")
        hint = (f"Suggestion : {_room_phrase(room)} est libre à cette heure." if room else
                "Aucune salle assez grande n'est libre à cette heure : limitez les inscriptions ou changez d'horaire.")
        out.append(((s.day, s.start, s.room), Alert("overbooked", text, hint)))
    for a, b in metrics.conflicts(sessions):
        room = _free_room(finder, b)
        text = (f"{_day(a.day)}, {a.room} : {fr.quote(a.activity)} ({fr.span(a.start, a.end)}) et {fr.quote(b.activity)} "
                f"({fr.span(b.start, b.end)}) se chevauchent.")
        hint = (f"Suggestion : {_room_phrase(room)} est libre à cette heure pour {fr.quote(b.activity)}." if room else
                f"Aucune autre salle assez grande n'est libre à cette heure : décalez {fr.quote(b.activity)}.")
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
        wanted = ", ".join(fr.quote(n) for n in needs)
        text = (f"{_day(s.day)}, {fr.clock(s.start)}, {s.room} : {fr.quote(s.activity)} demande {wanted}, "
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
