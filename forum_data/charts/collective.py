"""Faisabilité charts: active members against the threshold, the sign-up curve, partners by status.

>>> from forum_data.metrics import CollectiveStatus
>>> active_gauge(CollectiveStatus(14, 3, 1, 20, False, 6)).data[0].value
14
"""
from __future__ import annotations

from datetime import date, timedelta

import plotly.graph_objects as go

from forum_data import fr, schema
from forum_data.schema import PartnerStatus
from forum_data.charts.style import OKABE_ITO, STATUS_COLORS, layout
from forum_data.metrics import CollectiveStatus, Projection
from forum_data.fr import on_day

PARTNER_COLORS = {PartnerStatus.PRESSENTI: OKABE_ITO["grey"], PartnerStatus.CONTACTE: OKABE_ITO["sky"],
                  PartnerStatus.CONFIRME: OKABE_ITO["green"],
                  PartnerStatus.DECLINE: OKABE_ITO["vermillion"]}


def gauge_title(status: CollectiveStatus) -> str:
    """``21 membres actifs pour un seuil de 20``: the bullet's title, and the page's progress bar's text."""
    return f"{fr.plural(status.active, 'membre actif', 'membres actifs')} pour un seuil de {fr.number(status.threshold)}"


def active_gauge(status: CollectiveStatus) -> go.Figure:
    """A bullet: today's active members (bar) against the threshold (black mark)."""
    top = max(status.threshold, status.active, 1) * 1.25
    fig = go.Figure(go.Indicator(
        mode="gauge",
        value=status.active,
        gauge={
            "shape": "bullet",
            "axis": {"range": [0, top]},
            "bar": {"color": STATUS_COLORS["good" if status.viable else "warn"], "thickness": 0.55},
            "bgcolor": "white",
            "steps": [{"range": [0, status.threshold], "color": "#EEEEEE"}],
            "threshold": {"value": status.threshold, "line": {"color": OKABE_ITO["black"], "width": 4},
                          "thickness": 0.9},
        },
        domain={"x": [0.02, 0.97], "y": [0.2, 1]},
    ))
    # The title above, not beside the bullet: beside it, a phone's width cuts it off.
    layout(fig, gauge_title(status), height=150)
    fig.update_layout(margin={"l": 10, "r": 10, "t": 45, "b": 20})
    return fig


def _projection_end(projection: Projection) -> tuple[date, float] | None:
    """The end of the dotted projection: (decision date, count at the current pace), when it applies."""
    p = projection
    if p.after_deadline or p.needed == 0 or p.per_week <= 0 or p.as_of >= p.deadline:
        return None
    return p.deadline, p.active + p.per_week / 7 * (p.deadline - p.as_of).days


