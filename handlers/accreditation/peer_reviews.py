"""The Assessment / Peer Review Form: filled by the assessor, signed by both."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from typing import TypeVar

from domain.accreditation import events as e
from domain.accreditation.pathways import Evidence, SignOff
from domain.accreditation.peer_review import (
    Capacity,
    Event,
    InvalidReview,
    PeerReview,
    ReviewKind,
    check_review,
)
from domain.accreditation.reasons import AccreditationReason
from domain.kernel.errors import ConcurrentChange, DomainError, NotAllowed
from domain.kernel.people import Actor
from handlers.accreditation.commands import AcknowledgeReview, SubmitPeerReview
from handlers.accreditation.pathways import Signed, due_step, sign
from handlers.accreditation.ports import UnitOfWork
from handlers.kernel.announce import announce
from handlers.kernel.people import is_coordinator, today_for

E = TypeVar("E", bound=StrEnum)


@dataclass(frozen=True)
class ReviewForm:
    """What the form opens with: whom it is about, the step it may sign off, and the
    trainer's manager if their 1:1 logs name one."""

    trainer: str
    today: date
    manager: str | None
    pathway: str | None = None
    step: str | None = None
    step_name: str = ""


@dataclass(frozen=True)
class Submitted:
    """A stored form and, when the step it signed off was the last, the pathway the trainer
    is now accredited on (its name)."""

    review: PeerReview
    accredited_as: str = ""


@dataclass(frozen=True)
class Shown:
    """A form as its readers see it, with what became of its copies."""

    review: PeerReview
    copy_given: bool
    sent_to_manager: bool


def review_form(
    actor: Actor, trainer: str, pathway: str | None, uow: UnitOfWork, now: datetime
) -> ReviewForm:
    """Checked before the form opens: never yourself; for a pathway, the step you may sign."""
    if trainer == actor.user_id:
        raise NotAllowed("You cannot review yourself: someone else observes you.")
    step_key, step_name = None, ""
    if pathway:
        _, step, _ = due_step(actor, trainer, pathway, uow, now)
        if step.evidence is Evidence.PEER_REVIEW:
            step_key, step_name = step.key, step.name
        else:
            pathway = None
    else:
        pathway, step_key, step_name = _step_to_sign(actor, trainer, uow, now)
    with uow:
        manager = uow.entries.latest_with("line-manager").get(trainer)
        return ReviewForm(
            trainer, today_for(actor.user_id, uow, now), manager, pathway, step_key, step_name
        )


def _step_to_sign(
    actor: Actor, trainer: str, uow: UnitOfWork, now: datetime
) -> tuple[str | None, str | None, str]:
    """The trainer's next step this form could sign off, if ``actor`` may sign it."""
    with uow:
        pathways = uow.catalogue.get().pathways
    for pathway in pathways:
        try:
            _, step, _ = due_step(actor, trainer, pathway.key, uow, now)
        except DomainError:
            continue
        if step.evidence is Evidence.PEER_REVIEW:
            return pathway.key, step.key, step.name
    return None, None, ""


def submit_review(cmd: SubmitPeerReview, uow: UnitOfWork, now: datetime) -> Submitted:
    """Check every field (all problems at once), store the form, send the trainer their copy
    and, if asked, their manager one; with ``signs_off``, the form signs off the step.
    The same form submitted again returns the first, and nothing is sent or signed twice."""
    try:
        return _store_review(cmd, uow, now)
    except ConcurrentChange:
        with uow:  # its twin, submitted at the same moment, may have stored it first
            earlier = _earlier(cmd, uow)
            if earlier is None:
                raise
            return Submitted(earlier, _accredited_by(earlier, uow))


def _store_review(cmd: SubmitPeerReview, uow: UnitOfWork, now: datetime) -> Submitted:
    review = _review_from(cmd, now)
    with uow:
        if (earlier := _earlier(cmd, uow)) is not None:
            return Submitted(earlier, _accredited_by(earlier, uow))
        problems = _problems(review, cmd, uow, now)
        if problems:
            raise InvalidReview(problems)
        stored = uow.peer_reviews.add(review, client_token=cmd.client_token)
        accredited_as = ""
        if cmd.signs_off and cmd.pathway and cmd.step:
            signed = _sign_with(stored, cmd, uow, now)
            if signed.accreditation is not None:
                accredited_as = uow.catalogue.get().pathway(signed.accreditation.pathway).name
        announce(uow, now, e.PeerReviewSubmitted(stored))
        if cmd.send_to_manager and cmd.manager:
            announce(uow, now, e.ReviewSentToManager(stored, cmd.manager))
        uow.commit()
        return Submitted(stored, accredited_as)


