"""The nomination use cases against an in-memory unit of work."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.kernel.errors import (
    AlreadyNominated,
    EligibilityIncomplete,
    InvalidTransition,
    NoPlacesLeft,
    NotAllowed,
    NotFound,
    QuotaExceeded,
)
from domain.kernel.outbox import KernelReason
from domain.kernel.people import Actor
from domain.nominations.nomination import Status
from domain.nominations.reasons import NominationReason
from handlers.nominations import decisions
from handlers.nominations import nominate as h
from handlers.nominations.commands import (
    AskToMove,
    ConfirmEligibility,
    ConfirmPlace,
    Decline,
    MovePlace,
    Nominate,
    RecordAttendance,
    Waitlist,
    Withdraw,
)
from handlers.nominations.eligibility import confirm_eligibility
from handlers.programme_admin.configuration import sync_configuration
from tests.factories import (
    ALL_CONFIRMATIONS,
    ALL_CRITERIA,
    COORDINATOR,
    LEAD_KM,
    LEAD_SX,
    NOW,
    configuration,
    programme,
)
from tests.unit.fakes.unit_of_work import FakeUnitOfWork


@pytest.fixture
def uow() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    sync_configuration(configuration(ics_count=8), uow, NOW)
    return uow


def nominate(uow, nominee: str, *, by: Actor = LEAD_KM, ics: str = "kent-medway"):
    cmd = Nominate(actor=by, programme_key="lsc-t4t", ics_key=ics, nominee_id=nominee)
    return h.nominate(cmd, uow, NOW)


def eligible(uow, nomination_id: int, nominee: str, first="cohort-1", second=None, either=False):
    cmd = ConfirmEligibility(
        actor=Actor(user_id=nominee),
        nomination_id=nomination_id,
        criteria=ALL_CRITERIA,
        confirmations=ALL_CONFIRMATIONS,
        first_choice=first,
        second_choice=second,
        either=either,
    )
    return confirm_eligibility(cmd, uow, NOW)


def pending(uow, nominee: str, ics: str = "kent-medway", by: Actor = COORDINATOR, **pref):
    outcome = nominate(uow, nominee, by=by, ics=ics)
    return eligible(uow, outcome.nomination.id, nominee, **pref).nomination.id


def allocate(uow, nomination_id: int, cohort: str | None = None):
    cmd = ConfirmPlace(actor=COORDINATOR, nomination_id=nomination_id, cohort_key=cohort)
    return decisions.confirm_place(cmd, uow, NOW)


def test_lead_nominates_and_learns_how_many_nominations_are_used(uow) -> None:
    first = nominate(uow, "UA")
    second = nominate(uow, "UB")
    assert (first.used, second.used) == (1, 2)
    assert second.nomination.status is Status.NOMINATED
    assert uow.programmes.locks[-1] == "programme:lsc-t4t"
    assert uow.ics.locks[-1] == "ics:kent-medway"
    assert [e.to_status for e in uow.audit.events] == [Status.NOMINATED, Status.NOMINATED]


def test_sixth_nomination_for_an_ics_is_refused_with_the_count(uow) -> None:
    for i in range(5):
        nominate(uow, f"U{i}")
    with pytest.raises(QuotaExceeded, match="Kent and Medway has used 5 of 5 nominations"):
        nominate(uow, "U5")
    assert uow.nominations.count_active("lsc-t4t", "kent-medway") == 5


def test_withdrawn_and_declined_nominations_free_the_ics_quota(uow) -> None:
    ids = [nominate(uow, f"U{i}").nomination.id for i in range(5)]
    decisions.withdraw(Withdraw(actor=Actor(user_id="U0"), nomination_id=ids[0]), uow, NOW)
    decisions.decline(
        Decline(actor=COORDINATOR, nomination_id=ids[1], reason="Not eligible"), uow, NOW
    )
    assert nominate(uow, "U5").used == 4


def test_one_active_nomination_per_person_per_programme(uow) -> None:
    nominate(uow, "UA")
    with pytest.raises(AlreadyNominated, match="already has a nomination") as refused:
        nominate(uow, "UA", by=LEAD_SX, ics="sussex")
    assert refused.value.field == "nominee"


def test_only_leads_of_that_ics_or_coordinators_nominate(uow) -> None:
    with pytest.raises(NotAllowed, match="not a lead for Sussex"):
        nominate(uow, "UA", by=LEAD_KM, ics="sussex")
    assert nominate(uow, "UA", by=Actor(user_id="UX", email="lead@sussex.example"), ics="sussex")
    assert nominate(uow, "UB", by=COORDINATOR, ics="sussex")
    with pytest.raises(NotFound, match="no ICS called 'nowhere'"):
        nominate(uow, "UC", ics="nowhere")


def test_nominee_confirms_every_criterion_and_chooses_cohorts(uow) -> None:
    outcome = nominate(uow, "UA")
    with pytest.raises(NotAllowed):
        eligible(uow, outcome.nomination.id, "USOMEONE_ELSE")
    with pytest.raises(EligibilityIncomplete, match="Not ticked: At least 2-3 years"):
        confirm_eligibility(
            ConfirmEligibility(
                actor=Actor(user_id="UA"),
                nomination_id=outcome.nomination.id,
                criteria=frozenset({"knowledge"}),
                confirmations=ALL_CONFIRMATIONS,
                first_choice="cohort-1",
            ),
            uow,
            NOW,
        )
    done = eligible(uow, outcome.nomination.id, "UA", first="cohort-2", either=True)
    assert done.nomination.status is Status.PENDING_REVIEW
    assert done.nomination.preference.in_order(("cohort-1", "cohort-2")) == ["cohort-2", "cohort-1"]
    assert done.nomination.eligibility_confirmed_at == NOW
    with pytest.raises(InvalidTransition, match="already pending review"):
        eligible(uow, outcome.nomination.id, "UA")


def test_only_coordinators_decide(uow) -> None:
    nid = pending(uow, "UA")
    for action in (
        lambda: decisions.confirm_place(ConfirmPlace(actor=LEAD_KM, nomination_id=nid), uow, NOW),
        lambda: decisions.waitlist(Waitlist(actor=LEAD_KM, nomination_id=nid), uow, NOW),
        lambda: decisions.decline(Decline(actor=LEAD_KM, nomination_id=nid, reason="x"), uow, NOW),
    ):
        with pytest.raises(NotAllowed, match="Only the coordinators"):
            action()
    assert uow.nominations.get(nid).status is Status.PENDING_REVIEW


def test_confirm_allocates_the_preferred_cohort_or_the_one_chosen(uow) -> None:
    a = pending(uow, "UA", first="cohort-2")
    b = pending(uow, "UB", first="cohort-2")
    assert allocate(uow, a).nomination.cohort_key == "cohort-2"
    assert allocate(uow, b, "cohort-1").nomination.cohort_key == "cohort-1"
    assert uow.programmes.locks[-1] == "cohort:lsc-t4t/cohort-1"
    with pytest.raises(InvalidTransition, match="already confirmed"):
        allocate(uow, a)


def test_full_cohort_and_full_programme_are_refused_and_nothing_changes(uow) -> None:
    ids = [pending(uow, f"U{i}", ics=f"ics-{i // 5:02d}") for i in range(16)]
    for nid in ids[:15]:
        allocate(uow, nid)
    with pytest.raises(NoPlacesLeft, match="Cohort 1 is full: 15 of 15") as full:
        allocate(uow, ids[15])
    assert full.value.nomination_id == ids[15] and full.value.can_waitlist
    assert uow.nominations.get(ids[15]).status is Status.PENDING_REVIEW
    assert allocate(uow, ids[15], "cohort-2").nomination.status is Status.CONFIRMED


def test_decline_needs_a_reason_and_waitlist_keeps_the_preference(uow) -> None:
    a, b = pending(uow, "UA"), pending(uow, "UB")
    declined = decisions.decline(
        Decline(actor=COORDINATOR, nomination_id=a, reason=" Full "), uow, NOW
    )
    assert declined.nomination.reason == "Full" and declined.nomination.status is Status.DECLINED
    waiting = decisions.waitlist(Waitlist(actor=COORDINATOR, nomination_id=b), uow, NOW)
    assert waiting.nomination.status is Status.WAITLISTED
    with pytest.raises(ValueError):
        Decline(actor=COORDINATOR, nomination_id=a, reason="")


def test_withdrawal_offers_the_freed_place_to_the_first_waitlisted_person_who_fits(uow) -> None:
    cohorts = [{**co, "places": 1} for co in programme().model_dump(mode="json")["cohorts"]]
    uow.programmes.save(programme(total_places=2, cohorts=cohorts))
    confirmed = [pending(uow, "UA"), pending(uow, "UB", first="cohort-2")]
    for nid in confirmed:
        allocate(uow, nid)
    wants_2 = pending(uow, "UC", first="cohort-2")
    wants_1 = pending(uow, "UD", first="cohort-1")
    for nid in (wants_2, wants_1):
        decisions.waitlist(Waitlist(actor=COORDINATOR, nomination_id=nid), uow, NOW)
    with pytest.raises(NoPlacesLeft, match="full: 2 of 2"):
        allocate(uow, wants_1)
    out = decisions.withdraw(
        Withdraw(actor=Actor(user_id="UA"), nomination_id=confirmed[0]), uow, NOW
    )
    assert out.nomination.status is Status.WITHDRAWN
    assert out.promoted is not None and out.promoted.nominee_id == "UD"
    assert out.promoted.cohort_key == "cohort-1" and out.promoted.status is Status.OFFERED
    assert uow.nominations.get(wants_2).status is Status.WAITLISTED


def test_withdraw_is_refused_to_strangers_and_attendance_waits_for_the_cohort(uow) -> None:
    nid = pending(uow, "UA")
    with pytest.raises(NotAllowed):
        decisions.withdraw(Withdraw(actor=LEAD_SX, nomination_id=nid), uow, NOW)
    allocate(uow, nid)
    record = RecordAttendance(actor=COORDINATOR, nomination_id=nid, attended=True)
    with pytest.raises(InvalidTransition, match="has not started yet"):
        decisions.record_attendance(record, uow, NOW)
    after = NOW + timedelta(days=40)
    assert decisions.record_attendance(record, uow, after).nomination.status is Status.ATTENDED


def test_a_refused_request_leaves_no_partial_changes(uow) -> None:
    nid = pending(uow, "UA")
    before = uow.nominations.get(nid)
    with pytest.raises(NotAllowed):
        decisions.confirm_place(ConfirmPlace(actor=LEAD_KM, nomination_id=nid), uow, NOW)
    assert uow.nominations.get(nid) == before


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(["nominate", "withdraw"]), st.integers(0, 9)), max_size=30)
)
def test_active_nominations_never_exceed_the_ics_limit(steps) -> None:
    """Any sequence of nominations and withdrawals keeps an ICS at or under its limit."""
    uow = FakeUnitOfWork()
    sync_configuration(configuration(), uow, NOW)
    for action, person in steps:
        active = uow.nominations.count_active("lsc-t4t", "kent-medway")
        if action == "nominate":
            try:
                nominate(uow, f"U{person}")
            except QuotaExceeded:
                assert active == 5
            except AlreadyNominated:
                assert uow.nominations.active_for("lsc-t4t", f"U{person}") is not None
        else:
            found = uow.nominations.active_for("lsc-t4t", f"U{person}")
            if found:
                decisions.withdraw(Withdraw(actor=COORDINATOR, nomination_id=found.id), uow, NOW)
        assert uow.nominations.count_active("lsc-t4t", "kent-medway") <= 5


def test_once_every_cohort_has_started_nominations_close_and_the_form_says_why(uow) -> None:
    from domain.kernel.errors import ProgrammeClosed
    from handlers.nominations.eligibility import start_eligibility

    outcome = nominate(uow, "UA")
    after_both = NOW + timedelta(days=60)
    with pytest.raises(ProgrammeClosed, match=r"Every cohort of .* has started"):
        h.nominate(
            Nominate(
                actor=LEAD_KM, programme_key="lsc-t4t", ics_key="kent-medway", nominee_id="UB"
            ),
            uow,
            after_both,
        )
    with pytest.raises(ProgrammeClosed, match="no cohort left to choose"):
        start_eligibility(Actor(user_id="UA"), outcome.nomination.id, uow, after_both)
    assert start_eligibility(Actor(user_id="UA"), outcome.nomination.id, uow, NOW)


def test_nobody_is_confirmed_into_a_cohort_that_has_started(uow) -> None:
    nid = pending(uow, "UA", first="cohort-2")
    day_two_of_cohort_1 = NOW.replace(month=11, day=1, hour=14)
    with pytest.raises(InvalidTransition, match="Cohort 1 has already started"):
        decisions.confirm_place(
            ConfirmPlace(actor=COORDINATOR, nomination_id=nid, cohort_key="cohort-1"),
            uow,
            day_two_of_cohort_1,
        )
    assert (
        decisions.confirm_place(
            ConfirmPlace(actor=COORDINATOR, nomination_id=nid), uow, day_two_of_cohort_1
        ).nomination.cohort_key
        == "cohort-2"
    )


def move(uow, nomination_id: int, cohort: str, by: Actor = COORDINATOR):
    cmd = MovePlace(actor=by, nomination_id=nomination_id, cohort_key=cohort)
    return decisions.move_place(cmd, uow, NOW)


def test_a_confirmed_place_moves_to_a_cohort_with_room_and_is_kept(uow) -> None:

    nid = allocate(uow, pending(uow, "UA", by=LEAD_KM)).nomination.id
    uow.outbox.items.clear()
    moved = move(uow, nid, "cohort-2")
    assert (moved.nomination.status, moved.nomination.cohort_key) == (Status.CONFIRMED, "cohort-2")
    assert uow.nominations.count_holding_place("lsc-t4t") == {"cohort-2": 1}
    assert uow.audit.events[-1].reason == "moved from cohort-1 to cohort-2"
    told = sorted(
        (m.recipient, m.reason) for m in uow.outbox.list() if m.reason != KernelReason.HOME
    )
    assert told == [
        ("CREVIEW", NominationReason.CARD),
        ("UA", NominationReason.CALENDAR),
        ("UA", NominationReason.RESCHEDULED),
        ("ULEADKM", NominationReason.RESCHEDULED),
    ]
    calendar = next(m for m in uow.outbox.list() if m.reason is NominationReason.CALENDAR)
    assert calendar.payload["left"] == "cohort-1" and calendar.payload["cohort"] == "cohort-2"


def test_a_move_into_a_full_cohort_or_a_non_decision_changes_nothing(uow) -> None:
    for i in range(15):  # 5 nominations per ICS
        allocate(uow, pending(uow, f"UF{i:02d}", ics=f"ics-{i // 5:02d}"), "cohort-2")
    nid = allocate(uow, pending(uow, "UA"), "cohort-1").nomination.id
    with pytest.raises(NoPlacesLeft, match="Cohort 2 is full: 15 of 15 places"):
        move(uow, nid, "cohort-2")
    assert uow.nominations.get(nid).cohort_key == "cohort-1"  # the place stays where it was
    with pytest.raises(InvalidTransition, match="already in cohort-1"):
        move(uow, nid, "cohort-1")
    with pytest.raises(NotAllowed, match="Only the coordinators"):
        move(uow, nid, "cohort-2", by=LEAD_KM)
    waiting = pending(uow, "UB")
    with pytest.raises(InvalidTransition, match="cannot be moved"):
        move(uow, waiting, "cohort-2")


def test_a_participant_asks_to_move_and_the_coordinators_hear_it_once_a_day(uow) -> None:

    nid = allocate(uow, pending(uow, "UA")).nomination.id
    uow.outbox.items.clear()
    ask = AskToMove(actor=Actor(user_id="UA"), nomination_id=nid, cohort_key="cohort-2")
    decisions.ask_to_move(ask, uow, NOW)
    decisions.ask_to_move(ask, uow, NOW + timedelta(hours=1))  # asked again: no second post today
    asked = [m for m in uow.outbox.list() if m.reason is NominationReason.MOVE_ASKED]
    assert [(m.recipient, m.payload["cohort"]) for m in asked] == [("CREVIEW", "cohort-2")]
    assert uow.nominations.get(nid).cohort_key == "cohort-1"  # nothing moves until they do
    with pytest.raises(NotAllowed, match="Only the participant"):
        decisions.ask_to_move(ask.model_copy(update={"actor": LEAD_KM}), uow, NOW)
    with pytest.raises(InvalidTransition, match="already in Cohort 1"):
        decisions.ask_to_move(ask.model_copy(update={"cohort_key": "cohort-1"}), uow, NOW)
    waiting = pending(uow, "UB")
    with pytest.raises(InvalidTransition, match="cannot be moved"):
        decisions.ask_to_move(
            AskToMove(actor=Actor(user_id="UB"), nomination_id=waiting, cohort_key="cohort-2"),
            uow,
            NOW,
        )
