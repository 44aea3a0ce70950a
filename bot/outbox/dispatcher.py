"""The dispatcher thread: sends the outbox as soon as a commit wrote to it, and every few
seconds anyway (what a crash or another instance left behind, retries that came due)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from datetime import datetime, timedelta

from bot.acks_first import AcksFirst
from bot.background import Background
from handlers.dispatch import LEASE, Deliver, DispatchReport, dispatch
from storage.unit_of_work import SqlAlchemyUnitOfWork

log = logging.getLogger("cascade.outbox")


class Dispatcher(Background):
    thread_name = "dispatcher"

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
        # Woken by a commit, wait ``settle`` first: the request has acked by then (the sending
        # never competes with it), and a burst of requests is sent in one go.
        super().__init__(every, settle)
        self.lease = lease
        self.acks_first = acks_first or AcksFirst(patience=0)
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="send")

    def stop(self) -> None:
        super().stop()
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

    def _round(self) -> None:
        self.acks_first.wait_turn()
        report = self.run_once()
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
