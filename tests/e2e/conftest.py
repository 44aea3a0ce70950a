from __future__ import annotations

from collections.abc import Iterator

import pytest

from handlers.configuration import sync_configuration
from storage.engine import create_engine_for
from storage.migrate import upgrade
from storage.unit_of_work import UnitOfWorkFactory
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
        fake.add_user("UBOTTY", name="Some app", is_bot=True)
        fake.add_user("UKIWI", name="Aroha", tz="Pacific/Auckland")
        yield fake


@pytest.fixture
def harness(slack: FakeSlack, tmp_path) -> Iterator[Harness]:
    engine = create_engine_for(f"sqlite:///{tmp_path / 'e2e.db'}")
    upgrade(engine)
    factory = UnitOfWorkFactory(engine)
    config = full_configuration(ics_count=8, coordinators=["UCOORD", "UCOORD2"])
    sync_configuration(config, factory(), NOW)
    running = Harness(slack, factory, Clock(NOW))
    slack.reset()
    yield running
    running.close()
    engine.dispose()
