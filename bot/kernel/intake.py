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
from datetime import datetime
from functools import partial
from typing import Any

from domain.kernel.errors import Busy, DomainError
from domain.kernel.inbox import Request
from handlers.kernel.commands import Command
from handlers.kernel.inbox import Accepted, accept_all, request_for
from handlers.kernel.ports import UnitOfWork

log = logging.getLogger("cascade.inbox")
MOST_AT_ONCE = 100
# A request still queued after this says "busy" and is never stored; one being stored waits
# for its commit (at most the database lock's 1.5 s), so the answer is always inside 3 s.
QUEUED_SECONDS = 1.0
# The request to store (made by the writer), its check, its outcome.
_Waiting = tuple[Callable[[], Request], Any, "Future[Accepted]"]


class Intake:
    def __init__(self, unit_of_work: Callable[[], UnitOfWork]) -> None:
        """``unit_of_work``: one for a single statement (``UnitOfWorkFactory.one_statement``)."""
        self.unit_of_work = unit_of_work
        self._waiting: queue.SimpleQueue[_Waiting] = queue.SimpleQueue()
        self._writer: threading.Thread | None = None
        self._start = threading.Lock()

    def accept(
        self,
        command: Command,
        key: str,
        now: datetime,
        *,
        reply_channel: str | None = None,
        private_reply: bool = False,
        check: Any = None,
    ) -> Accepted:
        """Store ``command`` as a request (committed when this returns; ``key``: the same for
        Slack's retries of it) if its ``check`` (one of ``handlers.kernel.inbox.CHECKS``' kinds,
        checked with the requests arriving with it) passes. A refusal (the rules', or busy,
        unavailable) is raised as the domain error it is."""
        # The writer makes the request to store (its payload), while earlier ones commit.
        request = partial(
            request_for, command, key, now, reply_channel=reply_channel, private_reply=private_reply
        )
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
            ready = [(r, check, done) for make, check, done in batch if (r := _made(make, done))]
            if not ready:
                continue
            try:
                requests, checks = [w[0] for w in ready], [w[1] for w in ready]
                outcomes = accept_all(requests, self.unit_of_work(), checks)
            except Exception as exc:  # each waiting listener hears it (a domain error, or a bug)
                for *_, done in ready:
                    done.set_exception(exc)
                continue
            for (*_, done), outcome in zip(ready, outcomes, strict=True):
                if isinstance(outcome, DomainError):
                    done.set_exception(outcome)
                else:
                    done.set_result(outcome)


def _made(make: Callable[[], Request], done: Future[Accepted]) -> Request | None:
    """The request to store; a command that cannot be one is its own listener's error alone."""
    try:
        return make()
    except Exception as exc:
        done.set_exception(exc)
        return None
