"""What a page starts with: its context, its « missing tab » notices, and figures built once per read.

    page = Page.open()                    # stops here when the frame did not run (a deep link)
    page.require("salles", "voir la charge des salles", icon=":material/meeting_room:")
    st.plotly_chart(page.cached(charts.load_heatmap, grid, title))

``cached(fn, *args)`` returns ``fn(*args)``, computed once per content read from the source and
shared by every session. Its key is derived, never written by hand: the read (source, kind, and
the workbook's fingerprint — or the read's time when it has none), the function (file and
qualified name) and each argument — a part of the forum by its name (``tables.rooms``), anything
else by a digest of its pickled value. So a forgotten argument cannot serve a stale chart, and a
source read again unchanged (every cache period, 60 s by default) keeps its figures: a page is
warm until the sheet changes. So a cached function must not depend on ``forum.read_at`` (the
city's summary, which prints it, is built uncached; tests/test_page.py checks the functions the
pages cache). Results are shared objects: callers must not change them.
"""
from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any, TypeVar

import streamlit as st

from forum_data.views.common import tab_notice
from ui.context import PageContext, page_context

T = TypeVar("T")


@st.cache_resource(max_entries=512, show_spinner=False)
def _per_read(read: str, function: str, arguments: str, _fn: Callable[..., T], _args: tuple) -> T:
    return _fn(*_args)


def _parts(context: PageContext) -> dict[int, str]:
    """id → name of the forum's own immutable parts (the forum, its tables, settings, each table)."""
    forum = context.forum
    parts = {id(forum): "forum", id(forum.tables): "tables", id(forum.settings): "settings"}
    for field in fields(forum.tables):
        parts.setdefault(id(getattr(forum.tables, field.name)), f"tables.{field.name}")
    return parts


def cache_key(context: PageContext, fn: Callable, args: tuple) -> tuple[str, str, str]:
    """(read, function, arguments): what ``cached`` keys a result by.

    >>> from datetime import date
    >>> from forum_data.forum import load_forum
    >>> from forum_data.privacy import ROLES
    >>> ctx = PageContext(load_forum(), ROLES["comite"], date(2024, 3, 12))
    >>> cache_key(ctx, len, (ctx.forum.tables.rooms,))[1:]
    ('builtins.len', 'tables.rooms')
    >>> cache_key(ctx, len, (3,)) == cache_key(ctx, len, (3,)) != cache_key(ctx, len, (4,))
    True
    """
    name = getattr(fn, "__qualname__", "")
    if not name or "<lambda>" in name or "<locals>" in name:
        raise TypeError("cached() needs a module-level function, whose name says what it builds")
    where = getattr(fn, "__module__", None) or ""
    if where in ("", "__main__"):           # a function of a page file: its file names it
        where = fn.__code__.co_filename
    parts = _parts(context)
    keys = []
    for arg in args:
        if id(arg) in parts:
            keys.append(parts[id(arg)])
        else:
            keys.append(hashlib.blake2b(pickle.dumps(arg, protocol=5), digest_size=16).hexdigest())
    forum = context.forum
    read = forum.fingerprint or forum.read_at.isoformat()
    return f"{forum.source}|{forum.kind}|{read}", f"{where}.{name}", "|".join(keys)


@dataclass(frozen=True)
class Page:
    """The running page's context (forum, role, as-of date) and its helpers."""

    context: PageContext

    @classmethod
    def open(cls) -> Page:
        """The context the frame set; a page opened before the frame ran renders nothing and hands over."""
        return cls(page_context())

    @property
    def forum(self):
        return self.context.forum

    @property
    def tables(self):
        return self.context.forum.tables

    @property
    def settings(self):
        return self.context.forum.settings

    @property
    def role(self):
        return self.context.role

    @property
    def today(self):
        return self.context.today

    def notice(self, slug: str, purpose: str, *, icon: str = ":material/info:", rows: bool = True) -> bool:
        """Show the note for tab ``slug`` when it is absent, empty or unusable; True when shown."""
        text = tab_notice(self.forum, slug, purpose, rows=rows, quality=self.role.quality)
        if text:
            st.info(text, icon=icon)
        return text is not None

    def require(self, slug: str, purpose: str, *, icon: str = ":material/info:", rows: bool = True) -> None:
        """Like ``notice``, then stop the page: nothing below can be shown without that tab."""
        if self.notice(slug, purpose, icon=icon, rows=rows):
            st.stop()

    def cached(self, fn: Callable[..., T], *args: Any) -> T:
        """``fn(*args)``, once per read of the source (see the module's docstring for the key)."""
        return _per_read(*cache_key(self.context, fn, args), fn, args)
