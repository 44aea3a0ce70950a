"""The coordinator's opening day, end to end over real signed HTTP against the real app.

Run:  .venv/bin/python -m bench.opening_day [--db sqlite|postgresql|both]

Cascade runs as production builds it (``bot.slack_app.create_cascade`` with the real clock and
the real pacer, its outbox dispatcher in the bot process) in a spawned CHILD process, behind
``tests.e2e.harness.Server`` (waitress, 127.0.0.1, ephemeral port, 16 threads). This process
plays Slack: it sends the signed requests from 50 threads and answers the Web API calls with
the tests' ``FakeSlack``. Nothing leaves 127.0.0.1. Per database (an SQLite file; a private
PostgreSQL schema, dropped at the end), with 42 ICSs (one lead each, ``ULEAD00``..``ULEAD41``),
programme ``lsc-t4t`` (30 places, 5 per ICS, two cohorts of 15 in the future by the real
clock) and 3 coordinators (``UCOORD1``..``UCOORD3``):

  open-nominate  every lead types ``/nominate`` 5 times (210 commands; each opens the form)
  nominate       every lead submits 5 nominations (210 ``nominate`` view_submissions)
  open-elig.     the 210 nominees press Confirm eligibility (210 clicks; each opens the form)
  eligibility    the 210 nominees tick every criterion and confirmation and choose
                 cohort-1 or cohort-2 (``eligibility`` view_submissions, 50 at a time)
  home (busy)    while the 210 review cards are paced into the review channel (one a second,
                 as Slack allows), the coordinators open their Home tab every 2 s: the time from
                 the event to its ``views.publish`` (goal: ≤ 1 s at p99)
  confirm        each coordinator presses Confirm on every pending card (630 clicks)

Before the phases, the coordinators open the form and their Home a few times (the bot has been
up a while: the leads and nominees are still strangers to it). Slack's triggers expire 3 s after
the click (the fake Slack is told so): a form opened later
counts as an expired trigger (goal: none). After Cascade, a bare Bolt app (listeners that only
ack) in its own child process on the same kind of server takes the very same requests, five
times over: each phase's p99 is printed as a multiple of the median of bare Bolt's five p99s
(goal: ≤ 2×).

After each phase the bench waits (bounded by ``--drain-seconds``) until the outbox holds nothing
pending or claimed. Per phase it prints: requests, time taken, ack latency p50/p95/p99/max (ms,
send to HTTP response; Slack gives up at 3 s), acks over 3 s, non-200 answers, what the answers
said, the Slack calls the phase caused, and how long the outbox took to drain. Afterwards,
from the database: no ICS over 5 active nominations, at most 30 places confirmed and at most
15 per cohort, no nomination confirmed twice (``audit_log``), no review card posted twice, and
the outbox empty.
"""

from __future__ import annotations

import argparse
import json
import logging
import multiprocessing
import os
import random
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as day_time
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from bench.ack_servers import serve_bare
from bench.common import Database, database, log, revision
from bot.nominations.blocks.eligibility import eligibility_modal
from bot.nominations.blocks.nominate import nominate_modal
from bot.runtime import settle_memory
from bot.server import SLACK_PATH, wsgi_app
from bot.settings import Settings
from bot.slack_app import create_cascade
from domain.kernel.outbox import State
from domain.kernel.programme import Ics, Programme
from domain.nominations.nomination import ACTIVE, HOLDS_PLACE, Status
from domain.programme_admin.configuration import Configuration
from handlers.programme_admin.configuration import sync_configuration
from storage.tables import AuditRow, InboxRow, NominationRow, OutboxRow
from storage.unit_of_work import UnitOfWorkFactory
from tests.e2e import signing
from tests.e2e.fake_slack import FakeSlack
from tests.e2e.harness import Server, _submission, select_value, text_value, ticks, user_value
from tests.factories import programme as programme_of

PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
SECRET = "opening-day-signing-secret"
PROGRAMME = "lsc-t4t"
ICS_COUNT, PER_ICS, PLACES, COHORT_PLACES = 42, 5, 30, 15
COORDINATORS = ("UCOORD1", "UCOORD2", "UCOORD3")
REVIEW_CHANNEL = "CREVIEW"
THREADS = 16  # waitress threads and Settings.http_threads
SENDERS = 50  # concurrent senders in this process
BARE_ROUNDS = 5  # bare Bolt takes each phase's requests this many times: its median p99
SLACK_LIMIT = 3.0  # seconds: Slack gives up on an ack (and a trigger expires) after this
HOME_GOAL = 1.0  # seconds from opening Home to its publish, at p99, however busy
CLIENT_TIMEOUT = 30.0  # this client waits longer, so a slow ack is measured, not cut off
STARTUP_SECONDS = 60.0
LIFETIME = 3600.0  # a child whose parent died still ends


