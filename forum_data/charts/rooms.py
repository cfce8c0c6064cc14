"""Salles chart: one day's heat map of rooms × start times, coloured by load, unknown attendance in grey.

The colour scale is discrete (four levels, never a gradient): a cell's colour says « under 80 % »,
« 80 to 100 % », « over 100 % » or « unknown », and its text says ``42 / 30``.
"""
from __future__ import annotations

import plotly.graph_objects as go

from forum_data.charts.style import STATUS_COLORS, layout
from forum_data.views.rooms import LEVEL_NAMES, LoadGrid

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
