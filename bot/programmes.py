"""Programmes as they were a moment ago: for the checks a form gets before its ack.

A form is checked against the programme (every criterion ticked, a cohort still open) while
Slack waits, so mistakes come back inline; the use case checks again against the database
after the ack, so a programme changed in the meantime can never be broken by a stale copy.
"""

from __future__ import annotations

import threading
import time

from domain.errors import NotFound
from domain.programme import Programme
from handlers.queries import programme_for
from storage.unit_of_work import UnitOfWorkFactory

TTL_SECONDS = 30.0


class Programmes:
    def __init__(self, uow_factory: UnitOfWorkFactory, ttl: float = TTL_SECONDS) -> None:
        self.uow_factory, self.ttl = uow_factory, ttl
        self._cache: dict[str, tuple[float, Programme]] = {}
        self._lock = threading.Lock()

    def get(self, programme_key: str | None, nomination_id: int = 0) -> Programme | None:
        """The programme by key (from memory if read lately), or that of the nomination;
        None when there is no such programme or nomination."""
        key = programme_key if isinstance(programme_key, str) else None
        with self._lock:
            hit = self._cache.get(key or "")
        if hit is not None and hit[0] > time.monotonic():
            return hit[1]
        try:
            programme = programme_for(key, nomination_id, self.uow_factory(read_only=True))
        except NotFound:
            return None
        with self._lock:
            self._cache[programme.key] = (time.monotonic() + self.ttl, programme)
        return programme
