"""Acks first: work that follows an ack waits while other requests are still being acked.

Slack gives each request 3 seconds; a person is waiting on every ack. What follows an ack
(carrying out an accepted request, sending the outbox, opening a form, learning who someone
is) can wait a moment. In one Python process those compete for the same interpreter, so a burst
of fifty requests would otherwise queue behind the work its first requests caused. Requests
are counted from their arrival to their ack; the work behind them waits until none has been
in flight for ``quiet`` seconds (the rest of a burst is still arriving), or ``patience``
seconds at most (so a steady stream never starves it).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

PATIENCE_SECONDS = 1.0
QUIET_SECONDS = 0.02


class AcksFirst:
    def __init__(self, patience: float = PATIENCE_SECONDS, quiet: float = QUIET_SECONDS) -> None:
        self.patience, self.quiet = patience, quiet
        self._in_flight = 0
        self._last_ack = 0.0
        self._quiet = threading.Condition()

    @contextmanager
    def acking(self) -> Iterator[None]:
        """Around one request, from its arrival to its ack."""
        with self._quiet:
            self._in_flight += 1
        try:
            yield
        finally:
            with self._quiet:
                self._in_flight -= 1
                self._last_ack = time.monotonic()
                if not self._in_flight:
                    self._quiet.notify()  # one waiter looks; it wakes the next (below)

    def wait_turn(self, deadline: float | None = None) -> bool:
        """Wait until no request has been in flight for ``quiet`` seconds, for ``patience``
        at most (or until ``deadline``, a ``time.monotonic()`` shared by a batch of work so
        that a steady stream of requests delays the batch once, not each of its items):
        True if it came to that."""
        if deadline is None:
            deadline = time.monotonic() + self.patience
        with self._quiet:
            try:
                while True:
                    now = time.monotonic()
                    quiet_from = self._last_ack + self.quiet
                    if not self._in_flight and now >= quiet_from:
                        return True
                    if now >= deadline:
                        return False
                    wait = deadline if self._in_flight else min(quiet_from, deadline)
                    self._quiet.wait(timeout=wait - now)
            finally:
                # Wake one more to look: in a burst, each ack that leaves none in flight wakes
                # one waiter, not all of them (each wake-up costs the acks a turn of Python's
                # lock); once it is quiet, they go one after another.
                self._quiet.notify()

    @property
    def in_flight(self) -> int:
        return self._in_flight
