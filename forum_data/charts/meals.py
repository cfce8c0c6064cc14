"""Buffet charts for the city: headcounts per forum day, diets, allergen groups.

Figures come from ``metrics.meals_by_day`` and ``metrics.attendance_by_day``, never from rows.

>>> from datetime import date
>>> from decimal import Decimal
>>> from forum_data.metrics import DayMeals
>>> meals = {date(2024, 7, 3): DayMeals(10, 9, {"omnivore": 8, "halal": 2}, 1, {"lait": 1})}
>>> fig = buffet_by_day(meals, {date(2024, 7, 3): 12}, Decimal("0.1"))
>>> [(t.name, list(t.y)) for t in fig.data]
[('Présent·es sur le site', [12]), ('Inscrit·es au buffet', [10]), ("Prévision avec 10\\xa0% d'absence", [9])]
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import plotly.graph_objects as go

from forum_data import fr, schema
from forum_data.charts.style import OKABE_ITO, layout
from forum_data.metrics import DayMeals

# Each forum day keeps its colour and pattern on every buffet chart.
DAY_LOOKS = [(OKABE_ITO["blue"], ""), (OKABE_ITO["orange"], "/"), (OKABE_ITO["green"], "."), (OKABE_ITO["purple"], "x")]
HEADCOUNT_LOOKS = [(OKABE_ITO["grey"], "."), (OKABE_ITO["sky"], "/"), (OKABE_ITO["blue"], "")]

def _room_above(fig: go.Figure, values: list[int], *, horizontal: bool = False) -> go.Figure:
    """Room beyond the longest bar for its printed value."""
    top = max(values, default=0) * 1.15 + 1
    (fig.update_xaxes if horizontal else fig.update_yaxes)(range=[0, top])
    return fig


def _day(day: date) -> str:
    return fr.day(day, year=False)


def _marker(color: str, pattern: str) -> dict:
    return {"color": color, "pattern": {"shape": pattern, "fgcolor": "#FFFFFF", "solidity": 0.3}}


def buffet_by_day(meals: dict[date, DayMeals], attendance: dict[date, int], rate: Decimal) -> go.Figure:
    """Grouped bars per day: people on site, registered for the buffet, forecast after no-show."""
    percent = Decimal(rate) * 100
    rate_text = fr.percent(float(rate), 0 if percent == percent.to_integral_value() else 1)
    days = sorted(meals)
    x = [_day(d) for d in days]
    series = [
        ("Présent·es sur le site", [attendance.get(d, 0) for d in days]),
        ("Inscrit·es au buffet", [meals[d].registered for d in days]),
        (f"Prévision avec {rate_text} d'absence", [meals[d].forecast for d in days]),
    ]
    fig = go.Figure([
        go.Bar(name=name, x=x, y=y, marker=_marker(*look), text=[fr.number(v) for v in y], textposition="outside",
               cliponaxis=False, hovertemplate=f"{name} : %{{y}}<extra>%{{x}}</extra>")
        for (name, y), look in zip(series, HEADCOUNT_LOOKS)
    ])
    fig.update_layout(barmode="group", bargap=0.25)
    fig.update_yaxes(rangemode="tozero", tickformat=",d")
    layout(fig, "Présence et buffet, jour par jour", y="Personnes")
    return _room_above(fig, [v for t in fig.data for v in t.y])


def _by_day(meals: dict[date, DayMeals], labels: list[tuple[str, str]], counts, title: str, x_title: str) -> go.Figure:
    """Horizontal grouped bars: one category per label (top-down), one trace per day."""
    # Plotly draws the first category and the first trace of a group at the bottom: feed both
    # reversed so that the list reads top-down and each group shows the first day on top.
    labels = list(reversed(labels))
    traces = []
    for i, day in reversed(list(enumerate(sorted(meals)))):
        values = [counts(meals[day], slug) for slug, _ in labels]
        traces.append(go.Bar(
            name=_day(day), y=[name for _, name in labels], x=values, orientation="h",
            marker=_marker(*DAY_LOOKS[i % len(DAY_LOOKS)]), text=[fr.number(v) for v in values],
            textposition="outside", cliponaxis=False, hovertemplate="%{y} : %{x}<extra>" + _day(day) + "</extra>",
        ))
    fig = go.Figure(traces)
    fig.update_layout(barmode="group", bargap=0.2, legend={"traceorder": "reversed"})
    peak = max((max(t.x, default=0) for t in traces), default=0)
    fig.update_xaxes(rangemode="tozero", tickformat=",d", dtick=1 if peak <= 8 else None)
    layout(fig, title, height=max(240, 110 + 26 * len(labels) * max(1, len(meals))), x=x_title)
    return _room_above(fig, [v for t in traces for v in t.x], horizontal=True)


def diets_by_day(meals: dict[date, DayMeals]) -> go.Figure:
    """Every diet (halal apart from sans porc), one bar per day."""
    labels = [(slug, schema.DIETS.names[slug]) for slug in schema.DIETS.slugs]
    return _by_day(meals, labels, lambda m, slug: m.diets.get(slug, 0), "Régimes alimentaires au buffet",
                   "Personnes inscrites au buffet")


def allergens_by_day(meals: dict[date, DayMeals]) -> go.Figure:
    """Allergen groups someone declared (zero groups left out), one bar per day."""
    labels = [(slug, name) for slug, name in schema.ALLERGEN_NAMES.items()
              if any(m.allergens.get(slug, 0) for m in meals.values())]
    return _by_day(meals, labels, lambda m, slug: m.allergens.get(slug, 0), "Allergies par groupe d'allergènes",
                   "Personnes allergiques")
