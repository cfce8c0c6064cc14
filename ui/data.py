"""Loading the forum once per cache period for every session, and surviving source failures.

``FORUM_CACHE_TTL`` (seconds) or ``[forum] cache_ttl`` in secrets.toml sets the period
(60 s by default). One ``SourceGuard`` per process (st.cache_resource) remembers the last
good read and the last failure; ``st.cache_data`` shares each read between all sessions.
``refresh()`` forgets the cached read, so the next run reads again now.
"""
from __future__ import annotations

import os
from datetime import datetime

import streamlit as st

from forum_data.config import read_secrets
from forum_data.forum import PARIS, load_forum
from forum_data.health import SourceGuard, SourceState
from forum_data.sources.base import SourceError

DEFAULT_TTL = 60


def cache_ttl() -> int:
    try:
        configured = read_secrets().get("forum", {}).get("cache_ttl", DEFAULT_TTL)
    except SourceError:
        configured = DEFAULT_TTL
    try:
        return max(0, int(os.environ.get("FORUM_CACHE_TTL") or configured))
    except (TypeError, ValueError):
        return DEFAULT_TTL


@st.cache_resource
def _guard() -> SourceGuard:
    return SourceGuard(load_forum)


@st.cache_data(ttl=cache_ttl(), show_spinner="Lecture du classeur…", max_entries=1)
def _read() -> SourceState:
    return _guard().read(datetime.now(PARIS))


def current() -> SourceState:
    """The forum to show (fresh or last good) and the source's failure, if any."""
    return _read()


def refresh() -> None:
    """Read the source again now (the Rafraîchir button), whatever the back-off says."""
    guard = _guard()
    guard.retry_at = None
    _read.clear()
