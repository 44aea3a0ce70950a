"""Each chase fires exactly when it should and stops when it should (injected clock)."""

from __future__ import annotations

import gc
from datetime import date, datetime, timedelta

import pytest

from domain.follow_up.reasons import FollowUpReason
from domain.kernel.outbox import Reason, State
from domain.kernel.people import Actor, Person
from domain.networks.reasons import NetworkReason
from domain.nominations.reasons import NominationReason
from domain.supervision.reasons import SupervisionReason
from handlers.follow_up.cascading import answer_cascade
from handlers.follow_up.commands import AnswerCascade
from handlers.networks.commands import RequestDebrief
from handlers.nominations import decisions
from handlers.nominations import nominate as h
from handlers.nominations.commands import (
    ConfirmEligibility,
    ConfirmPlace,
    Nominate,
    RecordAttendance,
)
from handlers.nominations.eligibility import confirm_eligibility
from handlers.programme_admin.configuration import sync_configuration
from handlers.reminders.plan import plan_reminders
from handlers.supervision.commands import LogEntry
from handlers.supervision.entries import log_entry
from tests.factories import (
    ALL_CONFIRMATIONS,
    ALL_CRITERIA,
    COORDINATOR,
    LEAD_KM,
    NOW,
    full_configuration,
)
from tests.unit.fakes.unit_of_work import FakeUnitOfWork

UTC = NOW.tzinfo
REQUIREMENT_CHASES = {SupervisionReason.REQUIREMENT, SupervisionReason.REQUIREMENT_LATE}
COHORT_2_END = datetime(2026, 11, 30, 17, 0, tzinfo=UTC)  # 17:00 GMT


@pytest.fixture
def uow() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    sync_configuration(full_configuration(ics_count=4), uow, NOW)
    return uow


NOMINATION_CHASES = {
    NominationReason.ELIGIBILITY,
    NominationReason.ELIGIBILITY_LEAD,
    NominationReason.REVIEW_DIGEST,
    NominationReason.COHORT_SOON,
    NominationReason.RECORD_ATTENDANCE,
    FollowUpReason.CASCADE_CHECK,
    FollowUpReason.CASCADE_LATE,
    NominationReason.IMPLEMENTATION,
}


def plan(
    uow, when: datetime, reasons=NOMINATION_CHASES, subject: str = ""
) -> list[tuple[str, Reason, str]]:
    """The reminders (of the given reasons, about ``subject``) one planning run creates."""
    before = set(uow.outbox.items)
    plan_reminders(lambda **_: uow, when)
    return sorted(
        (r.recipient, r.reason, r.period)
        for i, r in uow.outbox.items.items()
        if i not in before and r.reason in reasons and subject in r.subject
    )


def pending(uow) -> set[tuple[str, Reason]]:
    return {
        (r.recipient, r.reason)
        for r in uow.outbox.items.values()
        if r.state is State.PENDING and r.reason in NOMINATION_CHASES
    }


def nominate(uow, nominee="UANN", at=NOW) -> int:
    return h.nominate(
        Nominate(actor=LEAD_KM, programme_key="lsc-t4t", ics_key="kent-medway", nominee_id=nominee),
        uow,
        at,
    ).nomination.id


def eligible(uow, nid, nominee="UANN", at=NOW, first="cohort-2") -> None:
    confirm_eligibility(
        ConfirmEligibility(
            actor=Actor(user_id=nominee),
            nomination_id=nid,
            criteria=ALL_CRITERIA,
            confirmations=ALL_CONFIRMATIONS,
            first_choice=first,
        ),
        uow,
        at,
    )


def attended(uow, nominee="UANN") -> int:
    nid = nominate(uow, nominee)
    eligible(uow, nid, nominee)
    decisions.confirm_place(ConfirmPlace(actor=COORDINATOR, nomination_id=nid), uow, NOW)
    decisions.record_attendance(
        RecordAttendance(actor=COORDINATOR, nomination_id=nid, attended=True),
        uow,
        COHORT_2_END + timedelta(hours=1),
    )
    return nid


def test_eligibility_nominee_after_3_days_lead_after_7_then_stops(uow) -> None:
    nid = nominate(uow)
    assert plan(uow, NOW + timedelta(days=2, hours=23)) == []
    assert plan(uow, NOW + timedelta(days=3)) == [("UANN", NominationReason.ELIGIBILITY, "1")]
    assert plan(uow, NOW + timedelta(days=6)) == []  # never twice
    assert plan(uow, NOW + timedelta(days=7)) == [
        ("ULEADKM", NominationReason.ELIGIBILITY_LEAD, "1")
    ]
    eligible(uow, nid, at=NOW + timedelta(days=7, hours=1))
    assert plan(uow, NOW + timedelta(days=7, hours=2)) == []
    assert pending(uow) == set()  # confirming cancelled what had not gone out yet


