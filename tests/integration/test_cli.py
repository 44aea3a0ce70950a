"""The `cascade` command: migrations, configuration checks and sync, erasure."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from bot.runtime import utc_now
from domain.kernel.people import Actor
from handlers.programme_admin.commands import SaveIcs
from handlers.supervision.commands import LogEntry
from handlers.supervision.entries import log_entry
from storage.kernel.engine import create_engine_for
from storage.unit_of_work import UnitOfWorkFactory
from tests.e2e.fake_slack import FakeSlack
from tests.factories import NOW

SHIPPED = Path(__file__).parents[2] / "config" / "programme.example.toml"


@pytest.fixture
def database(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("PROGRAMME_CONFIG", str(SHIPPED))
    monkeypatch.chdir(tmp_path)  # no stray .env is read
    return url


def test_upgrade_sync_and_check(database: str, capsys) -> None:
    assert main(["db", "current"]) == 0
    assert "empty (run `cascade db upgrade`)" in capsys.readouterr().out
    assert main(["config", "sync"]) == 2
    assert "Run `cascade db upgrade`" in capsys.readouterr().err
    assert main(["db", "upgrade"]) == 0
    assert main(["config", "sync"]) == 0
    assert main(["config", "check"]) == 0
    out = capsys.readouterr().out
    assert "is valid: programmes lsc-t4t; 6 ICSs" in out
    assert "warning: lsc-t4t: U0COORD01 is a placeholder" in out


def test_check_reports_a_bad_file_and_fails(database: str, tmp_path, capsys) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(SHIPPED.read_text().replace("total_places = 30", "total_places = -1"))
    assert main(["config", "check", str(bad)]) == 2
    assert "programmes['lsc-t4t'].total_places" in capsys.readouterr().err


def with_coordinators(tmp_path: Path, *people: str) -> Path:
    own = tmp_path / "own.toml"
    named = ", ".join(f'"{p}"' for p in people)
    text = SHIPPED.read_text().replace('coordinators = ["U0COORD01"]', f"coordinators = [{named}]")
    own.write_text(text)
    return own


def test_check_names_the_addresses_nobody_in_slack_has(
    database: str, tmp_path, monkeypatch, capsys
) -> None:
    own = with_coordinators(tmp_path, "U0COORD01", "jess@academy.example", "nobody@academy.example")
    with FakeSlack() as slack:
        slack.add_user("UJESS", name="Jess Done", email="Jess@Academy.example")
        slack.fail_next("users.lookupByEmail", "ratelimited", status=429, retry_after=0)
        monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-check")
        monkeypatch.setenv("SLACK_API_URL", slack.api_url)

        assert main(["config", "check", str(own)]) == 0

    out = capsys.readouterr().out
    assert "is valid" in out
    assert (
        "warning: lsc-t4t coordinators: nobody in Slack has the address nobody@academy.example"
        in out
    )
    assert "jess@academy.example" not in out  # found (after Slack asked us to wait)


def test_check_without_a_bot_token_says_addresses_were_not_looked_up(
    database: str, tmp_path, monkeypatch, capsys
) -> None:
    own = with_coordinators(tmp_path, "nobody@academy.example")
    monkeypatch.delenv("SLACK_BOT_TOKEN", raising=False)

    assert main(["config", "check", str(own)]) == 0

    out = capsys.readouterr().out
    assert "1 e-mail address was not looked up in Slack (no SLACK_BOT_TOKEN is set)" in out


def test_erase_removes_personal_data(database: str, capsys) -> None:
    main(["db", "upgrade"])
    main(["config", "sync"])
    factory = UnitOfWorkFactory(create_engine_for(database))
    log_entry(
        LogEntry(
            actor=Actor(user_id="UFAC"),
            log_type="review-group",
            occurred_on=NOW.date(),
            duration_minutes=90,
            notes="private",
        ),
        factory(),
        NOW,
    )
    assert main(["people", "erase", "UFAC"]) == 0
    assert "Erased UFAC's personal data" in capsys.readouterr().out
    with factory(read_only=True) as uow:
        assert uow.entries.list("UFAC") == []
        (kept,) = [e for e in uow.entries.list(_alias(uow)) if e.duration_minutes == 90]
        assert kept.notes == ""


def _alias(uow) -> str:
    from sqlalchemy import select

    from storage.tables import EntryRow

    return uow.session.scalar(select(EntryRow.author_id))


def test_starting_without_a_dot_env_says_what_to_do(tmp_path, monkeypatch, capsys) -> None:
    import app

    monkeypatch.chdir(tmp_path)
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    assert app.main() == 2
    err = capsys.readouterr().err
    assert "cp .env.example .env" in err and "Set up the Slack app" in err


def test_changes_made_in_slack_survive_a_restart_and_export_brings_the_file_up_to_date(
    database: str, tmp_path, monkeypatch, capsys
) -> None:
    from bot.config_file import load_configuration
    from handlers.programme_admin.programmes import save_ics

    own = tmp_path / "programme.toml"
    own.write_text(SHIPPED.read_text())
    monkeypatch.setenv("PROGRAMME_CONFIG", str(own))
    main(["db", "upgrade"])
    assert main(["config", "sync"]) == 0
    factory = UnitOfWorkFactory(create_engine_for(database))
    coordinator = Actor(user_id="U0COORD01")
    added = SaveIcs(actor=coordinator, name="Channel Islands", leads=("UISLANDS",))
    save_ics(added, factory(), utc_now())  # after the file was applied

    # The same file again (a restart): the ICS added in Slack stays.
    assert main(["config", "sync"]) == 0
    with factory(read_only=True) as uow:
        assert "channel-islands" in {i.key for i in uow.ics.list()}

    # The file changed too: not applied over the Slack change, and the operator is told how.
    own.write_text(own.read_text().replace("total_places = 30", "total_places = 32"))
    capsys.readouterr()
    assert main(["config", "sync"]) == 2
    err = capsys.readouterr().err
    assert "changed programmes, ICSs or accreditation settings in Slack" in err
    assert "added ICS, by U0COORD01" in err
    assert "cascade config export" in err

    # Export writes the database's state to the file, which then applies cleanly.
    assert main(["config", "export", str(own)]) == 0
    assert "now the programme file as last applied" in capsys.readouterr().out
    exported = load_configuration(own)
    assert "channel-islands" in {i.key for i in exported.ics}
    assert exported.programmes[0].total_places == 30
    with factory(read_only=True) as uow:
        assert exported.programmes == tuple(uow.programmes.list())
    own.write_text(own.read_text().replace("total_places = 30", "total_places = 32"))
    assert main(["config", "sync"]) == 0
    with factory(read_only=True) as uow:
        assert uow.programmes.get("lsc-t4t").total_places == 32
        assert "channel-islands" in {i.key for i in uow.ics.list()}


def test_force_lets_the_file_win(database: str, tmp_path, monkeypatch, capsys) -> None:
    from handlers.programme_admin.programmes import save_ics

    own = tmp_path / "programme.toml"
    own.write_text(SHIPPED.read_text())
    monkeypatch.setenv("PROGRAMME_CONFIG", str(own))
    main(["db", "upgrade"])
    main(["config", "sync"])
    factory = UnitOfWorkFactory(create_engine_for(database))
    save_ics(SaveIcs(actor=Actor(user_id="U0COORD01"), name="Extra"), factory(), utc_now())
    own.write_text(own.read_text().replace("total_places = 30", "total_places = 31"))
    assert main(["config", "sync", "--force"]) == 0
    with factory(read_only=True) as uow:
        assert uow.programmes.get("lsc-t4t").total_places == 31
        assert "extra" not in {i.key for i in uow.ics.list()}  # the file's list of ICSs