# --- the data --------------------------------------------------------------------------------
def _weekday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _sessions(first: date) -> list[dict[str, str]]:
    days = [_weekday(first), _weekday(_weekday(first) + timedelta(days=1))]
    return [
        {
            "start": datetime.combine(d, day_time(9, 30)).isoformat(),
            "end": datetime.combine(d, day_time(13, 0)).isoformat(),
        }
        for d in days
    ]


def configuration(today: date) -> Configuration:
    """42 ICSs with a lead each; the programme, its cohorts 5 and 9 weeks from ``today``."""
    cohorts = [
        {"key": "cohort-1", "name": "Cohort 1", "places": COHORT_PLACES,
         "sessions": _sessions(today + timedelta(weeks=5))},
        {"key": "cohort-2", "name": "Cohort 2", "places": COHORT_PLACES,
         "sessions": _sessions(today + timedelta(weeks=9))},
    ]  # fmt: skip
    programme = programme_of(
        total_places=PLACES,
        per_ics_limit=PER_ICS,
        review_channel=REVIEW_CHANNEL,
        coordinators=list(COORDINATORS),
        cohorts=cohorts,
    )
    ics = tuple(
        Ics(key=f"ics-{i:02d}", name=f"ICS {i:02d}", leads=(f"ULEAD{i:02d}",))
        for i in range(ICS_COUNT)
    )
    return Configuration(programmes=(programme,), ics=ics)


def nominee_of(lead: int, slot: int) -> str:
    return f"UN{lead * PER_ICS + slot:03d}"


def everyone() -> list[str]:
    leads = [f"ULEAD{i:02d}" for i in range(ICS_COUNT)]
    nominees = [nominee_of(i, s) for i in range(ICS_COUNT) for s in range(PER_ICS)]
    return [*leads, *nominees, *COORDINATORS]


