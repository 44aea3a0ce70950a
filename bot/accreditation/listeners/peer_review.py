"""The Assessment / Peer Review Form: the assessor submits it, the trainer signs it."""

from __future__ import annotations

from slack_bolt import App

from bot.accreditation.ids import Action, Block, View
from bot.kernel import forms
from bot.kernel.door import Door
from domain.accreditation.peer_review import CRITERIA
from domain.kernel.people import Actor
from handlers.accreditation.commands import (
    AcknowledgeReview,
    AskReviewSignature,
    ShowReview,
    SubmitPeerReview,
)

#: The command's fields, by the form block that holds each (what the form does not show
#: itself, on the comments: the last field everyone fills in).
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
    "send_to_manager": Block.ASSESSOR_COMMENTS,
    "pathway": Block.ASSESSOR_COMMENTS,
    "step": Block.ASSESSOR_COMMENTS,
    "signs_off": Block.ASSESSOR_COMMENTS,
    "client_token": Block.ASSESSOR_COMMENTS,
}
SIGN_FIELDS = {"comments": Block.TRAINER_COMMENTS, "review_id": Block.TRAINER_COMMENTS}


def register(app: App) -> None:
    app.view(View.PEER_REVIEW)(handle_review_submission)
    app.action(Action.REVIEW_SIGN_OPEN)(handle_review_sign_open_action)
    app.view(View.REVIEW_SIGN)(handle_review_sign_submission)
    app.action(Action.REVIEW_VIEW)(handle_review_view_action)


def handle_review_submission(view: dict, actor: Actor, door: Door) -> None:
    """Store the form, or show every problem beside its field."""
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
    door.submit(cmd)


def _scores(view: dict) -> dict[str, int]:
    """Each criterion's score; one not chosen (or forged) is left out, to be asked for."""
    found = {}
    for key in CRITERIA:
        chosen = forms.selected(view, f"{Block.SCORE_PREFIX}{key}") or ""
        if chosen.isdigit() and len(chosen) == 1:
            found[key] = int(chosen)
    return found


def handle_review_sign_open_action(body: dict, actor: Actor, door: Door) -> None:
    """ "Add my comments and sign": for the trainer observed, while it is unsigned."""
    door.submit(AskReviewSignature(actor=actor, review_id=forms.clicked(body).id))


def handle_review_view_action(body: dict, actor: Actor, door: Door) -> None:
    """Home's "View": the form, read-only, for those who may read it."""
    door.submit(ShowReview(actor=actor, review_id=forms.clicked(body).id))


def handle_review_sign_submission(view: dict, actor: Actor, door: Door) -> None:
    """The trainer's comments and signature."""
    cmd = forms.command(
        AcknowledgeReview,
        SIGN_FIELDS,
        actor=actor,
        review_id=forms.metadata_id(view, "review"),
        comments=forms.typed(view, Block.TRAINER_COMMENTS),
    )
    door.submit(cmd)
