"""Shared look of every chart: colour-blind-safe colours (Okabe–Ito), French number format, layout.

>>> THEME_COLORS["culture"] != THEME_COLORS["ess"]
True
"""
from __future__ import annotations

import html

import plotly.graph_objects as go
import plotly.io as pio

# Okabe & Ito (2008), safe for the common colour-vision deficiencies and readable in greyscale print.
OKABE_ITO = {"orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73", "yellow": "#F0E442", "blue": "#0072B2",
             "vermillion": "#D55E00", "purple": "#CC79A7", "grey": "#999999", "black": "#000000"}

THEME_COLORS = {"culture": OKABE_ITO["purple"], "ess": OKABE_ITO["orange"], "transitions": OKABE_ITO["green"],
                "participation": OKABE_ITO["sky"], "numerique": OKABE_ITO["blue"], "autre": OKABE_ITO["grey"]}
FORMAT_COLORS = {"forum_ouvert": OKABE_ITO["blue"], "conference": OKABE_ITO["vermillion"],
                 "atelier": OKABE_ITO["green"], "table_ronde": OKABE_ITO["orange"], "autre": OKABE_ITO["grey"]}
STATUS_COLORS = {"good": OKABE_ITO["green"], "warn": OKABE_ITO["orange"], "bad": OKABE_ITO["vermillion"],
                 "unknown": OKABE_ITO["grey"], "neutral": OKABE_ITO["blue"]}
# Patterns tell the same thing as colours, for print and colour-blind readers.
STATUS_PATTERNS = {"good": "", "warn": "/", "bad": "x", "unknown": ".", "neutral": ""}

# The ``config`` of every ``st.plotly_chart``: no mode bar (on a touch screen it sits on the title
# and its zoom tools only get in the way) and no plotly logo.
PLOTLY_CONFIG = {"displayModeBar": False, "displaylogo": False}

# Top margin (px) above the plot for the title, and the title's height, under which the legend starts.
_TOP = 55
_TITLE = 40


def text(value: object) -> str:
    """Workbook text made safe for plotly labels and hover texts, which read a subset of HTML.

    >>> text("<b>Salle</b> & co")
    '&lt;b&gt;Salle&lt;/b&gt; &amp; co'
    """
    return html.escape(str(value), quote=False)


def _lean_white() -> go.layout.Template:
    """plotly's ``plotly_white`` cut to what our charts use: its layout (white background, grey grid,
    fonts, hover labels) and the defaults of the trace types we draw.

    The whole template (7 KB of JSON, polar, ternary, 3-D and map settings included) was copied
    into every figure (33 ms each) and shipped with every chart; this one costs 5 ms and 1.5 KB.
    """
    full = pio.templates["plotly_white"].to_plotly_json()
    keep = ("autotypenumbers", "colorway", "font", "hovermode", "hoverlabel", "paper_bgcolor", "plot_bgcolor",
            "xaxis", "yaxis", "shapedefaults", "annotationdefaults", "title")
    traces = ("bar", "scatter", "heatmap", "funnel", "indicator")
    return go.layout.Template(layout={k: v for k, v in full["layout"].items() if k in keep},
                              data={k: v for k, v in full["data"].items() if k in traces})


TEMPLATE = _lean_white()


def layout(fig: go.Figure, title: str, *, height: int = 380, x: str | None = None, y: str | None = None) -> go.Figure:
    """French title and axes, a clean white background, readable font sizes, French separators.

    The title sits at the top left; the legend, when there is one, runs from the left edge just
    under it, above the plot: on a phone it wraps over several lines instead of covering the title,
    and plotly pushes the plot down to make room.
    """
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 18},
               "yref": "container", "y": 1, "yanchor": "top", "pad": {"t": 12, "l": 4}, "automargin": True},
        height=height,
        template=TEMPLATE,
        font={"size": 14, "family": "Source Sans Pro, Arial, sans-serif"},
        separators=", ",          # decimal comma, (narrow) space for thousands
        margin={"l": 10, "r": 10, "t": _TOP, "b": 10},
        # Just under the title, from the left edge: plotly pushes the plot down when it wraps.
        legend={"orientation": "h", "xref": "container", "x": 0, "xanchor": "left",
                "yref": "container", "y": 1 - _TITLE / height, "yanchor": "top", "title": None},
        hoverlabel={"font_size": 14},
    )
    if x is not None:
        fig.update_xaxes(title_text=x)
    if y is not None:
        fig.update_yaxes(title_text=y)
    return fig
