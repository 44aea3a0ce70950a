"""A person's Home tab, from fresh reads of everything their roles call for."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from bot.blocks.home import home_view
from domain.people import Actor
from handlers.compliance import compliance
from handlers.queries import overview, undelivered
from handlers.supervision import my_record
from storage.unit_of_work import UnitOfWorkFactory

FAILURES_SHOWN_FOR = timedelta(days=14)


def home_for(actor: Actor, uow_factory: UnitOfWorkFactory, now: datetime) -> dict[str, Any]:
    mine = overview(actor, uow_factory(read_only=True), now)
    record = my_record(actor, uow_factory(read_only=True), now)
    if not mine.coordinating:
        return home_view(mine, record)
    people = compliance(actor, uow_factory(read_only=True), now)
    failures = undelivered(actor, uow_factory(read_only=True), now - FAILURES_SHOWN_FOR)
    return home_view(mine, record, people, failures)
