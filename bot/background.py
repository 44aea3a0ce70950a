"""A background thread that does a round of work when woken, and every few seconds anyway."""

from __future__ import annotations

import logging
import threading
from typing import Self

log = logging.getLogger("cascade")


class Background:
    """Subclasses do one round in ``_round``; a failing round is logged and tried again on the
    next (the database may be away). ``settle``: after a wake, wait this long first."""

    thread_name = "background"

    def __init__(self, every: float, settle: float = 0.0) -> None:
        self.every, self.settle = every, settle
        self._wake, self._stop = threading.Event(), threading.Event()
        self._thread: threading.Thread | None = None

    def wake(self) -> None:
        self._wake.set()

    def start(self) -> Self:
        self._thread = threading.Thread(target=self._loop, name=self.thread_name, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop once the round under way is done (what is left waits in the database)."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=30)

    def _round(self) -> None:
        raise NotImplementedError

    def _loop(self) -> None:
        while not self._stop.is_set():
            if self._wake.wait(timeout=self.every) and self.settle:
                self._stop.wait(timeout=self.settle)
            self._wake.clear()
            if self._stop.is_set():
                return
            try:
                self._round()
            except Exception:
                log.exception("%s: the round failed; trying again on the next", self.thread_name)
