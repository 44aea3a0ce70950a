"""The bot plans reminders in a child process of its own (its acks are not slowed meanwhile):
what the child writes is what planning in the bot would write, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from bot.jobs import InOwnProcess, Planned, PlanningFailed, plan, planner_for
from domain.kernel.people import Person
from domain.programme_admin.configuration import Configuration
from domain.supervision.reasons import SupervisionReason
from handlers.programme_admin.configuration import sync_configuration
from storage.kernel.engine import create_engine_for
from storage.unit_of_work import UnitOfWorkFactory
from tests.conftest import DATA_KEY, clean, sqlite_copy
from tests.factories import NOW, catalogue_config, ics_list, programme

TRAINERS = ["ULT0000001", "ULT0000002"]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database(request: pytest.FixtureRequest, tmp_path) -> Iterator[tuple[str, dict]]:
    """A configured database's address (URL and engine options), as a child would open it."""
    if request.param == "sqlite":
        url, options = f"sqlite:///{tmp_path / 'cascade.db'}", {}
        engine = sqlite_copy(request.getfixturevalue("migrated_sqlite"), tmp_path / "cascade.db")
    else:
        url, options = request.getfixturevalue("postgres_schema")
        engine = create_engine_for(url, **options)
        clean(engine)
    catalogue = catalogue_config()
    for role in catalogue["roles"]:
        if role["key"] == "lead-trainer":
            role["members"] = TRAINERS
    config = Configuration(programmes=(programme(),), ics=ics_list(2), **catalogue)
    factory = UnitOfWorkFactory(engine)
    sync_configuration(config, factory(), NOW)
    with factory() as uow:  # one trainer Cascade has met; the other it has not
        uow.people.save(Person(user_id=TRAINERS[0], tz="Europe/London"), NOW)
        uow.commit()
    yield url, options
    engine.dispose()


class Learning:
    """Stands in for the bot's People: records whom it was asked to learn."""

    def __init__(self) -> None:
        self.asked: list[list[str]] = []

    def learn_now(self, user_ids: list[str]) -> None:
        self.asked.append(list(user_ids))


def test_a_child_process_plans_what_is_due_and_names_whom_to_learn(database) -> None:
    url, options = database
    planner = InOwnProcess(url, options, data_key=DATA_KEY)
    first = planner(NOW)
    assert first.added >= 2 and first.cancelled == 0
    assert first.strangers == [TRAINERS[1]]
    engine = create_engine_for(url, **options)
    try:
        with UnitOfWorkFactory(engine)(read_only=True) as uow:
            reminded = {m.recipient for m in uow.outbox.list(reason=SupervisionReason.REQUIREMENT)}
        assert reminded == set(TRAINERS)
        people = Learning()
        plan(UnitOfWorkFactory(engine), NOW + timedelta(minutes=5), people, planner)
    finally:
        engine.dispose()
    assert people.asked == [[TRAINERS[1]]]  # the bot learns the stranger, in its own process
    assert planner(NOW + timedelta(minutes=10)) == Planned(0, 0, [TRAINERS[1]])  # nothing twice


def test_planning_that_fails_in_the_child_fails_the_run_with_its_reason(tmp_path) -> None:
    planner = InOwnProcess(f"sqlite:///{tmp_path / 'never-migrated.db'}")
    with pytest.raises(PlanningFailed, match="no such table"):
        planner(NOW)


def test_an_in_memory_database_is_planned_in_this_process(tmp_path) -> None:
    factory = UnitOfWorkFactory(create_engine_for("sqlite://"))
    assert not isinstance(planner_for("sqlite://", factory, DATA_KEY), InOwnProcess)
    assert planner_for(f"sqlite:///{tmp_path / 'c.db'}", factory, DATA_KEY) == InOwnProcess(
        f"sqlite:///{tmp_path / 'c.db'}", data_key=DATA_KEY
    )