# --- the database ----------------------------------------------------------------------------
# --- the app, in a child process -------------------------------------------------------------
def serve(api_url: str, db: Database, log_file: str, ready: Queue, stop: Event) -> None:
    """Child process: Cascade as production builds it, until ``stop`` is set."""
    logging.basicConfig(
        filename=log_file, level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    engine = db.engine()
    factory = UnitOfWorkFactory(engine)
    settings = Settings(
        slack_api_url=api_url,
        slack_bot_token="xoxb-bench",
        slack_signing_secret=SECRET,
        http_threads=THREADS,
    )
    cascade = create_cascade(settings, factory)
    settle_memory()  # as app.py does before serving
    server = Server(wsgi_app(cascade.app, factory), threads=THREADS)
    ready.put(server.url + SLACK_PATH)
    try:
        stop.wait(LIFETIME)
    finally:
        server.close()
        cascade.close()
        engine.dispose()


@contextmanager
def spawned(target: Callable[..., None], *args: Any) -> Iterator[str]:
    """A spawned child serving ``target(*args, ready, stop)``: its URL, until the block ends."""
    context = multiprocessing.get_context("spawn")
    ready, stop = context.Queue(), context.Event()
    process = context.Process(target=target, args=(*args, ready, stop), daemon=True)
    process.start()
    try:
        yield ready.get(timeout=STARTUP_SECONDS)
    finally:
        stop.set()
        process.join(60)
        if process.is_alive():
            log("a child did not stop within 60 s: terminating it")
            process.terminate()
            process.join(5)


def child(api_url: str, db: Database, log_file: Path) -> Any:
    """Cascade, as production builds it, in a child process."""
    return spawned(serve, api_url, db, str(log_file))


# --- sending ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Answer:
    seconds: float
    status: int  # 0: no HTTP answer at all
    text: str


@dataclass(frozen=True)
class Gesture:
    """One request, and the trigger Slack hands out with it (issued as it is sent)."""

    body: signing.Body
    trigger: str | None = None


def send_all(
    url: str, gestures: list[Gesture], slack: FakeSlack, senders: int = SENDERS
) -> list[Answer]:
    """Every body signed and POSTed, ``senders`` at a time; in the order given."""

    def one(gesture: Gesture) -> Answer:
        body = gesture.body
        if gesture.trigger:
            slack.issue_trigger(gesture.trigger)
        started = time.perf_counter()
        try:
            status, _, reply = signing.post(url, *body, secret=SECRET, timeout=CLIENT_TIMEOUT)
        except OSError as exc:
            status, reply = 0, type(exc).__name__
        return Answer(time.perf_counter() - started, status, reply)

    with ThreadPoolExecutor(max_workers=senders, thread_name_prefix="sender") as pool:
        return list(pool.map(one, gestures))


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


_IDS = re.compile(r"<@[UW][A-Z0-9]+>|\b[UW][A-Z0-9]{3,}\b|\d+")


def gist(words: str) -> str:
    """A reply's text with ids and numbers masked, so equal replies count together."""
    return _IDS.sub("#", " ".join(words.split()))[:110]


def said(answer: Answer) -> str:
    """What a view_submission's answer did: update, or the inline errors it showed."""
    if answer.status != 200:
        return f"HTTP {answer.status} {answer.text[:60]}"
    try:
        reply = json.loads(answer.text) if answer.text.strip() else {}
    except ValueError:
        return f"not JSON: {answer.text[:60]}"
    action = reply.get("response_action", "(empty ack)")
    if action == "errors":
        return "errors: " + "; ".join(gist(str(m)) for m in reply.get("errors", {}).values())
    return action


# --- reading the database --------------------------------------------------------------------
def unsent(factory: UnitOfWorkFactory) -> Counter[str]:
    """Outbox rows pending or claimed, by reason; and requests acknowledged but not yet
    carried out (as "inbox")."""
    waiting = [State.PENDING.value, State.CLAIMED.value]
    with factory.engine.connect() as connection:
        query = (
            select(OutboxRow.reason, func.count())
            .where(OutboxRow.state.in_(waiting))
            .group_by(OutboxRow.reason)
        )
        found = Counter(dict(connection.execute(query).all()))
        found["inbox"] = connection.execute(select(func.count()).select_from(InboxRow)).scalar()
        return +found  # without the zero counts


@dataclass
class Drain:
    seconds: float | None  # None: not drained within the limit
    left: int
    by_reason: dict[str, float] = field(default_factory=dict)  # when each reason was last seen

    def text(self) -> str:
        return f"{self.seconds:.1f} s" if self.seconds is not None else f"NO ({self.left} left)"


def drain(factory: UnitOfWorkFactory, limit: float) -> Drain:
    """Wait until nothing is pending or claimed, at most ``limit`` seconds; for each reason,
    how long its rows were still waiting."""
    started = time.monotonic()
    seen: dict[str, float] = {}
    while left := unsent(factory):
        elapsed = time.monotonic() - started
        seen |= dict.fromkeys(left, elapsed)
        if elapsed > limit:
            return Drain(None, left.total(), seen)
        time.sleep(0.25)
    return Drain(time.monotonic() - started, 0, seen)


def statuses(factory: UnitOfWorkFactory) -> Counter[str]:
    with factory.engine.connect() as connection:
        query = select(NominationRow.status, func.count()).group_by(NominationRow.status)
        return Counter({status: count for status, count in connection.execute(query)})


def nominations(factory: UnitOfWorkFactory, status: Status) -> list[Any]:
    with factory(read_only=True) as uow:
        return list(uow.nominations.list(PROGRAMME, statuses=frozenset({status})))


@dataclass
class Invariants:
    lines: list[str] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)

    def check(self, ok: bool, line: str) -> None:
        self.lines.append(f"  {'ok  ' if ok else 'FAIL'} {line}")
        if not ok:
            self.broken.append(line)


