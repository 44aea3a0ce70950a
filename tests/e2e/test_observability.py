"""What operators watch, over real HTTP: /metrics, /healthz with a stuck outbox, and JSON log
lines that name the request and user and never hold what a person typed."""

from __future__ import annotations

import io
import json
import logging
import queue
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.config_file import write_configuration
from bot.health import serve_health
from bot.jobs import Planned, periodic
from bot.logs import log_handler
from bot.settings import SettingsError
from domain.kernel.outbox import State
from storage.kernel.engine import create_engine_for
from storage.unit_of_work import UnitOfWorkFactory
from tests.conftest import DATA_KEY, sqlite_copy
from tests.e2e import signing
from tests.e2e.fake_slack import FakeSlack
from tests.e2e.harness import Clock, Harness, eventually
from tests.e2e.test_nominate import nominate_values, open_form
from tests.e2e.test_runtime import ROOT, get
from tests.e2e.test_socket_mode import SlackSocket, command
from tests.e2e.test_supervision import open_log_form, values
from tests.factories import NOW, full_configuration

NOTE = "Zebra-crossing anxieties, kept between us"


def figure(text: str, sample_name: str, /, **labels: str) -> float | None:
    """The value of the sample ``sample_name`` with ``labels`` in a Prometheus exposition."""
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == sample_name and all(
                sample.labels.get(k) == v for k, v in labels.items()
            ):
                return sample.value
    return None


def metrics(h: Harness) -> str:
    status, text = get(f"{h.url}/metrics")
    assert status == 200
    return text


@pytest.fixture
def unsent(slack: FakeSlack, configured_sqlite: Path, tmp_path: Path) -> Iterator[Harness]:
    """The app with nobody sending its outbox (as when every `cascade worker` is down)."""
    engine = sqlite_copy(configured_sqlite, tmp_path / "e2e.db")
    running = Harness(slack, UnitOfWorkFactory(engine), Clock(NOW), dispatch_in_bot=False)
    slack.reset()
    yield running
    running.close()
    engine.dispose()


def pending(h: Harness) -> int:
    with h.uow_factory(read_only=True) as uow:
        return sum(m.state is State.PENDING for m in uow.outbox.list())


def test_metrics_count_signed_acks_by_kind_and_the_outbox_depth(unsent: Harness) -> None:
    assert figure(metrics(unsent), "cascade_acks_total", kind="command") is None
    assert unsent.command("ULEADKM", "help")[0] == 200
    view = open_form(unsent)  # a second /nominate
    assert unsent.submit("ULEADKM", view, nominate_values("UANN"))[0] == 200
    home = {"type": "app_home_opened", "user": "UANN", "tab": "home", "channel": "DUANN"}
    assert unsent.send(signing.event(home, event_id="EvObs1"))[0] == 200
    forged = signing.command("/nominate", "help", user_id="ULEADKM")
    assert unsent.send(forged, secret="not-the-secret")[0] == 401  # never counted

    text = metrics(unsent)
    assert figure(text, "cascade_acks_total", kind="command", name="/nominate") == 2
    assert figure(text, "cascade_acks_total", kind="view", name="nominate") == 1
    assert figure(text, "cascade_acks_total", kind="event", name="app_home_opened") == 1
    assert figure(text, "cascade_ack_seconds_count", kind="command") == 2
    assert figure(text, "cascade_ack_seconds_bucket", kind="command", le="3.0") == 2
    waiting = pending(unsent)
    assert waiting > 0  # the nominee's invitation, the lead's Home, …
    assert figure(text, "cascade_outbox_pending") == waiting
    assert figure(text, "cascade_outbox_due") == waiting
    assert figure(text, "cascade_sends_failed_total") == 0
    assert figure(text, "cascade_database_errors_total") is None  # none yet: no label seen

    unsent.clock.now = NOW + timedelta(minutes=7)
    assert figure(metrics(unsent), "cascade_outbox_oldest_due_seconds") == 7 * 60


def test_healthz_reports_an_outbox_that_stopped_moving(unsent: Harness) -> None:
    assert unsent.health() == {
        "status": "ok",
        "database": "ok",
        "outbox": "ok",
        "outbox_due": 0,
        "outbox_oldest_due_seconds": 0,
    }
    view = open_form(unsent)
    assert unsent.submit("ULEADKM", view, nominate_values("UANN"))[0] == 200
    unsent.clock.now = NOW + timedelta(minutes=10)
    assert unsent.health()["outbox"] == "ok"  # waiting, not stuck (OUTBOX_STUCK_MINUTES=15)
    unsent.clock.now = NOW + timedelta(minutes=16)
    status, body = get(f"{unsent.url}/healthz")
    report = json.loads(body)
    assert status == 200  # degraded, still serving: a load balancer keeps it
    assert report["status"] == "degraded" and report["database"] == "ok"
    assert report["outbox"] == "stuck" and report["outbox_oldest_due_seconds"] == 16 * 60
    assert report["outbox_due"] == pending(unsent)


def test_a_failed_send_and_planned_reminders_are_counted(harness: Harness) -> None:
    harness.slack.fail_next("chat.postMessage", error="channel_not_found")
    view = open_form(harness)
    assert harness.submit("ULEADKM", view, nominate_values("UANN"))[0] == 200
    harness.drained()  # given up on in the database: counted as its dispatch round ends
    eventually(lambda: figure(metrics(harness), "cascade_sends_failed_total") == 1, "the count")
    run = periodic(harness.uow_factory, harness.cascade, lambda now: Planned(3, 1, []))
    run(NOW)  # what the scheduler does every JOBS_EVERY_MINUTES
    assert figure(metrics(harness), "cascade_reminders_planned_total") == 3


