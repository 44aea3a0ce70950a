"""APScheduler is set up to trigger the periodic work safely: UTC, no pile-ups, no skips."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from apscheduler.triggers.interval import IntervalTrigger

from bot.scheduler import start_scheduler


def test_scheduler_runs_jobs_in_utc_one_at_a_time() -> None:
    seen = []
    later = datetime.now(UTC) + timedelta(hours=1)  # the first run is 30 s after "now"
    scheduler = start_scheduler(seen.append, lambda: later, minutes=5)
    try:
        (job,) = scheduler.get_jobs()
        assert str(scheduler.timezone) == "UTC"
        assert isinstance(job.trigger, IntervalTrigger)
        assert job.trigger.interval == timedelta(minutes=5)
        assert (job.coalesce, job.max_instances, job.misfire_grace_time) == (True, 1, 300)
        job.func()  # one tick: the job gets the injected clock's time
        assert seen == [later]
    finally:
        scheduler.shutdown(wait=False)


def test_a_failing_tick_is_logged_and_does_not_stop_the_scheduler(caplog) -> None:
    def broken(now):
        raise RuntimeError("database down")

    scheduler = start_scheduler(broken, lambda: datetime.now(UTC) + timedelta(hours=1))
    try:
        scheduler.get_jobs()[0].func()
        assert "periodic jobs failed" in caplog.text
        assert scheduler.running
    finally:
        scheduler.shutdown(wait=False)