def invariants(factory: UnitOfWorkFactory, slack: FakeSlack, drained: bool) -> Invariants:
    found = Invariants()
    active = [s.value for s in ACTIVE]
    holding = [s.value for s in HOLDS_PLACE]
    with factory.engine.connect() as db:
        per_ics = dict(
            db.execute(
                select(NominationRow.ics_key, func.count())
                .where(NominationRow.status.in_(active))
                .group_by(NominationRow.ics_key)
            ).all()
        )
        per_cohort = dict(
            db.execute(
                select(NominationRow.cohort_key, func.count())
                .where(NominationRow.status.in_(holding))
                .group_by(NominationRow.cohort_key)
            ).all()
        )
        confirmations = dict(
            db.execute(
                select(AuditRow.subject, func.count())
                .where(AuditRow.to_status == Status.CONFIRMED.value)
                .group_by(AuditRow.subject)
            ).all()
        )
        outbox = Counter(
            dict(db.execute(select(OutboxRow.state, func.count()).group_by(OutboxRow.state)).all())
        )
        failures = db.execute(
            select(OutboxRow.reason, OutboxRow.last_error, func.count())
            .where(OutboxRow.state == State.FAILED.value)
            .group_by(OutboxRow.reason, OutboxRow.last_error)
        ).all()
    most = max(per_ics.values(), default=0)
    over = sorted(k for k, n in per_ics.items() if n > PER_ICS)
    found.check(not over, f"no ICS over {PER_ICS} active nominations (most: {most}; over: {over})")
    total = sum(per_cohort.values())
    found.check(total <= PLACES, f"places confirmed {total} ≤ {PLACES}")
    for cohort in ("cohort-1", "cohort-2"):
        n = per_cohort.get(cohort, 0)
        found.check(n <= COHORT_PLACES, f"{cohort}: {n} confirmed ≤ {COHORT_PLACES}")
    twice = sorted(s for s, n in confirmations.items() if n > 1)
    found.check(
        not twice,
        f"every nomination confirmed at most once (audit_log: {len(confirmations)} confirmed, "
        f"{len(twice)} more than once{': ' + ', '.join(twice[:5]) if twice else ''})",
    )
    found.check(
        len(confirmations) == total,
        f"audit_log confirmations ({len(confirmations)}) = nominations holding a place ({total})",
    )
    cards = Counter(card_ids(slack))
    doubled = sorted(i for i, n in cards.items() if n > 1)
    found.check(
        not doubled,
        f"every review card posted at most once ({len(cards)} cards; posted twice or more: "
        f"{len(doubled)}{' e.g. ' + str(doubled[:5]) if doubled else ''})",
    )
    left = outbox.get(State.PENDING.value, 0) + outbox.get(State.CLAIMED.value, 0)
    found.check(drained and left == 0, f"outbox drained: {left} pending/claimed; {dict(outbox)}")
    found.check(not failures, f"no outbox message failed: {[tuple(f) for f in failures]}")
    return found


_FIRST_VALUE = re.compile(r'"value": "(\d+)')


def card_ids(slack: FakeSlack) -> list[int]:
    """The nomination of each review card posted (not updated) to the review channel."""
    ids = []
    for call in slack.calls("chat.postMessage"):
        if call.ok and call.params.get("channel") == REVIEW_CHANNEL:
            match = _FIRST_VALUE.search(json.dumps(call.params.get("blocks") or []))
            if match:
                ids.append(int(match.group(1)))
    return ids


# --- the phases ------------------------------------------------------------------------------
@dataclass
class Phase:
    name: str
    gestures: list[Gesture]
    answers: list[Answer]
    seconds: float
    outcomes: Counter[str]
    slack_calls: Counter[str]
    drained: Drain
    expired: int  # forms Slack would not open: their trigger had run out
    bare: list[list[Answer]] = field(default_factory=list)  # the same requests, to bare Bolt

    def p99(self, answers: list[Answer] | None = None) -> float:
        return percentile([a.seconds * 1000 for a in answers or self.answers], 0.99)

    def bare_p99(self) -> float:
        """Bare Bolt's p99 for these requests: the median of its rounds' (one round's p99
        moves by half from run to run on this machine; the app's rounds cannot be repeated)."""
        return statistics.median(self.p99(answers) for answers in self.bare)

    def ratio(self) -> float | None:
        return self.p99() / self.bare_p99() if self.bare else None

    def row(self) -> str:
        acks = [a.seconds * 1000 for a in self.answers]
        slow = sum(a.seconds > SLACK_LIMIT for a in self.answers)
        bad = sum(a.status != 200 for a in self.answers)
        ratio = self.ratio()
        bare = f"{self.bare_p99():>8.0f}{ratio:>7.2f}×" if ratio is not None else " " * 16
        return (
            f"{self.name:<14}{len(self.answers):>5}{self.seconds:>7.1f}"
            f"{percentile(acks, 0.50):>7.0f}{percentile(acks, 0.95):>7.0f}"
            f"{self.p99():>7.0f}{max(acks):>7.0f}{bare}{slow:>6}{bad:>8}{self.expired:>8}"
            f"   {self.drained.text()}"
        )


