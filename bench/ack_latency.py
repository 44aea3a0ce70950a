"""How fast Cascade acknowledges Slack requests, next to a bare Bolt app, in the same run.

Run:  .venv/bin/python -m bench.ack_latency [--db sqlite|postgresql|both] [--rounds 4] [--quick]
      (about 4 minutes for both databases; --quick about 2)

Cascade (``bot.slack_app.create_cascade``, with its outbox dispatcher sending what each commit
wrote) and a bare Bolt app (same signing secret, listeners that only call ``ack()``) each run
in their own spawned child process behind the tests' waitress ``Server`` (127.0.0.1, ephemeral
port, 16 threads; ``bench.ack_servers.BenchServer`` says why its idle loop is changed). This
process plays Slack: it sends the signed requests and answers the Web API calls with the
tests' ``FakeSlack``. Nothing leaves 127.0.0.1.

Measured, per database (SQLite file; private PostgreSQL schema, dropped at the end), for three
requests, each from a user Cascade has never seen (not in the ``people`` table):
  /nominate            slash command from an ICS lead: Cascade acks at once, then opens the
                       form (views.open)
  eligibility submit   the nominee's view_submission (callback_id ``eligibility``) for their own
                       nomination: Cascade checks the form, stores the request (the inbox) and
                       acks; the change and its outbox rows are committed right after the ack
  Confirm click        a coordinator's block_actions ``review_confirm:cohort-1`` on a pending
                       nomination of its own: Cascade stores the request and acks, then commits
                       the capacity-checked write (places never run out; a click that changed
                       nothing is noted)
at 1 user (``--single`` requests one after another, ``--gap`` seconds apart: 0.3 s by
default, one person clicking briskly; with 0 the requests come back to back, a load test
rather than one user, and what each request caused competes with the next) and at 50 users
(``--rounds`` bursts of ``--users`` requests sent at the same moment). Each round goes to bare
Bolt first and then, with the same bodies, to Cascade; after each Cascade round the bench waits
(at most 60 s) until Cascade has done what the round caused: requests carried out, forms
opened, newcomers learnt from users.info, outbox sent. The pacer does not sleep, so the
dispatcher sends inside the burst (the worst case for the acks). Set-up goes through the use
cases; its messages are cancelled before anything is measured.

Printed: p50 / p95 / p99 / max ms from sending each request to its HTTP response (Slack's 3 s
ack window), for both apps, the p99 ratio, and PASS / FAIL against the goal: Cascade's p99 at
most 1.5× bare Bolt's at 1 user and 2× at 50 users; a wrong answer (not 200, or an inline
error for a valid form) fails the row. Then CPU ms per request by process (each app, this
process, PostgreSQL); Cascade's include what its rounds caused after the ack.

Diagnosis: ``--trace DIR`` times the ack path inside Cascade (``bench.ack_trace``),
``--profile DIR`` samples it with py-spy during the 50-user phases, ``--variant`` runs Cascade
otherwise than shipped (dispatcher in its own process; faster GIL hand-over), ``--json FILE``
keeps every sample. Bounded: each request times out after 10 s, each settle after 60 s, and no
round starts after ``--max-seconds``.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.ack_data import (
    KINDS,
    PG_URL,
    TEMPLATE_NOMINEE,
    Cast,
    confirmed,
    database,
    known,
    set_up,
    unsent,
    waiting,
)
from bench.ack_measure import (
    Row,
    bare_check,
    body_for,
    burst,
    cascade_check,
    cpu_into,
    cpu_table,
    rows_as_json,
    table,
)
from bench.ack_servers import (
    SECRET,
    VARIANTS,
    Database,
    serve_bare,
    serve_cascade,
    serve_worker,
)
from bench.ack_trace import spying
from bench.common import log, revision
from storage.unit_of_work import UnitOfWorkFactory
from tests.e2e import signing
from tests.e2e.fake_slack import FakeSlack

STARTUP_SECONDS = 60.0
SETTLE_SECONDS = 60.0  # at most, after each Cascade round


@dataclass(frozen=True)
class Plan:
    single: int  # requests at 1 user, over all rounds
    users: int  # concurrent users in a burst
    rounds: int
    warm: int  # requests of each kind to each app before measuring

    @property
    def count(self) -> int:
        return self.warm + self.rounds * (self.single // self.rounds) + self.rounds * self.users


@contextmanager
def child(context: Any, target: Any, *args: Any) -> Iterator[tuple[str, int]]:
    """A server in a spawned child process: its URL and pid while the block runs."""
    ready, stop = context.Queue(), context.Event()
    process = context.Process(target=target, args=(*args, ready, stop), daemon=True)
    process.start()
    try:
        yield ready.get(timeout=STARTUP_SECONDS), process.pid
    finally:
        stop.set()
        process.join(30)
        if process.is_alive():
            process.terminate()
            process.join(5)


def wait_until(check: Any, deadline: float) -> bool:
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def settle(
    slack: FakeSlack, factory: UnitOfWorkFactory, users: list[str], views: int | None
) -> list[str]:
    """Wait (bounded) until Cascade has done what the round caused; what it had not done."""
    deadline = time.monotonic() + SETTLE_SECONDS
    missing = []
    if views is not None:
        try:
            slack.wait_for("views.open", views, timeout=SETTLE_SECONDS)
        except AssertionError:
            missing.append(f"{views - len(slack.calls('views.open'))} forms not opened")
    if not wait_until(lambda: waiting(factory) == 0, deadline):
        missing.append(f"{waiting(factory)} acknowledged requests not carried out")
    if not wait_until(lambda: len(known(factory, users)) == len(users), deadline):
        missing.append(f"{len(users) - len(known(factory, users))} newcomers not learnt")
    if not wait_until(lambda: unsent(factory) == 0, deadline):
        missing.append(f"{unsent(factory)} outbox messages unsent")
    return [f"after {SETTLE_SECONDS:.0f} s: {m}" for m in missing]


def template_form(slack: FakeSlack, url: str, nomination_id: int) -> dict[str, Any]:
    """One eligibility form opened by Cascade (the others are made from it)."""
    before = len(slack.calls("views.open"))
    body = signing.block_action(
        TEMPLATE_NOMINEE,
        "eligibility_open",
        str(nomination_id),
        trigger_id="T.template",
        channel_id=f"D{TEMPLATE_NOMINEE}",
    )
    status, _, _ = signing.post(url, *body, secret=SECRET)
    assert status == 200, status
    view = slack.wait_for("views.open", before + 1, timeout=10)[-1].params["view"]
    assert view["callback_id"] == "eligibility", view.get("callback_id")
    return view


class Run:
    """One database's measurements: Cascade on it, bare Bolt beside it."""

    def __init__(self, db: Database, slack: FakeSlack, bare_url: str, cast: Cast) -> None:
        self.db, self.slack, self.bare_url, self.cast = db, slack, bare_url, cast
        self.factory = UnitOfWorkFactory(db.engine())
        self.queues = {kind: list(cast.subjects[kind]) for kind in KINDS}
        self.url = ""
        self.form: dict[str, Any] = {}
        self.gap = 0.0  # seconds between requests at 1 user
        self.pids: dict[str, int] = {}  # "bare", "app" (Cascade), "worker": for CPU accounts

    def round(self, kind: str, size: int, concurrency: int, row: Row | None) -> None:
        subjects, self.queues[kind] = self.queues[kind][:size], self.queues[kind][size:]
        bodies = [body_for(kind, u, n, self.slack, self.form) for u, n in subjects]
        cpu: dict[str, float] = {}
        with cpu_into(cpu, "bare:", {"app": self.pids["bare"]}):
            bare, bad_bare = burst(self.bare_url, bodies, concurrency, bare_check, self.gap)
        views = len(self.slack.calls("views.open")) + len(subjects)
        started = time.time()
        cascade_pids = {k: v for k, v in self.pids.items() if k != "bare"}
        with cpu_into(cpu, "Cascade:", cascade_pids):
            cascade, bad = burst(self.url, bodies, concurrency, cascade_check(kind), self.gap)
            users = [u for u, _ in subjects]
            notes = settle(self.slack, self.factory, users, views if kind == "nominate" else None)
        if row is None:  # warming up
            return
        for name, seconds in cpu.items():
            row.cpu[name] = row.cpu.get(name, 0.0) + seconds
        row.windows.append((started, time.time()))
        row.users_sent += users
        row.cascade_by_user.update(zip(users, cascade, strict=True))
        row.bare += bare
        row.cascade += cascade
        row.bad["bare"] += bad_bare
        row.bad["cascade"] += bad
        row.notes += notes
        if kind == "confirm" and (
            refused := len(subjects) - confirmed(self.factory, [n for _, n in subjects])
        ):
            row.notes.append(f"{refused} Confirm clicks changed nothing")

    def measure(self, plan: Plan, deadline: float, profile: Path | None, pid: int) -> list[Row]:
        rows = []
        for kind in KINDS:
            self.round(kind, plan.warm, plan.warm, None)
            for users in (1, plan.users):
                row = Row(self.db.kind, kind, users)
                size = users if users > 1 else plan.single // plan.rounds
                out = profile / f"{self.db.kind}-{kind}-{users}.txt" if profile else None
                with spying(pid, out) if out and users > 1 else nullcontext():
                    for number in range(plan.rounds):
                        if time.monotonic() > deadline:
                            row.notes.append(f"stopped after {number} rounds: --max-seconds")
                            break
                        log(f"{self.db.kind}: {kind}, {users} user(s), round {number + 1}")
                        self.round(kind, size, users, row)
                rows.append(row)
        return rows