def signups(points: list[tuple[date, int]], projection: Projection) -> go.Figure:
    """Cumulative sign-ups of today's active members (steps), the threshold, the decision date, the projection.

    ``points`` is ``metrics.active_by_date(members, until)`` with ``until`` the projection's date
    (the decision date once it has passed): the curve runs to that date.
    """
    p = projection
    until = p.deadline if p.after_deadline else p.as_of
    fig = go.Figure()
    xs = [d for d, _ in points]
    ys = [n for _, n in points]
    if points and until > xs[-1]:
        xs, ys = [*xs, until], [*ys, ys[-1]]     # the flat stretch up to today
    fig.add_trace(go.Scatter(
        x=[d.isoformat() for d in xs], y=ys, mode="lines+markers", line={"shape": "hv", "width": 3,
                                                                         "color": OKABE_ITO["blue"]},
        marker={"size": 6}, name="Membres actifs inscrits",
        customdata=[fr.short_day(d) for d in xs],
        hovertemplate="%{customdata} : %{y} membres actifs<extra></extra>"))
    end = _projection_end(p)
    if end is not None:
        fig.add_trace(go.Scatter(
            x=[until.isoformat(), end[0].isoformat()], y=[p.active, round(end[1], 2)], mode="lines",
            line={"dash": "dot", "width": 3, "color": OKABE_ITO["sky"]}, name="Au rythme actuel",
            customdata=[fr.short_day(until), fr.short_day(end[0])],
            hovertemplate="%{customdata} : environ %{y:.0f} au rythme actuel<extra></extra>"))
    start = (xs[0] if xs else min(until, p.deadline)) - timedelta(days=3)
    stop = max(p.deadline, until) + timedelta(days=5)
    fig.add_trace(go.Scatter(
        x=[start.isoformat(), stop.isoformat()], y=[p.threshold, p.threshold], mode="lines",
        line={"dash": "dash", "width": 2, "color": OKABE_ITO["vermillion"]}, name=f"Seuil ({fr.number(p.threshold)})",
        hovertemplate=f"Seuil : {fr.number(p.threshold)} membres actifs<extra></extra>"))
    # add_vline with a date breaks on date axes in some plotly versions: a shape and an annotation instead.
    fig.add_shape(type="line", x0=p.deadline.isoformat(), x1=p.deadline.isoformat(), y0=0, y1=1, yref="paper",
                  line={"color": OKABE_ITO["black"], "width": 2, "dash": "dashdot"})
    fig.add_annotation(x=p.deadline.isoformat(), y=1, yref="paper", yanchor="bottom", xanchor="right", showarrow=False,
                       text=f"Décision : {fr.short_day(p.deadline)}", font={"size": 13})
    if p.reached_on is not None and p.reached_on <= until and points:
        fig.add_annotation(x=p.reached_on.isoformat(), y=p.threshold, text=f"seuil atteint {on_day(p.reached_on)}",
                           showarrow=True, arrowhead=0, ax=-60, ay=-40, font={"size": 13})
    layout(fig, "Engagements au fil du temps", height=400, y="Membres actifs")
    top = max([p.threshold, p.active, *ys, end[1] if end else 0]) * 1.15 + 1
    fig.update_yaxes(range=[0, top], rangemode="tozero")
    fig.update_xaxes(tickformat="%d/%m", range=[start.isoformat(), stop.isoformat()])
    fig.update_layout(margin={"l": 10, "r": 10, "t": 70, "b": 10}, hovermode="closest",
                      # Under the plot: the decision date's label sits on top of it, where the legend usually goes.
                      legend={"xref": "paper", "yref": "paper", "yanchor": "top", "y": -0.12})
    return fig


def partners(counts: dict[str, int]) -> go.Figure:
    """Partners by status, in the order of the process: pressenti → contacté → confirmé → décliné."""
    slugs = list(schema.PARTNER_STATUS.slugs)
    names = [schema.PARTNER_STATUS.names[s] for s in slugs]
    values = [counts.get(s, 0) for s in slugs]
    fig = go.Figure(go.Bar(
        x=values, y=names, orientation="h", marker={"color": [PARTNER_COLORS[s] for s in slugs]},
        text=[fr.number(v) for v in values], textposition="outside", cliponaxis=False,
        hovertemplate="%{y} : %{x}<extra></extra>", showlegend=False))
    layout(fig, "Partenaires par statut", height=260, x="Partenaires")
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(range=[0, max(values + [1]) * 1.2], dtick=1 if max(values + [0]) <= 10 else None)
    return fig


# A mission nobody holds: said in words (a zero-length bar shows nothing) and in the bar's vermillion.
NOBODY = f'<span style="color:{OKABE_ITO["vermillion"]}">aucune personne</span>'


def missions(counts: dict[str, int]) -> go.Figure:
    """Active members per mission; a mission nobody holds reads « aucune personne », in vermillion."""
    slugs = [s for s in schema.ROLES.slugs if s != "autre" or counts.get(s)]
    values = [counts.get(s, 0) for s in slugs]
    colors = [OKABE_ITO["blue"] if v else OKABE_ITO["vermillion"] for v in values]
    fig = go.Figure(go.Bar(
        x=values, y=[schema.ROLES.names[s] for s in slugs], orientation="h", marker={"color": colors},
        text=[fr.number(v) if v else NOBODY for v in values], textposition="outside", cliponaxis=False,
        customdata=[fr.plural(v, "personne active", "personnes actives") if v else "aucune personne active"
                    for v in values],
        hovertemplate="%{y} : %{customdata}<extra></extra>", showlegend=False))
    layout(fig, "Personnes actives par mission", height=70 + 32 * len(slugs), x="Personnes actives")
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(range=[0, max(values + [1]) * 1.3], dtick=1 if max(values + [0]) <= 10 else None)
    return fig