def test_review_digest_after_3_working_days_is_one_message(uow) -> None:
    for person in ("UANN", "UBEN", "UCAT"):
        eligible(uow, nominate(uow, person), person)  # Thu 1 Oct
    assert plan(uow, datetime(2026, 10, 5, 17, tzinfo=UTC)) == []  # Mon: 2 working days
    digest = plan(uow, datetime(2026, 10, 6, 9, tzinfo=UTC))  # Tue: 3 working days
    assert digest == [("UCOORD", NominationReason.REVIEW_DIGEST, "2026-10-06")]
    (sent,) = [r for r in uow.outbox.items.values() if r.reason is NominationReason.REVIEW_DIGEST]
    assert len(sent.payload["nominations"]) == 3
    assert plan(uow, datetime(2026, 10, 6, 15, tzinfo=UTC)) == []  # one digest a day


def test_cohort_reminders_go_out_on_the_working_day_before_7_days_and_1_day(uow) -> None:
    nid = nominate(uow)
    eligible(uow, nid)
    decisions.confirm_place(ConfirmPlace(actor=COORDINATOR, nomination_id=nid), uow, NOW)
    # Cohort 2 starts on Sunday 29 Nov 13:30: 7 days before is a Sunday, 1 day a Saturday,
    # so each goes out at the start of the Friday before (never after the weekend).
    friday_20 = datetime(2026, 11, 20, 9, tzinfo=UTC)
    assert plan(uow, friday_20 - timedelta(minutes=1)) == []
    assert plan(uow, friday_20) == [("UANN", NominationReason.COHORT_SOON, "7d")]
    assert plan(uow, datetime(2026, 11, 27, 8, 59, tzinfo=UTC)) == []
    assert plan(uow, datetime(2026, 11, 27, 9, tzinfo=UTC)) == [
        ("UANN", NominationReason.COHORT_SOON, "1d")
    ]
    assert plan(uow, datetime(2026, 11, 29, 13, 31, tzinfo=UTC)) == []


def test_a_nudge_due_later_today_is_not_cancelled_by_an_early_morning_run(uow) -> None:
    friday_evening = datetime(2026, 10, 2, 18, tzinfo=UTC)
    plan(uow, friday_evening, REQUIREMENT_CHASES)  # three "start" nudges, due Friday 09:00
    saturday_early = datetime(2026, 10, 3, 6, tzinfo=UTC)
    plan(uow, saturday_early, REQUIREMENT_CHASES)
    states = {
        r.state for r in uow.outbox.items.values() if r.reason is SupervisionReason.REQUIREMENT
    }
    assert states == {State.PENDING}


def test_after_the_cohort_attendance_then_implementation_invite(uow) -> None:
    nid = nominate(uow)
    eligible(uow, nid)
    decisions.confirm_place(ConfirmPlace(actor=COORDINATOR, nomination_id=nid), uow, NOW)
    assert plan(uow, COHORT_2_END) == [("UCOORD", NominationReason.RECORD_ATTENDANCE, "1")]
    decisions.record_attendance(
        RecordAttendance(actor=COORDINATOR, nomination_id=nid, attended=True),
        uow,
        COHORT_2_END + timedelta(hours=1),
    )
    assert plan(uow, COHORT_2_END + timedelta(hours=2)) == [
        ("ULEADKM", NominationReason.IMPLEMENTATION, "1")
    ]


def sent(uow) -> None:
    """What the dispatcher would do: every pending reminder goes out."""
    for reminder in uow.outbox.items.values():
        if reminder.state is State.PENDING:
            reminder.state = State.SENT


def test_cascading_asked_every_14_days_until_yes_coordinator_told_after_4(uow) -> None:
    nid = attended(uow)
    plan(uow, COHORT_2_END + timedelta(hours=2))
    assert plan(uow, COHORT_2_END + timedelta(days=13)) == []
    assert plan(uow, COHORT_2_END + timedelta(days=14)) == [
        ("UANN", FollowUpReason.CASCADE_CHECK, "ask-1")
    ]
    sent(uow)
    answer_cascade(
        AnswerCascade(
            actor=Actor(user_id="UANN"), nomination_id=nid, started=False, reason="No slot yet"
        ),
        uow,
        COHORT_2_END + timedelta(days=15),
    )
    for ask in (2, 3, 4):
        assert plan(uow, COHORT_2_END + timedelta(days=14 * ask)) == [
            ("UANN", FollowUpReason.CASCADE_CHECK, f"ask-{ask}")
        ]
        sent(uow)
    assert plan(uow, COHORT_2_END + timedelta(days=70)) == [
        ("UANN", FollowUpReason.CASCADE_CHECK, "ask-5"),
        ("UCOORD", FollowUpReason.CASCADE_LATE, "1"),
    ]
    answer_cascade(
        AnswerCascade(actor=Actor(user_id="UANN"), nomination_id=nid, started=True),
        uow,
        COHORT_2_END + timedelta(days=71),
    )
    assert plan(uow, COHORT_2_END + timedelta(days=90)) == []


