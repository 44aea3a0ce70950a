"""Pathways, sign-offs, peer reviews, accreditation status and mentoring pairs, on fakes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.accreditation.pathways import Status, normalise_reference
from domain.accreditation.peer_review import InvalidReview
from domain.accreditation.reasons import AccreditationReason
from domain.kernel.errors import DomainError, NotAllowed
from domain.kernel.people import Actor
from handlers.accreditation.commands import (
    AcknowledgeReview,
    PairMentor,
    RequestStep,
    SignOffStep,
    SubmitPeerReview,
)
from handlers.accreditation.mentoring import mentoring_nudges, pair_mentor
from handlers.accreditation.pathways import request_step, sign_off_step, verify
from handlers.accreditation.peer_reviews import acknowledge_review, submit_review
from handlers.programme_admin.configuration import sync_configuration
from handlers.supervision.accreditation_status import restand, review_accreditations
from handlers.supervision.commands import LogEntry
from handlers.supervision.entries import log_entry, my_record
from tests.factories import NOW, accreditation_configuration
from tests.unit.fakes.unit_of_work import FakeUnitOfWork

LT, AT, TOLT = Actor(user_id="ULT"), Actor(user_id="UAT"), Actor(user_id="UTOLT")
SCORES = {"support": 4, "time_keeping": 3, "ethos": 4, "role_modelling": 4}


@pytest.fixture
def uow() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    sync_configuration(accreditation_configuration(coordinators=["UCOORD"]), uow, NOW)
    return uow


def observe(uow: FakeUnitOfWork, signer: Actor = AT, person: str = "ULT", **changes):
    fields = dict(
        actor=signer, person=person, pathway="assessor-trainer", step="observe",
        occurred_on=NOW.date(), place="Leeds",
    ) | changes  # fmt: skip
    return sign_off_step(SignOffStep(**fields), uow, NOW)


def review(signer: Actor, step: str | None = None, **changes) -> SubmitPeerReview:
    fields = dict(
        actor=signer, trainer="ULT", event="Assessor Training Event", event_date=NOW.date(),
        venue="York", capacity="Assessor Trainer", sessions_observed="All",
        review_kind="Peer Review", scores=SCORES, assessor_comments="Good",
        pathway="assessor-trainer" if step else None, step=step, signs_off=bool(step),
    ) | changes  # fmt: skip
    return SubmitPeerReview(**fields)


def accredit(uow: FakeUnitOfWork):
    observe(uow)
    submit_review(review(AT, "co-train"), uow, NOW)
    return submit_review(review(TOLT, "lead"), uow, NOW)


def test_asking_for_a_step_asks_its_signers_once(uow) -> None:
    step, signers = request_step(RequestStep(actor=LT, pathway="assessor-trainer"), uow, NOW)
    assert (step.key, signers) == ("observe", ["UAT"])
    request_step(RequestStep(actor=LT, pathway="assessor-trainer"), uow, NOW)
    asked = [m for m in uow.outbox.list() if m.reason is AccreditationReason.STEP_REQUESTED]
    assert [m.recipient for m in asked] == ["UAT"]  # asking again asks nobody twice


def test_a_pathway_is_only_for_the_roles_it_is_open_to(uow) -> None:
    with pytest.raises(NotAllowed, match=r"(?i)for a lead trainer"):
        request_step(RequestStep(actor=Actor(user_id="UBEN"), pathway="assessor-trainer"), uow, NOW)
    with pytest.raises(NotAllowed, match=r"(?i)is not a lead trainer"):
        observe(uow, person="UBEN")


@pytest.mark.parametrize(
    ("signer", "changes", "message"),
    [
        (LT, {}, "cannot sign off your own step"),
        (TOLT, {}, "Only an Assessor Trainer can sign off"),
        (AT, {"step": "lead"}, "has to be signed off first"),
        (AT, {"occurred_on": NOW.date() + timedelta(days=1)}, "cannot be in the future"),
        (AT, {"place": "  "}, "Where did it take place?"),
    ],
)
def test_sign_off_rules(uow, signer, changes, message) -> None:
    if changes.get("step") == "lead":
        with pytest.raises(DomainError, match="Peer Review Form"):  # lead needs the form
            observe(uow, signer, **changes)
        submit = review(TOLT, "lead")
        with pytest.raises(DomainError, match=message):
            submit_review(submit, uow, NOW)
        return
    with pytest.raises(DomainError, match=message):
        observe(uow, signer, **changes)
    assert not uow.accreditations.sign_offs("ULT")


def test_the_last_sign_off_accredits_and_sends_the_certificate(uow) -> None:
    accredit(uow)
    (a,) = uow.accreditations.accreditations("ULT")
    assert (a.confirmed_by, a.status, a.accredited_on) == ("UTOLT", Status.ACTIVE, NOW.date())
    assert len(a.reference) == 13 and a.reference.startswith("CAS")
    certificates = {
        m.recipient for m in uow.outbox.list() if m.reason is AccreditationReason.CERTIFICATE
    }
    assert certificates == {"ULT", "UCOORD"}
    typed = f" cas-{a.reference[3:8].lower()} {a.reference[8:]} "
    assert verify(typed, uow) == a and verify("CAS-NOPE", uow) is None
    assert normalise_reference(typed) == a.reference
    with pytest.raises(NotAllowed, match="completed"):
        request_step(RequestStep(actor=LT, pathway="assessor-trainer"), uow, NOW)


def test_every_bad_field_of_the_review_form_is_reported_at_once(uow) -> None:
    bad = review(AT, event=None, venue="", scores={"support": 5}, assessor_comments=" ")
    with pytest.raises(InvalidReview) as refused:
        submit_review(bad, uow, NOW)
    assert set(refused.value.problems) == {
        "event", "venue", "assessor_comments",
        "score:support", "score:time_keeping", "score:ethos", "score:role_modelling",
    }  # fmt: skip
    with pytest.raises(InvalidReview, match="cannot review yourself"):
        submit_review(review(LT), uow, NOW)
    assert not uow.peer_reviews.list()


def test_both_sign_the_review_form_only_once_and_only_the_trainer(uow) -> None:
    stored = submit_review(review(AT), uow, NOW).review
    with pytest.raises(NotAllowed, match="Only the trainer observed"):
        acknowledge_review(AcknowledgeReview(actor=AT, review_id=stored.id), uow, NOW)
    signed = acknowledge_review(
        AcknowledgeReview(actor=LT, review_id=stored.id, comments="Thanks"), uow, NOW
    )
    assert signed.trainer_signed_at == NOW and signed.trainer_comments == "Thanks"
    with pytest.raises(NotAllowed, match="signed this form already"):
        acknowledge_review(AcknowledgeReview(actor=LT, review_id=stored.id), uow, NOW)


def test_the_form_that_accredits_says_so_even_when_sent_twice(uow) -> None:
    observe(uow)
    assert submit_review(review(AT, "co-train"), uow, NOW).accredited_as == ""
    last = review(TOLT, "lead", client_token="V9")
    assert submit_review(last, uow, NOW).accredited_as == "Assessor Trainer"
    assert submit_review(last, uow, NOW).accredited_as == "Assessor Trainer"  # a double click
    assert submit_review(review(TOLT), uow, NOW).accredited_as == ""  # a form signing nothing


def test_a_lapse_is_told_and_logging_the_evidence_reinstates(uow) -> None:
    accredit(uow)
    later = NOW + timedelta(days=92 + 31)
    assert review_accreditations(lambda: uow, later) == 1
    (a,) = uow.accreditations.accreditations("ULT")
    assert a.status is Status.LAPSED
    told = {
        m.recipient
        for m in uow.outbox.list()
        if m.reason is AccreditationReason.ACCREDITATION_STATUS
    }
    assert told == {"ULT", "UCOORD"}
    assert review_accreditations(lambda: uow, later) == 0  # told once
    entry = LogEntry(
        actor=LT, log_type="line-manager", occurred_on=later.date(), with_user="UPAT",
        duration_minutes=30,
    )  # fmt: skip
    log_entry(entry, uow, later)
    (a,) = uow.accreditations.accreditations("ULT")
    assert a.status is Status.ACTIVE
    with uow:
        assert restand(uow, "ULT", later) == []


def test_a_mentoring_session_counts_for_both(uow) -> None:
    mentor = Actor(user_id="UBEN")
    entry = LogEntry(
        actor=mentor, log_type="mentoring-given", occurred_on=NOW.date(), with_user="UCAT",
        duration_minutes=60, notes="private to Ben",
    )  # fmt: skip
    log_entry(entry, uow, NOW)
    record = my_record(Actor(user_id="UCAT"), uow, NOW)
    (standing,) = record.standing
    assert standing.requirement.key == "mentoring" and standing.last == NOW.date()
    assert not record.entries  # counted, not shown as theirs (and the notes stay Ben's)


def test_pairing_refuses_the_line_manager_without_a_reason_and_past_capacity(uow) -> None:
    coordinator = Actor(user_id="UCOORD")
    log_entry(
        LogEntry(
            actor=Actor(user_id="UCAT"), log_type="line-manager", occurred_on=NOW.date(),
            with_user="UBEN", duration_minutes=30,
        ),
        uow,
        NOW,
    )  # fmt: skip
    pair = PairMentor(actor=coordinator, mentor="UBEN", mentee="UCAT")
    with pytest.raises(DomainError, match="1:1 supervision logs"):
        pair_mentor(pair, uow, NOW)
    paired = pair_mentor(pair.model_copy(update={"override_reason": "Only mentor"}), uow, NOW)
    assert paired.override_reason == "Only mentor"
    assert "Only mentor" in str(uow.audit.notes)
    with pytest.raises(DomainError, match="paired already"):
        pair_mentor(pair.model_copy(update={"override_reason": "again"}), uow, NOW)
    pair_mentor(PairMentor(actor=coordinator, mentor="UBEN", mentee="UDAN"), uow, NOW)
    with pytest.raises(DomainError, match=r"the most one mentor takes \(2\)"):
        pair_mentor(PairMentor(actor=coordinator, mentor="UBEN", mentee="UANN"), uow, NOW)
    with pytest.raises(NotAllowed):
        pair_mentor(PairMentor(actor=LT, mentor="UPAT", mentee="UANN"), uow, NOW)


def test_a_quiet_pair_is_nudged_once_per_quiet_stretch(uow) -> None:
    pair_mentor(PairMentor(actor=Actor(user_id="UCOORD"), mentor="UBEN", mentee="UCAT"), uow, NOW)
    with uow:
        assert list(mentoring_nudges(uow, NOW + timedelta(days=27))) == []
        nudges = list(mentoring_nudges(uow, NOW + timedelta(days=28)))
    assert {m.recipient for m in nudges} == {"UBEN", "UCAT"}
    assert {m.period for m in nudges} == {str(NOW.date())}
    later = NOW + timedelta(days=30)
    log_entry(
        LogEntry(
            actor=Actor(user_id="UCAT"), log_type="mentoring-received",
            occurred_on=later.date(), with_user="UBEN", duration_minutes=45,
        ),
        uow,
        later,
    )  # fmt: skip
    with uow:
        assert list(mentoring_nudges(uow, later)) == []  # they met: a new stretch begins
        again = list(mentoring_nudges(uow, later + timedelta(days=28)))
    assert {m.period for m in again} == {str(later.date())}
