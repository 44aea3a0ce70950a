"""The Assessment / Peer Review Form: the assessor submits it, the trainer signs it."""

from __future__ import annotations

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import forms
from bot.accreditation.blocks.peer_review import review_view, sign_modal, submitted_notice
from bot.after_ack import AfterAck
from bot.blocks.eligibility import notice_view
from bot.ids import Action, Block, View
from bot.listeners.flow import open_form
from bot.runtime import Clock
from domain.errors import DomainError
from domain.peer_review import CRITERIA, InvalidReview
from domain.people import Actor
from handlers.accreditation.commands import AcknowledgeReview, SubmitPeerReview
from handlers.accreditation.peer_reviews import acknowledge_review, show_review, submit_review
from storage.unit_of_work import UnitOfWorkFactory

#: The command's fields, by the form block that holds each.
FIELDS = {
    "trainer": Block.VENUE,
    "event": Block.EVENT,
    "event_date": Block.EVENT_DATE,
    "venue": Block.VENUE,
    "capacity": Block.CAPACITY,
    "other_trainers": Block.OTHER_TRAINERS,
    "sessions_observed": Block.SESSIONS_OBSERVED,
    "review_kind": Block.REVIEW_KIND,
    "assessor_comments": Block.ASSESSOR_COMMENTS,
    "manager": Block.MANAGER,
    "scores": f"{Block.SCORE_PREFIX}support",
}


def register(app: App) -> None:
    app.view(View.PEER_REVIEW)(handle_review_submission)
    app.action(Action.REVIEW_SIGN_OPEN)(handle_review_sign_open_action)
    app.view(View.REVIEW_SIGN)(handle_review_sign_submission)
    app.action(Action.REVIEW_VIEW)(handle_review_view_action)


def handle_review_submission(
    ack: Ack, view: dict, actor: Actor, uow_factory: UnitOfWorkFactory, clock: Clock
) -> None:
    """Store the form, or show every problem beside its field."""
    try:
        meta = forms.kept_metadata(view, Block.EVENT)
        cmd = forms.command(
            SubmitPeerReview,
            FIELDS,
            actor=actor,
            trainer=str(meta.get("trainer") or ""),
            event=forms.selected(view, Block.EVENT),
            event_date=forms.picked_date(view, Block.EVENT_DATE),
            venue=forms.typed(view, Block.VENUE),
            capacity=forms.selected(view, Block.CAPACITY),
            other_trainers=forms.typed(view, Block.OTHER_TRAINERS),
            sessions_observed=forms.typed(view, Block.SESSIONS_OBSERVED),
            review_kind=forms.selected(view, Block.REVIEW_KIND),
            scores=_scores(view),
            assessor_comments=forms.typed(view, Block.ASSESSOR_COMMENTS),
            manager=forms.selected(view, Block.MANAGER),
            send_to_manager=forms.ticked_one(view, Block.SEND_TO_MANAGER),
            pathway=str(meta.get("pathway") or "")[:40] or None,
            step=str(meta.get("step") or "")[:40] or None,
            signs_off=forms.ticked_one(view, Block.SIGNS_OFF),
            client_token=forms.typed_id(view),
        )
        submitted = submit_review(cmd, uow_factory(), clock())
    except InvalidReview as invalid:
        ack(response_action="errors", errors=_beside(invalid.problems, view))
        return
    except DomainError as refused:
        ack(response_action="errors", errors=_beside({refused.field or "": refused.message}, view))
        return
    done = submitted_notice(submitted.review, submitted.accredited_as)
    ack(response_action="update", view=notice_view("Form submitted", done))


def _scores(view: dict) -> dict[str, int]:
    """Each criterion's score; one not chosen (or forged) is left out, to be asked for."""
    found = {}
    for key in CRITERIA:
        chosen = forms.selected(view, f"{Block.SCORE_PREFIX}{key}") or ""
        if chosen.isdigit() and len(chosen) == 1:
            found[key] = int(chosen)
    return found


def _beside(problems: dict[str, str], view: dict) -> dict[str, str]:
    """Each problem on its block; one about a field the form does not show goes on the
    comments (the last field everyone fills in)."""
    present = {b.get("block_id") for b in view.get("blocks", []) if isinstance(b, dict)}
    errors: dict[str, str] = {}
    for field, message in problems.items():
        block = field if field in present else Block.ASSESSOR_COMMENTS
        errors[block] = (errors.get(block, "") + " " + message).strip()
    return errors


def handle_review_sign_open_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    after_ack: AfterAck,
) -> None:
    """ "Add my comments and sign": for the trainer observed, while it is unsigned."""
    review_id = forms.clicked(body).id

    def query():
        review = show_review(actor, review_id, uow_factory(read_only=True)).review
        review.ensure_trainer(actor.user_id)
        return review

    open_form(ack, body, client, after_ack, query, sign_modal)


def handle_review_view_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    after_ack: AfterAck,
) -> None:
    """Home's "View": the form, read-only, for those who may read it."""
    review_id = forms.clicked(body).id

    def query():
        return show_review(actor, review_id, uow_factory(read_only=True))

    open_form(ack, body, client, after_ack, query, review_view)


def handle_review_sign_submission(
    ack: Ack, view: dict, actor: Actor, uow_factory: UnitOfWorkFactory, clock: Clock
) -> None:
    """The trainer's comments and signature."""
    cmd_fields = {"comments": Block.TRAINER_COMMENTS, "review_id": Block.TRAINER_COMMENTS}
    try:
        cmd = forms.command(
            AcknowledgeReview,
            cmd_fields,
            actor=actor,
            review_id=forms.metadata_id(view, "review"),
            comments=forms.typed(view, Block.TRAINER_COMMENTS),
        )
        acknowledge_review(cmd, uow_factory(), clock())
    except DomainError as refused:
        ack(response_action="errors", errors={Block.TRAINER_COMMENTS: refused.message})
        return
    done = "Signed. The assessor has been told; the form is kept with your record."
    ack(response_action="update", view=notice_view("Signed", done))
