"""What accreditation and mentoring outcomes cause Cascade to say (part of the one table in
handlers/kernel/announce.py). Rows carry ids; the words are written when they are sent."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from domain.accreditation import events as e
from domain.accreditation.reasons import AccreditationReason
from domain.exports.events import AccreditationExportRequested
from domain.kernel.outbox import Message
from handlers.kernel.announce import home


def _homes(people: Iterable[str | None], now: datetime) -> list[Message]:
    return [home(p, now) for p in sorted({p for p in people if p})]


def _step_requested(o: e.StepRequested, now: datetime) -> list[Message]:
    """Everyone who may sign the step off is asked (once per request)."""
    subject = f"pathway:{o.pathway}:{o.person}"
    payload = {"person": o.person, "pathway": o.pathway, "step": o.step}
    asks = [
        Message(s, AccreditationReason.STEP_REQUESTED, subject, o.step, now, payload)
        for s in o.signers
    ]
    return [*asks, *_homes([o.person, *o.signers], now)]


def _step_signed_off(o: e.StepSignedOff, now: datetime) -> list[Message]:
    s = o.sign_off
    payload = {"person": s.person, "pathway": s.pathway, "step": s.step, "by": s.signed_by}
    subject = f"pathway:{s.pathway}:{s.person}"
    told = Message(s.person, AccreditationReason.STEP_SIGNED, subject, s.step, now, payload)
    return [told, *_homes([s.person, s.signed_by], now)]


def _accredited(o: e.Accredited, now: datetime) -> list[Message]:
    """The certificate goes to the person and to every coordinator."""
    a = o.accreditation
    payload = {"accreditation": a.id}
    to = sorted({a.person, *o.coordinators})
    sends = [
        Message(p, AccreditationReason.CERTIFICATE, f"accreditation:{a.id}", "1", now, payload)
        for p in to
    ]
    return [*sends, *_homes(to, now)]


def _status_changed(o: e.AccreditationStatusChanged, now: datetime) -> list[Message]:
    """A lapse (or its end) is told to the person and the coordinators."""
    a = o.accreditation
    period = f"{a.status.value}:{a.status_since}"
    payload = {"accreditation": a.id, "status": a.status.value}
    to = sorted({a.person, *o.coordinators})
    subject = f"accreditation:{a.id}"
    told = [
        Message(p, AccreditationReason.ACCREDITATION_STATUS, subject, period, now, payload)
        for p in to
    ]
    return [*told, *_homes([a.person], now)]


def _role_status_changed(o: e.RoleStatusChanged, now: datetime) -> list[Message]:
    """The same for a role held other than by a pathway (named in the file, say)."""
    r = o.status
    period = f"{r.status.value}:{r.since}"
    payload = {"person": r.person, "role": r.role, "status": r.status.value}
    to = sorted({r.person, *o.coordinators})
    subject = f"role:{r.role}:{r.person}"
    told = [
        Message(p, AccreditationReason.ACCREDITATION_STATUS, subject, period, now, payload)
        for p in to
    ]
    return [*told, *_homes([r.person], now)]


def _review_submitted(o: e.PeerReviewSubmitted, now: datetime) -> list[Message]:
    """The trainer gets their copy, to comment on and sign."""
    r = o.review
    copy = Message(
        r.trainer, AccreditationReason.PEER_REVIEW, f"review:{r.id}", "1", now, {"review": r.id}
    )
    return [copy, *_homes([r.trainer, r.assessor], now)]


def _review_signed(o: e.PeerReviewSigned, now: datetime) -> list[Message]:
    r = o.review
    payload = {"review": r.id}
    told = Message(
        r.assessor, AccreditationReason.PEER_REVIEW_SIGNED, f"review:{r.id}", "1", now, payload
    )
    return [told, *_homes([r.trainer, r.assessor], now)]


def _sent_to_manager(o: e.ReviewSentToManager, now: datetime) -> list[Message]:
    r = o.review
    payload = {"review": r.id}
    return [
        Message(
            o.manager,
            AccreditationReason.PEER_REVIEW_MANAGER,
            f"review:{r.id}",
            o.manager,
            now,
            payload,
        )
    ]


def _paired(o: e.MentorPaired, now: datetime) -> list[Message]:
    p = o.pair
    payload = {"pair": p.id}
    told = [
        Message(x, AccreditationReason.PAIRED, f"pair:{p.id}", "1", now, payload)
        for x in (p.mentor, p.mentee)
    ]
    return [*told, *_homes([p.mentor, p.mentee, p.paired_by], now)]


def _pair_ended(o: e.PairEnded, now: datetime) -> list[Message]:
    return _homes([o.pair.mentor, o.pair.mentee, o.actor], now)


def _export(o: AccreditationExportRequested, now: datetime) -> list[Message]:
    period = f"{o.request or f'{now:%Y%m%dT%H%M%S.%f}'}:{o.format}"
    payload = {"format": o.format}
    return [
        Message(
            o.actor, AccreditationReason.ACCREDITATION_EXPORT, "accreditation", period, now, payload
        )
    ]


ACCREDITATION_ANNOUNCEMENTS: dict[type, Callable[..., list[Message]]] = {
    e.StepRequested: _step_requested,
    e.StepSignedOff: _step_signed_off,
    e.Accredited: _accredited,
    e.AccreditationStatusChanged: _status_changed,
    e.RoleStatusChanged: _role_status_changed,
    e.PeerReviewSubmitted: _review_submitted,
    e.PeerReviewSigned: _review_signed,
    e.ReviewSentToManager: _sent_to_manager,
    e.MentorPaired: _paired,
    e.PairEnded: _pair_ended,
    AccreditationExportRequested: _export,
}
