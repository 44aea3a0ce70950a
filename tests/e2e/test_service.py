"""deploy/cascade.service: its commands, started as the unit writes them (only the install
folder /opt/cascade is this checkout and its .venv), with its working folder and environment
file made here, run the bot in HTTP mode until SIGTERM ends it cleanly."""

from __future__ import annotations

import re
import shlex
import shutil
import signal
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest

from bot.config_file import EXAMPLE
from tests.conftest import DATA_KEY

ROOT = Path(__file__).parents[2]
UNIT = ROOT / "deploy" / "cascade.service"
INSTALLED = "/opt/cascade/"
SYSTEMD_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


def unit(text: str) -> dict[str, dict[str, list[str]]]:
    """Sections → keys → values, as systemd reads them (a key may be given more than once)."""
    sections: dict[str, dict[str, list[str]]] = {}
    section = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            section = line.strip("[]")
            sections[section] = {}
            continue
        key, _, value = line.partition("=")
        sections[section].setdefault(key.strip(), []).append(value.strip())
    return sections


def environment_file(text: str) -> dict[str, str]:
    """KEY=VALUE lines as systemd's EnvironmentFile= reads them (comments and blanks skipped)."""
    found = {}
    for raw in text.splitlines():
        line = raw.strip()
        if line and not line.startswith(("#", ";")):
            key, _, value = line.partition("=")
            found[key.strip()] = value.strip().strip('"')
    return found


def installed_here(command: str) -> list[str]:
    """The unit's command line, with /opt/cascade as this checkout and its virtualenv."""
    assert not command.startswith(("-", "@", "+", "!", ":")), "a failure must not be ignored"
    venv_bin = str(Path(sys.executable).parent) + "/"
    words = shlex.split(command.replace(f"{INSTALLED}.venv/bin/", venv_bin))
    return [word.replace(INSTALLED, f"{ROOT}/") for word in words]


@pytest.fixture
def service() -> dict[str, list[str]]:
    return unit(UNIT.read_text())["Service"]


def test_the_unit_restarts_on_failure_as_its_own_user_with_the_system_read_only(service) -> None:
    assert service["Restart"] == ["on-failure"] and service["User"] == ["cascade"]
    assert service["ExecStartPre"] == [f"{INSTALLED}.venv/bin/cascade db upgrade"]
    # Its only writable folder is the one it works in, where DATABASE_URL's relative default
    # (data/cascade.db), the programme file and the backups are.
    assert service["WorkingDirectory"] == [f"/var/lib/{service['StateDirectory'][0]}"]
    for hardening in ("NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=yes"):
        key, value = hardening.split("=")
        assert service[key] == [value]
    assert service["CapabilityBoundingSet"] == [""]


def test_systemd_reads_the_unit_without_a_complaint(tmp_path) -> None:
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed")
    text = UNIT.read_text()
    for command in re.findall(r"^ExecStart(?:Pre)?=(.*)$", text, re.MULTILINE):
        text = text.replace(command, shlex.join(installed_here(command)))
    (tmp_path / "cascade.service").write_text(text)
    done = subprocess.run(
        ["systemd-analyze", "verify", str(tmp_path / "cascade.service")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and not done.stderr.strip(), done.stderr  # e.g. "Unknown key"


def test_its_commands_migrate_then_serve_until_sigterm(service, tmp_path, slack) -> None:
    state = tmp_path / "var-lib-cascade"  # WorkingDirectory, made by StateDirectory=
    state.mkdir()
    (state / "config").mkdir()
    shutil.copy(EXAMPLE, state / "config" / "programme.toml")  # README: `cascade config init`
    settings = (ROOT / ".env.example").read_text()  # the README's template for the file
    for key, value in {
        "SLACK_BOT_TOKEN": "xoxb-service",
        "SLACK_SIGNING_SECRET": "service-secret",
        "SLACK_API_URL": slack.api_url,
        "HOST": "127.0.0.1",
        "PORT": "0",
        "CASCADE_DATA_KEY": DATA_KEY,
    }.items():
        settings = re.sub(rf"^{key}=.*$", f"{key}={value}", settings, flags=re.MULTILINE)
    env_file = tmp_path / "cascade.env"
    env_file.write_text(settings)
    env = {"PATH": SYSTEMD_PATH, "HOME": str(state), "USER": "cascade", "LANG": "C.UTF-8"}
    env |= dict(line.split("=", 1) for line in service.get("Environment", []))
    env |= environment_file(env_file.read_text())

    (pre,) = service["ExecStartPre"]
    done = subprocess.run(
        installed_here(pre), cwd=state, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert (state / "data" / "cascade.db").exists()  # DATABASE_URL's default, in its state

    (start,) = service["ExecStart"]
    bot = Started(installed_here(start), state, env)
    try:
        with urllib.request.urlopen(f"{bot.url}/healthz", timeout=10) as answer:
            assert answer.status == 200 and b'"database": "ok"' in answer.read()
        bot.process.send_signal(signal.SIGTERM)  # `systemctl stop cascade`
        stop_within = float(service["TimeoutStopSec"][0])
        assert bot.process.wait(timeout=stop_within) == 0, "".join(bot.lines)
    finally:
        if bot.process.poll() is None:
            bot.process.kill()
            bot.process.wait()
    assert "Traceback" not in "".join(bot.lines)


class Started:
    """The bot's process, its output, and its address once its log names the port."""

    def __init__(self, command: list[str], cwd: Path, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        self.lines: list[str] = []
        self._listening = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()
        if not self._listening.wait(timeout=60):
            self.process.kill()
            raise AssertionError("the bot did not start:\n" + "".join(self.lines[-30:]))

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)
            if found := re.search(r"listening on [\d.]+:(\d+)", line):
                self.url = f"http://127.0.0.1:{found.group(1)}"
                self._listening.set()
