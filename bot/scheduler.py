"""APScheduler only triggers the periodic work; what is due lives in the database."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, timedelta

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.runtime import Clock

log = logging.getLogger(__name__)


def start_scheduler(
    job: Callable[..., None], clock: Clock, minutes: int = 5
) -> BackgroundScheduler:
    """Run ``job(now)`` every few minutes in this process (each instance may run it safely)."""
    scheduler = BackgroundScheduler(
        timezone=UTC,
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 300},
    )

    def tick() -> None:
        try:
            job(clock())
        except Exception:  # one bad run is logged; the next run tries again
            log.exception("periodic jobs failed")

    scheduler.add_job(
        tick,
        IntervalTrigger(minutes=minutes, timezone=UTC),
        id="jobs",
        next_run_time=clock() + timedelta(seconds=30),
        replace_existing=True,
    )
    scheduler.start()
    return scheduler
