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


def _discrete_scale() -> list[list]:
    """Each code 0…3 gets a flat band of its colour (zmin=-0.5, zmax=3.5)."""
    scale = []
    for i, level in enumerate(LEVELS):
        scale += [[i / len(LEVELS), STATUS_COLORS[level]], [(i + 1) / len(LEVELS), STATUS_COLORS[level]]]
    return scale


def load_heatmap(grid: LoadGrid, title: str) -> go.Figure:
    """Rooms (rows, in the Salles tab's order) × start times (columns); a legend names the four levels."""
    z = [[None if level is None else CODES[level] for level in row] for row in grid.levels]
    fig = go.Figure(go.Heatmap(
        z=z, x=list(grid.slots), y=list(grid.rooms), text=[list(r) for r in grid.text],
        hovertext=[list(r) for r in grid.hover], texttemplate="%{text}", textfont={"size": 12},
        hovertemplate="%{hovertext}<extra></extra>", colorscale=_discrete_scale(), zmin=-0.5, zmax=3.5,
        showscale=False, xgap=3, ygap=3, hoverongaps=True, name=""))
    for level in LEVELS:      # legend entries: the heat map itself has no legend
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=LEVEL_NAMES[level],
                                 marker={"symbol": "square", "size": 14, "color": STATUS_COLORS[level]},
                                 hoverinfo="skip"))
    layout(fig, title, height=max(260, 110 + 46 * len(grid.rooms)))
    fig.update_xaxes(side="top", type="category", showgrid=False, title_text=None, fixedrange=True)
    fig.update_yaxes(autorange="reversed", type="category", showgrid=False, fixedrange=True, automargin=True)
    fig.update_layout(plot_bgcolor="#F4F4F4", margin={"l": 10, "r": 10, "t": 80, "b": 10},
                      # Under the grid: the hours sit on top of it, where the legend usually goes.
                      legend={"xref": "paper", "yref": "paper", "yanchor": "top", "y": -0.02})
    return fig
