"""Keeping the figures on screen when the source fails: the last good read, and when to retry.

``SourceGuard.read(now)`` never raises. On success it returns the fresh forum; on a failure
after a good read it returns that last good forum with the French reason and the retry time;
during the back-off it does not call the source again (no request storm), and it recovers
by itself at the next read after ``retry_at`` (counted from the end of the failed read, a
timeout included). Callers that waited while another one was
reading reuse that read instead of reading again (many viewers, one upstream read).

>>> from datetime import datetime, timedelta
>>> calls = []
>>> def failing(): calls.append(1); raise SourceError("Google limite le nombre de lectures.", reason="quota")
>>> guard = SourceGuard(failing, backoff=timedelta(minutes=2))
>>> t0 = datetime(2024, 3, 12, 10, 42)
>>> state = guard.read(t0); state.forum is None, state.reason, len(calls)
(True, 'quota Google dépassé', 1)
>>> state = guard.read(t0 + timedelta(seconds=30)); len(calls)   # within the back-off: no new call
1
>>> state = guard.read(t0 + timedelta(minutes=3)); len(calls)    # retry time passed: one new call
2
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Callable

from forum_data.forum import Forum
from forum_data.errors import REASONS, SourceError

log = logging.getLogger(__name__)

@dataclass(frozen=True)
class SourceState:
    """What to show: ``forum`` (fresh, or the last good one, or None) and the failure, if any.

    ``restored`` says that ``forum`` is the snapshot saved before a restart (names hashed),
    not a read of this process.
    """

    forum: Forum | None
    error: str | None = None
    failed_at: datetime | None = None
    retry_at: datetime | None = None
    restored: bool = False
    reason_code: str | None = None

    @property
    def is_stale(self) -> bool:
        return self.error is not None and self.forum is not None

    @property
    def reason(self) -> str | None:
        """The short French reason of the failure (``quota Google dépassé``), None when all is well."""
        return None if self.error is None else REASONS[self.reason_code or "read_error"]


class SourceGuard:
    """Reads through ``loader``, remembering the last good forum and the last failure.

    ``on_success(forum)`` runs after each good read (the snapshot on disk); its failure is
    logged, never raised. ``last_good`` may be a restored snapshot (``restored=True``).
    """

    def __init__(self, loader: Callable[[], Forum], *, backoff: timedelta = timedelta(minutes=2),
                 last_good: Forum | None = None, restored: bool = False,
                 on_success: Callable[[Forum], None] | None = None):
        self.loader = loader
        self.backoff = backoff
        self.last_good = last_good
        self.restored = restored and last_good is not None
        self.on_success = on_success
        self.error: str | None = None
        self.reason_code: str | None = None
        self.failed_at: datetime | None = None
        self._retry_forced = False
        self.attempts = 0            # completed calls of ``loader``
        self.attempted_at: datetime | None = None
        self._lock = threading.Lock()

    def read(self, now: datetime) -> SourceState:
        seen = self.attempts
        with self._lock:
            if self.attempts != seen:
                # Another caller read while this one waited for the lock: reuse its result.
                return self._state()
            if self.retry_at is not None and now < self.retry_at:
                return self._state()
            self.attempted_at = now
            started = time.monotonic()
            try:
                forum = self.loader()
            except SourceError as error:
                self._fail(now + timedelta(seconds=time.monotonic() - started), str(error), error.reason)
            except Exception as error:  # noqa: BLE001 — a broken source must never blank the dashboard
                self._fail(now + timedelta(seconds=time.monotonic() - started),
                           f"Erreur inattendue en lisant la source ({type(error).__name__}).", "unexpected")
            else:
                self.last_good, self.restored = forum, False
                self.error, self.reason_code, self.failed_at = None, None, None
                self._saved(forum)
            finally:
                self.attempts += 1       # counted once done, so that the callers who waited see it
            return self._state()

    def retry_now(self, now: datetime | None = None, *, min_interval: timedelta = timedelta(0)) -> bool:
        """Forget the back-off, so the next ``read`` calls the source (the Rafraîchir button).

        Not within ``min_interval`` of the last call: many viewers clicking at once make one read.
        """
        with self._lock:
            if now is not None and self.attempted_at is not None and now - self.attempted_at < min_interval:
                return False
            self._retry_forced = True
            return True

    @property
    def retry_at(self) -> datetime | None:
        """When the source may be called again: the failure's end plus ``backoff`` (read now, so a
        changed setting applies at once); None when all is well or a retry was asked for."""
        if self.failed_at is None or self._retry_forced:
            return None
        return self.failed_at + self.backoff

    def _saved(self, forum: Forum) -> None:
        if self.on_success is None:
            return
        try:
            self.on_success(forum)
        except Exception as error:  # noqa: BLE001 — a full disk must not hide fresh figures
            log.warning("Instantané non enregistré (%s).", type(error).__name__)

    def _fail(self, now: datetime, message: str, reason: str) -> None:
        self.error, self.reason_code, self.failed_at, self._retry_forced = message, reason, now, False
        log.warning("Source en échec (%s) ; nouvel essai après %s.", REASONS[reason], self.retry_at)

    def _state(self) -> SourceState:
        return SourceState(self.last_good, self.error, self.failed_at, self.retry_at, self.restored,
                           self.reason_code if self.error is not None else None)
