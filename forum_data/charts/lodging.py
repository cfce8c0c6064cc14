"""Lodging charts: need, offer and coverage per night; accessible (PMR) need apart; places by type.

Figures come from ``metrics.lodging_by_night`` and ``metrics.offers_by_type``, never from rows.

>>> from datetime import date
>>> from forum_data.metrics import NightLodging
>>> fig = lodging_by_night({date(2024, 7, 2): NightLodging(25, 2, 29, 3, 25, 1.0)})
>>> [(t.name, list(t.y)) for t in fig.data]
[('Besoins', [25]), ('Places proposées', [29]), ('Personnes logées', [25])]
"""
from __future__ import annotations

from datetime import date

import plotly.graph_objects as go

from forum_data import fr, schema
from forum_data.charts.style import OKABE_ITO, STATUS_COLORS, layout
from forum_data.metrics import NightLodging

# One look per series on every lodging chart: colour and pattern tell them apart, even in grey print.
SERIES = {
    "need": ("Besoins", OKABE_ITO["vermillion"], ""),
    "offered": ("Places proposées", OKABE_ITO["sky"], "/"),
    "covered": ("Personnes logées", STATUS_COLORS["good"], "."),
}
PMR_SERIES = {
    "need_pmr": ("Besoins accessibles (PMR)", OKABE_ITO["vermillion"], ""),
    "offered_pmr": ("Places accessibles", OKABE_ITO["sky"], "/"),
}

def _room_above(fig: go.Figure, values: list[int], *, horizontal: bool = False) -> go.Figure:
    """Room beyond the longest bar for its printed value."""
    top = max(values, default=0) * 1.15 + 1
    (fig.update_xaxes if horizontal else fig.update_yaxes)(range=[0, top])
    return fig


def _label(night: date) -> str:
    text = fr.night(night)
    return text[:1].upper() + text[1:]


def _bars(nights: dict[date, NightLodging], series: dict) -> list[go.Bar]:
    ordered = sorted(nights)
    x = [_label(n) for n in ordered]
    bars = []
    for field, (name, color, pattern) in series.items():
        y = [getattr(nights[n], field) for n in ordered]
        bars.append(go.Bar(
            name=name, x=x, y=y, marker={"color": color, "pattern": {"shape": pattern, "fgcolor": "#FFFFFF", "solidity": 0.3}},
            text=[fr.number(v) for v in y], textposition="outside", cliponaxis=False,
            hovertemplate=f"{name} : %{{y}}<extra>%{{x}}</extra>",
        ))
    return bars


def lodging_by_night(nights: dict[date, NightLodging]) -> go.Figure:
    """Grouped bars per night: need, places offered (proposé or confirmé), people who can be placed."""
    fig = go.Figure(_bars(nights, SERIES))
    fig.update_layout(barmode="group", bargap=0.25)
    fig.update_yaxes(rangemode="tozero", tickformat=",d")
    layout(fig, "Besoins et places, nuit par nuit", y="Personnes ou places")
    return _room_above(fig, [v for t in fig.data for v in t.y])


def accessible_by_night(nights: dict[date, NightLodging]) -> go.Figure:
    """The accessible (PMR) part apart: need of people with reduced mobility, accessible places."""
    fig = go.Figure(_bars(nights, PMR_SERIES))
    fig.update_layout(barmode="group", bargap=0.35)
    fig.update_yaxes(rangemode="tozero", tickformat=",d", dtick=1 if _peak(nights) <= 6 else None)
    layout(fig, "Besoins et places accessibles (PMR)", height=300, y="Personnes ou places")
    return _room_above(fig, [v for t in fig.data for v in t.y])


def _peak(nights: dict[date, NightLodging]) -> int:
    return max((max(n.need_pmr, n.offered_pmr) for n in nights.values()), default=0)


def places_by_type(totals: dict[str, int]) -> go.Figure:
    """Horizontal bars: places offered per lodging type (types without places left out)."""
    shown = [(schema.LODGING_TYPES.names[slug], places) for slug, places in totals.items() if places]
    shown.reverse()  # plotly draws the first category at the bottom: keep the schema's order top-down
    fig = go.Figure(go.Bar(
        y=[name for name, _ in shown], x=[places for _, places in shown], orientation="h",
        marker={"color": STATUS_COLORS["neutral"]}, text=[fr.number(p) for _, p in shown], textposition="outside",
        cliponaxis=False, hovertemplate="%{y} : %{x} places<extra></extra>", name="Places",
    ))
    fig.update_xaxes(rangemode="tozero", tickformat=",d")
    fig.update_layout(showlegend=False)
    layout(fig, "Places par type d'hébergement", height=max(220, 70 + 45 * len(shown)), x="Places par nuit")
    fig.update_xaxes(range=[0, max((p for _, p in shown), default=0) * 1.1 + 1])
    return fig
