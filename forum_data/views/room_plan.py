"""Salles, « Proposer un planning »: the room plan as tables, a heat map and files, per role.

The committee sees titles and porteurs; volunteers see titles; a role without titles (the open
public access) sees the plan's counts only; the city does not see the section.

>>> from forum_data.privacy import ROLES, PUBLIC
>>> [shows_section(r) for r in (ROLES["comite"], ROLES["benevole"], ROLES["ville"], PUBLIC)]
[True, True, False, True]
>>> [shows_titles(r) for r in (ROLES["comite"], ROLES["benevole"], PUBLIC)]
[True, True, False]
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from forum_data import exports, fr
from forum_data.charts.style import text as plotly_text
from forum_data.model import Room, Session
from forum_data.plans.room_messages import CODE_NAMES, summary_sentence
from forum_data.plans.rooms import Placement, RoomPlan
from forum_data.privacy import Role
from forum_data.charts.rooms import LoadGrid, load_grid

PLANNING_COLUMNS = ["Jour", "Début", "Fin", "Salle", "Activité", "Participants attendus"]
PROPOSED = "proposed"      # the heat map level of a proposed session


def shows_section(role: Role) -> bool:
    return role.slug != "ville"


def shows_titles(role: Role) -> bool:
    """Titles for the committee and the volunteers; porteurs only where names may show (``role.names``)."""
    return role.slug in ("comite", "benevole")


def headline(plan: RoomPlan) -> str:
    """The plan in one sentence (« 6 propositions placées sur 7 … »), or why there is nothing to place."""
    if not plan.placed and not plan.unplaced:
        return ("Aucune proposition retenue n'attend de salle : toutes celles au statut « retenue » sont déjà "
                "dans l'onglet Planning.")
    sentence = summary_sentence(plan)
    return sentence[0].upper() + sentence[1:]


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def placed_table(plan: RoomPlan, role: Role) -> pd.DataFrame:
    """The proposed sessions, in time order: day, hours, room, title, the porteur where names may show,
    places, people expected (``?`` when unknown), on the wished day (oui, non, — without one).

    When, where and what come first, so that they stay on screen when the table is narrower than
    its columns."""
    columns = ["Jour", "Horaire", "Salle", "Activité", *(["Porteur"] if role.names else []),
               "Places", "Attendus", "Jour souhaité"]
    frame = pd.DataFrame([[fr.day(p.day, year=False).capitalize(), f"{fr.clock(p.start)} – {fr.clock(p.end)}",
                           p.room.name, p.proposal.title, *([p.proposal.leader] if role.names else []),
                           p.room.capacity, "?" if p.proposal.attendance is None else fr.number(p.proposal.attendance),
                           "oui" if p.on_wished_day else "—" if p.proposal.day is None else "non"]
                          for p in plan.placed], columns=columns)
    return frame


@dataclass(frozen=True)
class Left:
    """A proposal left out: its title, its porteur (blank unless names may show), what blocks it, in French."""

    title: str
    leader: str
    code: str
    reason: str


def unplaced_items(plan: RoomPlan, role: Role) -> list[Left]:
    return [Left(u.proposal.title, u.proposal.leader if role.names else "", CODE_NAMES[u.code],
                 u.message[0].upper() + u.message[1:]) for u in plan.unplaced]


def planning_rows(plan: RoomPlan) -> pd.DataFrame:
    """The proposed sessions in the Planning tab's own columns, ready to paste under its rows."""
    frame = pd.DataFrame([[p.day, _hhmm(p.start), _hhmm(p.end), p.room.name, p.proposal.title, p.proposal.attendance]
                          for p in plan.placed], columns=PLANNING_COLUMNS)
    return frame.astype({"Participants attendus": "Int64"})


def downloads(plan: RoomPlan) -> list[exports.Download]:
    """The proposed rows as CSV for French Excel and as XLSX (one sheet named Planning)."""
    rows = planning_rows(plan)
    hint = ("Les séances proposées, dans les colonnes de l'onglet Planning (Jour, Début, Fin, Salle, Activité, "
            "Participants attendus) : collez-les sous ses lignes.")
    return [exports.Download("Séances proposées (CSV)", exports.csv_bytes(rows), "planning-propose.csv", exports.CSV_MIME, hint),
            exports.Download("Séances proposées (Excel)", exports.xlsx_bytes({"Planning": rows}), "planning-propose.xlsx",
                     exports.XLSX_MIME, hint)]


def _as_session(p: Placement) -> Session:
    return Session(p.day, p.start, p.end, p.room.name, p.proposal.title, p.proposal, p.proposal.attendance,
                   p.room.capacity, p.proposal.ref)


def plan_grid(rooms: tuple[Room, ...], sessions: tuple[Session, ...], plan: RoomPlan, day: date,
              titles: bool = True) -> LoadGrid:
    """The day's heat map with the proposed sessions added, each cell of theirs marked ``proposed``.

    Its text starts with ``+`` (``+ 20<br>/ 40``) and its hover says « proposé » (with the title
    when ``titles``); planned sessions keep their load colours.
    """
    proposed = [p for p in plan.placed if p.day == day]
    grid = load_grid(rooms, sessions + tuple(_as_session(p) for p in proposed), day)
    marks = {(p.room.name, fr.clock(p.start)): p for p in proposed}
    levels, text, hover = [], [], []
    for r, room in enumerate(grid.rooms):
        levels.append(list(grid.levels[r]))
        text.append(list(grid.text[r]))
        hover.append(list(grid.hover[r]))
        for c, slot in enumerate(grid.slots):
            p = marks.get((room, slot))
            if p is None:
                continue
            people = "?" if p.proposal.attendance is None else fr.number(p.proposal.attendance)
            levels[r][c] = PROPOSED
            text[r][c] = f"+ {people}<br>/ {fr.number(p.room.capacity)}"
            what = f"«\u00a0{plotly_text(p.proposal.title)}\u00a0»" if titles else "une proposition retenue"
            hover[r][c] = (f"<b>{plotly_text(room)}</b> · {fr.clock(p.start)} – {fr.clock(p.end)}<br>Proposé : {what}"
                           f"<br>{people} attendu·es pour {fr.number(p.room.capacity)} places")
    return LoadGrid(grid.day, grid.rooms, grid.slots, tuple(map(tuple, levels)), tuple(map(tuple, text)),
                    tuple(map(tuple, hover)), grid.hidden_free, grid.hidden_used)
