"""The one boundary for work after ack(): replies, forms, files for the person who asked.

A failure here is reported to that person with a reference and logged; it never reaches Bolt,
which would take an exception after the ack for an unacknowledged request.
"""

from __future__ import annotations

import contextvars
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from slack_sdk import WebClient

from bot.kernel.acks_first import AcksFirst
from bot.kernel.errors import reported

# Seconds a form gives way to other requests' acks, at most, counted from its own ack (not from
# when a thread of the pool is free for it): its trigger expires 3 s after the click, and the
# click's ack, the form's reading and Slack's answer must fit in the rest.
FORM_PATIENCE = 1.0


class AfterAck:
    """Listeners return as soon as they have acked (Slack hears at once); what follows runs on
    these pools: ``run`` for calls whose trigger expires in seconds, ``later`` for the rest."""

    def __init__(
        self, workers: int = 4, acks_first: AcksFirst | None = None, now_workers: int = 32
    ) -> None:
        self.pool = started(ThreadPoolExecutor(workers, thread_name_prefix="after-ack"), workers)
        # Enough that forms still to open never queue behind each other (a burst of /nominate).
        self.now_pool = started(
            ThreadPoolExecutor(now_workers, thread_name_prefix="now"), now_workers
        )
        self.acks_first = acks_first or AcksFirst(patience=0)

    def run(
        self,
        body: dict[str, Any],
        client: WebClient,
        work: Callable[..., Any],
        *args: Any,
        **kwargs: Any,
    ) -> Future:
        """Right away: opening a form, whose trigger lasts 3 s from the click. It gives way
        to the acks in flight for ``FORM_PATIENCE`` at most, counted from now."""
        deadline = time.monotonic() + FORM_PATIENCE
        return self._submit(self.now_pool, body, client, work, *args, deadline=deadline, **kwargs)

    def later(
        self,
        body: dict[str, Any],
        client: WebClient,
        work: Callable[..., Any],
        *args: Any,
        **kwargs: Any,
    ) -> Future:
        """On a smaller pool of its own, so slow replies never hold up forms (private replies)."""
        return self._submit(self.pool, body, client, work, *args, **kwargs)

    def _submit(
        self,
        pool: ThreadPoolExecutor,
        body: dict[str, Any],
        client: WebClient,
        work: Callable[..., Any],
        *args: Any,
        deadline: float | None = None,
        **kwargs: Any,
    ) -> Future:
        def guarded() -> None:
            self.acks_first.wait_turn(deadline)
            with reported(body, client):
                work(*args, **kwargs)

        # The work runs in the request's context: its log lines name the request and user.
        return pool.submit(contextvars.copy_context().run, guarded)

    def shutdown(self) -> None:
        self.now_pool.shutdown(wait=True)
        self.pool.shutdown(wait=True)


def started(pool: ThreadPoolExecutor, threads: int) -> ThreadPoolExecutor:
    """The pool with all its threads running. A pool starts a thread on a submit that finds
    none idle, and the listener's submit then waits until the new thread first runs: in a
    burst, behind every request thread wanting Python's lock (a /nominate ack spent a median
    8 ms and up to 50 ms there, after its ack was ready)."""
    everyone = threading.Barrier(threads + 1)
    for _ in range(threads):
        pool.submit(everyone.wait)
    everyone.wait()
    return pool
