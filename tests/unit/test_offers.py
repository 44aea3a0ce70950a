"""Waitlist offers with consent: a freed place is offered, answered, or passed on."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.kernel.errors import InvalidTransition, NoPlacesLeft, NotAllowed
from domain.kernel.people import Actor
from domain.nominations.nomination import Status
from handlers.nominations import decisions, offers
from handlers.nominations.commands import AnswerOffer, ReorderWaitlist, Waitlist, Withdraw
from handlers.programme_admin.configuration import sync_configuration
from tests.factories import COORDINATOR, NOW, configuration, programme
from tests.unit.fakes.unit_of_work import FakeUnitOfWork
from tests.unit.test_nomination_handlers import allocate, pending

# NOW is Thursday 1 October 2026, 10:00 in London: three working days on is Tuesday.
DEADLINE = datetime(2026, 10, 6, 9, 0, tzinfo=UTC)


@pytest.fixture
def uow() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    sync_configuration(configuration(ics_count=8), uow, NOW)
    return uow


def one_place_each(uow: FakeUnitOfWork, **extra) -> None:
    cohorts = [{**co, "places": 1} for co in programme().model_dump(mode="json")["cohorts"]]
    uow.programmes.save(programme(total_places=2, cohorts=cohorts, **extra))


def waitlisted(uow: FakeUnitOfWork, nominee: str, first: str = "cohort-1") -> int:
    nid = pending(uow, nominee, first=first)
    decisions.waitlist(Waitlist(actor=COORDINATOR, nomination_id=nid), uow, NOW)
    return nid


def full_with_waitlist(uow: FakeUnitOfWork, *waiting: str) -> tuple[int, list[int]]:
    """Both one-place cohorts taken (UA in cohort-1); ``waiting`` want cohort-1, in order."""
    one_place_each(uow)
    ua, ub = pending(uow, "UA"), pending(uow, "UB", first="cohort-2")
    allocate(uow, ua)
    allocate(uow, ub)
    return ua, [waitlisted(uow, nominee) for nominee in waiting]


def withdraw(uow, nid: int, who: str = "UA", at: datetime = NOW):
    return decisions.withdraw(Withdraw(actor=Actor(user_id=who), nomination_id=nid), uow, at)


def answer(uow, nid: int, who: str, accept: bool, at: datetime = NOW):
    command = AnswerOffer(actor=Actor(user_id=who), nomination_id=nid, accept=accept)
    return offers.answer_offer(command, uow, at)


def test_a_freed_place_is_offered_with_a_deadline_and_kept_for_that_person(uow) -> None:
    ua, (uc, ud) = full_with_waitlist(uow, "UC", "UD")
    out = withdraw(uow, ua)
    offered = uow.nominations.get(uc)
    assert out.promoted is not None and out.promoted.id == uc
    assert (offered.status, offered.cohort_key) == (Status.OFFERED, "cohort-1")
    assert offered.offer_expires_at == DEADLINE  # three working days, over the weekend
    assert uow.nominations.get(ud).status is Status.WAITLISTED
    with pytest.raises(NoPlacesLeft):  # the offered place is not anyone else's to take
        allocate(uow, ud)


def test_the_offer_deadline_is_configurable_in_working_days(uow) -> None:
    one_place_each(uow, offer_working_days=1)
    ua = pending(uow, "UA")
    allocate(uow, ua)
    pending(uow, "UB", first="cohort-2")
    uc = waitlisted(uow, "UC")
    withdraw(uow, ua)
    assert uow.nominations.get(uc).offer_expires_at == NOW + timedelta(days=1)  # Friday


def test_accepting_in_time_confirms_the_place_once(uow) -> None:
    ua, (uc,) = full_with_waitlist(uow, "UC")
    withdraw(uow, ua)
    with pytest.raises(NotAllowed):
        answer(uow, uc, "UD", accept=True)  # only the person offered the place answers
    out = answer(uow, uc, "UC", accept=True, at=NOW + timedelta(days=2))
    assert (out.nomination.status, out.nomination.cohort_key) == (Status.CONFIRMED, "cohort-1")
    assert out.nomination.offer_expires_at is None
    with pytest.raises(InvalidTransition, match="already confirmed"):
        answer(uow, uc, "UC", accept=True)


def test_an_answer_after_the_deadline_is_refused(uow) -> None:
    ua, (uc,) = full_with_waitlist(uow, "UC")
    withdraw(uow, ua)
    with pytest.raises(InvalidTransition, match="ran out"):
        answer(uow, uc, "UC", accept=True, at=DEADLINE + timedelta(minutes=1))
    assert uow.nominations.get(uc).status is Status.OFFERED


def test_declining_leaves_the_waitlist_and_offers_the_place_to_the_next(uow) -> None:
    ua, (uc, ud) = full_with_waitlist(uow, "UC", "UD")
    withdraw(uow, ua)
    out = answer(uow, uc, "UC", accept=False)
    assert out.nomination.status is Status.WITHDRAWN
    assert out.promoted is not None and out.promoted.id == ud
    assert uow.nominations.get(ud).status is Status.OFFERED


def test_an_unanswered_offer_passes_to_the_next_and_is_not_made_again(uow) -> None:
    ua, (uc, ud) = full_with_waitlist(uow, "UC", "UD")
    withdraw(uow, ua)
    assert offers.expire_offers(uow, DEADLINE - timedelta(seconds=1)) == []
    passed = offers.expire_offers(uow, DEADLINE)
    assert [(o.nomination.id, o.promoted and o.promoted.id) for o in passed] == [(uc, ud)]
    lapsed = uow.nominations.get(uc)
    assert (lapsed.status, lapsed.cohort_key, lapsed.offer_lapsed) == (
        Status.WAITLISTED,
        None,
        True,
    )
    later = DEADLINE + timedelta(days=7)
    passed = offers.expire_offers(uow, later)  # UD did not answer either: nobody else fits
    assert [(o.nomination.id, o.promoted) for o in passed] == [(ud, None)]
    assert uow.nominations.get(uc).status is Status.WAITLISTED
    assert offers.expire_offers(uow, later) == []  # done once
    allocate(uow, uc)  # a coordinator may still give a lapsed person the place


def test_coordinators_reorder_the_waitlist_with_a_reason(uow) -> None:
    ua, (uc, ud, ue) = full_with_waitlist(uow, "UC", "UD", "UE")
    move = ReorderWaitlist(actor=COORDINATOR, nomination_id=ue, position=1, reason="urgent")
    offers.reorder_waitlist(move, uow, NOW)
    order = [n.id for n in offers.waitlist_order(uow, "lsc-t4t")]
    assert order == [ue, uc, ud]
    assert uow.audit.events[-1].reason == "moved to position 1 on the waitlist: urgent"
    withdraw(uow, ua)
    assert uow.nominations.get(ue).status is Status.OFFERED
    with pytest.raises(NotAllowed):
        offers.reorder_waitlist(move.model_copy(update={"actor": Actor(user_id="UC")}), uow, NOW)
    with pytest.raises(ValueError):
        ReorderWaitlist(actor=COORDINATOR, nomination_id=ud, position=1, reason=" ")


def test_anyone_on_the_waitlist_can_leave_it(uow) -> None:
    _, (uc,) = full_with_waitlist(uow, "UC")
    out = withdraw(uow, uc, who="UC")
    assert out.nomination.status is Status.WITHDRAWN and out.promoted is None


def test_a_coordinator_may_confirm_an_offered_place_at_once_or_in_another_cohort(uow) -> None:
    ua, (uc, ud) = full_with_waitlist(uow, "UC", "UD")
    withdraw(uow, ua)
    out = allocate(uow, uc)  # the kept place counts as theirs, not as a full cohort
    assert (out.nomination.status, out.nomination.cohort_key) == (Status.CONFIRMED, "cohort-1")
    assert out.promoted is None and uow.nominations.get(ud).status is Status.WAITLISTED

    uow2 = FakeUnitOfWork()
    sync_configuration(configuration(ics_count=8), uow2, NOW)
    cohorts = [{**co, "places": 2} for co in programme().model_dump(mode="json")["cohorts"]]
    uow2.programmes.save(programme(total_places=3, cohorts=cohorts))
    ua, ub = pending(uow2, "UA"), pending(uow2, "UB", first="cohort-2")
    allocate(uow2, ua)
    allocate(uow2, ub)
    ue = pending(uow2, "UE")
    allocate(uow2, ue)  # all three places taken
    uc, ud = waitlisted(uow2, "UC"), waitlisted(uow2, "UD")
    withdraw(uow2, ua)  # cohort-1 has room again: offered to UC
    assert uow2.nominations.get(uc).status is Status.OFFERED
    out = allocate(uow2, uc, "cohort-2")  # the coordinator puts UC in cohort-2 instead...
    assert out.nomination.cohort_key == "cohort-2"
    assert out.promoted is None  # ...which uses the last place: nothing is left to offer
    assert uow2.nominations.get(ud).status is Status.WAITLISTED


def test_places_added_by_the_programme_file_are_offered_to_the_waitlist(uow) -> None:
    _, (uc, ud, ue) = full_with_waitlist(uow, "UC", "UD", "UE")
    more = [{**co, "places": 2} for co in programme().model_dump(mode="json")["cohorts"]]
    config = configuration(ics_count=8)
    raised = programme(total_places=3, cohorts=more)
    changes = sync_configuration(config.model_copy(update={"programmes": (raised,)}), uow, NOW)
    # One more place in all: offered to the first on the waitlist, the others still wait.
    assert uow.nominations.get(uc).status is Status.OFFERED
    assert [uow.nominations.get(n).status for n in (ud, ue)] == [Status.WAITLISTED] * 2
    assert any("offered" in change and "<@" not in change for change in changes)
    reasons = {m.reason.value for m in uow.outbox.list() if m.recipient == "UC"}
    assert "offer" in reasons
