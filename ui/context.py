"""What the frame hands to the page it runs: the forum, the role, and the "as of" date.

The frame (dashboard.py) calls ``set_context`` on every run before ``page.run()``; a page opens
with ``ui.page.Page.open()``, which reads it through ``page_context()`` and stops the script when
the frame has not run in this session (a deep link served straight from pages/ before st.navigation).
"""
from __future__ import annotations

import inspect
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import streamlit as st

from forum_data.forum import Forum
from forum_data.privacy import Role

_KEY = "_forum_page_context"
WANTED = "_forum_wanted_page"
FRAME = Path(__file__).resolve().parent.parent / "dashboard.py"


@dataclass(frozen=True)
class PageContext:
    forum: Forum
    role: Role
    today: date


def set_context(context: PageContext) -> None:
    st.session_state[_KEY] = context


def page_context() -> PageContext:
    """The context the frame set for this run; otherwise render nothing and hand over to the frame.

    Before any session has called st.navigation, Streamlit serves a deep link such as /ville
    by running pages/ville.py alone. The page then shows nothing of its own and switches to
    the frame, which declares the pages and opens the one asked for (``WANTED``); from then on
    deep links go through the frame.
    """
    context = st.session_state.get(_KEY)
    if context is None:
        st.session_state[WANTED] = Path(inspect.stack()[1].filename).stem   # the frame opens it next
        try:
            st.switch_page(str(FRAME))
        except Exception:  # noqa: BLE001 — e.g. AppTest without the frame: just render nothing
            pass
        st.stop()
    return context