HEADER = (
    f"{'phase':<14}{'reqs':>5}{'time s':>7}{'p50':>7}{'p95':>7}{'p99':>7}{'max':>7}"
    f"{'bare p99':>8}{'ratio':>8}{'>3 s':>6}{'non-200':>8}{'expired':>8}"
    "   outbox drained after the phase"
)


def run_phase(
    name: str,
    url: str,
    gestures: list[Gesture],
    slack: FakeSlack,
    factory: UnitOfWorkFactory,
    drain_limit: float | None,
    outcome: Callable[[list[Answer], list[Any]], Counter[str]],
) -> Phase:
    """Send the phase's requests; then (unless ``drain_limit`` is None) wait for the outbox."""
    log(f"  {name}: sending {len(gestures)} requests, {SENDERS} at a time")
    before, expired_before = len(slack.calls()), len(slack.expired_triggers)
    started = time.monotonic()
    answers = send_all(url, gestures, slack)
    seconds = time.monotonic() - started
    forms_open(slack, before, sum(1 for g in gestures if g.trigger))
    if drain_limit is None:
        time.sleep(1.0)  # the forms still opening after their acks
        drained = Drain(None, unsent(factory).total())
    else:
        log(f"  {name}: sent in {seconds:.1f} s; waiting for the outbox (≤ {drain_limit:.0f} s)")
        drained = drain(factory, drain_limit)
    calls = slack.calls()[before:]
    counted = Counter(
        f"{c.method.split(':')[0]}{'' if c.ok else ' (error)'}" for c in calls
    )  # upload:<file id> counted as upload
    expired = len(slack.expired_triggers) - expired_before
    return Phase(name, gestures, answers, seconds, outcome(answers, calls), counted, drained,
                 expired)  # fmt: skip