def run_database(
    db: Database, slack: FakeSlack, bare: tuple[str, int], plan: Plan, deadline: float, args: Any
) -> list[Row]:
    setup_factory = UnitOfWorkFactory(db.engine())
    log(f"{db.kind}: setting up {plan.count} requests of each kind")
    cast = set_up(setup_factory, plan.count)
    setup_factory.engine.dispose()
    for user in cast.everyone():
        slack.add_user(user, name=user.title())
    run = Run(db, slack, bare[0], cast)
    run.pids["bare"], run.gap = bare[1], args.gap
    context = multiprocessing.get_context("spawn")
    trace = args.trace / f"{db.kind}.json" if args.trace else None
    with ExitStack() as stack:
        stack.callback(run.factory.engine.dispose)
        cascade = (slack.api_url, db, args.variant, trace and str(trace))
        run.url, run.pids["app"] = stack.enter_context(child(context, serve_cascade, *cascade))
        if args.variant == "worker":
            _, run.pids["worker"] = stack.enter_context(
                child(context, serve_worker, slack.api_url, db)
            )
        run.form = template_form(slack, run.url, cast.template)
        rows = run.measure(plan, deadline, args.profile, run.pids["app"])
    if trace is not None:  # written by the child as it stopped
        from bench.ack_trace import report

        log(report(trace, rows))
    return rows


