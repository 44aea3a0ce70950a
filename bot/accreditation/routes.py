"""How each accreditation command is carried out (before the ack, or right after it) and what
the person who asked is told: pathways and sign-offs, peer reviews; the coordinators' from
Home (mentoring, the export, settings) in ``admin_routes``."""

from __future__ import annotations

from functools import partial
from typing import Any

from bot.accreditation.admin_routes import ADMIN_ROUTES
from bot.accreditation.blocks import pathways as blocks
from bot.accreditation.blocks.peer_review import (
    review_modal,
    review_view,
    sign_modal,
    submitted_notice,
)
from bot.accreditation.ids import Block
from bot.kernel.blocks import notice_view
from bot.kernel.door import Route, Services, after_ack, before_ack, changes
from bot.kernel.ids import Field
from bot.kernel.replies import Open, Say, Text, Update
from domain.accreditation.pathways import Accreditation
from domain.accreditation.peer_review import InvalidReview, PeerReview
from domain.kernel.errors import DomainError
from handlers.accreditation.commands import (
    AcknowledgeReview,
    AskReviewForm,
    AskReviewSignature,
    AskSignOffForm,
    RequestNextStep,
    RequestStep,
    ShowAccreditation,
    ShowReview,
    SignOffStep,
    SubmitPeerReview,
    VerifyCertificate,
)
from handlers.accreditation.pathways import request_step, sign_off_form, sign_off_step, verify
from handlers.accreditation.peer_reviews import (
    acknowledge_review,
    review_form,
    show_review,
    submit_review,
)
from handlers.accreditation.views import MyAccreditation, my_accreditation
from handlers.kernel.looks import shown


# --- pathways: /accreditation, asking for a step, signing it off ------------------------------
def _mine(cmd: ShowAccreditation, s: Services) -> MyAccreditation:
    return my_accreditation(cmd.actor, s.uow_factory(read_only=True), s.clock())


def _progress(_cmd: ShowAccreditation, mine: MyAccreditation) -> Text:
    if not mine.progress:
        return Text("You are not on an accreditation pathway. " + blocks.HELP)
    found = [
        b
        for p in mine.progress
        for b in blocks.progress_blocks(
            p, mine.signers.get(p.pathway.key, []), mine.accreditations.get(p.pathway.key)
        )
    ]
    return Text("Your accreditation", blocks=found)


def _verified(cmd: VerifyCertificate, s: Services) -> tuple[Accreditation | None, str]:
    """The certificate with this reference, if any, and its pathway's name."""
    with s.uow_factory(read_only=True) as uow:
        catalogue = uow.catalogue.get()
    found = verify(cmd.reference, s.uow_factory(read_only=True))
    name = next((p.name for p in catalogue.pathways if found and p.key == found.pathway), "")
    return found, name


def _verify_answer(cmd: VerifyCertificate, found: tuple[Accreditation | None, str]) -> Text:
    certificate, pathway_name = found
    return Text(blocks.verify_answer(certificate, pathway_name, cmd.reference))


def _request_next(cmd: RequestNextStep, s: Services) -> Any:
    """Ask for the next step of the pathway named (or of the only one you are on)."""
    mine = my_accreditation(cmd.actor, s.uow_factory(read_only=True), s.clock())
    keys = [p.pathway.key for p in mine.progress if p.next is not None]
    pathway = cmd.pathway.lower() or (keys[0] if len(keys) == 1 else "")
    if not pathway:
        named = ", ".join(f"`{k}`" for k in keys) or "none open to you"
        raise DomainError(f"Which pathway? `/accreditation request KEY`, one of: {named}.")
    request = RequestStep(actor=cmd.actor, pathway=pathway)
    return request_step(request, s.uow_factory(), s.clock())


def _asked(done: Any) -> str:
    step, signers = done
    who = ", ".join(f"<@{p}>" for p in signers[:10])
    return f"I have asked {who} for *{step.name}*. You will hear here when it is signed off."


