"""Acks while the bot plans reminders for many people: are they affected?

Run:  .venv/bin/python -m bench.ack_during_planning [--people 100000] [--db sqlite|postgresql|both]

A database with ``--people`` lead trainers (``bench.planning_scale.fill``: each with a time
zone and four log entries in the last year). Cascade runs in a spawned child process, as
``create_cascade`` builds it, behind the tests' waitress server, with the periodic job the bot's
scheduler runs (``bot.jobs.periodic``), started on a signal from this process instead of
every few minutes. This process plays Slack (the tests' ``FakeSlack``) and sends one signed
``/nominate help`` after another (one user; 20 ms apart), first for ``--idle`` seconds with
nothing else under way, then from the moment the periodic job starts until it has finished (its
first run, which writes every reminder due: the heaviest). Printed: ack p50 / p99 / max in ms,
idle and during planning, and the p99 ratio. Goal (issue 9): acks unaffected, read as p99
during planning at most 1.5× idle.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import tempfile
import threading
import time
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event
from pathlib import Path

from bench.ack_servers import (
    LIFETIME,
    SECRET,
    BenchServer,
    fixed_now,
    no_sleep,
    quiet_queue,
    settings_for,
)
from bench.common import Database, database, log
from bench.planning_scale import NOW as PLAN_NOW
from bench.planning_scale import fill
from bot.jobs import InOwnProcess, in_this_process, periodic
from bot.outbox.pacer import Pacer
from bot.server import SLACK_PATH, wsgi_app
from bot.slack_app import create_cascade
from storage.unit_of_work import UnitOfWorkFactory
from tests.e2e import signing
from tests.e2e.fake_slack import FakeSlack

GAP = 0.02  # seconds between two requests
GOAL = 1.5  # p99 during planning, at most this many times idle p99


def serve(
    api_url: str, db: Database, shipped: bool, ready: Queue, go: Event, done: Queue, stop: Event
) -> None:
    """Child process: Cascade and its periodic job, run once when ``go`` is set (planning in
    a process of its own, as shipped; or, to compare, in this one)."""
    quiet_queue()
    engine = db.engine()
    factory = UnitOfWorkFactory(engine)
    settings = settings_for(api_url, "shipped")
    cascade = create_cascade(settings, factory, clock=fixed_now, pacer=Pacer(sleep=no_sleep))
    server = BenchServer(wsgi_app(cascade.app, factory))
    planner = (
        InOwnProcess(db.url, engine_options(db), os.environ["CASCADE_DATA_KEY"])
        if shipped
        else in_this_process(factory)
    )
    job = periodic(factory, cascade, planner)

    def planning() -> None:
        go.wait(LIFETIME)
        started = time.time()
        job(PLAN_NOW)
        done.put((started, time.time()))

    threading.Thread(target=planning, daemon=True).start()
    ready.put(server.url + SLACK_PATH)
    try:
        stop.wait(LIFETIME)
    finally:
        server.close()
        cascade.close()
        engine.dispose()


def engine_options(db: Database) -> dict:
    return {} if db.schema is None else {"connect_args": {"options": f"-c search_path={db.schema}"}}


def ack_ms(url: str, n: int) -> float:
    body = signing.command("/nominate", "help", user_id=f"UHELP{n % 50:02d}", trigger_id=f"T{n}")
    started = time.perf_counter()
    status, _, text = signing.post(url, *body, secret=SECRET)
    elapsed = (time.perf_counter() - started) * 1000
    assert status == 200 and "nominate" in text.lower(), (status, text[:200])
    return elapsed


def quantiles(ms: list[float]) -> tuple[float, float, float]:
    ordered = sorted(ms)
    return (
        ordered[len(ordered) // 2],
        ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))],
        ordered[-1],
    )


def measure(
    kind: str, people: int, idle_seconds: float, shipped: bool
) -> tuple[list[float], list[float], float]:
    context = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory() as folder, database(kind, Path(folder)) as db:
        log(f"{kind}: {people} people")
        fill(db.url, engine_options(db), people)
        with FakeSlack() as slack:
            ready, done = context.Queue(), context.Queue()
            go, stop = context.Event(), context.Event()
            child = context.Process(
                target=serve, args=(slack.api_url, db, shipped, ready, go, done, stop)
            )
            child.start()
            try:
                url = ready.get(timeout=60)
                for n in range(20):  # warm up
                    ack_ms(url, n)
                idle, n = [], 0
                until = time.monotonic() + idle_seconds
                while time.monotonic() < until:
                    idle.append(ack_ms(url, n := n + 1))
                    time.sleep(GAP)
                go.set()
                during: list[tuple[float, float]] = []  # (sent at, ms)
                while done.empty():
                    during.append((time.time(), ack_ms(url, n := n + 1)))
                    time.sleep(GAP)
                started, ended = done.get()
                planned = [ms for at, ms in during if started <= at <= ended]
                return idle, planned, ended - started
            finally:
                stop.set()
                child.join(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--idle", type=float, default=5.0, help="seconds measured idle")
    parser.add_argument(
        "--in-process", action="store_true", help="plan in the bot's own process (as before)"
    )
    args = parser.parse_args()
    kinds = ("sqlite", "postgresql") if args.db == "both" else (args.db,)
    print(
        f"{'database':<11} {'people':>7} {'plan s':>6}  {'idle p50/p99/max':>18}  "
        f"{'planning p50/p99/max':>21}  {'p99 ×':>5}  goal {GOAL}"
    )
    for kind in kinds:
        idle, during, seconds = measure(kind, args.people, args.idle, not args.in_process)
        i, d = quantiles(idle), quantiles(during)
        ratio = d[1] / i[1]
        print(
            f"{kind:<11} {args.people:>7} {seconds:>6.1f}  "
            f"{i[0]:>5.1f}/{i[1]:>5.1f}/{i[2]:>5.1f}  {d[0]:>6.1f}/{d[1]:>6.1f}/{d[2]:>6.1f}  "
            f"{ratio:>5.1f}  {'PASS' if ratio <= GOAL else 'FAIL'}  ({len(during)} acks during)"
        )


if __name__ == "__main__":
    main()
