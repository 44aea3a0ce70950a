"""Starting Cascade the way people do (`python app.py`, the `cascade` command) when something is
wrong: one or two lines naming the problem and the fix, a non-zero exit, within seconds; and,
when nothing is wrong, a line saying which mode runs and what Slack must be set to."""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from storage.kernel.engine import CONNECT_TIMEOUT
from storage.kernel.migrate import head_revision
from tests.conftest import DATA_KEY
from tests.e2e.fake_slack import FakeSlack
from tests.e2e.test_socket_mode import SlackSocket

ROOT = Path(__file__).parents[2]
SHIPPED = ROOT / "config" / "programme.example.toml"
APP = ["app.py"]
CLI = ["-m", "bot.cli"]  # the `cascade` console script is bot.cli:main
QUICK = 10.0  # seconds: a refusal comes at once, never after minutes of retries
UNREACHABLE_PG = "postgresql+psycopg://nobody:hunter2@127.0.0.1:1/none"


def environment(**settings: str) -> dict[str, str]:
    """Only what the test sets (a developer's own .env is not read)."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHON_DOTENV_DISABLED": "1",
        "PROGRAMME_CONFIG": str(SHIPPED),
        "CASCADE_DATA_KEY": DATA_KEY,
        **settings,
    }


def refusal(args: list[str], quick: float = QUICK, **settings: str) -> str:
    """Run a command that must refuse: its reason, after checking how it refused."""
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=environment(**settings),
        capture_output=True,
        text=True,
        timeout=60,
    )
    took = time.monotonic() - started
    assert done.returncode != 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    assert took < quick, f"took {took:.1f} s: {done.stderr}"
    reasons = [
        line
        for line in done.stderr.splitlines()
        if line.startswith(("Cascade cannot start:", "cascade:"))
    ]
    assert len(reasons) == 1 and len(reasons[0]) < 400, done.stderr
    assert "hunter2" not in done.stderr  # a password in DATABASE_URL is never shown
    return reasons[0]


class Running:
    """A command left running: its log lines as they come, then a stop like a service
    manager's (SIGTERM)."""

    def __init__(self, args: list[str], **settings: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, *args],
            cwd=ROOT,
            env=environment(**settings),
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.put(line.rstrip("\n"))

    def line_with(self, text: str, timeout: float = QUICK) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.1)
            except queue.Empty:
                if self.process.poll() is not None and self.lines.empty():
                    break
                continue
            self.seen.append(line)
            if text in line:
                return line
        raise AssertionError(f"no line with {text!r} in:\n" + "\n".join(self.seen))

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=QUICK)
        time.sleep(0.1)  # the reader thread takes the last lines
        while not self.lines.empty():
            self.seen.append(self.lines.get())
        return code


@pytest.fixture
def database(migrated_sqlite: Path, tmp_path: Path) -> str:
    copy = tmp_path / "cascade.db"
    shutil.copyfile(migrated_sqlite, copy)
    return f"sqlite:///{copy}"


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        yield fake


def slack_settings(slack: FakeSlack, database: str, **more: str) -> dict[str, str]:
    return {
        "SLACK_BOT_TOKEN": "xoxb-fine",
        "SLACK_SIGNING_SECRET": "secret",
        "SLACK_API_URL": slack.api_url,
        "DATABASE_URL": database,
        **more,
    }


# --- 1. Socket Mode with an app-level token Slack refuses -------------------------------------


def test_a_refused_app_token_says_which_token_and_where_to_find_it(slack, database) -> None:
    slack.fail_next("apps.connections.open", "invalid_auth")
    reason = refusal(APP, **slack_settings(slack, database, SLACK_APP_TOKEN="xapp-revoked"))
    assert "Slack refused the app-level token (invalid_auth)" in reason
    assert "SLACK_APP_TOKEN" in reason and "connections:write" in reason


def test_a_bot_token_given_as_the_app_token_is_named(slack, database) -> None:
    # The fake answers apps.connections.open as Slack does for a token of the wrong kind.
    reason = refusal(APP, **slack_settings(slack, database, SLACK_APP_TOKEN="xoxb-wrong-kind"))
    assert "not_allowed_token_type" in reason and "xapp-" in reason


def test_slack_not_opening_socket_mode_for_its_own_reasons_does_not_blame_the_token(
    slack, database
) -> None:
    slack.fail_next("apps.connections.open", "service_unavailable")
    reason = refusal(APP, **slack_settings(slack, database, SLACK_APP_TOKEN="xapp-fine"))
    assert "Slack would not open Socket Mode (service_unavailable)" in reason
    assert "SLACK_APP_TOKEN" not in reason


# --- 2. The database unreachable, through `make run` (`cascade db upgrade`, then app.py) ------