def test_a_late_attendance_record_does_not_escalate_before_anyone_was_asked(uow) -> None:
    attended(uow)
    cascade = {FollowUpReason.CASCADE_CHECK, FollowUpReason.CASCADE_LATE}
    # Asked now for the first time: the coordinator is not told yet.
    assert plan(uow, COHORT_2_END + timedelta(days=72), cascade) == [
        ("UANN", FollowUpReason.CASCADE_CHECK, "ask-5")
    ]


def lead_trainer_log(uow, day: date, log_type="review-group", **extra) -> None:
    log_entry(
        LogEntry(
            actor=Actor(user_id="ULT"),
            log_type=log_type,
            occurred_on=day,
            duration_minutes=60,
            **extra,
        ),
        uow,
        datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=20),
    )


def at_nine(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, tzinfo=UTC)


def test_requirement_30_and_7_days_before_due_then_weekly_and_escalation(uow) -> None:
    uow.people.save(Person(user_id="ULT", tz="UTC"), NOW)
    for log_type in ("tutor-training-delivered",):
        log_entry(
            LogEntry(
                actor=Actor(user_id="ULT"),
                log_type=log_type,
                participants=9,
                occurred_on=date(2026, 9, 1),
            ),
            uow,
            NOW,
        )
    lead_trainer_log(uow, date(2026, 9, 1), "line-manager", with_user="UMGR")
    lead_trainer_log(uow, date(2025, 12, 1))  # review group: due 1 Dec 2026

    def review(day: date) -> list:
        planned = plan(uow, at_nine(day), REQUIREMENT_CHASES, "lt-review")
        sent(uow)  # and the dispatcher sends them
        return planned

    assert review(date(2026, 10, 31)) == []
    assert review(date(2026, 11, 1)) == [
        ("ULT", SupervisionReason.REQUIREMENT, "2026-12-01:before-30")
    ]
    assert review(date(2026, 11, 20)) == []
    assert review(date(2026, 11, 24)) == [
        ("ULT", SupervisionReason.REQUIREMENT, "2026-12-01:before-7")
    ]
    assert review(date(2026, 12, 1)) == [("ULT", SupervisionReason.REQUIREMENT, "2026-12-01:due")]
    assert review(date(2026, 12, 8)) == [
        ("ULT", SupervisionReason.REQUIREMENT, "2026-12-01:overdue-1")
    ]
    assert review(date(2026, 12, 15)) == [
        ("ULT", SupervisionReason.REQUIREMENT, "2026-12-01:overdue-2"),
        ("UMGR", SupervisionReason.REQUIREMENT_LATE, "2026-12-01"),
    ]  # the line manager, after 14 days
    lead_trainer_log(uow, date(2026, 12, 16))
    assert review(date(2026, 12, 22)) == []  # logging stopped the chase


def test_logging_evidence_cancels_a_reminder_waiting_for_the_morning(uow) -> None:
    uow.people.save(Person(user_id="ULT", tz="UTC"), NOW)
    lead_trainer_log(uow, date(2025, 12, 1))
    plan(uow, at_nine(date(2026, 12, 1)))

    def review_reminder_states() -> list[State]:
        return [r.state for r in uow.outbox.items.values() if r.subject == "requirement:lt-review"]

    assert review_reminder_states() == [State.PENDING]
    lead_trainer_log(uow, date(2026, 12, 1))
    plan(uow, at_nine(date(2026, 12, 1)) + timedelta(hours=12))
    assert review_reminder_states() == [State.CANCELLED]


def test_agreed_action_reminded_on_its_due_date(uow) -> None:
    uow.people.save(Person(user_id="ULT", tz="UTC"), NOW)
    lead_trainer_log(
        uow,
        date(2026, 9, 30),
        "line-manager",
        with_name="Pat",
        action="Book the review group",
        action_due=date(2026, 10, 9),
    )
    actions = {SupervisionReason.ACTION_DUE}
    assert plan(uow, at_nine(date(2026, 10, 8)), actions) == []
    assert plan(uow, at_nine(date(2026, 10, 9)), actions) == [
        ("ULT", SupervisionReason.ACTION_DUE, "2026-10-09")
    ]
    assert plan(uow, at_nine(date(2026, 10, 10)), actions) == []


