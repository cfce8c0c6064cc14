"""Keeping the figures on screen when the source fails: the last good read, and when to retry.

``SourceGuard.read(now)`` never raises. On success it returns the fresh forum; on a failure
after a good read it returns that last good forum with the French reason and the retry time;
during the back-off it does not call the source again (no request storm), and it recovers
by itself at the next read after ``retry_at``.

>>> from datetime import datetime, timedelta
>>> calls = []
>>> def failing(): calls.append(1); raise SourceError("Quota Google dépassé.")
>>> guard = SourceGuard(failing, backoff=timedelta(minutes=2))
>>> t0 = datetime(2024, 3, 12, 10, 42)
>>> state = guard.read(t0); state.forum is None, state.error, len(calls)
(True, 'Quota Google dépassé.', 1)
>>> state = guard.read(t0 + timedelta(seconds=30)); len(calls)   # within the back-off: no new call
1
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Callable

from forum_data.forum import Forum
from forum_data.sources.base import SourceError


@dataclass(frozen=True)
class SourceState:
    """What to show: ``forum`` (fresh, or the last good one, or None) and the failure, if any."""

    forum: Forum | None
    error: str | None = None
    failed_at: datetime | None = None
    retry_at: datetime | None = None

    @property
    def is_stale(self) -> bool:
        return self.error is not None and self.forum is not None


class SourceGuard:
    """Reads through ``loader``, remembering the last good forum and the last failure."""

    def __init__(self, loader: Callable[[], Forum], *, backoff: timedelta = timedelta(minutes=2),
                 last_good: Forum | None = None):
        self.loader = loader
        self.backoff = backoff
        self.last_good = last_good
        self.error: str | None = None
        self.failed_at: datetime | None = None
        self.retry_at: datetime | None = None
        self._lock = threading.Lock()

    def read(self, now: datetime) -> SourceState:
        with self._lock:
            if self.retry_at is not None and now < self.retry_at:
                return self._state()
            try:
                forum = self.loader()
            except SourceError as error:
                self._fail(now, str(error))
            except Exception as error:  # noqa: BLE001 — a broken source must never blank the dashboard
                self._fail(now, f"erreur inattendue en lisant la source ({type(error).__name__})")
            else:
                self.last_good, self.error, self.failed_at, self.retry_at = forum, None, None, None
            return self._state()

    def _fail(self, now: datetime, reason: str) -> None:
        self.error, self.failed_at, self.retry_at = reason, now, now + self.backoff

    def _state(self) -> SourceState:
        return SourceState(self.last_good, self.error, self.failed_at, self.retry_at)