@pytest.mark.parametrize("action", ["upgrade", "current"])
def test_db_commands_with_the_database_down_say_so_in_one_line(action: str) -> None:
    reason = refusal([*CLI, "db", action], DATABASE_URL=UNREACHABLE_PG)
    assert "cannot reach the database (postgresql at 127.0.0.1:1/none)" in reason
    assert "Check DATABASE_URL" in reason


def test_a_database_server_that_never_answers_is_given_up_on_within_seconds() -> None:
    with socket.socket() as silent:  # a firewall that drops, or a server that hangs
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        url = f"postgres://nobody@127.0.0.1:{port}/none"
        reason = refusal([*CLI, "db", "upgrade"], quick=CONNECT_TIMEOUT + QUICK, DATABASE_URL=url)
    assert f"cannot reach the database (postgresql at 127.0.0.1:{port}/none)" in reason
    assert "timeout" in reason


def test_an_sqlite_file_that_cannot_be_created_is_named(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    reason = refusal([*CLI, "db", "upgrade"], DATABASE_URL=f"sqlite:///{blocked}/cascade.db")
    assert f"{blocked}/cascade.db" in reason and "DATABASE_URL" in reason


# --- 3. DATABASE_URL spelt as hosts hand it out -----------------------------------------------


@pytest.mark.parametrize("scheme", ["postgres", "postgresql"])
def test_postgres_urls_are_read_as_postgresql_with_the_installed_driver(scheme: str) -> None:
    url = UNREACHABLE_PG.replace("postgresql+psycopg", scheme)
    reason = refusal([*CLI, "db", "upgrade"], DATABASE_URL=url)
    assert "cannot reach the database (postgresql at 127.0.0.1:1/none)" in reason


@pytest.mark.postgres
def test_a_postgres_url_reaches_the_database(postgres_schema) -> None:
    url, options = postgres_schema
    search_path = options["connect_args"]["options"].replace(" ", "%20").replace("=", "%3D")
    spelt_by_a_host = url.replace("postgresql+psycopg://", "postgres://", 1)
    done = subprocess.run(
        [sys.executable, *CLI, "db", "current"],
        cwd=ROOT,
        env=environment(DATABASE_URL=f"{spelt_by_a_host}?options={search_path}"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == head_revision()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("mysql://cascade:hunter2@db/cascade", "mysql is not a database Cascade can use"),
        ("postgresql+psycopg2://cascade:hunter2@db/cascade", "postgresql+psycopg://"),
        ("db.internal:5432/cascade", "is not a database URL"),
    ],
)
def test_a_database_url_cascade_cannot_use_says_what_to_write(url: str, expected: str) -> None:
    reason = refusal([*CLI, "db", "upgrade"], DATABASE_URL=url)
    assert "DATABASE_URL" in reason and expected in reason
    assert "sqlite:///" in reason and "postgresql+psycopg://" in reason


# --- 4. The HTTP port already taken -----------------------------------------------------------


def test_a_port_already_taken_says_which_and_what_to_do(slack, database) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        reason = refusal(APP, **slack_settings(slack, database, HOST="127.0.0.1", PORT=str(port)))
    assert f"port {port} on 127.0.0.1 is already in use" in reason
    assert "PORT" in reason


# --- 5, 6, 7. Starting well: the mode and what Slack must be set to, and no stray warnings ----


def test_socket_mode_starts_without_a_signing_secret_and_says_what_slack_needs(
    slack, database
) -> None:
    stand_in = SlackSocket()
    slack.socket_url = stand_in.url
    settings = slack_settings(slack, database, SLACK_APP_TOKEN="xapp-fine")
    del settings["SLACK_SIGNING_SECRET"]
    bot = Running(APP, **settings)
    try:
        line = bot.line_with("Socket Mode")
        assert "connected to Slack" in line and "Socket Mode must be on" in line
        assert "manifest.yml" in line
    finally:
        code = bot.stop()
        stand_in.close()
    log = "\n".join(bot.seen)
    assert code == 0, log
    assert "SLACK_SIGNING_SECRET" not in log and "Traceback" not in log
    assert "will be unused" not in log  # Bolt was given one token, not two


def test_http_mode_says_where_slack_must_send_and_that_socket_mode_must_be_off(
    slack, database
) -> None:
    bot = Running(APP, **slack_settings(slack, database, HOST="127.0.0.1", PORT="0"))
    try:
        line = bot.line_with("HTTP mode")
        assert "https://<your host>/slack/events" in line
        assert "Socket Mode must be off" in line and "manifest-http.yml" in line
    finally:
        code = bot.stop()
    log = "\n".join(bot.seen)
    assert code == 0 and "Traceback" not in log, log
    assert "will be unused" not in log  # Bolt was given one token, not two


def test_http_mode_still_needs_the_signing_secret(slack, database) -> None:
    settings = slack_settings(slack, database)
    del settings["SLACK_SIGNING_SECRET"]
    assert "SLACK_SIGNING_SECRET" in refusal(APP, **settings)


# --- 7. The `cascade` command itself ----------------------------------------------------------


def cascade(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *CLI, *args],
        cwd=ROOT,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_version_and_help_say_what_the_command_does_today() -> None:
    from importlib.metadata import version

    shown = cascade("--version")
    assert shown.returncode == 0 and shown.stdout.strip() == f"cascade {version('cascade')}"
    top = cascade("--help").stdout
    assert "(later)" not in top and "jobs" in top and "worker" in top
    db = cascade("db", "--help").stdout
    listed = [line.split()[0] for line in db.splitlines() if line.startswith("    ")]
    assert "upgrade" in listed and "revision" not in listed  # a developer's command
    assert "upgrade,current" not in db and "revision}" not in db
    assert cascade("db", "revision", "--help").returncode == 0  # still there for developers


def test_config_check_strict_fails_on_warnings_for_ci() -> None:
    relaxed = cascade("config", "check")
    assert relaxed.returncode == 0 and "warning: " in relaxed.stdout  # the shipped placeholders
    strict = cascade("config", "check", "--strict")
    assert strict.returncode == 1 and "warning: " in strict.stdout
    assert "Traceback" not in strict.stderr
    assert strict.stderr.startswith("cascade: ") and "--strict" in strict.stderr


def test_the_readme_checks_the_programme_file_with_a_command_that_installs_first() -> None:
    readme = (ROOT / "README.md").read_text()
    walkthrough = readme.split("## Set up the Slack app", 1)[1].split("\n## ", 1)[0]
    assert ".venv/bin/cascade" not in walkthrough  # .venv does not exist before `make run`
    assert "`make config-check`" in walkthrough
    plan = subprocess.run(
        ["make", "-n", "-B", "config-check"], cwd=ROOT, capture_output=True, text=True
    )
    assert plan.returncode == 0, plan.stderr
    steps = plan.stdout.splitlines()
    install = next(i for i, s in enumerate(steps) if "pip install" in s)
    check = next(i for i, s in enumerate(steps) if "cascade config check" in s)
    assert install < check


def test_the_cascade_command_logs_as_log_format_says(tmp_path: Path) -> None:
    """A `cascade worker` or `jobs run` beside the bots logs as they do: LOG_FORMAT=json is one
    JSON object per line there too (it logged plain text whatever the setting said)."""
    done = subprocess.run(
        [sys.executable, *CLI, "db", "upgrade"],
        cwd=ROOT,
        env=environment(LOG_FORMAT="json", DATABASE_URL=f"sqlite:///{tmp_path / 'c.db'}"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert lines, "db upgrade logs the migrations it runs"
    assert all(json.loads(line)["level"] for line in lines), done.stderr


# --- 4. CASCADE_DATA_KEY: private words are encrypted with it ---------------------------------


def test_starting_without_the_data_key_says_how_to_make_one(slack, database) -> None:
    reason = refusal(APP, **slack_settings(slack, database, CASCADE_DATA_KEY=""))
    assert "CASCADE_DATA_KEY is not set" in reason and "cascade keys new" in reason


def test_another_key_than_the_data_was_sealed_with_is_named_not_used(slack, database) -> None:
    from storage.kernel import crypto, keys
    from storage.kernel.engine import create_engine_for

    engine = create_engine_for(database)
    keys.check(engine)  # sealed under the tests' key, as a first start would
    engine.dispose()
    other = crypto.new_key()
    reason = refusal(APP, **slack_settings(slack, database, CASCADE_DATA_KEY=other))
    assert "CASCADE_DATA_KEY does not open the private words" in reason
    assert other not in reason
    reason = refusal([*CLI, "jobs", "run"], **slack_settings(slack, database, CASCADE_DATA_KEY="x"))
    assert "CASCADE_DATA_KEY is not a key Cascade can use" in reason


def test_keys_are_made_and_rotated_from_the_command_line(database) -> None:
    from cryptography.fernet import Fernet

    made = subprocess.run(
        [sys.executable, *CLI, "keys", "new"], cwd=ROOT, env=environment(), text=True,
        capture_output=True, timeout=60,
    )  # fmt: skip
    new = made.stdout.strip()
    Fernet(new)  # a key Fernet takes
    rotated = subprocess.run(
        [sys.executable, *CLI, "keys", "rotate"],
        cwd=ROOT,
        env=environment(DATABASE_URL=database, CASCADE_DATA_KEY=f"{new},{DATA_KEY}"),
        text=True,
        capture_output=True,
        timeout=60,
    )
    assert rotated.returncode == 0, rotated.stderr
    assert "Re-encrypted" in rotated.stdout and "can now be removed" in rotated.stdout