def forms_open(slack: FakeSlack, since: int, forms: int, limit: float = 10.0) -> None:
    """Wait until Slack was asked to open each form clicked for (people then take a while to
    fill them in: the next phase does not compete with forms still opening)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if sum(c.method == "views.open" for c in slack.calls()[since:]) >= forms:
            return
        time.sleep(0.05)


def submissions(answers: list[Answer], _calls: list[Any]) -> Counter[str]:
    return Counter(said(a) for a in answers)


def forms_opened(answers: list[Answer], calls: list[Any]) -> Counter[str]:
    told: Counter[str] = Counter(
        f"ack: {'HTTP 200, empty' if a.status == 200 and not a.text.strip() else said(a)}"
        for a in answers
    )
    for call in calls:
        if call.method == "views.open":
            told["views.open ok" if call.ok else "views.open refused (expired trigger)"] += 1
        elif call.method in ("chat.postEphemeral", "chat.postMessage"):
            told[f"told ({call.method}): {gist(str(call.params.get('text', '')))}"] += 1
    return told


def clicks(answers: list[Answer], calls: list[Any]) -> Counter[str]:
    """Button acks are empty; what the coordinator was told comes privately, after them."""
    told: Counter[str] = Counter(
        f"ack: {'HTTP 200, empty' if a.status == 200 and not a.text.strip() else said(a)}"
        for a in answers
    )
    for call in calls:
        if call.method == "chat.postEphemeral" and call.params.get("user") in COORDINATORS:
            told[f"told (ephemeral): {gist(str(call.params.get('text', '')))}"] += 1
        elif call.method in ("views.open", "views.push"):
            told[f"told ({call.method}): {gist(str(call.params.get('view', ''))[:80])}"] += 1
    return told


def _trigger(kind: str, n: int) -> str:
    return f"T.{kind}.{n}.{random.getrandbits(32):08x}"


def open_nominate_gestures(config: Configuration, slack: FakeSlack) -> list[Gesture]:
    gestures = []
    for index, ics in enumerate(config.ics):
        for slot in range(PER_ICS):
            trigger = _trigger("nominate", index * PER_ICS + slot)
            body = signing.command(
                "/nominate",
                "",
                user_id=ics.leads[0],
                trigger_id=trigger,
                channel_id=f"D{ics.leads[0]}",
                response_url=slack.response_url(f"cmd-{ics.leads[0]}-{slot}"),
            )
            gestures.append(Gesture(body, trigger))
    random.Random(0).shuffle(gestures)
    return gestures


def warm_up_gestures(slack: FakeSlack) -> list[Gesture]:
    """The bot has been up a while before opening day: the coordinators have opened the form
    and their Home (the leads and nominees are still strangers to Cascade)."""
    gestures = []
    for n, user in enumerate(COORDINATORS * 3):
        trigger = _trigger("warm", n)
        body = signing.command(
            "/nominate",
            "",
            user_id=user,
            trigger_id=trigger,
            channel_id=f"D{user}",
            response_url=slack.response_url("warm"),
        )
        gestures.append(Gesture(body, trigger))  # fmt: skip
        home = {"type": "app_home_opened", "user": user, "tab": "home", "channel": f"D{user}"}
        gestures.append(Gesture(signing.event(home, event_id=f"EvWarm{n}")))
    return gestures


def nominate_gestures(programme: Programme, config: Configuration) -> list[Gesture]:
    gestures = []
    for index, ics in enumerate(config.ics):
        lead = ics.leads[0]
        for slot in range(PER_ICS):  # each form Slack opened has an id of its own
            view = {**nominate_modal([programme], [ics]), "id": f"VNOM{index:02d}{slot}"}
            values = user_value("nominee", nominee_of(index, slot))
            values |= select_value("ics", ics.key) | text_value("note", "")
            gestures.append(Gesture(signing.interaction(_submission(lead, view, values))))
    random.Random(1).shuffle(gestures)  # the leads' submissions interleave, as on the day
    return gestures


def waiting_for_eligibility(factory: UnitOfWorkFactory) -> list[Any]:
    return nominations(factory, Status.AWAITING_ELIGIBILITY) + nominations(
        factory, Status.NOMINATED
    )


def open_eligibility_gestures(factory: UnitOfWorkFactory) -> list[Gesture]:
    gestures = []
    for nomination in waiting_for_eligibility(factory):
        trigger = _trigger("eligibility", nomination.id)
        body = signing.block_action(
            nomination.nominee_id,
            "eligibility_open",
            str(nomination.id),
            trigger_id=trigger,
            channel_id=f"D{nomination.nominee_id}",
        )
        gestures.append(Gesture(body, trigger))
    return gestures


def eligibility_gestures(factory: UnitOfWorkFactory, programme: Programme) -> list[Gesture]:
    upcoming = programme.upcoming_cohorts(datetime.now(UTC))
    gestures = []
    for nomination in waiting_for_eligibility(factory):
        view = {**eligibility_modal(nomination, programme, upcoming), "id": f"VEL{nomination.id}"}
        cohort = "cohort-1" if int(nomination.nominee_id[2:]) % 2 == 0 else "cohort-2"
        values = ticks(view) | select_value("first_choice", cohort, "radio_buttons")
        values |= select_value("second_choice", None)
        body = signing.interaction(_submission(nomination.nominee_id, view, values))
        gestures.append(Gesture(body))
    return gestures


def confirm_gestures(factory: UnitOfWorkFactory, slack: FakeSlack) -> list[Gesture]:
    """Every coordinator on every pending card; one card's three clicks side by side."""
    cards = nominations(factory, Status.PENDING_REVIEW)
    random.Random(2).shuffle(cards)
    with factory.engine.connect() as connection:
        posted = dict(connection.execute(select(NominationRow.id, NominationRow.card_ts)).all())
    gestures = []
    for n in cards:
        cohort = n.preference.first if n.preference else "cohort-1"
        for coordinator in COORDINATORS:
            body = signing.block_action(
                coordinator,
                f"review_confirm:{cohort}",
                f"{n.id}:{cohort}",
                block_id=f"decide:{n.id}",
                trigger_id=f"T.confirm.{n.id}.{coordinator}",
                channel_id=REVIEW_CHANNEL,
                message={"ts": posted.get(n.id) or signing.MESSAGE_TS},
                response_url=slack.response_url(f"card-{n.id}-{coordinator}"),
            )
            gestures.append(Gesture(body))
    return gestures


