"""The dispatcher thread: sends the outbox as soon as a commit wrote to it, and every few
seconds anyway (what a crash or another instance left behind, retries that came due)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from datetime import datetime, timedelta

from bot.acks_first import AcksFirst
from handlers.dispatch import LEASE, Deliver, DispatchReport, dispatch
from storage.unit_of_work import SqlAlchemyUnitOfWork

log = logging.getLogger("cascade.outbox")


class Dispatcher:
    def __init__(
        self,
        uow_factory: Callable[..., SqlAlchemyUnitOfWork],
        deliver: Deliver,
        clock: Callable[[], datetime],
        *,
        real_clock: Callable[[], datetime] | None = None,
        every: float = 5.0,
        lease: timedelta = LEASE,
        workers: int = 4,
        settle: float = 0.1,
        acks_first: AcksFirst | None = None,
    ) -> None:
        self.uow_factory, self.deliver, self.clock = uow_factory, deliver, clock
        self.real_clock = real_clock or clock
        self.every, self.lease = every, lease
        # Woken by a commit, wait this long first: the request has acked by then (the sending
        # never competes with it), and a burst of requests is sent in one go.
        self.settle = settle
        self.acks_first = acks_first or AcksFirst(patience=0)
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="send")
        self._wake, self._stop = threading.Event(), threading.Event()
        self._thread: threading.Thread | None = None

    def wake(self) -> None:
        self._wake.set()

    def start(self) -> Dispatcher:
        self._thread = threading.Thread(target=self._loop, name="dispatcher", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
        self.pool.shutdown(wait=True)

    def run_once(self, now: datetime | None = None) -> DispatchReport:
        """Send everything due now (a cron run, or a test) and say how it went."""
        return dispatch(
            self.uow_factory,
            self.deliver,
            now or self.clock(),
            clock=self.real_clock,
            lease=self.lease,
            fan_out=self._fan_out,
        )

    def _loop(self) -> None:
        while not self._stop.is_set():
            if self._wake.wait(timeout=self.every) and self.settle:
                self._stop.wait(timeout=self.settle)
            self._wake.clear()
            if self._stop.is_set():
                return
            self.acks_first.wait_turn()
            try:
                report = self.run_once()
            except Exception:  # the database may be away: try again on the next round
                log.exception("dispatching failed")
                continue
            if report.sent or report.retried or report.failed:
                log.info(
                    "outbox: %s sent, %s deferred, %s retried, %s failed",
                    report.sent,
                    report.deferred,
                    report.retried,
                    report.failed,
                )
            if report.paused_until is not None:  # Slack asked us to wait: so we do
                pause = (report.paused_until - self.clock()).total_seconds()
                self._stop.wait(timeout=max(min(pause, 60.0), 0.0))

    def _fan_out(self, jobs: list[Callable[[], None]]) -> None:
        """One recipient's messages in order; different recipients side by side."""
        futures = [self.pool.submit(job) for job in jobs]
        wait(futures)
        for future in futures:
            if future.exception() is not None:
                log.error("sending failed", exc_info=future.exception())
