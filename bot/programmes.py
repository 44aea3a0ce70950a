"""Programmes (and ICSs) as they were a moment ago: for the checks a form gets before its ack.

A form is checked against the programme (every criterion ticked, a cohort still open) while
Slack waits, so mistakes come back inline; the use case checks again against the database
after the ack, so a programme changed in the meantime can never be broken by a stale copy.
"""

from __future__ import annotations

import threading
import time
from typing import TypeVar

from domain.kernel.errors import NotFound
from domain.kernel.programme import Ics, Programme
from handlers.nominations.queries import everything, programme_for
from storage.unit_of_work import UnitOfWorkFactory

TTL_SECONDS = 30.0
Known = TypeVar("Known", Programme, Ics)


class Programmes:
    def __init__(self, uow_factory: UnitOfWorkFactory, ttl: float = TTL_SECONDS) -> None:
        self.uow_factory, self.ttl = uow_factory, ttl
        self._cache: dict[tuple[str, str], tuple[float, Programme | Ics]] = {}
        self._lock = threading.Lock()
        self._everything: tuple[float, tuple[list[Programme], list[Ics]]] | None = None

    def get(self, programme_key: str | None, nomination_id: int = 0) -> Programme | None:
        """The programme by key (from memory if read lately), or that of the nomination;
        None when there is no such programme or nomination."""
        key = programme_key if isinstance(programme_key, str) else None
        found = self._remembered("programme", key or "")
        if isinstance(found, Programme):
            return found
        try:
            programme = programme_for(key, nomination_id, self.uow_factory(read_only=True))
        except NotFound:
            return None
        return self._keep("programme", programme.key, programme)

    def every(self) -> tuple[list[Programme], list[Ics]]:
        """Every programme and every ICS, from memory if read lately (what a form offers)."""
        with self._lock:
            hit = self._everything
        if hit is not None and hit[0] > time.monotonic():
            return hit[1]
        programmes, every = everything(self.uow_factory(read_only=True))
        for programme in programmes:
            self._keep("programme", programme.key, programme)
        for ics in every:
            self._keep("ics", ics.key, ics)
        with self._lock:
            self._everything = (time.monotonic() + self.ttl, (programmes, every))
        return programmes, every

    def ics(self, ics_key: str) -> Ics | None:
        """The ICS (its name and leads) by key, from memory if read lately; None if unknown.
        One miss reads every ICS: on opening day forty-two are asked for at once."""
        found = self._remembered("ics", ics_key)
        if isinstance(found, Ics):
            return found
        _, every = self.every()
        return next((i for i in every if i.key == ics_key), None)

    def _remembered(self, kind: str, key: str) -> Programme | Ics | None:
        with self._lock:
            hit = self._cache.get((kind, key))
        return hit[1] if hit is not None and hit[0] > time.monotonic() else None

    def _keep(self, kind: str, key: str, found: Known) -> Known:
        with self._lock:
            self._cache[(kind, key)] = (time.monotonic() + self.ttl, found)
        return found