# --- the coordinator's Home while the cards go out ----------------------------------------------
@dataclass
class HomeWhileBusy:
    seconds: list[float]  # from each app_home_opened to its views.publish (inf: none came)
    cards_waiting: list[int]  # review cards not yet posted, as each Home was opened

    def text(self) -> str:
        if not self.seconds:
            return "not measured"
        worst = max(self.seconds)
        shown = "none within the limit" if worst == float("inf") else f"{worst:.2f} s"
        return (
            f"{len(self.seconds)} opens while {min(self.cards_waiting)}–{max(self.cards_waiting)}"
            f" cards were waiting: p50 {percentile(self.seconds, 0.5):.2f} s, p99 "
            f"{percentile(self.seconds, 0.99):.2f} s, max {shown}"
        )


def home_while_busy(url: str, slack: FakeSlack, factory: UnitOfWorkFactory, opens: int,
                    every: float = 2.0, limit: float = 30.0) -> HomeWhileBusy:  # fmt: skip
    """Each coordinator in turn opens Home every ``every`` seconds, while cards are pending."""
    found = HomeWhileBusy([], [])
    for n in range(opens):
        waiting = unsent(factory).get("card", 0)
        if not waiting:
            break
        user = COORDINATORS[n % len(COORDINATORS)]
        before = _published(slack, user)
        body = signing.event(
            {"type": "app_home_opened", "user": user, "tab": "home", "channel": f"D{user}"},
            event_id=f"EvHome{n}",
        )
        started = time.monotonic()
        signing.post(url, *body, secret=SECRET, timeout=CLIENT_TIMEOUT)
        while _published(slack, user) <= before and time.monotonic() - started < limit:
            time.sleep(0.005)
        took = time.monotonic() - started
        found.seconds.append(took if _published(slack, user) > before else float("inf"))
        found.cards_waiting.append(waiting)
        time.sleep(max(every - took, 0.0))
    return found


def _published(slack: FakeSlack, user: str) -> int:
    return sum(c.ok and c.params.get("user_id") == user for c in slack.calls("views.publish"))


# --- bare Bolt, the yardstick ----------------------------------------------------------------
def serve_bare_bolt(api_url: str, ready: Queue, stop: Event) -> None:
    """Child process: bare Bolt with this benchmark's signing secret."""
    serve_bare(api_url, ready, stop, SECRET)


def measure_bare(phases: list[Phase], slack: FakeSlack) -> None:
    """The same requests, phase by phase, to a bare Bolt app that only acks."""
    with spawned(serve_bare_bolt, slack.api_url) as url:
        for phase in phases:
            log(f"  bare Bolt: {phase.name} ({len(phase.gestures)} requests)")
            phase.bare = [send_all(url, phase.gestures, slack) for _ in range(BARE_ROUNDS)]


# --- one database ----------------------------------------------------------------------------
def child_log_summary(path: Path) -> list[str]:
    if not path.exists():
        return []
    lines = path.read_text(errors="replace").splitlines()
    heads = [ln for ln in lines if re.match(r"^(WARNING|ERROR|CRITICAL) ", ln)]
    counted = Counter(gist(ln)[:100] for ln in heads)
    return [f"  {n:>5} × {line}" for line, n in counted.most_common(12)]


