"""Propositions charts: themes × formats (stacked), the status funnel, the balance between themes.

>>> fig = theme_format([("culture", "atelier", 2), ("ess", "atelier", 1)])
>>> [(t.name, list(t.y)) for t in fig.data]
[('Atelier', [2, 1, 0, 0, 0])]
"""
from __future__ import annotations

import plotly.graph_objects as go

from forum_data import fr, schema
from forum_data.schema import ProposalStatus
from forum_data.charts.style import FORMAT_COLORS, OKABE_ITO, THEME_COLORS, layout


def _themes_shown(counts: dict[str, int]) -> list[str]:
    """The five themes of the call, then « Autre » only when some proposal has it."""
    return [t for t in schema.THEMES.slugs if t != "autre" or counts.get(t)]


def theme_format(rows: list[tuple[str, str, int]]) -> go.Figure:
    """Live proposals per theme (x), stacked by format; ``rows`` is ``metrics.proposals_by_theme_format``."""
    counts = {(t, f): n for t, f, n in rows}
    per_theme = {t: sum(n for (tt, _), n in counts.items() if tt == t) for t in schema.THEMES.slugs}
    themes = _themes_shown(per_theme)
    names = [schema.THEMES.names[t] for t in themes]
    fig = go.Figure()
    for f in schema.FORMATS.slugs:
        values = [counts.get((t, f), 0) for t in themes]
        if not any(values):
            continue
        fig.add_trace(go.Bar(x=names, y=values, name=schema.FORMATS.names[f], marker={"color": FORMAT_COLORS[f]},
                             showlegend=True,
                             hovertemplate=f"%{{x}} · {schema.FORMATS.names[f]} : %{{y}}<extra></extra>"))
    for name, t in zip(names, themes):
        fig.add_annotation(x=name, y=per_theme[t], text=f"<b>{fr.number(per_theme[t])}</b>", showarrow=False,
                           yanchor="bottom", font={"size": 14})
    fig.update_layout(barmode="stack", legend={"traceorder": "normal"})
    layout(fig, "Propositions par thème et par format", height=400, y="Propositions")
    fig.update_yaxes(range=[0, max(per_theme.values(), default=0) * 1.15 + 1])
    return fig


def status_funnel(by_status: dict[str, int]) -> go.Figure:
    """From received to programmed: every live proposal, those retained or programmed, those programmed.

    Each stage counts the next ones too, so the middle one says « Retenues ou programmées »: the
    page's metrics and sentence keep « retenues » for those still to programme.
    """
    programmed = by_status.get(ProposalStatus.PROGRAMMEE, 0)
    retained = by_status.get(ProposalStatus.RETENUE, 0) + programmed
    received = by_status.get(ProposalStatus.PROPOSEE, 0) + retained
    values = [received, retained, programmed]
    shares = [fr.percent(v / received) if received else "" for v in values]
    fig = go.Figure(go.Funnel(
        y=["Reçues", "Retenues<br>ou programmées", "Programmées"], x=values,
        text=[f"{fr.number(v)} ({s})" if s else fr.number(v) for v, s in zip(values, shares)], textinfo="text",
        marker={"color": [OKABE_ITO["sky"], OKABE_ITO["blue"], OKABE_ITO["green"]]},
        connector={"line": {"color": "#BBBBBB"}}, customdata=["Reçues", "Retenues ou programmées", "Programmées"],
        hovertemplate="%{customdata} : %{x}<extra></extra>"))
    layout(fig, "De la proposition au programme", height=300)
    return fig


def theme_balance(by_theme: dict[str, int]) -> go.Figure:
    """Live proposals per theme, one colour per theme, with the even share as a dashed line."""
    themes = _themes_shown(by_theme)
    values = [by_theme.get(t, 0) for t in themes]
    fig = go.Figure(go.Bar(
        x=values, y=[schema.THEMES.names[t] for t in themes], orientation="h",
        marker={"color": [THEME_COLORS[t] for t in themes]}, text=[fr.number(v) for v in values],
        textposition="outside", cliponaxis=False, hovertemplate="%{y} : %{x} propositions<extra></extra>",
        showlegend=False))
    call = [by_theme.get(t, 0) for t in themes if t != "autre"]
    even = sum(call) / len(call) if call else 0
    if even:
        fig.add_shape(type="line", x0=even, x1=even, y0=0, y1=1, yref="paper",
                      line={"dash": "dash", "color": OKABE_ITO["black"], "width": 1.5})
        fig.add_annotation(x=even, y=1, yref="paper", yanchor="bottom", showarrow=False,
                           text=f"part égale : {fr.number(even, 1 if even % 1 else 0)}", font={"size": 12})
    layout(fig, "Équilibre entre les thèmes de l'appel", height=300, x="Propositions")
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(range=[0, max(values + [1]) * 1.2])
    fig.update_layout(margin={"l": 10, "r": 10, "t": 80, "b": 10})
    return fig
