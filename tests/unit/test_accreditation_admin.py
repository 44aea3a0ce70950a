"""Coordinators' changes to pathways and role holders, on fakes: what they keep, what they
refuse, and that a programme file applied later does not silently undo them."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.kernel.errors import ConfigConflict, DomainError, NotAllowed
from domain.kernel.people import Actor
from handlers.accreditation.admin import role_holders, save_pathway, save_role_holders
from handlers.accreditation.commands import SavePathway, SaveRoleHolders, StepDraft
from handlers.programme_admin.configuration import sync_configuration
from tests.factories import NOW, accreditation_configuration
from tests.unit.fakes.unit_of_work import FakeUnitOfWork
from tests.unit.test_accreditation import observe

COORD = Actor(user_id="UCOORD")
PATHWAY = "assessor-trainer"


@pytest.fixture
def uow() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    sync_configuration(accreditation_configuration(coordinators=["UCOORD"]), uow, NOW, "file-1")
    return uow


def rows(uow: FakeUnitOfWork, **changes) -> SavePathway:
    """The command the form sends when nothing is changed but ``changes``."""
    p = uow.catalogue.get().pathway(PATHWAY)
    steps = tuple(
        StepDraft(
            name=s.name, signed_off_by=s.signed_off_by, evidence=s.evidence.value, asks=s.asks
        )
        for s in p.steps
    )
    fields = dict(
        actor=COORD, pathway_key=PATHWAY, name=p.name, grants_role=p.grants_role,
        open_to=p.open_to, lapse_after_days=p.lapse_after_days, steps=steps,
    ) | changes  # fmt: skip
    return SavePathway(**fields)


def test_a_row_keeps_its_step_and_a_cleared_unused_one_goes(uow: FakeUnitOfWork) -> None:
    observe(uow)  # ULT: "observe" signed off
    steps = rows(uow).steps
    saved = save_pathway(rows(uow, steps=(steps[0], None, steps[2])), uow, NOW)
    assert [s.key for s in saved.steps] == ["observe", "lead"]
    assert uow.catalogue.get().pathway(PATHWAY) == saved


def test_a_step_in_use_or_the_role_of_the_accredited_cannot_go(uow: FakeUnitOfWork) -> None:
    observe(uow)
    steps = rows(uow).steps
    with pytest.raises(ConfigConflict) as refused:
        save_pathway(rows(uow, steps=(None, *steps[1:])), uow, NOW)
    assert refused.value.problems == {
        "step:1": "“Observe an Assessor Training Event” cannot be removed: 1 person has been "
        "signed off for it or asked for it"
    }
    assert len(uow.catalogue.get().pathway(PATHWAY).steps) == 3
    save_pathway(rows(uow, grants_role="lead-trainer"), uow, NOW)  # nobody accredited yet


def test_an_empty_pathway_and_unknown_roles_are_refused(uow: FakeUnitOfWork) -> None:
    with pytest.raises(DomainError, match="at least one step"):
        save_pathway(rows(uow, steps=(None, None)), uow, NOW)
    step = StepDraft(name="Observe", signed_off_by=("no-such-role",))
    with pytest.raises(DomainError, match="unknown role"):
        save_pathway(rows(uow, steps=(step,)), uow, NOW)


def test_only_coordinators_change_them(uow: FakeUnitOfWork) -> None:
    lead = Actor(user_id="ULT")
    with pytest.raises(NotAllowed):
        save_pathway(rows(uow, actor=lead), uow, NOW)
    with pytest.raises(NotAllowed):
        save_role_holders(SaveRoleHolders(actor=lead, holders={}), uow, NOW)
    with pytest.raises(NotAllowed):
        role_holders(lead, uow)


def test_role_holders_keep_people_named_by_email_and_are_audited(uow: FakeUnitOfWork) -> None:
    catalogue = uow.catalogue.get()
    with_email = catalogue.model_copy(
        update={
            "roles": tuple(
                r.model_copy(update={"members": (*r.members, "pat@nhs.example")})
                if r.key == "assessor-trainer"
                else r
                for r in catalogue.roles
            )
        }
    )
    uow.catalogue.save(with_email)
    cmd = SaveRoleHolders(actor=COORD, holders={"assessor-trainer": ("UNEW",)})
    changed = save_role_holders(cmd, uow, NOW)
    assert [r.members for r in changed] == [("UNEW", "pat@nhs.example")]
    assert any(s == "catalogue:role:assessor-trainer" for _, s, *_ in uow.audit.notes)
    unchanged = save_role_holders(cmd, uow, NOW)
    assert unchanged == []


def test_a_file_applied_later_does_not_undo_a_change_made_in_slack(uow: FakeUnitOfWork) -> None:
    save_pathway(rows(uow, lapse_after_days=45), uow, NOW + timedelta(minutes=1))
    edited = accreditation_configuration(coordinators=["UCOORD"], open=False)
    with pytest.raises(ConfigConflict, match="accreditation settings in Slack"):
        sync_configuration(edited, uow, NOW + timedelta(minutes=2), "file-2")
    assert uow.catalogue.get().pathway(PATHWAY).lapse_after_days == 45