def parse(argv: list[str] | None) -> tuple[Any, Plan]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--rounds", type=int, default=4, help="rounds per phase (default 4)")
    parser.add_argument("--users", type=int, default=50, help="users in a burst (default 50)")
    parser.add_argument("--single", type=int, default=100, help="requests at 1 user (100)")
    parser.add_argument("--quick", action="store_true", help="2 rounds, 40 requests at 1 user")
    parser.add_argument("--max-seconds", type=float, default=900.0, help="stop measuring after")
    parser.add_argument(
        "--gap",
        type=float,
        default=0.3,
        help="seconds between requests at 1 user (0.3: one brisk person; 0: back to back)",
    )
    parser.add_argument("--pg-url", default=PG_URL)
    parser.add_argument("--profile", type=Path, help="folder for py-spy profiles (50 users)")
    parser.add_argument(
        "--variant",
        choices=sorted(VARIANTS),
        default="shipped",
        help="diagnosis only: run Cascade otherwise than shipped (see bench/ack_servers.py)",
    )
    parser.add_argument("--trace", type=Path, help="folder: time Cascade's insides (see ack_trace)")
    parser.add_argument("--json", type=Path, help="also write every sample to this file")
    args = parser.parse_args(argv)
    if args.quick:
        args.rounds, args.single = 2, 40
    if not (
        1 <= args.rounds <= 20 and 2 <= args.users <= 200 and args.rounds <= args.single <= 1000
    ) or not (0 <= args.gap <= 5):
        parser.error(
            "need 1 ≤ --rounds ≤ 20, 2 ≤ --users ≤ 200, --rounds ≤ --single ≤ 1000, 0 ≤ --gap ≤ 5"
        )
    for folder in (args.profile, args.trace):
        if folder:
            folder.mkdir(parents=True, exist_ok=True)
    return args, Plan(args.single, args.users, args.rounds, warm=10)


def main(argv: list[str] | None = None) -> None:
    args, plan = parse(argv)
    deadline = time.monotonic() + args.max_seconds
    databases = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    rows: list[Row] = []
    context = multiprocessing.get_context("spawn")
    with (
        FakeSlack() as slack,
        tempfile.TemporaryDirectory() as tmp,
        child(context, serve_bare, slack.api_url) as bare,
    ):
        for kind in databases:
            with database(kind, Path(tmp), args.pg_url) as db:
                rows += run_database(db, slack, bare, plan, deadline, args)
    if args.json:
        args.json.write_text(rows_as_json(rows))
    print(
        f"\nAck latency in ms (time to the HTTP response), {plan.users} users = one burst, "
        f"{plan.rounds} rounds; Slack's limit is 3000 ms. Commit {revision()}, "
        f"{os.cpu_count()} CPUs. Cascade: {args.variant} ({VARIANTS[args.variant]})\n"
    )
    print(table(rows))
    print("\nCPU ms per request (Cascade: its rounds until what they caused was done)\n")
    print(cpu_table(rows))


if __name__ == "__main__":
    main()