def _accredited_by(review: PeerReview, uow: UnitOfWork) -> str:
    """The pathway's name, when the form (submitted before) signed off its last step."""
    catalogue = uow.catalogue.get()
    for sign_off in uow.accreditations.sign_offs(review.trainer):
        if sign_off.review_id != review.id or sign_off.review_id is None:
            continue
        pathway = next((p for p in catalogue.pathways if p.key == sign_off.pathway), None)
        done = {s.step for s in uow.accreditations.sign_offs(review.trainer, sign_off.pathway)}
        if pathway is not None and pathway.next_step(done) is None:
            held = uow.accreditations.accreditations(review.trainer)
            if any(a.pathway == pathway.key for a in held):
                return pathway.name
    return ""


def _earlier(cmd: SubmitPeerReview, uow: UnitOfWork) -> PeerReview | None:
    """The same form, stored already (a double click on Submit sends it twice)."""
    token = cmd.client_token
    return uow.peer_reviews.by_token(cmd.actor.user_id, token) if token else None


def _review_from(cmd: SubmitPeerReview, now: datetime) -> PeerReview:
    return PeerReview(
        trainer=cmd.trainer,
        assessor=cmd.actor.user_id,
        event=_member(Event, cmd.event),
        event_date=cmd.event_date,
        venue=cmd.venue.strip(),
        capacity=_member(Capacity, cmd.capacity),
        other_trainers=cmd.other_trainers.strip(),
        sessions_observed=cmd.sessions_observed.strip(),
        review_kind=_member(ReviewKind, cmd.review_kind),
        scores=dict(cmd.scores),
        assessor_comments=cmd.assessor_comments.strip(),
        assessor_signed_at=now,
        manager=cmd.manager,
        pathway=cmd.pathway if cmd.signs_off else None,
        step=cmd.step if cmd.signs_off else None,
        signs_off=cmd.signs_off,
    )


def _problems(
    review: PeerReview, cmd: SubmitPeerReview, uow: UnitOfWork, now: datetime
) -> dict[str, str]:
    try:
        check_review(review, today_for(cmd.actor.user_id, uow, now))
    except InvalidReview as invalid:
        problems = dict(invalid.problems)
    else:
        problems = {}
    if cmd.send_to_manager and not cmd.manager:
        problems["manager"] = "Choose the trainer's manager to send them a copy."
    return problems


def _sign_with(review: PeerReview, cmd: SubmitPeerReview, uow: UnitOfWork, now: datetime) -> Signed:
    catalogue = uow.catalogue.get()
    sign_off = SignOff(
        review.trainer,
        cmd.pathway or "",
        cmd.step or "",
        review.event_date or now.date(),
        review.venue,
        review.assessor,
        now,
        review.id,
    )
    return sign(uow, catalogue, sign_off, cmd.actor, now)


def acknowledge_review(cmd: AcknowledgeReview, uow: UnitOfWork, now: datetime) -> PeerReview:
    """The trainer's comments and signature; the assessor hears of it."""
    with uow:
        review = uow.peer_reviews.lock(cmd.review_id)
        review.ensure_trainer(cmd.actor.user_id)
        signed = replace(review, trainer_comments=cmd.comments.strip(), trainer_signed_at=now)
        uow.peer_reviews.save(signed)
        announce(uow, now, e.PeerReviewSigned(signed))
        uow.commit()
        return signed


def show_review(actor: Actor, review_id: int, uow: UnitOfWork) -> Shown:
    """A form, to the trainer, the assessor, the manager sent a copy, or a coordinator."""
    with uow:
        review = uow.peer_reviews.get(review_id)
        readers = {review.trainer, review.assessor, review.manager}
        if actor.user_id not in readers and not is_coordinator(actor, uow):
            raise NotAllowed("This review form is not yours to see.")
        return shown(review, uow)


def shown(review: PeerReview, uow: UnitOfWork) -> Shown:
    """The form, and whether its copies reached the trainer and their manager."""
    subject = f"review:{review.id}"
    return Shown(
        review,
        copy_given=uow.outbox.count_sent(AccreditationReason.PEER_REVIEW, subject) > 0,
        sent_to_manager=uow.outbox.count_sent(AccreditationReason.PEER_REVIEW_MANAGER, subject) > 0,
    )


def _member(kind: type[E], value: str | None) -> E | None:
    """The choice as the enum has it; None for nothing chosen or a forged value."""
    try:
        return kind(value) if value else None
    except ValueError:
        return None
