"""What coordinators may change of the offer and the requirements: nothing in use dropped."""

from __future__ import annotations

import pytest

from domain.catalogue import Catalogue
from domain.errors import ConfigConflict, DomainError, NotAllowed
from domain.programme_content import keyed_texts, offer_refusals, requirement_refusals
from domain.requirements import Requirement
from handlers import commands as c
from handlers.configuration import sync_configuration
from handlers.programme_content import edit_offer, edit_requirements
from tests.factories import (
    COORDINATOR,
    LEAD_KM,
    NOW,
    catalogue_config,
    full_configuration,
    programme,
)
from tests.unit.fakes import FakeUnitOfWork


def _uow() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    sync_configuration(full_configuration(ics_count=2), uow, NOW)
    return uow


def _offer(**changes: object) -> c.EditOffer:
    values: dict = {
        "actor": COORDINATOR,
        "programme_key": "lsc-t4t",
        "description": "About",
        "criteria": (("experience", "Experience"), ("knowledge", "Knowledge")),
        "confirmations": (("discussed-with-academy", "Discussed"),),
    }
    return c.EditOffer(**(values | changes))


def test_kept_items_keep_their_key_and_new_ones_get_a_unique_one() -> None:
    old = programme().criteria
    typed = [("knowledge", "Knows"), (None, "Experience"), ("experience", ""), (None, "Knows")]
    assert keyed_texts(old, typed) == [
        {"key": "knowledge", "text": "Knows"},
        {"key": "experience-2", "text": "Experience"},  # "experience" is still taken
        {"key": "knows", "text": "Knows"},
    ]


def test_removing_a_criterion_is_refused_only_once_nominees_confirmed() -> None:
    old = programme()
    new = old.model_copy(update={"criteria": old.criteria[:1], "confirmations": ()})
    assert offer_refusals(old, new, 0) == {}
    problems = offer_refusals(old, new, 1)
    assert set(problems) == {"criteria:knowledge", "confirmations:discussed-with-academy"}
    assert "confirmed by 1 nominee," in problems["criteria:knowledge"]


def test_a_requirement_with_history_may_change_but_not_go() -> None:
    old = Catalogue(**catalogue_config())
    changed = [
        r.model_copy(update={"every_months": 6}) for r in old.requirements if r.key != "lt-tutor"
    ]
    new = old.model_copy(update={"requirements": tuple(changed)})
    assert requirement_refusals(old, new, {"lt-review": "2 people reminded"}) == {}
    assert requirement_refusals(old, new, {"lt-tutor": "2 people reminded"}) == {
        "requirements:lt-tutor": "Tutor training yearly has history (2 people reminded), so "
        "it cannot be removed (you can change it)"
    }


def test_the_offer_is_saved_and_audited_by_a_coordinator_only() -> None:
    uow = _uow()
    with pytest.raises(NotAllowed):
        edit_offer(_offer(actor=LEAD_KM), uow, NOW)
    with pytest.raises(DomainError) as refused:
        edit_offer(_offer(criteria=(("experience", ""),)), uow, NOW)
    assert refused.value.field == "criteria"  # a programme needs a criterion
    saved = edit_offer(_offer(criteria=(("experience", "Experience"),)), uow, NOW)
    assert [x.key for x in saved.criteria] == ["experience"]
    assert [x.key for x in uow.programmes.get("lsc-t4t").criteria] == ["experience"]
    notes = uow.audit.notes
    mine = [(who, what) for who, subject, what, _, _ in notes if subject != "configuration"]
    assert mine == [(COORDINATOR.user_id, "edited the offer")]


def test_requirements_refused_where_they_cannot_count() -> None:
    uow = _uow()
    row = c.RequirementRow(
        name="Deliveries in hours",
        role="lead-trainer",
        log_types=("tutor-training-delivered",),
        every_months=12,
        hours=10,
        slot="+1",
    )
    cmd = c.EditRequirements(actor=COORDINATOR, programme_key="lsc-t4t", requirements=(row,))
    with pytest.raises(DomainError) as refused:
        edit_requirements(cmd, uow, NOW)
    assert refused.value.field == "requirements:+1:hours"
    kept = [Requirement(**r).model_dump() for r in catalogue_config()["requirements"]]
    assert [r.model_dump() for r in uow.catalogue.value.requirements] == kept


def test_removing_a_requirement_people_were_reminded_of_is_refused() -> None:
    uow = _uow()
    everything_but_one = tuple(
        c.RequirementRow(key=r.key, **r.model_dump(exclude={"key"}))
        for r in uow.catalogue.value.requirements
        if r.key != "lt-review"
    )
    cmd = c.EditRequirements(
        actor=COORDINATOR, programme_key="lsc-t4t", requirements=everything_but_one
    )
    uow.outbox.sent_periods = lambda reason: {("ULT", "requirement:lt-review"): {"p"}}
    with pytest.raises(ConfigConflict) as refused:
        edit_requirements(cmd, uow, NOW)
    assert refused.value.problems == {
        "requirements:lt-review": "Review group yearly has history (1 people reminded), so it "
        "cannot be removed (you can change it)"
    }
