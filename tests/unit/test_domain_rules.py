"""The domain rules one by one, with no storage at all."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pydantic import ValidationError

from domain.kernel.errors import (
    EligibilityIncomplete,
    InvalidPreference,
    InvalidTransition,
    NoPlacesLeft,
    ProgrammeClosed,
    QuotaExceeded,
)
from domain.kernel.people import Actor
from domain.kernel.programme import Programme
from domain.nominations.capacity import check_ics_quota, check_place, free_places
from domain.nominations.eligibility import check_eligibility
from domain.nominations.nomination import ACTIVE, HOLDS_PLACE, Nomination, Status
from domain.nominations.preference import Preference
from domain.nominations.waitlist import next_offer
from tests.factories import NOW, ics_list, programme

KM = ics_list()[0]


def nomination(status: Status = Status.PENDING_REVIEW, **kw: object) -> Nomination:
    data: dict = {
        "programme_key": "lsc-t4t",
        "ics_key": "kent-medway",
        "nominee_id": "UNOM",
        "nominated_by": "ULEADKM",
        "created_at": NOW,
        "status": status,
    }
    data.update(kw)
    return Nomination(**data)


def test_ics_quota_allows_up_to_the_limit_and_names_the_ics_when_full() -> None:
    check_ics_quota(programme(), KM, 4)
    with pytest.raises(QuotaExceeded) as refused:
        check_ics_quota(programme(), KM, 5)
    assert refused.value.message.startswith("Kent and Medway has used 5 of 5 nominations")
    assert refused.value.field == "ics"


def test_programme_full_is_reported_before_cohort_full() -> None:
    p = programme(total_places=30)
    cohort = p.cohort("cohort-1")
    check_place(p, cohort, taken=29, cohort_taken=14)
    with pytest.raises(NoPlacesLeft) as full:
        check_place(p, cohort, taken=30, cohort_taken=15)
    assert "Leadership Support Circles: Train the Trainer is full: 30 of 30" in full.value.message
    with pytest.raises(NoPlacesLeft) as cohort_full:
        check_place(p, cohort, taken=20, cohort_taken=15)
    assert "Cohort 1 is full: 15 of 15" in cohort_full.value.message


def test_free_places_never_exceed_what_the_programme_has_left() -> None:
    p = programme(total_places=20)
    assert free_places(p, 18, {"cohort-1": 15, "cohort-2": 3}) == {"cohort-1": 0, "cohort-2": 2}
    assert free_places(p, 20, {"cohort-1": 10, "cohort-2": 10}) == {"cohort-1": 0, "cohort-2": 0}


def test_eligibility_names_every_missing_criterion_and_confirmation() -> None:
    p = programme()
    with pytest.raises(EligibilityIncomplete) as missing:
        check_eligibility(p, {"knowledge"}, set())
    assert missing.value.field == "criteria"
    assert missing.value.missing == ("experience", "discussed-with-academy")
    assert "Not ticked: At least 2-3 years’ experience" in missing.value.message
    assert "Please confirm: I have discussed this offer" in missing.value.message
    with pytest.raises(EligibilityIncomplete) as unconfirmed:
        check_eligibility(p, {"knowledge", "experience"}, set())
    assert unconfirmed.value.field == "confirmations"
    check_eligibility(p, {"knowledge", "experience"}, {"discussed-with-academy"})


def test_preference_first_choice_plus_second_or_either() -> None:
    cohorts = ("cohort-1", "cohort-2")
    assert Preference.choose("cohort-2", None, False, cohorts).in_order(cohorts) == ["cohort-2"]
    either = Preference.choose("cohort-2", None, True, cohorts)
    assert either.in_order(cohorts) == ["cohort-2", "cohort-1"]
    second = Preference.choose("cohort-1", "cohort-2", False, cohorts)
    assert second.in_order(cohorts) == ["cohort-1", "cohort-2"]
    assert Preference("cohort-1").in_order(cohorts) == ["cohort-1"]
    with pytest.raises(InvalidPreference, match="Choose your preferred cohort"):
        Preference.choose(None, None, False, cohorts)
    with pytest.raises(InvalidPreference, match="second choice is your first"):
        Preference.choose("cohort-1", "cohort-1", False, cohorts)
    with pytest.raises(InvalidPreference, match="has started or does not exist"):
        Preference.choose("cohort-1", None, False, ("cohort-2",))


def test_life_cycle_from_nomination_to_attendance_records_every_change() -> None:
    n = nomination(Status.NOMINATED)
    n.mark_invited(NOW)
    n.record_eligibility(Preference("cohort-1"), NOW)
    n.confirm_place("cohort-1", "UCOORD", NOW)
    n.record_attendance(True, "UCOORD", NOW)
    assert n.status is Status.ATTENDED and n.cohort_key == "cohort-1"
    assert [(e.from_status, e.to_status) for e in n.events] == [
        (Status.NOMINATED, Status.AWAITING_ELIGIBILITY),
        (Status.AWAITING_ELIGIBILITY, Status.PENDING_REVIEW),
        (Status.PENDING_REVIEW, Status.CONFIRMED),
        (Status.CONFIRMED, Status.ATTENDED),
    ]


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (Status.CONFIRMED, lambda n: n.confirm_place("cohort-2", "UCOORD", NOW)),
        (Status.DECLINED, lambda n: n.waitlist("UCOORD", NOW)),
        (Status.WITHDRAWN, lambda n: n.withdraw("UNOM", NOW)),
        (Status.CONFIRMED, lambda n: n.decline("UCOORD", NOW, "late")),
        (Status.PENDING_REVIEW, lambda n: n.record_eligibility(Preference("cohort-1"), NOW)),
        (Status.PENDING_REVIEW, lambda n: n.record_attendance(True, "UCOORD", NOW)),
    ],
)
def test_stale_actions_are_refused_and_say_what_already_happened(status, action) -> None:
    n = nomination(status, decided_by="UOTHER", cohort_key="cohort-1")
    with pytest.raises(InvalidTransition) as stale:
        action(n)
    assert status.label.lower() in stale.value.message
    assert n.status is status and not n.events


def test_withdrawing_a_confirmed_place_reports_the_freed_cohort() -> None:
    assert nomination(Status.CONFIRMED, cohort_key="cohort-2").withdraw("UNOM", NOW) == "cohort-2"
    assert nomination(Status.WAITLISTED).withdraw("UNOM", NOW) is None


def test_active_and_place_holding_statuses() -> None:
    assert Status.DECLINED not in ACTIVE and Status.WITHDRAWN not in ACTIVE
    assert Status.ATTENDED in ACTIVE and HOLDS_PLACE <= ACTIVE


def test_waitlist_is_first_come_by_eligibility_time_and_skips_those_who_do_not_fit() -> None:
    early = nomination(
        Status.WAITLISTED, id=1, preference=Preference("cohort-1"), eligibility_confirmed_at=NOW
    )
    later = nomination(
        Status.WAITLISTED,
        id=2,
        preference=Preference("cohort-2"),
        eligibility_confirmed_at=NOW + timedelta(hours=1),
    )
    latest = nomination(
        Status.WAITLISTED,
        id=3,
        preference=Preference("cohort-1", either=True),
        eligibility_confirmed_at=NOW + timedelta(hours=2),
    )
    order = ("cohort-1", "cohort-2")
    assert next_offer([latest, later, early], {"cohort-1": 1}, order) == (early, "cohort-1")
    assert next_offer([latest, later, early], {"cohort-2": 1}, order) == (later, "cohort-2")
    assert next_offer([early], {"cohort-2": 1}, order) is None


def test_closed_programme_refuses_nominations() -> None:
    programme(open=False)
    with pytest.raises(ProgrammeClosed):
        programme(open=False).ensure_open(NOW)
    closing = programme(nominations_close="2026-10-01T09:00:00")  # 08:00 UTC in BST
    with pytest.raises(ProgrammeClosed):
        closing.ensure_open(NOW)
    programme(nominations_close="2026-10-01T11:00:00").ensure_open(NOW)


def test_people_can_be_named_by_slack_id_or_email_address() -> None:
    p = programme()
    assert p.is_coordinator(Actor(user_id="UCOORD"))
    assert p.is_coordinator(Actor(user_id="UX", email="Coordinator@Academy.example"))
    assert not p.is_coordinator(Actor(user_id="UX", email="someone@else.example"))


@pytest.mark.parametrize(
    ("overrides", "problem"),
    [
        ({"total_places": 0}, "greater than or equal to 1"),
        ({"timezone": "Mars/Olympus"}, "unknown time zone"),
        ({"cohorts": []}, "at least 1"),
        ({"criteria": []}, "at least 1"),
    ],
)
def test_programme_validation_explains_the_problem(overrides, problem) -> None:
    with pytest.raises(ValidationError, match=problem):
        programme(**overrides)


def test_sessions_must_end_after_they_start() -> None:
    base = programme().model_dump(mode="json")
    base["cohorts"][0]["sessions"][0]["end"] = "2026-11-01T09:00:00"
    with pytest.raises(ValidationError, match="does not end after it starts"):
        Programme.model_validate(base)
