"""Acks first: work that follows an ack waits while other requests are still being acked.

Slack gives each request 3 seconds; a person is waiting on every ack. What follows an ack
(carrying out an accepted request, sending the outbox, opening a form, learning who someone
is) can wait a moment. In one Python process those compete for the same interpreter, so a burst
of fifty requests would otherwise queue behind the work its first requests caused. Requests
are counted from their arrival to their ack; the work behind them waits until none is in
flight, or ``patience`` seconds at most (so a steady stream never starves it).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

PATIENCE_SECONDS = 1.0


class AcksFirst:
    def __init__(self, patience: float = PATIENCE_SECONDS) -> None:
        self.patience = patience
        self._in_flight = 0
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
                if not self._in_flight:
                    self._quiet.notify_all()

    def wait_turn(self) -> bool:
        """Wait until no request is being acked (at most ``patience``): True if none was."""
        with self._quiet:
            return self._quiet.wait_for(lambda: not self._in_flight, timeout=self.patience)

    @property
    def in_flight(self) -> int:
        return self._in_flight
