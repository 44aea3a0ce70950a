"""The bot is killed (kill -9) right after a burst of acknowledged Confirm clicks, before it could
say anything; after a restart every nominee, lead and card gets exactly what each committed
change calls for, once. On SQLite, and on PostgreSQL with two bot instances."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

import pytest

from bot.config_file import load_configuration
from domain.kernel.outbox import State
from domain.kernel.people import Actor
from domain.nominations.nomination import Status
from handlers.nominations import nominate as h
from handlers.nominations.commands import ConfirmEligibility, Nominate
from handlers.nominations.eligibility import confirm_eligibility
from handlers.programme_admin.configuration import sync_configuration
from storage.kernel.engine import create_engine_for
from storage.kernel.migrate import upgrade
from storage.unit_of_work import UnitOfWorkFactory
from tests.e2e import signing
from tests.e2e.fake_slack import FakeSlack
from tests.e2e.harness import eventually

ROOT = Path(__file__).parents[2]
SECRET = "crash-secret"
CLICKS = 12
SENDS = ("chat.postMessage", "chat.update", "files.getUploadURLExternal", "views.publish")


def programme_file(path: Path) -> Path:
    """A programme whose cohort is two months ahead of the real clock (the bot's)."""
    day = (datetime.now(UTC) + timedelta(days=60)).date()
    leads = "\n".join(
        f'[[ics]]\nkey = "ics-{i}"\nname = "ICS {i}"\nleads = ["ULEAD{i}"]\n' for i in range(6)
    )
    path.write_text(
        f"""
[[programmes]]
key = "lsc-t4t"
name = "Leadership Support Circles"
provider = "South East Leadership Academy"
total_places = 30
per_ics_limit = 5
review_channel = "CREVIEW"
coordinators = ["UCOORD"]
  [[programmes.cohorts]]
  key = "cohort-1"
  name = "Cohort 1"
  sessions = [{{ start = {day}T09:30:00, end = {day}T13:00:00 }}]
  [[programmes.criteria]]
  key = "experience"
  text = "Experience of group facilitation"
{leads}""",
        encoding="utf-8",
    )
    return path


def pending_with_cards(factory: UnitOfWorkFactory, config: Path) -> dict[int, tuple[str, str]]:
    """Nominations awaiting review, each with its card in the review channel (and nothing
    else waiting to be said): {nomination id: (nominee, lead)}."""
    sync_configuration(load_configuration(str(config)), factory(), datetime.now(UTC))
    made = {}
    for i in range(CLICKS):
        lead, nominee = f"ULEAD{i % 6}", f"UN{i:02d}"
        now = datetime.now(UTC)
        cmd = Nominate(
            actor=Actor(user_id=lead),
            programme_key="lsc-t4t",
            ics_key=f"ics-{i % 6}",
            nominee_id=nominee,
        )
        nid = h.nominate(cmd, factory(), now).nomination.id
        confirm_eligibility(
            ConfirmEligibility(
                actor=Actor(user_id=nominee),
                nomination_id=nid,
                criteria=frozenset({"experience"}),
                confirmations=frozenset(),
                first_choice="cohort-1",
            ),
            factory(),
            now,
        )
        made[nid] = (nominee, lead)
    with factory() as uow:
        for nid in made:
            uow.nominations.set_card(nid, "CREVIEW", f"1700000000.{nid:06d}")
        uow.outbox.cancel([m.id for m in uow.outbox.list()], datetime.now(UTC))
        uow.commit()
    return made


class Bot:
    """`python app.py`, the real bot in HTTP mode, in a process of its own."""

    def __init__(self, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "app.py"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: list[str] = []
        self._port = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()
        if not self._port.wait(timeout=30):
            self.kill()
            raise AssertionError("the bot did not start:\n" + "".join(self.lines[-30:]))

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line)
            if found := re.search(r"listening on [\d.]+:(\d+)", line):
                self.url = f"http://127.0.0.1:{found.group(1)}/slack/events"
                self._port.set()

    def confirm(self, nid: int) -> int:
        body = signing.block_action(
            "UCOORD", "review_confirm:cohort-1", f"{nid}:cohort-1", channel_id="CREVIEW"
        )
        return signing.post(self.url, *body, secret=SECRET)[0]

    def kill(self) -> None:
        """kill -9: no clean-up, no last words."""
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def bots(tmp_path) -> Iterator[list[Bot]]:
    started: list[Bot] = []
    yield started
    for bot in started:
        bot.stop()


def env_for(database_url: str, config: Path, slack: FakeSlack) -> dict[str, str]:
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE"))},
        "SLACK_BOT_TOKEN": "xoxb-crash",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": slack.api_url,
        "DATABASE_URL": database_url,
        "PROGRAMME_CONFIG": str(config),
        "HOST": "127.0.0.1",
        "PORT": "0",
        "DISPATCH_EVERY_SECONDS": "0.2",
        "OUTBOX_LEASE_SECONDS": "3",
        "SEND_TIMEOUT_SECONDS": "0.5",  # a hung call gives up well inside its claim
        "JOBS_EVERY_MINUTES": "1440",
    }


def told(
    slack: FakeSlack, made: dict[int, tuple[str, str]]
) -> dict[int, tuple[int, int, int, int]]:
    """For each nomination: (nominee's DM, lead's DM, calendar files, card updates), counting
    only what Slack accepted."""
    posts = [c for c in slack.calls("chat.postMessage") if c.ok]
    files = [c for c in slack.calls("files.completeUploadExternal") if c.ok]
    updates = [c for c in slack.calls("chat.update") if c.ok]
    counts = {}
    for nid, (nominee, lead) in made.items():
        counts[nid] = (
            sum(
                p.params["channel"] == nominee and "is confirmed" in p.params["text"] for p in posts
            ),
            sum(
                p.params["channel"] == lead and f"<@{nominee}>'s" in p.params["text"] for p in posts
            ),
            sum(f.params["channel_id"] == "D" + nominee for f in files),
            sum(u.params["ts"] == f"1700000000.{nid:06d}" for u in updates),
        )
    return counts