def run_database(db: Database, slack: FakeSlack, folder: Path, args: Any) -> tuple[list[str], str]:
    now = datetime.now(UTC)
    config = configuration(now.date())
    (programme,) = config.programmes
    engine = db.engine()
    factory = UnitOfWorkFactory(engine)
    sync_configuration(config, factory(), now)
    slack.reset()
    log_file = folder / f"{db.kind}-app.log"
    phases: list[Phase] = []
    limit = args.drain_seconds
    try:
        with child(slack.api_url, db, log_file) as url:
            log(f"{db.kind}: the app is up at {url}")
            run_phase("warm-up", url, warm_up_gestures(slack), slack, factory, limit, forms_opened)
            phases.append(run_phase("open-nominate", url, open_nominate_gestures(config, slack),
                                    slack, factory, limit, forms_opened))  # fmt: skip
            phases.append(run_phase("nominate", url, nominate_gestures(programme, config),
                                    slack, factory, limit, submissions))  # fmt: skip
            after_1 = statuses(factory)
            phases.append(run_phase("open-elig.", url, open_eligibility_gestures(factory),
                                    slack, factory, limit, forms_opened))  # fmt: skip
            eligibility = run_phase("eligibility", url, eligibility_gestures(factory, programme),
                                    slack, factory, None, submissions)  # fmt: skip
            phases.append(eligibility)
            log(f"  home (busy): opening Home every 2 s while {unsent(factory)['card']} cards wait")
            home = home_while_busy(url, slack, factory, args.home_opens)
            eligibility.drained = drain(factory, limit)
            after_2 = statuses(factory)
            phases.append(run_phase("confirm", url, confirm_gestures(factory, slack), slack,
                                    factory, limit, clicks))  # fmt: skip
            after_3 = statuses(factory)
            found = invariants(factory, slack, all(p.drained.seconds is not None for p in phases))
    finally:
        engine.dispose()
    measure_bare(phases, slack)
    out = [f"\n=== {db.kind} ===", HEADER]
    out += [p.row() for p in phases]
    out.append("(ack latency in ms: from sending the request to its HTTP response; ratio: p99")
    out.append(" as a multiple of bare Bolt's for the same requests, same run: the median of")
    out.append(f" its {BARE_ROUNDS} rounds' p99s)")
    out.append(f"\nHome while the cards go out: {home.text()}")
    for phase in phases:
        out.append(f"\n{phase.name}: what the answers said")
        out += [f"  {n:>5} × {what}" for what, n in phase.outcomes.most_common(10)]
        out.append(f"{phase.name}: Slack calls it caused (by the end of its drain)")
        out.append("  " + ", ".join(f"{m} {n}" for m, n in sorted(phase.slack_calls.items())))
        waited = ", ".join(f"{r} {t:.1f} s" for r, t in sorted(phase.drained.by_reason.items()))
        out.append(f"{phase.name}: outbox rows still unsent after (by reason): {waited or '—'}")
    for label, counts in (("nominate", after_1), ("eligibility", after_2), ("confirm", after_3)):
        out.append(f"statuses after {label}: {dict(sorted(counts.items()))}")
    out.append("\ninvariants (from the database and the fake Slack):")
    out += found.lines
    summary = child_log_summary(log_file)
    out.append("\nthe app's warnings and errors (its log, WARNING and above):")
    out += summary or ["  none"]
    slow = sum(a.seconds > SLACK_LIMIT for p in phases for a in p.answers)
    bad = sum(a.status != 200 for p in phases for a in p.answers)
    problems = [*found.broken]
    problems += [f"{p.name} p99 {p.ratio():.2f}× bare" for p in phases if (p.ratio() or 0) > 2]
    expired = sum(p.expired for p in phases)
    problems += [f"{expired} forms opened after their trigger expired"] if expired else []
    if not home.seconds or percentile(home.seconds, 0.99) > HOME_GOAL:
        problems.append(f"Home while busy: {home.text()}")
    problems += [f"{slow} acks over 3 s"] if slow else []
    problems += [f"{bad} non-200 answers"] if bad else []
    verdict = "; ".join(problems) if problems else "ok"
    return out, f"  {db.kind}: {verdict}"


def parse(argv: list[str] | None) -> Any:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--pg-url", default=PG_URL)
    parser.add_argument(
        "--home-opens", type=int, default=40,
        help="Home tabs opened (one every 2 s) while the review cards go out (default 40)",
    )  # fmt: skip
    parser.add_argument(
        "--drain-seconds", type=float, default=600.0,
        help="wait at most this long for the outbox after each phase (default 600)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if not 1 <= args.drain_seconds <= 3600:
        parser.error("need 1 ≤ --drain-seconds ≤ 3600")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    kinds = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    verdicts = []
    code = revision()
    print(f"Opening day: code {code}; {os.cpu_count()} CPUs; {SENDERS} senders", flush=True)
    with FakeSlack(trigger_lifetime=SLACK_LIMIT) as slack, tempfile.TemporaryDirectory() as tmp:
        for user in everyone():
            slack.add_user(user, name=user.title())
        for kind in kinds:
            log(f"{kind}: setting up")
            with database(kind, Path(tmp), args.pg_url) as db:
                lines, verdict = run_database(db, slack, Path(tmp), args)
            verdicts.append(verdict)
            print("\n".join(lines), flush=True)
    if revision() != code:
        print(f"\nthe code changed during the run: now {revision()}")
    print("\nverdict:")
    print("\n".join(verdicts))
    return 0 if all(v.endswith(": ok") for v in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
