"""Loading the forum once per cache period for every session, and surviving source failures.

``FORUM_CACHE_TTL`` (seconds) or ``[forum] cache_ttl`` in secrets.toml sets the period
(60 s by default; 0 reads at every run). ``FORUM_RETRY_SECONDS`` or ``[forum] retry_seconds``
sets how long to wait before calling a failing source again (120 s by default);
``FORUM_SOURCE_TIMEOUT`` or ``[forum] timeout`` the seconds allowed to each request (20 s).

One ``SourceGuard`` per process (st.cache_resource) remembers the last good read and the last
failure; it starts from the snapshot saved on disk before a restart (forum_data.snapshot) and
saves a new one after each good read. ``st.cache_resource`` shares each read between all
sessions: its key is the number of the current cache period, so every viewer gets the same read
and the source is called at most once per period (the guard also makes a caller that waited for
another one's read reuse it). The read is served as the object itself, not a copy: the
``Forum`` is immutable (frozen dataclasses, tuples), and ``st.cache_data`` would unpickle it at
every run of every session (740 ms for a forum 100 times the sample's size, see
docs/performance.md).
``refresh()`` forgets the cached read and the back-off, so the next run reads again now.
"""
from __future__ import annotations

import os
import time
from datetime import datetime, timedelta

import streamlit as st

from forum_data.config import configured_source, read_secrets
from forum_data.forum import PARIS, load_forum
from forum_data.health import SourceGuard, SourceState
from forum_data.snapshot import load_snapshot, save_snapshot
from forum_data.sources.base import SourceError

DEFAULT_TTL = 60
DEFAULT_RETRY = 120
DEFAULT_TIMEOUT = 20


def _setting(env: str, key: str, default: float) -> float:
    try:
        configured = (read_secrets().get("forum") or {}).get(key, default)
    except (SourceError, AttributeError):
        configured = default
    try:
        value = float(os.environ.get(env) or configured)
    except (TypeError, ValueError):
        return default
    return max(0.0, value) if value == value else default   # NaN: the default


def cache_ttl() -> int:
    """Seconds one read is shared for (``FORUM_CACHE_TTL``, ``[forum] cache_ttl``)."""
    return int(_setting("FORUM_CACHE_TTL", "cache_ttl", DEFAULT_TTL))


def retry_seconds() -> float:
    """Seconds before a failing source is called again (``FORUM_RETRY_SECONDS``, ``[forum] retry_seconds``)."""
    return _setting("FORUM_RETRY_SECONDS", "retry_seconds", DEFAULT_RETRY)


def source_timeout() -> float:
    """Seconds allowed to each request to the source (``FORUM_SOURCE_TIMEOUT``, ``[forum] timeout``)."""
    return _setting("FORUM_SOURCE_TIMEOUT", "timeout", DEFAULT_TIMEOUT) or DEFAULT_TIMEOUT


def _load():
    return load_forum(timeout=source_timeout(), fingerprint=True)


def _source() -> str | None:
    try:
        return configured_source()
    except SourceError:
        return None


def _save(forum) -> None:
    save_snapshot(forum, _source())


@st.cache_resource(show_spinner=False)
def _guard() -> SourceGuard:
    restored = load_snapshot(_source())
    return SourceGuard(_load, backoff=timedelta(seconds=retry_seconds()), last_good=restored,
                       restored=restored is not None, on_success=_save)


@st.cache_resource(show_spinner="Lecture du classeur…", max_entries=2)
def _read(period: int) -> SourceState:
    guard = _guard()
    guard.backoff = timedelta(seconds=retry_seconds())
    return guard.read(datetime.now(PARIS))


def _period() -> int:
    ttl = cache_ttl()
    return int(time.time() // ttl) if ttl else time.monotonic_ns()


def current() -> SourceState:
    """The forum to show (fresh or last good) and the source's failure, if any."""
    return _read(_period())


REFRESH_INTERVAL = timedelta(seconds=10)


def refresh() -> None:
    """Read the source again now (the Rafraîchir button), whatever the back-off says.

    Clicks within 10 s of the last read reuse it (no request storm from impatient viewers).
    """
    if _guard().retry_now(datetime.now(PARIS), min_interval=REFRESH_INTERVAL):
        _read.clear()
