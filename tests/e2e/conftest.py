from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from bot.cli import main
from bot.outbox.pacer import Pacer
from handlers.programme_admin.configuration import sync_configuration
from storage.unit_of_work import UnitOfWorkFactory
from tests.conftest import sqlite_copy
from tests.e2e.fake_slack import FakeSlack
from tests.e2e.harness import Clock, Harness
from tests.factories import NOW, full_configuration


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        for user, email in [
            ("UCOORD", "coordinator@academy.example"),
            ("ULEADKM", None),
            ("ULEADSX", "lead@sussex.example"),
            ("UANN", "ann@nhs.example"),
            ("UBEN", None),
            ("UCAT", None),
            ("ULT", "lt@nhs.example"),
            ("UPAT", None),
            ("UDAN", None),
            ("UCOORD2", None),
        ]:
            fake.add_user(user, name=user.title(), email=email)
        # Named in the programme file by address, so learnt when Cascade starts, name and all.
        fake.add_user("ULT", name="Siân O’Neill", email="lt@nhs.example")
        fake.add_user("UBOTTY", name="Some app", is_bot=True)
        fake.add_user("UKIWI", name="Aroha", tz="Pacific/Auckland")
        yield fake


@pytest.fixture(scope="session")
def configured_sqlite(migrated_sqlite: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The e2e tests' starting database, made once: migrated, with the full configuration."""
    engine = sqlite_copy(migrated_sqlite, tmp_path_factory.mktemp("template") / "e2e.db")
    config = full_configuration(ics_count=8, coordinators=["UCOORD", "UCOORD2"])
    sync_configuration(config, UnitOfWorkFactory(engine)(), NOW)
    engine.dispose()
    return Path(engine.url.database)


@pytest.fixture
def harness(slack: FakeSlack, configured_sqlite: Path, tmp_path) -> Iterator[Harness]:
    engine = sqlite_copy(configured_sqlite, tmp_path / "e2e.db")
    factory = UnitOfWorkFactory(engine)
    running = Harness(slack, factory, Clock(NOW))
    slack.reset()
    yield running
    running.close()
    engine.dispose()


@pytest.fixture
def jobs(harness: Harness, monkeypatch, tmp_path):
    """`cascade jobs run --now WHEN`, configured like an operator's cron job."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", harness.uow_factory.engine.url.render_as_string(False))
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-cron")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "unused")
    monkeypatch.setenv("SLACK_API_URL", harness.slack.api_url)
    # The real pacer would wait a second between two messages to one person: nobody sleeps here.
    monkeypatch.setattr("bot.outbox.slack.Pacer", lambda: Pacer(sleep=harness.paced.append))

    def run(when: datetime) -> None:
        assert main(["jobs", "run", "--now", when.isoformat()]) == 0

    return run