def _sign_off_form(cmd: AskSignOffForm, s: Services) -> dict[str, Any]:
    """The form, only for someone who may sign the step off."""
    found = sign_off_form(
        cmd.actor, cmd.person, cmd.pathway, s.uow_factory(read_only=True), s.clock()
    )
    return blocks.sign_off_modal(cmd.person, *found)


def _signed_off(_cmd: SignOffStep, signed: Any) -> Update:
    done = "Signed off." + (
        " That was the last step: they are accredited, and their certificate is on its way."
        if signed.accreditation
        else ""
    )
    return Update(notice_view("Signed off", done))


# --- peer reviews -----------------------------------------------------------------------------
def _review_form(cmd: AskReviewForm, s: Services) -> dict[str, Any]:
    found = review_form(
        cmd.actor, cmd.trainer, cmd.pathway, s.uow_factory(read_only=True), s.clock()
    )
    return review_modal(found)


def _review_to_sign(cmd: AskReviewSignature, s: Services) -> PeerReview:
    """For the trainer observed, while it is unsigned."""
    review = show_review(cmd.actor, cmd.review_id, s.uow_factory(read_only=True)).review
    review.ensure_trainer(cmd.actor.user_id)
    return review


def _review_shown(cmd: ShowReview, s: Services) -> dict[str, Any]:
    found = show_review(cmd.actor, cmd.review_id, s.uow_factory(read_only=True))
    what = "a peer review form about them"
    reading = partial(s.uow_factory, read_only=True)
    shown(
        cmd.actor.user_id, [found.review.trainer], what, reading, s.uow_factory.patient, s.clock()
    )
    return review_view(found)


def review_problems(refused: DomainError, view: dict[str, Any]) -> dict[str, str]:
    """Each problem on its block; one about a field the form does not show goes on the
    comments (the last field everyone fills in)."""
    if isinstance(refused, InvalidReview):
        problems = refused.problems
    else:
        problems = {refused.field or "": refused.message}
    present = {b.get("block_id") for b in view.get("blocks", []) if isinstance(b, dict)}
    errors: dict[str, str] = {}
    for field, message in problems.items():
        block = field if field in present else Block.ASSESSOR_COMMENTS
        errors[block] = (errors.get(block, "") + " " + message).strip()
    return errors


def _submitted(_cmd: SubmitPeerReview, submitted: Any) -> Update:
    done = submitted_notice(submitted.review, submitted.accredited_as)
    return Update(notice_view("Form submitted", done))


SIGNED = "Signed. The assessor has been told; the form is kept with your record."


def _opened(_cmd: Any, view: dict[str, Any]) -> Open:
    return Open(view)


ACCREDITATION_ROUTES: dict[type, Route] = {
    ShowAccreditation: before_ack(_mine, _progress),
    VerifyCertificate: before_ack(_verified, _verify_answer),
    RequestNextStep: before_ack(_request_next, lambda _cmd, done: Text(_asked(done))),
    RequestStep: before_ack(changes(request_step), lambda _cmd, done: Say(_asked(done))),
    AskSignOffForm: after_ack(_sign_off_form, _opened),
    SignOffStep: before_ack(changes(sign_off_step), _signed_off, default=Field.PLACE),
    AskReviewForm: after_ack(_review_form, _opened),
    SubmitPeerReview: before_ack(changes(submit_review), _submitted, explain=review_problems),
    AskReviewSignature: after_ack(_review_to_sign, lambda _cmd, r: Open(sign_modal(r))),
    ShowReview: after_ack(_review_shown, _opened),
    AcknowledgeReview: before_ack(
        changes(acknowledge_review),
        lambda _cmd, _done: Update(notice_view("Signed", SIGNED)),
        default=Block.TRAINER_COMMENTS,
    ),
    **ADMIN_ROUTES,  # mentoring, the export, pathways' and roles' settings
}