def test_a_role_with_no_start_and_no_evidence_gets_one_nudge(uow) -> None:
    assert (
        plan(uow, NOW, REQUIREMENT_CHASES) == [("ULT", SupervisionReason.REQUIREMENT, "start")] * 3
    )
    assert plan(uow, NOW + timedelta(days=1), REQUIREMENT_CHASES) == []


def test_people_configured_by_email_are_reached_once_cascade_knows_them(uow) -> None:
    sync_configuration(
        full_configuration(ics_count=4, coordinators=["coord@academy.example"]), uow, NOW
    )
    for person in ("UANN", "UBEN"):
        eligible(uow, nominate(uow, person), person)
    tuesday = datetime(2026, 10, 6, 9, tzinfo=UTC)
    assert plan(uow, tuesday) == []  # nobody to send the digest to yet
    uow.people.save(Person(user_id="UCO", email="Coord@Academy.example"), NOW)
    assert plan(uow, tuesday + timedelta(days=1)) == [
        ("UCO", NominationReason.REVIEW_DIGEST, "2026-10-07")
    ]


def test_only_the_person_who_was_reminded_is_escalated(uow) -> None:
    """Two lead trainers overdue on the same day: a reminder sent to one of them is not taken
    for a reminder to the other (their manager hears only about the one who was asked)."""
    config = full_configuration(ics_count=4)
    roles = [
        r if r.key != "lead-trainer" else r.model_copy(update={"members": ("ULT", "ULT2")})
        for r in config.roles
    ]
    sync_configuration(config.model_copy(update={"roles": tuple(roles)}), uow, NOW)
    for person in ("ULT", "ULT2"):
        uow.people.save(Person(user_id=person, tz="UTC"), NOW)
        log_entry(
            LogEntry(
                actor=Actor(user_id=person),
                log_type="review-group",
                occurred_on=date(2025, 12, 1),
                duration_minutes=60,
            ),
            uow,
            datetime(2025, 12, 1, 20, tzinfo=UTC),
        )
    plan(uow, at_nine(date(2026, 12, 1)), REQUIREMENT_CHASES, "lt-review")
    for message in uow.outbox.items.values():  # only ULT's reminder went out (ULT2's bounced)
        if message.state is State.PENDING:
            message.state = State.SENT if message.recipient == "ULT" else State.FAILED
    late = plan(uow, at_nine(date(2026, 12, 15)), {SupervisionReason.REQUIREMENT_LATE}, "lt-review")
    assert [(who, subject) for who, _, subject in late] == [("UCOORD", "2026-12-01")]
    late_subjects = {
        m.subject
        for m in uow.outbox.items.values()
        if m.reason is SupervisionReason.REQUIREMENT_LATE
    }
    assert late_subjects == {"requirement:lt-review:ULT"}


def test_planning_gives_the_collector_its_thresholds_back_even_when_it_fails(uow) -> None:
    before = gc.get_threshold()
    seen = []

    def failing_factory(**_):
        seen.append(gc.get_threshold())  # during planning: the youngest generation waits longer
        raise RuntimeError("database gone")

    with pytest.raises(RuntimeError):
        plan_reminders(failing_factory, NOW)
    assert seen[0][0] > before[0] and seen[0][1:] == before[1:]
    assert gc.get_threshold() == before
    plan_reminders(lambda **_: uow, NOW)
    assert gc.get_threshold() == before


def test_a_planning_run_keeps_an_asked_debrief_that_waits_to_be_sent(uow):
    """A request for a debrief is an announcement: the planner never cancels it, even while it
    is still pending (the dispatcher is behind, say), so the supervisors are always asked."""
    from handlers.networks.debriefs import request_debrief

    asker = Actor(user_id="UFACIL1")
    asked = request_debrief(RequestDebrief(actor=asker, about="A hard circle"), uow, NOW)
    pending = [m for m in uow.outbox.items.values() if m.reason is NetworkReason.DEBRIEF_ASKED]
    assert pending and (asked.coordinators or asked.supervisors)

    plan_reminders(lambda **_: uow, NOW + timedelta(minutes=5))

    states = {m.state for m in uow.outbox.items.values() if m.reason is NetworkReason.DEBRIEF_ASKED}
    assert states == {State.PENDING}
    assert not NetworkReason.DEBRIEF_ASKED.is_chase and not NetworkReason.DEBRIEF_TAKEN.is_chase
