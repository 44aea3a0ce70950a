"""Requests for a step and mentor capacity hold under real concurrency (SQLite, PostgreSQL);
the schema's own safety nets are there."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import insert, select

from domain.accreditation.mentoring import Pair
from domain.accreditation.pathways import StepRequest
from domain.kernel.errors import ConcurrentChange
from storage.tables import StepRequestRow
from storage.unit_of_work import UnitOfWorkFactory
from tests.factories import NOW
from tests.integration.test_concurrency import hammer

CAPACITY = 3


def test_many_presses_of_request_at_once_store_one_request(uow_factory) -> None:
    stored: Counter[bool] = Counter()

    def attempt(i: int) -> None:
        with uow_factory.patient() as uow:
            stored[uow.accreditations.ask(StepRequest("UA", "tutor", "observed", NOW))] += 1
            uow.commit()

    assert hammer(20, attempt) == Counter({"ok": 20})
    assert stored == Counter({True: 1, False: 19})
    with uow_factory(read_only=True) as uow:
        assert len(uow.accreditations.requests("UA")) == 1


def test_a_mentor_is_never_paired_past_capacity_by_pairings_at_once(uow_factory) -> None:
    def attempt(i: int) -> None:
        with uow_factory.patient() as uow:
            uow.pairs.lock_mentor("UM")
            if len(uow.pairs.active(mentor="UM")) < CAPACITY:
                uow.pairs.add(Pair("UM", f"U{i}", "UCOORD", NOW + timedelta(seconds=i)))
            uow.commit()

    assert hammer(12, attempt) == Counter({"ok": 12})
    with uow_factory(read_only=True) as uow:
        assert len(uow.pairs.active(mentor="UM")) == CAPACITY


def test_a_closed_request_keeps_when_it_closed_and_only_one_stays_open(
    uow_factory: UnitOfWorkFactory,
) -> None:
    with uow_factory() as uow:
        uow.accreditations.ask(StepRequest("UA", "tutor", "observed", NOW))
        uow.commit()
    with uow_factory() as uow:
        uow.accreditations.close_requests("UA", "tutor", "observed")
        uow.accreditations.ask(StepRequest("UA", "tutor", "observed", NOW))
        uow.commit()
    with uow_factory() as uow:
        rows = uow.session.scalars(select(StepRequestRow).order_by(StepRequestRow.id)).all()
        assert [row.closed_at is None for row in rows] == [False, True]
        assert rows[0].closed_at.tzinfo is not None  # the database's clock, read back in UTC
        assert abs(rows[0].closed_at - datetime.now(UTC)) < timedelta(minutes=5)
    open_again = {"person": "UA", "pathway": "tutor", "step": "observed", "asked_at": NOW}
    with pytest.raises(ConcurrentChange), uow_factory() as uow:  # the index, behind ask()
        uow.session.execute(insert(StepRequestRow).values(open_again))


def test_coordinators_changing_pathways_and_roles_at_once_lose_nothing(uow_factory) -> None:
    from domain.kernel.people import Actor
    from handlers.accreditation.admin import save_pathway, save_role_holders
    from handlers.accreditation.commands import SavePathway, SaveRoleHolders, StepDraft
    from handlers.programme_admin.configuration import sync_configuration
    from tests.factories import accreditation_configuration

    sync_configuration(accreditation_configuration(coordinators=["UCOORD"]), uow_factory(), NOW)
    roles = ["assessor-trainer", "trainer-of-lead-trainers", "mentee"]
    step = StepDraft(name="Observe", signed_off_by=("assessor-trainer",))

    def attempt(i: int) -> None:
        actor = Actor(user_id="UCOORD")
        if i % 2:
            holders = {roles[i // 2]: (f"UHOLDER{i}",)}
            save_role_holders(
                SaveRoleHolders(actor=actor, holders=holders), uow_factory.patient(), NOW
            )
        else:
            cmd = SavePathway(
                actor=actor, name=f"Pathway {i}", grants_role="lead-trainer", steps=(step,)
            )
            save_pathway(cmd, uow_factory.patient(), NOW)

    assert hammer(6, attempt) == Counter({"ok": 6})
    with uow_factory(read_only=True) as uow:
        catalogue = uow.catalogue.get()
    assert {"pathway-0", "pathway-2", "pathway-4"} <= {p.key for p in catalogue.pathways}
    members = {r.key: r.members for r in catalogue.roles}
    assert [members[role] for role in roles] == [("UHOLDER1",), ("UHOLDER3",), ("UHOLDER5",)]
