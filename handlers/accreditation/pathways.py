"""Accreditation pathways: ask for the next step, sign one off, and be accredited."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime

from domain.accreditation import events as e
from domain.accreditation.pathways import (
    Accreditation,
    Evidence,
    Pathway,
    Progress,
    SignOff,
    Step,
    StepRequest,
    check_sign_off,
    normalise_reference,
    with_article,
)
from domain.kernel.errors import NotAllowed
from domain.kernel.people import Actor
from domain.programme_admin.catalogue import Catalogue
from handlers.accreditation.commands import RequestStep, SignOffStep
from handlers.accreditation.ports import UnitOfWork
from handlers.kernel.announce import announce
from handlers.kernel.people import all_coordinators, today_for
from handlers.kernel.roles import holders, roles_of, signing_roles

_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


@dataclass(frozen=True)
class Signed:
    sign_off: SignOff
    accreditation: Accreditation | None  # the last step: accredited


def progress_of(person: str, uow: UnitOfWork, catalogue: Catalogue) -> list[Progress]:
    """Where the person is on each pathway, with their open request for the next step."""
    signed, asked = uow.accreditations.sign_offs(person), uow.accreditations.requests(person)
    result = []
    for pathway in catalogue.pathways:
        mine = tuple(s for s in signed if s.pathway == pathway.key)
        step = pathway.next_step(s.step for s in mine)
        wanted = (pathway.key, step.key if step else "")
        request = next((r for r in asked if (r.pathway, r.step) == wanted), None)
        result.append(Progress(pathway, mine, request))
    return result


def request_step(cmd: RequestStep, uow: UnitOfWork, now: datetime) -> tuple[Step, list[str]]:
    """Ask the people who may sign off your next step (once: asking again changes nothing)."""
    with uow:
        catalogue = uow.catalogue.get()
        pathway = catalogue.pathway(cmd.pathway)
        person = cmd.actor.user_id
        done = {s.step for s in uow.accreditations.sign_offs(person, pathway.key)}
        step = pathway.next_step(done)
        if step is None:
            raise NotAllowed(f"You have completed every step of {pathway.name} already.")
        if not done and not open_to(cmd.actor, pathway, uow, catalogue):
            roles = " or ".join(catalogue.role_name(r) for r in pathway.open_to)
            raise NotAllowed(f"The {pathway.name} pathway is for {with_article(roles)}.")
        signers = holders(uow, catalogue, step.signed_off_by, but=person)
        if not signers:
            roles = " or ".join(catalogue.role_name(r) for r in step.signed_off_by)
            raise NotAllowed(
                f"Nobody in Cascade is {with_article(roles)} yet, so there is nobody to ask. "
                "Please ask your coordinator to name one."
            )
        if uow.accreditations.ask(StepRequest(person, pathway.key, step.key, now)):
            announce(uow, now, e.StepRequested(person, pathway.key, step.key, tuple(signers)))
            uow.audit.note(person, f"pathway:{pathway.key}", f"asked for {step.key}", now)
            uow.commit()
        return step, signers


def open_to(actor: Actor, pathway: Pathway, uow: UnitOfWork, catalogue: Catalogue) -> bool:
    """Whether the person may start the pathway (they hold one of the roles it is for)."""
    return not pathway.open_to or bool(set(pathway.open_to) & set(roles_of(actor, uow, catalogue)))


def sign_off_form(
    actor: Actor, person: str, pathway_key: str, uow: UnitOfWork, now: datetime
) -> tuple[Pathway, Step, date]:
    """What the sign-off form needs, checked first: the step due, and that you may sign it."""
    with uow:
        catalogue = uow.catalogue.get()
        pathway = catalogue.pathway(pathway_key)
        step, today = _due_step(actor, person, pathway, uow, catalogue, now)
        if step.evidence is Evidence.PEER_REVIEW:
            raise NotAllowed(
                f"“{step.name}” is signed off with the Assessment / Peer Review Form: use "
                "“Fill in the review form” instead."
            )
        return pathway, step, today


def sign_off_step(cmd: SignOffStep, uow: UnitOfWork, now: datetime) -> Signed:
    """Sign off a step of someone's pathway; the last one accredits them."""
    with uow:
        catalogue = uow.catalogue.get()
        pathway = catalogue.pathway(cmd.pathway)
        step = pathway.step(cmd.step)
        if step.evidence is Evidence.PEER_REVIEW:
            raise NotAllowed(f"“{step.name}” is signed off with the Assessment / Peer Review Form.")
        sign_off = SignOff(
            cmd.person,
            pathway.key,
            step.key,
            cmd.occurred_on,
            cmd.place.strip(),
            cmd.actor.user_id,
            now,
        )
        signed = sign(uow, catalogue, sign_off, cmd.actor, now)
        uow.commit()
        return signed


