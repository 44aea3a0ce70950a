"""The live programme file and database live outside git: the example is shipped, `make run`
makes the coordinator's own file from it the first time, and upgrades never touch either."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from bot.cli import main
from bot.config_file import EXAMPLE

ROOT = Path(__file__).parents[2]


@pytest.fixture
def elsewhere(tmp_path, monkeypatch) -> Path:
    """A folder of one's own, with the database in it and PROGRAMME_CONFIG as shipped."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'data' / 'cascade.db'}")
    monkeypatch.delenv("PROGRAMME_CONFIG", raising=False)
    return tmp_path


def test_init_makes_the_live_file_from_the_example_once(elsewhere: Path, capsys) -> None:
    assert main(["config", "init"]) == 0
    live = elsewhere / "config" / "programme.toml"
    assert live.read_text() == EXAMPLE.read_text()
    assert f"Created config/programme.toml from {EXAMPLE}" in capsys.readouterr().out

    live.write_text(live.read_text().replace("U0COORD01", "UMINE"))  # the coordinator's edit
    assert main(["config", "init"]) == 0
    assert "is there already; nothing changed" in capsys.readouterr().out
    assert "UMINE" in live.read_text()


def test_check_on_a_missing_file_says_what_to_do(elsewhere: Path, capsys) -> None:
    assert main(["config", "check"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("cascade: config/programme.toml: no such file.")
    assert f"`cp {EXAMPLE} config/programme.toml`" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_programme_config_still_names_any_file(elsewhere: Path, monkeypatch, capsys) -> None:
    own = elsewhere / "mine.toml"
    monkeypatch.setenv("PROGRAMME_CONFIG", str(own))
    assert main(["config", "init"]) == 0
    assert own.exists() and not (elsewhere / "config").exists()
    assert main(["config", "check"]) == 0
    assert f"{own} is valid" in capsys.readouterr().out


def test_git_ships_the_example_and_ignores_the_live_files() -> None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = subprocess.run(
        ["git", "ls-files", "config"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert "config/programme.example.toml" in tracked
    assert "config/programme.toml" not in tracked
    live = ["config/programme.toml", "data/cascade.db", "data/backups/cascade-1.db", ".env"]
    ignored = subprocess.run(
        ["git", "check-ignore", *live], cwd=ROOT, capture_output=True, text=True
    ).stdout.split()
    assert ignored == live


def test_the_first_make_run_makes_the_programme_file_and_says_so(tmp_path) -> None:
    """The Makefile's own `run` recipe, with a stand-in for `.venv` (the real `cascade`
    command, and a `python` that only says it would start the bot)."""
    if shutil.which("make") is None:
        pytest.skip("no make here")
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    bin_ = tmp_path / ".venv" / "bin"
    bin_.mkdir(parents=True)
    script(bin_ / "cascade", f'exec {sys.executable} -m bot.cli "$@"')
    script(bin_ / "python", 'echo "would start the bot with $*"')
    (tmp_path / ".venv" / ".installed").touch()  # installed already
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_"))},
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'data' / 'cascade.db'}",
    }
    env.pop("PROGRAMME_CONFIG", None)
    env.pop("CASCADE_DATA_KEY", None)  # a newcomer's first run: their .env has none yet
    shutil.copy(ROOT / ".env.example", tmp_path / ".env")

    def make_run() -> str:
        done = subprocess.run(
            ["make", "run"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    first = make_run()
    assert "Created config/programme.toml from" in first
    assert "Made a data key (CASCADE_DATA_KEY) in .env" in first
    (key,) = re.findall(r"^CASCADE_DATA_KEY=(.+)$", (tmp_path / ".env").read_text(), flags=re.M)
    Fernet(key)  # a key the encryption takes
    assert "would start the bot with app.py" in first
    assert (tmp_path / "config" / "programme.toml").read_text() == EXAMPLE.read_text()
    again = make_run()
    assert "Created" not in again and "would start the bot" in again
    assert "Made a data key" not in again
    assert re.findall(r"^CASCADE_DATA_KEY=(.+)$", (tmp_path / ".env").read_text(), flags=re.M) == [
        key
    ]


def script(path: Path, body: str) -> None:
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(0o755)
