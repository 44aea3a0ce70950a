"""The dispatcher threads: send the outbox as soon as a commit wrote to it, and every few
seconds anyway (what a crash or another instance left behind, retries that came due).

Two lanes, each with a thread and senders of its own (``Lanes``): what a person is looking at
the screen for (their Home, the answer to their click, a file they asked for) is never queued
behind the channel posts paced at one a second, or behind a morning's reminders.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from datetime import datetime, timedelta

from bot.background import Background
from bot.kernel.acks_first import AcksFirst
from bot.metrics import Metrics
from domain.kernel.outbox import Lane
from handlers.kernel.dispatch import LEASE, Deliver, DispatchReport, dispatch
from storage.unit_of_work import SqlAlchemyUnitOfWork

log = logging.getLogger("cascade.outbox")

AWAITED_PATIENCE = 0.1  # seconds an awaited message gives way to acks in flight, at most


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
        lane: Lane | None = None,
        patience: float | None = None,
        metrics: Metrics | None = None,
    ) -> None:
        self.uow_factory, self.deliver, self.clock = uow_factory, deliver, clock
        self.real_clock = real_clock or clock
        # Woken by a commit, wait ``settle`` first: the request has acked by then (the sending
        # never competes with it), and a burst of requests is sent in one go.
        super().__init__(every, settle)
        self.lease, self.lane, self.patience = lease, lane, patience
        self.metrics = metrics
        self.thread_name = f"dispatcher-{lane}" if lane else "dispatcher"
        self.acks_first = acks_first or AcksFirst(patience=0)
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix=self.thread_name)

    def stop(self) -> None:
        super().stop()
        self.pool.shutdown(wait=True)

    def run_once(self, now: datetime | None = None) -> DispatchReport:
        """Send everything due now (a cron run, or a test) and say how it went."""
        report = dispatch(
            self.uow_factory,
            self.deliver,
            now or self.clock(),
            clock=self.real_clock,
            lease=self.lease,
            fan_out=self._fan_out,
            lane=self.lane,
        )
        if report.failed and self.metrics is not None:
            self.metrics.sends_failed.inc(report.failed)
        return report

    def _round(self) -> None:
        patience = self.patience
        self.acks_first.wait_turn(None if patience is None else time.monotonic() + patience)
        report = self.run_once()
        if report.sent or report.retried or report.failed:
            log.info(
                "outbox%s: %s sent, %s deferred, %s retried, %s failed",
                f" ({self.lane})" if self.lane else "",
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


class Lanes:
    """One dispatcher per lane, started, woken and stopped together; ``run_once`` (a cron
    run) sends what is due in every lane, the awaited first."""

    def __init__(self, awaited: Dispatcher, other: Dispatcher) -> None:
        self.awaited, self.other = awaited, other

    def start(self) -> Lanes:
        self.awaited.start()
        self.other.start()
        return self

    def wake(self, lanes: frozenset[Lane] | None = None) -> None:
        """Wake the dispatchers of ``lanes`` (a commit wrote to them), or both."""
        if lanes is None or Lane.AWAITED in lanes:
            self.awaited.wake()
        if lanes is None or Lane.OTHER in lanes:
            self.other.wake()

    def stop(self) -> None:
        self.awaited.stop()
        self.other.stop()

    def run_once(self, now: datetime | None = None) -> DispatchReport:
        first, then = self.awaited.run_once(now), self.other.run_once(now)
        return DispatchReport(
            sent=first.sent + then.sent,
            deferred=first.deferred + then.deferred,
            retried=first.retried + then.retried,
            failed=first.failed + then.failed,
            paused_until=first.paused_until or then.paused_until,
            errors=first.errors + then.errors,
        )
