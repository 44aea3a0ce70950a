"""The periodic work: plan the reminders now due, learn who they go to, then send them."""

from __future__ import annotations

import logging
import multiprocessing
import os
import traceback
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.engine import make_url

from bot.dry_run import dry_run as dry_run  # the CLI's `jobs run --dry-run`
from bot.metrics import Metrics
from bot.outbox.dispatcher import Lanes
from bot.people import People
from bot.slack_app import Cascade
from handlers.nominations.offers import expire_offers
from handlers.nominations.queries import strangers_due
from handlers.reminders.plan import plan_reminders
from handlers.supervision.accreditation_status import review_accreditations
from storage.kernel import crypto
from storage.kernel.engine import create_engine_for
from storage.unit_of_work import UnitOfWorkFactory

log = logging.getLogger("cascade.reminders")


@dataclass(frozen=True)
class Planned:
    added: int
    cancelled: int
    strangers: list[str]  # people reminders are due to whose time zone is not known yet


Planner = Callable[[datetime], Planned]


def plan(
    uow_factory: UnitOfWorkFactory,
    now: datetime,
    people: People,
    planner: Planner | None = None,
    metrics: Metrics | None = None,
) -> None:
    """Add the reminders due at ``now`` and learn the time zone of anyone new they go to."""
    planned = (planner or in_this_process(uow_factory))(now)
    if metrics is not None:
        metrics.reminders_planned.inc(planned.added)
    people.learn_now(planned.strangers)
    log.info(
        "jobs at %s: %s planned, %s cancelled",
        f"{now:%Y-%m-%d %H:%M}",
        planned.added,
        planned.cancelled,
    )


def periodic(
    uow_factory: UnitOfWorkFactory, cascade: Cascade, planner: Planner
) -> Callable[[datetime], None]:
    """What the bot's scheduler runs every few minutes: plan, then wake the dispatcher."""

    def run(now: datetime) -> None:
        plan(uow_factory, now, cascade.people, planner, cascade.monitor.metrics)
        cascade.dispatcher.wake()

    return run


def in_this_process(uow_factory: UnitOfWorkFactory) -> Planner:
    return lambda now: _plan(uow_factory, now)


def _plan(uow_factory: UnitOfWorkFactory, now: datetime) -> Planned:
    expire_offers(uow_factory.patient(), now)  # unanswered offers pass to the next person
    review_accreditations(uow_factory.patient, now)  # lapsed (or re-instated) are told
    added, cancelled = plan_reminders(uow_factory.patient, now)
    return Planned(added, cancelled, strangers_due(uow_factory(read_only=True), now))


@dataclass(frozen=True)
class InOwnProcess:
    """Planning in a fresh child process, one per run.

    Planning is seconds of pure Python for a large install; in the bot's own process it would
    hold the interpreter's lock in turns with every request and slow each ack tenfold while it
    runs (``bench/ack_during_planning.py``). A child has an interpreter of its own, and its
    memory goes back to the system when the run ends."""

    url: str
    engine_options: dict = field(default_factory=dict)  # e.g. connect_args
    data_key: str | None = field(default=None, repr=False)  # CASCADE_DATA_KEY

    def __call__(self, now: datetime) -> Planned:
        spawn = multiprocessing.get_context("spawn")  # no copy of this process's threads
        with ProcessPoolExecutor(1, mp_context=spawn, max_tasks_per_child=1) as pool:
            return pool.submit(
                _plan_here, self.url, self.engine_options, self.data_key, now
            ).result()


def planner_for(url: str, uow_factory: UnitOfWorkFactory, data_key: str | None) -> Planner:
    """A child process for a database another process can open; else this one."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database in (None, "", ":memory:"):
        return in_this_process(uow_factory)
    return InOwnProcess(url, data_key=data_key)


def _plan_here(url: str, engine_options: dict, data_key: str | None, now: datetime) -> Planned:
    os.nice(10)  # background work: the system runs the bot's requests first
    crypto.use_keys(data_key)  # a fresh interpreter: the parent's key is handed over
    engine = create_engine_for(url, **engine_options)
    try:
        return _plan(UnitOfWorkFactory(engine), now)
    except Exception as exc:  # the parent logs it; not every driver's error crosses processes
        raise PlanningFailed(traceback.format_exc()) from exc
    finally:
        engine.dispose()


class PlanningFailed(RuntimeError):
    """Planning failed in its child process (the message is the child's traceback)."""


def run_jobs(
    uow_factory: UnitOfWorkFactory, dispatcher: Lanes, people: People, now: datetime
) -> None:
    """Every periodic job once, as of ``now``: plan what is due, then send it."""
    plan(uow_factory, now, people)
    report = dispatcher.run_once(now)
    log.info(
        "sent %s, deferred %s, retried %s, failed %s",
        report.sent,
        report.deferred,
        report.retried,
        report.failed,
    )
