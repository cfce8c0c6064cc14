"""Figures and files built once per read of the source, and shared by every session.

A page's charts and the city's downloads depend only on the forum read (aggregates, no names,
nothing of the viewer), yet plotly takes 25 to 40 ms to build one figure and the city's XLSX
40 ms: rebuilt at every run of every session, they were most of a page's script time.
``per_read(forum, "signups", build)`` returns what ``build()`` returned for this read, building
it on the first call. The key is the read (source, kind, time of the read) and the name, which
must therefore say everything else the result depends on (the day of a heat map, today's date
for a projection). Results are shared objects: callers must not change them (st.plotly_chart
and st.download_button only read them).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from forum_data.forum import Forum

T = TypeVar("T")


@st.cache_resource(max_entries=256, show_spinner=False)
def _per_read(source: str, kind: str, read_at: str, name: str, _build: Callable[[], T]) -> T:
    return _build()


def per_read(forum: Forum, name: str, build: Callable[[], T]) -> T:
    """``build()`` once per read of the source and per ``name``; the same object afterwards."""
    return _per_read(forum.source, forum.kind, forum.read_at.isoformat(), name, build)
