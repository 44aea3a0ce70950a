"""The coordinator's list of facilitators reads the database a fixed number of times, however
many facilitators there are: Home must appear within a second for a coordinator of hundreds."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy import Engine, event

from domain.kernel.people import Actor
from domain.nominations.nomination import Nomination, Status
from domain.programme_admin.configuration import Configuration
from handlers.programme_admin.configuration import sync_configuration
from handlers.supervision.commands import LogEntry
from handlers.supervision.entries import log_entry
from handlers.supervision.facilitators import facilitators_page
from storage.unit_of_work import UnitOfWorkFactory
from tests.conftest import clean
from tests.factories import COORDINATOR, NOW, catalogue_config, ics_list, programme


def configured(engine: Engine, people: list[str]) -> UnitOfWorkFactory:
    factory = UnitOfWorkFactory(engine)
    catalogue = catalogue_config()
    catalogue["roles"] = [
        {"key": "lsc-facilitator", "name": "LSC facilitator", "members": people},
        {"key": "lead-trainer", "name": "Lead trainer", "members": []},
    ]
    config = Configuration(programmes=(programme(),), ics=ics_list(2), **catalogue)
    sync_configuration(config, factory(), NOW)
    for i, person in enumerate(people):
        day = NOW.date() - timedelta(days=30 + 40 * (i % 6))
        entry = LogEntry(
            actor=Actor(user_id=person), log_type="review-group", occurred_on=day,
            duration_minutes=60,
        )  # fmt: skip
        log_entry(entry, factory(), NOW)
        if i % 2:
            with factory() as uow:
                uow.nominations.add(
                    Nomination("lsc-t4t", "kent-medway", person, "ULEADKM", NOW,
                               status=Status.ATTENDED)
                )  # fmt: skip
                uow.commit()
    return factory


@contextmanager
def statements(engine: Engine) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def reads_for(engine: Engine, people: list[str]) -> tuple[int, int]:
    factory = configured(engine, people)
    with statements(engine) as seen:
        page = facilitators_page(COORDINATOR, factory(read_only=True), NOW)
    assert page.total == len(people)
    assert page.attention == sum(1 for i in range(len(people)) if 30 + 40 * (i % 6) > 365 // 4)
    return len(seen), page.total


def test_the_list_of_facilitators_reads_as_much_for_forty_people_as_for_four(engine) -> None:
    few, _ = reads_for(engine, [f"UF{i:03d}" for i in range(4)])
    clean(engine)  # start again, with ten times as many
    many, _ = reads_for(engine, [f"UM{i:03d}" for i in range(40)])
    assert many == few, f"{few} statements for 4 facilitators, {many} for 40"
