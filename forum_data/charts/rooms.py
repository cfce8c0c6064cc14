"""Salles chart: one day's heat map of rooms × start times, coloured by load, unknown attendance in grey.

``load_grid`` writes the map's content from the sessions (a level, a short text and a hover text
per cell), ``load_heatmap`` draws it. The colour scale is discrete (four levels, never a gradient):
a cell's colour says « under 80 % », « 80 to 100 % », « over 100 % » or « unknown »
(``metrics.load_level``), and its text says ``42 / 30``.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import plotly.graph_objects as go

from forum_data import fr, metrics
from forum_data.charts.style import STATUS_COLORS, layout
from forum_data.charts.style import text as plotly_text
from forum_data.metrics import load_level
from forum_data.model import Room, Session

LEVEL_NAMES = {"good": "moins de 80 %", "warn": "de 80 à 100 %", "bad": "plus de 100 % (surcharge)",
               "unknown": "affluence inconnue"}

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
    lines = [f"<b>{name}</b> · {fr.span(start, max(s.end for s in here))}"]
    lines += [plotly_text(fr.quote(s.activity)) for s in here]
    if people is None:
        lines.append(f"Affluence inconnue · {places} places")
    else:
        lines.append(f"{fr.plural(people, 'personne attendue', 'personnes attendues')} pour {places} places "
                     f"({fr.percent(people / room.capacity)})")
    for s in here:
        if id(s) in clashing:
            other = clashing[id(s)]
            lines.append(f"⚠ chevauche {plotly_text(fr.quote(other.activity))} ({fr.span(other.start, other.end)})")
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


LEVELS = ("good", "warn", "bad", "unknown")
CODES = {level: i for i, level in enumerate(LEVELS)}


def _discrete_scale(colors: list[str]) -> list[list]:
    """Each code 0…n-1 gets a flat band of its colour (zmin=-0.5, zmax=n-0.5)."""
    scale = []
    for i, color in enumerate(colors):
        scale += [[i / len(colors), color], [(i + 1) / len(colors), color]]
    return scale


def load_heatmap(grid: LoadGrid, title: str, extra: tuple[tuple[str, str, str], ...] = ()) -> go.Figure:
    """Rooms (rows, in the Salles tab's order) × start times (columns); a legend names the four levels.

    ``extra`` adds levels after them, each (level, legend name, colour): the proposed sessions of a plan.
    """
    levels = LEVELS + tuple(level for level, _, _ in extra)
    names = {**LEVEL_NAMES, **{level: name for level, name, _ in extra}}
    colors = {**STATUS_COLORS, **{level: color for level, _, color in extra}}
    codes = {level: i for i, level in enumerate(levels)}
    z = [[None if level is None else codes[level] for level in row] for row in grid.levels]
    fig = go.Figure(go.Heatmap(
        z=z, x=list(grid.slots), y=list(grid.rooms), text=[list(r) for r in grid.text],
        hovertext=[list(r) for r in grid.hover], texttemplate="%{text}", textfont={"size": 12},
        hovertemplate="%{hovertext}<extra></extra>", colorscale=_discrete_scale([colors[lv] for lv in levels]),
        zmin=-0.5, zmax=len(levels) - 0.5, showscale=False, xgap=3, ygap=3, hoverongaps=True, name=""))
    for level in levels:      # legend entries: the heat map itself has no legend
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=names[level],
                                 marker={"symbol": "square", "size": 14, "color": colors[level]},
                                 hoverinfo="skip"))
    layout(fig, title, height=max(260, 110 + 46 * len(grid.rooms)))
    fig.update_xaxes(side="top", type="category", showgrid=False, title_text=None, fixedrange=True)
    fig.update_yaxes(autorange="reversed", type="category", showgrid=False, fixedrange=True, automargin=True)
    fig.update_layout(plot_bgcolor="#F4F4F4", margin={"l": 10, "r": 10, "t": 80, "b": 10},
                      # Under the grid: the hours sit on top of it, where the legend usually goes.
                      legend={"xref": "paper", "yref": "paper", "yanchor": "top", "y": -0.02})
    return fig