def sign(
    uow: UnitOfWork, catalogue: Catalogue, sign_off: SignOff, signer: Actor, now: datetime
) -> Signed:
    """Check and record a sign-off in the caller's transaction, and accredit on the last."""
    pathway = catalogue.pathway(sign_off.pathway)
    step = pathway.step(sign_off.step)
    done = {s.step for s in uow.accreditations.sign_offs(sign_off.person, pathway.key)}
    roles = signing_roles(signer, uow, catalogue)
    names = {r.key: r.name for r in catalogue.roles}
    if not done and not open_to(Actor(user_id=sign_off.person), pathway, uow, catalogue):
        who = " or ".join(catalogue.role_name(r) for r in pathway.open_to)
        raise NotAllowed(f"<@{sign_off.person}> is not {with_article(who)}, so cannot start this.")
    check_sign_off(pathway, step, sign_off, roles, done, today_for(signer.user_id, uow, now), names)
    stored = uow.accreditations.add_sign_off(sign_off)
    uow.accreditations.close_requests(sign_off.person, pathway.key, step.key)
    announce(uow, now, e.StepSignedOff(stored))
    uow.audit.note(
        signer.user_id, f"pathway:{pathway.key}", f"signed off {step.key}", now, sign_off.person
    )
    if pathway.next_step({*done, step.key}) is not None:
        return Signed(stored, None)
    accreditation = uow.accreditations.accredit(
        Accreditation(
            sign_off.person,
            pathway.key,
            sign_off.occurred_on,
            signer.user_id,
            new_reference(),
            today_for(sign_off.person, uow, now),
            status_since=sign_off.occurred_on,
        )
    )
    announce(uow, now, e.Accredited(accreditation, all_coordinators(uow)))
    return Signed(stored, accreditation)


def _due_step(
    actor: Actor,
    person: str,
    pathway: Pathway,
    uow: UnitOfWork,
    catalogue: Catalogue,
    now: datetime,
) -> tuple[Step, date]:
    """The person's next step, if ``actor`` may sign it off (all but the date and place)."""
    if actor.user_id == person:
        raise NotAllowed("You cannot sign off your own step: someone else has to.")
    done = {s.step for s in uow.accreditations.sign_offs(person, pathway.key)}
    step = pathway.next_step(done)
    if step is None:
        raise NotAllowed(f"<@{person}> has completed {pathway.name} already.")
    today = today_for(actor.user_id, uow, now)
    probe = SignOff(person, pathway.key, step.key, today, "-", actor.user_id, now)
    names = {r.key: r.name for r in catalogue.roles}
    check_sign_off(pathway, step, probe, signing_roles(actor, uow, catalogue), done, today, names)
    return step, today


def due_step(
    actor: Actor, person: str, pathway_key: str, uow: UnitOfWork, now: datetime
) -> tuple[Pathway, Step, date]:
    """The same check, in its own unit of work (before opening a review form)."""
    with uow:
        catalogue = uow.catalogue.get()
        pathway = catalogue.pathway(pathway_key)
        step, today = _due_step(actor, person, pathway, uow, catalogue, now)
        return pathway, step, today


def new_reference() -> str:
    """A certificate's verification reference: CAS and ten unguessable characters."""
    return "CAS" + "".join(secrets.choice(_ALPHABET) for _ in range(10))


def verify(reference: str, uow: UnitOfWork) -> Accreditation | None:
    """The accreditation a certificate reference belongs to, if any (anyone may ask)."""
    with uow:
        return uow.accreditations.by_reference(normalise_reference(reference)[:20])