def crash_and_recover(
    made: dict[int, tuple[str, str]], slack: FakeSlack, factory, start, bots: list[Bot], instances
) -> None:
    slack.hold(*SENDS)  # Slack hangs: nothing acknowledged can be said before the kill
    for _ in range(instances):
        bots.append(start())
    with ThreadPoolExecutor(8) as pool:
        clicks = [pool.submit(bots[i % instances].confirm, nid) for i, nid in enumerate(made)]
        assert [click.result() for click in clicks] == [200] * len(made)  # every click acked
    with factory(read_only=True) as uow:  # each acked click is done, or stored to be done
        waiting = {r.payload["nomination_id"] for r in uow.inbox.list()}
        done = {nid for nid in made if uow.nominations.get(nid).status is Status.CONFIRMED}
        assert done | waiting == set(made)
    bots[0].kill()
    slack.release()  # the dead bot's hung calls never arrive; a live one's go through
    bots[0] = start()  # the killed instance comes back
    everything = lambda: all(min(n) >= 1 for n in told(slack, made).values())  # noqa: E731
    try:
        eventually(everything, "every message to arrive after the restart", timeout=30)
    except AssertionError:
        with factory(read_only=True) as uow:
            left = [(m.reason.value, m.state.value, m.last_error) for m in uow.outbox.list()]
        print("".join(bots[0].lines[-40:]), told(slack, made), left)
        raise
    eventually(lambda: nothing_left(factory), "the outbox to be sent", timeout=30)
    assert set(told(slack, made).values()) == {(1, 1, 1, 1)}
    with factory(read_only=True) as uow:
        assert {uow.nominations.get(nid).status for nid in made} == {Status.CONFIRMED}
        assert uow.inbox.count() == 0


def nothing_left(factory) -> bool:
    with factory(read_only=True) as uow:
        unsent = [m for m in uow.outbox.list() if m.state in (State.PENDING, State.CLAIMED)]
        return not unsent and uow.inbox.count() == 0


def test_sqlite_kill_9_after_acks_loses_nothing_and_doubles_nothing(tmp_path, slack, bots):
    database = f"sqlite:///{tmp_path / 'crash.db'}"
    engine = create_engine_for(database)
    upgrade(engine)
    factory = UnitOfWorkFactory(engine)
    config = programme_file(tmp_path / "programme.toml")
    made = pending_with_cards(factory, config)
    env = env_for(database, config, slack)
    crash_and_recover(made, slack, factory, lambda: Bot(env), bots, instances=1)
    engine.dispose()


@pytest.mark.postgres
def test_postgresql_two_instances_one_killed_lose_nothing_and_double_nothing(
    tmp_path, slack, bots, postgres_schema
):
    url, options = postgres_schema
    schema = options["connect_args"]["options"].split("=", 1)[1]
    engine = create_engine_for(url, **options)
    from tests.conftest import clean

    clean(engine)
    factory = UnitOfWorkFactory(engine)
    config = programme_file(tmp_path / "programme.toml")
    made = pending_with_cards(factory, config)
    database = f"{url}?options={quote(f'-csearch_path={schema}')}"
    env = env_for(database, config, slack)
    crash_and_recover(made, slack, factory, lambda: Bot(env), bots, instances=2)
    engine.dispose()


def test_cascade_worker_sends_what_the_bots_committed_and_stops_cleanly(tmp_path, slack) -> None:
    database = f"sqlite:///{tmp_path / 'worker.db'}"
    engine = create_engine_for(database)
    upgrade(engine)
    factory = UnitOfWorkFactory(engine)
    config = programme_file(tmp_path / "programme.toml")
    sync_configuration(load_configuration(str(config)), factory(), datetime.now(UTC))
    cmd = Nominate(
        actor=Actor(user_id="ULEAD0"), programme_key="lsc-t4t", ics_key="ics-0", nominee_id="UWKR"
    )
    nid = h.nominate(cmd, factory(), datetime.now(UTC)).nomination.id  # no bot is running
    worker = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "worker"],
        cwd=ROOT,
        env=env_for(database, config, slack) | {"DISPATCH_EVERY_SECONDS": "0.1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        invited = lambda: [  # noqa: E731
            m for m in slack.calls("chat.postMessage") if m.ok and m.params["channel"] == "UWKR"
        ]
        eventually(invited, "the worker to send the invitation", timeout=20)

        def awaiting() -> bool:
            with factory(read_only=True) as uow:
                return uow.nominations.get(nid).status is Status.AWAITING_ELIGIBILITY

        eventually(awaiting, "the dispatcher's books", timeout=5)
    finally:
        worker.terminate()
        output, _ = worker.communicate(timeout=20)
    assert worker.returncode == 0, output
    assert len(invited()) == 1
    engine.dispose()


def test_sigterm_stops_the_bot_cleanly(tmp_path, slack, bots) -> None:
    database = f"sqlite:///{tmp_path / 'term.db'}"
    upgrade(create_engine_for(database))
    bot = Bot(env_for(database, programme_file(tmp_path / "programme.toml"), slack))
    bot.process.terminate()  # SIGTERM, as a service manager stops it
    assert bot.process.wait(timeout=20) == 0
