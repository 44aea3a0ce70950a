"""The ack benchmark's data: a migrated database, a programme, and for every measured request
its own user, never seen by Cascade, and (for eligibility and Confirm) its own nomination.

Set-up goes straight through the use cases; the messages it would cause are cancelled, so the
dispatcher only sends what the measured requests cause.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from bench.common import Database, database  # noqa: F401 - the runs import it from here
from bot.features import install
from domain.kernel.outbox import State
from domain.kernel.people import Actor
from domain.kernel.programme import Ics
from domain.programme_admin.configuration import Configuration
from handlers.nominations.commands import ConfirmEligibility, Nominate
from handlers.nominations.eligibility import confirm_eligibility
from handlers.nominations.nominate import nominate
from handlers.programme_admin.configuration import sync_configuration
from storage.kernel.engine import read_only
from storage.tables import InboxRow, OutboxRow
from storage.unit_of_work import UnitOfWorkFactory
from tests.factories import ALL_CONFIRMATIONS, ALL_CRITERIA, NOW, programme

install()  # every feature's part of the kernel's tables, as the app has them

PROGRAMME = "lsc-t4t"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
KINDS = ("nominate", "eligibility", "confirm")
TEMPLATE_NOMINEE = "UTEMPLATE"  # opens the one real eligibility form the others are made from
PER_ICS = 5


@dataclass(frozen=True)
class Cast:
    """Who sends each measured request: per kind, (user id, nomination id or 0), in order."""

    subjects: dict[str, list[tuple[str, int]]]
    template: int  # the template nominee's nomination
    nominators: tuple[str, ...]  # the ICS leads who made the set-up nominations

    def everyone(self) -> list[str]:
        users = [u for kind in KINDS for u, _ in self.subjects[kind]]
        return [*users, *self.nominators, TEMPLATE_NOMINEE]


def configuration_for(count: int) -> tuple[Configuration, list[str]]:
    """Enough ICSs (5 nominations each) for ``2 * count + 1`` nominations; ``count`` leads who
    only ever send `/nominate`, and ``count`` coordinators who only ever click Confirm."""
    nominations = 2 * count + 1
    ics_count = math.ceil(nominations / PER_ICS) + 1
    nominators = [f"ULEAD{i:04d}" for i in range(ics_count)]
    leads: list[list[str]] = [[n] for n in nominators]
    for i in range(count):
        leads[i % ics_count].append(f"UNOM{i:04d}")
    ics = tuple(
        Ics(key=f"ics-{i:04d}", name=f"ICS {i:04d}", leads=tuple(leads[i]))
        for i in range(ics_count)
    )
    cohorts = programme().model_dump(mode="json")["cohorts"]
    chosen = programme(
        total_places=100_000,
        per_ics_limit=PER_ICS,
        cohorts=[{**co, "places": None} for co in cohorts],  # Confirm never runs out of places
        coordinators=["UCOORD", *(f"UCOO{i:04d}" for i in range(count))],
    )
    return Configuration(programmes=(chosen,), ics=ics), nominators


def set_up(factory: UnitOfWorkFactory, count: int) -> Cast:
    """``count`` requests' worth of everything for each kind, and nothing left to send."""
    config, nominators = configuration_for(count)
    sync_configuration(config, factory(), NOW)
    slots = iter(
        (ics.key, ics.leads[0]) for ics in config.ics for _ in range(PER_ICS)
    )  # each ICS's nominator uses its 5 nominations

    def nominated(nominee: str) -> int:
        ics_key, lead = next(slots)
        cmd = Nominate(
            actor=Actor(user_id=lead),
            programme_key=PROGRAMME,
            ics_key=ics_key,
            nominee_id=nominee,
        )
        return nominate(cmd, factory(), NOW).nomination.id or 0

    def pending(nominee: str) -> int:
        nid = nominated(nominee)
        cmd = ConfirmEligibility(
            actor=Actor(user_id=nominee),
            nomination_id=nid,
            criteria=ALL_CRITERIA,
            confirmations=ALL_CONFIRMATIONS,
            first_choice="cohort-1",
        )
        confirm_eligibility(cmd, factory(), NOW)
        return nid

    subjects = {
        "nominate": [(f"UNOM{i:04d}", 0) for i in range(count)],
        "eligibility": [(f"UELI{i:04d}", nominated(f"UELI{i:04d}")) for i in range(count)],
        "confirm": [(f"UCOO{i:04d}", pending(f"UPEN{i:04d}")) for i in range(count)],
    }
    cast = Cast(subjects, nominated(TEMPLATE_NOMINEE), tuple(nominators))
    cancel_outbox(factory)
    assert not known(factory, cast.everyone()), "measured users must be new to Cascade"
    return cast


def cancel_outbox(factory: UnitOfWorkFactory) -> None:
    with factory() as uow:
        uow.outbox.cancel([m.id for m in uow.outbox.list() if m.state is State.PENDING], NOW)
        uow.commit()


def known(factory: UnitOfWorkFactory, users: list[str]) -> list[str]:
    """Those of ``users`` in the people table (Cascade has met them)."""
    with factory(read_only=True) as uow:
        return [u for u in users if uow.people.get(u) is not None]


def unsent(factory: UnitOfWorkFactory) -> int:
    """Outbox rows due and not yet sent (or given up on): one cheap count, polled often."""
    query = select(func.count()).where(
        OutboxRow.state.in_([State.PENDING.value, State.CLAIMED.value]), OutboxRow.due_at <= NOW
    )
    with read_only(factory.engine).connect() as connection:
        return connection.execute(query).scalar_one()


def waiting(factory: UnitOfWorkFactory) -> int:
    """Requests acknowledged and not yet carried out (the inbox)."""
    with read_only(factory.engine).connect() as connection:
        return connection.execute(select(func.count()).select_from(InboxRow)).scalar_one()


def confirmed(factory: UnitOfWorkFactory, nomination_ids: list[int]) -> int:
    with factory(read_only=True) as uow:
        return sum(uow.nominations.get(n).cohort_key is not None for n in nomination_ids)


def form_for(template: dict[str, Any], nomination_id: int) -> dict[str, Any]:
    """The eligibility form Cascade would open for ``nomination_id``: the template's, with the
    nomination's id where the template has its own (metadata, the decline button)."""
    view = json.loads(json.dumps(template))
    view["private_metadata"] = json.dumps(
        {**json.loads(template["private_metadata"]), "nomination": nomination_id}
    )
    view["id"] = f"VELI{nomination_id:05d}"
    for block in view["blocks"]:
        for element in block.get("elements", []):
            if element.get("action_id") == "eligibility_nominee_declines":
                element["value"] = str(nomination_id)
    return view
