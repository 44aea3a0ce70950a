"""Storing requests before their acks, many in one commit when they arrive together.

Each request is committed before Slack hears "OK" (nothing acknowledged is lost). When fifty
arrive at once, one writer takes whatever is waiting, checks those that have a check (a
nomination's quota, with the others arriving at the same moment) in one read, and stores the
rest in one statement (a group commit), instead of fifty writers queueing for the database one
after another.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from domain.kernel.errors import Busy, DomainError
from domain.kernel.inbox import Request
from handlers.kernel.inbox import Accepted, accept_all
from handlers.kernel.ports import UnitOfWork

log = logging.getLogger("cascade.inbox")
MOST_AT_ONCE = 100
# A request still queued after this says "busy" and is never stored; one being stored waits
# for its commit (at most the database lock's 1.5 s), so the answer is always inside 3 s.
QUEUED_SECONDS = 1.0
_Waiting = tuple[Request, Any, "Future[Accepted]"]  # a request, its check, its outcome


class Intake:
    def __init__(self, unit_of_work: Callable[[], UnitOfWork]) -> None:
        """``unit_of_work``: one for a single statement (``UnitOfWorkFactory.one_statement``)."""
        self.unit_of_work = unit_of_work
        self._waiting: queue.SimpleQueue[_Waiting] = queue.SimpleQueue()
        self._writer: threading.Thread | None = None
        self._start = threading.Lock()

    def accept(self, request: Request, check: Any = None) -> Accepted:
        """Store the request (committed when this returns) if its ``check`` (one of
        ``handlers.kernel.inbox.CHECKS``' kinds, checked with the requests arriving with it) passes.
        A refusal (the rules', or busy, unavailable) is raised as the domain error it is."""
        done: Future[Accepted] = Future()
        self._waiting.put((request, check, done))
        self._ensure_writer()
        try:
            return done.result(timeout=QUEUED_SECONDS)
        except TimeoutError:
            if done.cancel():  # still queued: it will not be stored, and "busy" is true
                raise Busy() from None
            return done.result()  # being stored now: its commit is moments away

    def _ensure_writer(self) -> None:
        if self._writer is None:
            with self._start:
                if self._writer is None:
                    self._writer = threading.Thread(target=self._write, name="intake", daemon=True)
                    self._writer.start()

    def _write(self) -> None:
        while True:
            batch = [self._waiting.get()]
            while len(batch) < MOST_AT_ONCE:
                try:
                    batch.append(self._waiting.get_nowait())
                except queue.Empty:
                    break
            batch = [waiting for waiting in batch if waiting[2].set_running_or_notify_cancel()]
            if not batch:
                continue
            try:
                requests, checks = [w[0] for w in batch], [w[1] for w in batch]
                outcomes = accept_all(requests, self.unit_of_work(), checks)
            except Exception as exc:  # each waiting listener hears it (a domain error, or a bug)
                for *_, done in batch:
                    done.set_exception(exc)
                continue
            for (*_, done), outcome in zip(batch, outcomes, strict=True):
                if isinstance(outcome, DomainError):
                    done.set_exception(outcome)
                else:
                    done.set_result(outcome)