def test_with_the_database_down_metrics_count_its_errors_and_healthz_says_so(slack) -> None:
    down = UnitOfWorkFactory(create_engine_for("postgresql+psycopg://x@127.0.0.1:1/none"))
    h = Harness(slack, down, Clock(NOW))
    try:
        assert h.command("ULEADKM", "status")[0] == 200  # "cannot reach its database"
        status, body = get(f"{h.url}/healthz")
        assert status == 503 and json.loads(body) == {
            "status": "unavailable",
            "database": "unreachable",
            "outbox": "unknown",
        }
        text = metrics(h)  # still served, without the outbox's figures
        assert figure(text, "cascade_database_errors_total", error="OperationalError") >= 2
        assert figure(text, "cascade_outbox_pending") is None
        assert figure(text, "cascade_acks_total", kind="command", name="/nominate") == 1
    finally:
        h.close()


@pytest.fixture
def json_lines(caplog: pytest.LogCaptureFixture) -> Iterator[io.StringIO]:
    """What LOG_FORMAT=json writes (at INFO, as configure_logging leaves Slack's libraries)."""
    caplog.set_level(logging.INFO)
    stream = io.StringIO()
    handler = log_handler("json", stream)
    logging.getLogger().addHandler(handler)
    yield stream
    logging.getLogger().removeHandler(handler)


def test_json_log_lines_name_the_request_and_user_and_never_the_note(
    harness: Harness, json_lines: io.StringIO
) -> None:
    view = open_log_form(harness, "ULT")
    form = values(duration=50, with_user="UPAT", notes=NOTE, action=NOTE)
    assert harness.submit("ULT", view, form)[1]["response_action"] == "update"
    view = open_form(harness)
    assert harness.submit("ULEADKM", view, nominate_values("UANN", note=NOTE))[0] == 200
    harness.drained(timeout=20)  # a loaded machine (2 test workers) once took over 5 s here

    text = json_lines.getvalue()
    assert "Zebra" not in text and "xoxb-" not in text and harness.slack.api_url not in text
    lines = [json.loads(line) for line in text.splitlines()]  # every line is one object
    assert all({"time", "level", "logger", "event"} <= line.keys() for line in lines)
    submitted = [line for line in lines if line["event"].startswith("slack view_submission")]
    assert {line["user_id"] for line in submitted} == {"ULT", "ULEADKM"}
    ids = [line["request_id"] for line in submitted]
    assert len(set(ids)) == 2 and all(len(i) == 12 for i in ids)


def test_socket_mode_serves_healthz_and_metrics_on_the_health_port(
    slack: FakeSlack, migrated_sqlite: Path, tmp_path: Path
) -> None:
    """`python app.py` in Socket Mode with HEALTH_PORT and LOG_FORMAT=json, as run for real."""
    shutil.copyfile(migrated_sqlite, tmp_path / "socket.db")
    write_configuration(full_configuration(coordinators=["UCOORD"]), tmp_path / "programme.toml")
    stand_in = SlackSocket()
    slack.socket_url = stand_in.url
    env = {
        "PATH": "/usr/bin:/bin",
        "SLACK_BOT_TOKEN": "xoxb-socket",
        "SLACK_SIGNING_SECRET": "unused",
        "SLACK_APP_TOKEN": "xapp-socket",
        "SLACK_API_URL": slack.api_url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'socket.db'}",
        "PROGRAMME_CONFIG": str(tmp_path / "programme.toml"),
        "LOG_FORMAT": "json",
        "HEALTH_PORT": "0",
        "CASCADE_DATA_KEY": DATA_KEY,
    }
    bot = subprocess.Popen(
        [sys.executable, "app.py"], cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(x) for x in bot.stderr], daemon=True).start()
    seen: list[str] = []
    try:
        while "health listener on" not in (seen[-1] if seen else ""):
            seen.append(lines.get(timeout=30))
        url = "http://" + json.loads(seen[-1])["event"].split()[3]
        # Start-up may still be writing (the programme file, the schedule): "degraded" with
        # the database busy is true then; it must settle to "ok" (20 s on a loaded CI box).
        deadline = time.monotonic() + 20
        while True:
            status, body = get(f"{url}/healthz")
            if json.loads(body)["status"] == "ok" or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert status == 200 and json.loads(body)["status"] == "ok", body
        ack = stand_in.deliver("slash_commands", command("help"), "e-help")
        assert "/nominate status" in ack["payload"]["text"]
        status, text = get(f"{url}/metrics")
        assert figure(text, "cascade_acks_total", kind="command", name="/nominate") == 1
        assert get(f"{url}/slack/events")[0] == 404  # only what operators watch
    finally:
        bot.terminate()
        bot.wait(timeout=30)
        stand_in.close()
    while not lines.empty():
        seen.append(lines.get())
    records = [json.loads(line) for line in seen if line.strip()]  # every line is JSON
    helped = [r for r in records if r["event"].startswith("slack command=/nominate")]
    assert helped and helped[0]["user_id"] == "ULEADKM" and helped[0]["request_id"]


def test_a_health_port_already_taken_is_one_clear_message(harness: Harness) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(SettingsError) as refused:
            serve_health(harness.uow_factory, harness.cascade.monitor, "127.0.0.1", port)
    assert f"HEALTH_PORT {port} is already in use" in str(refused.value)
    assert "HEALTH_PORT=0" in str(refused.value)
