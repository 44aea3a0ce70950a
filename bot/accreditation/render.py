"""What accreditation and mentoring messages say, written when they are sent."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from functools import partial

from bot.accreditation.blocks import pathways as words
from bot.accreditation.blocks.mentoring import nudge_message, paired_message
from bot.accreditation.blocks.peer_review import review_copy, signed_notice
from bot.accreditation.certificate import CertificateDetails, certificate_pdf
from bot.accreditation.export import accreditation_csv, accreditation_xlsx
from bot.kernel.blocks import section
from bot.outbox.sends import Post, Send, Upload
from bot.outbox.sources import Sources, Writer
from domain.accreditation.pathways import Status, display_reference
from domain.accreditation.reasons import AccreditationReason
from domain.kernel.outbox import Message, Reason
from domain.kernel.people import Actor
from handlers.accreditation.reads import (
    accreditation_facts,
    pair_of,
    review_shown,
    role_facts,
    step_facts,
)
from handlers.accreditation.views import everyone
from handlers.kernel.looks import shown


def _read(renderer: Sources):
    return renderer.uow_factory(read_only=True)


def _step_requested(message: Message, actor: Actor, r: Sources, now: datetime) -> Send | None:
    """Asked while the step is still wanted (signed off meanwhile: nothing to say)."""
    p = message.payload
    pathway, step, signed, asked = step_facts(p["person"], p["pathway"], p["step"], _read(r))
    if signed is not None or not asked:
        return None
    text, blocks = words.step_requested_message(p["person"], pathway, step)
    return Post(message.recipient, text, blocks)


def _step_signed(message: Message, actor: Actor, r: Sources, now: datetime) -> Send | None:
    p = message.payload
    pathway, step, signed, _ = step_facts(p["person"], p["pathway"], p["step"], _read(r))
    if signed is None:
        return None
    return Post(message.recipient, words.step_signed_message(signed, pathway, step))


def _certificate(message: Message, actor: Actor, r: Sources, now: datetime) -> Send:
    """The PDF, to the person and to each coordinator."""
    facts = accreditation_facts(message.payload["accreditation"], _read(r), now)
    a, pathway = facts.accreditation, facts.pathway
    names = {s.step: s for s in facts.sign_offs}
    ref = display_reference(a.reference)
    details = CertificateDetails(
        name=_name(r, a.person),
        accreditation=pathway.name,
        accredited_on=a.accredited_on,
        confirmed_by=_name(r, a.confirmed_by),
        confirmed_role=facts.confirmed_role,
        reference=ref,
        issued_on=a.issued_on,
        programme=f"{pathway.name} pathway",
        steps=tuple(
            (s.name, names[s.key].occurred_on, names[s.key].place)
            for s in pathway.steps
            if s.key in names
        ),
        verify_hint=f"To check this certificate, type /accreditation verify {ref} in Slack.",
    )
    for_person = message.recipient == a.person
    return Upload(
        message.recipient,
        f"certificate-{ref}.pdf",
        certificate_pdf(details),
        words.certificate_caption(a, pathway, for_person),
    )


def _status(message: Message, actor: Actor, r: Sources, now: datetime) -> Send:
    """The lapse (or re-instatement) this message announces, with what is overdue now."""
    p = message.payload
    if "role" in p:  # a role held other than by a pathway
        held = role_facts(p["person"], p["role"], _read(r), now)
        for_person = message.recipient == held.person
        status = Status(p["status"])
        missing = ", ".join(held.overdue)
        return Post(message.recipient, words.role_status_message(held, status, for_person, missing))
    facts = accreditation_facts(message.payload["accreditation"], _read(r), now)
    told = replace(facts.accreditation, status=Status(message.payload["status"]))
    missing = ", ".join(facts.overdue)
    text = words.status_message(told, facts.pathway, message.recipient == told.person, missing)
    return Post(message.recipient, text)


def _review(message: Message, actor: Actor, r: Sources, now: datetime) -> Send:
    shown = review_shown(message.payload["review"], _read(r))
    for_trainer = message.recipient == shown.review.trainer
    text, blocks = review_copy(shown, for_trainer)
    return Post(message.recipient, text, blocks)


def _review_signed(message: Message, actor: Actor, r: Sources, now: datetime) -> Send:
    shown = review_shown(message.payload["review"], _read(r))
    text = signed_notice(shown.review)
    return Post(message.recipient, text, [section(text)])


def _paired(message: Message, actor: Actor, r: Sources, now: datetime) -> Send | None:
    pair, nudge_days = pair_of(message.payload["pair"], _read(r))
    if pair.ended_at is not None:
        return None
    return Post(
        message.recipient, paired_message(pair, message.recipient == pair.mentor, nudge_days)
    )


def _nudge(message: Message, actor: Actor, r: Sources, now: datetime) -> Send | None:
    pair, _ = pair_of(message.payload["pair"], _read(r))
    if pair.ended_at is not None:
        return None
    since = date.fromisoformat(message.payload["since"])
    return Post(message.recipient, nudge_message(pair, message.recipient, since))


def _export(message: Message, actor: Actor, r: Sources, now: datetime) -> Send:
    """Everyone's progress and the pairs, named as Slack names them."""
    found = everyone(actor, _read(r))
    ids = {p for p, _, _ in found.progress}
    ids |= {a.confirmed_by for _, _, a in found.progress if a}
    ids |= {s.signed_by for _, p, _ in found.progress for s in p.sign_offs}
    ids |= {x for k in found.pairs for x in (k.pair.mentor, k.pair.mentee, k.pair.paired_by)}
    names = {i: person for i in sorted(ids) if (person := r.people.get(i))}
    excel = message.payload.get("format") == "xlsx"
    people = {p for p, _, _ in found.progress} | {r.person for r in found.roles}
    people |= {x for k in found.pairs for x in (k.pair.mentor, k.pair.mentee)}
    what = "the accreditation export (a file)"
    shown(
        actor.user_id,
        people,
        what,
        partial(r.uow_factory, read_only=True),
        r.uow_factory.patient,
        now,
    )
    return Upload(
        message.recipient,
        f"accreditation-{now:%Y%m%d-%H%M}.{'xlsx' if excel else 'csv'}",
        (accreditation_xlsx if excel else accreditation_csv)(found, names),
        f"Accreditation progress of {len({p for p, _, _ in found.progress})} people, "
        f"and {len(found.pairs)} mentoring pairs.",
    )


def _name(r: Sources, user_id: str) -> str:
    person = r.people.get(user_id)
    return person.name if person and person.name else user_id


WRITERS: dict[Reason, Writer] = {
    AccreditationReason.STEP_REQUESTED: _step_requested,
    AccreditationReason.STEP_SIGNED: _step_signed,
    AccreditationReason.CERTIFICATE: _certificate,
    AccreditationReason.ACCREDITATION_STATUS: _status,
    AccreditationReason.PEER_REVIEW: _review,
    AccreditationReason.PEER_REVIEW_MANAGER: _review,
    AccreditationReason.PEER_REVIEW_SIGNED: _review_signed,
    AccreditationReason.PAIRED: _paired,
    AccreditationReason.MENTORING_NUDGE: _nudge,
    AccreditationReason.ACCREDITATION_EXPORT: _export,
}
