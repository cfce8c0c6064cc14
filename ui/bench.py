"""Reference pages for bench/run.py, added to the navigation only when ``FORUM_BENCH_BARE_PAGE`` is set.

``bare``: what the framework and our frame cost with nothing on the page (``st.write("ok")``).
``one_chart``: the same plus one small Plotly bar chart drawn like ours (lean template, no mode
bar): what a page pays, in the browser, as soon as it shows a chart. Page times are published
as ratios to ``bare`` (issue 6).
"""
from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from forum_data.charts.style import PLOTLY_CONFIG, layout


def bare() -> None:
    st.write("ok")


def one_chart() -> None:
    st.write("ok")
    st.plotly_chart(layout(go.Figure(go.Bar(x=["a", "b", "c"], y=[1, 3, 2])), "Un graphique"), config=PLOTLY_CONFIG)
