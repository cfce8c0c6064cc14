"""What the frame hands to the page it runs: the forum, the role, and the "as of" date.

The frame (dashboard.py) calls ``set_context`` on every run before ``page.run()``; a page
calls ``page_context()`` on its first line, which stops the script when the frame has not
run in this session (a deep link served straight from pages/ before st.navigation).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import streamlit as st

from forum_data.forum import Forum
from forum_data.privacy import Role

_KEY = "_forum_page_context"


@dataclass(frozen=True)
class PageContext:
    forum: Forum
    role: Role
    today: date


def set_context(context: PageContext) -> None:
    st.session_state[_KEY] = context


def page_context() -> PageContext:
    """The context the frame set for this run; renders nothing and stops otherwise."""
    context = st.session_state.get(_KEY)
    if context is None:
        st.stop()
    return context
