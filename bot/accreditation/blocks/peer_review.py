"""The Assessment / Peer Review Form: the assessor's modal, the copy, the trainer's signature."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any

from bot.accreditation.ids import Action, Block, View
from bot.kernel.blocks import (
    Blocks,
    actions,
    button,
    context,
    divider,
    escape,
    input_block,
    modal,
    notice_view,
    option,
    section,
)
from domain.accreditation.peer_review import (
    CRITERIA,
    SCORES,
    Capacity,
    Event,
    PeerReview,
    ReviewKind,
)
from handlers.accreditation.peer_reviews import ReviewForm, Shown


def _text(multiline: bool = False, max_length: int = 3000) -> dict[str, Any]:
    return {"type": "plain_text_input", "multiline": multiline, "max_length": max_length}


def _radios(choices: list[str]) -> dict[str, Any]:
    return {"type": "radio_buttons", "options": [option(c, c) for c in choices]}


def review_modal(form: ReviewForm) -> dict[str, Any]:
    """Field for field as the framework's form; the 1–4 meaning shown with each criterion."""
    metadata = json.dumps(
        {"trainer": form.trainer, "pathway": form.pathway or "", "step": form.step or ""}
    )
    manager = {"initial_user": form.manager} if form.manager else {}
    blocks: Blocks = [
        section(f"*Name of trainer observed:* <@{form.trainer}>"),
        input_block(Block.EVENT, "Event", _radios([e.value for e in Event])),
        input_block(
            Block.EVENT_DATE,
            "Event date",
            {"type": "datepicker", "initial_date": form.today.isoformat()},
        ),
        input_block(Block.VENUE, "Venue", _text(max_length=200)),
        input_block(
            Block.CAPACITY,
            "Capacity in which the trainer is being assessed",
            _radios([c.value for c in Capacity]),
        ),
        input_block(
            Block.OTHER_TRAINERS,
            "Other trainers present (name and role)",
            _text(multiline=True),
            optional=True,
        ),
        input_block(Block.SESSIONS_OBSERVED, "Sessions observed", _text(multiline=True)),
        section("*Name of assessor:* you (submitting this form is your signature)"),
        input_block(
            Block.REVIEW_KIND,
            "Capacity in which the trainer is assessed",
            _radios([k.value for k in ReviewKind]),
        ),
        divider(),
        section("*Scores* — " + "; ".join(SCORES[s] for s in (1, 4))),
    ]
    for key, name in CRITERIA.items():
        scores = {"type": "radio_buttons", "options": [option(SCORES[s], str(s)) for s in SCORES]}
        blocks.append(input_block(f"{Block.SCORE_PREFIX}{key}", name, scores))
    blocks += [
        input_block(
            Block.ASSESSOR_COMMENTS, "Assessor's comments / event observations", _text(True)
        ),
        input_block(
            Block.MANAGER,
            "Trainer's manager (for a copy)",
            {"type": "users_select", **manager},
            optional=True,
        ),
        input_block(
            Block.SEND_TO_MANAGER,
            "Copy to the manager",
            {
                "type": "checkboxes",
                "options": [option("Send the trainer's manager a copy", "yes")],
            },
            optional=True,
        ),
    ]
    if form.step:
        blocks.append(
            input_block(
                Block.SIGNS_OFF,
                "Pathway step",
                {"type": "checkboxes", "options": [option(f"Sign off: {form.step_name}", "yes")]},
                optional=True,
            )
        )
    blocks.append(context("The trainer gets a copy by DM, adds their comments and signs it."))
    return modal(View.PEER_REVIEW, "Peer review form", blocks, submit="Submit", metadata=metadata)


def review_blocks(shown: Shown) -> Blocks:
    """The form as filled in, for the trainer, the assessor, the manager or a coordinator."""
    r = shown.review
    scores = "\n".join(f"• {name}: *{r.scores.get(key, '—')}*" for key, name in CRITERIA.items())
    fields = [
        f"*{_value(r.event)}:* {r.event_date:%d %b %Y}, {escape(r.venue)}",
        f"*Trainer observed:* <@{r.trainer}> · *capacity:* {_value(r.capacity)}",
        f"*Other trainers present:* {escape(r.other_trainers) or '—'}",
        f"*Sessions observed:* {escape(r.sessions_observed)}",
        f"*Assessor:* <@{r.assessor}> · {_value(r.review_kind)}",
    ]
    signed = f"Assessor: signed {r.assessor_signed_at:%d %b %Y}"
    signed += (
        f" · Assessed trainer: signed {r.trainer_signed_at:%d %b %Y}"
        if r.trainer_signed_at
        else " · Assessed trainer: not signed yet"
    )
    copies = (
        f"Copy given to assessed trainer: {'Y' if shown.copy_given else 'N'} · "
        f"Sent to trainer's manager: {'Y' if shown.sent_to_manager else 'N'}"
    )
    return [
        section("\n".join(fields)),
        section(
            "*Scores* (1 = does not meet the criteria at all, 4 = totally meets criteria)\n"
            + scores
        ),
        section(f"*Assessor's comments / event observations:*\n{escape(r.assessor_comments)}"),
        section(f"*Trainer's comments:*\n{escape(r.trainer_comments) or '—'}"),
        context(signed),
        context(copies),
    ]


def review_copy(shown: Shown, for_trainer: bool) -> tuple[str, Blocks]:
    """The DM with the form: the trainer can add comments and sign it."""
    r = shown.review
    text = (
        f"<@{r.assessor}> filled in an Assessment / Peer Review Form after observing you."
        if for_trainer
        else f"A copy of <@{r.assessor}>'s Assessment / Peer Review Form for <@{r.trainer}>."
    )
    blocks = [section(text), *review_blocks(shown)]
    if for_trainer and not r.acknowledged:
        blocks.append(
            actions(
                button(
                    "Add my comments and sign", Action.REVIEW_SIGN_OPEN, str(r.id), style="primary"
                )
            )
        )
    return text, blocks


def sign_modal(review: PeerReview) -> dict[str, Any]:
    """The trainer's comments and signature."""
    blocks: Blocks = [
        section(f"Form by <@{review.assessor}> about the event on {review.event_date:%d %b %Y}."),
        input_block(Block.TRAINER_COMMENTS, "Trainer's comments", _text(True), optional=True),
        context("Submitting signs the form as the assessed trainer."),
    ]
    metadata = json.dumps({"review": review.id})
    return modal(View.REVIEW_SIGN, "Sign the review form", blocks, submit="Sign", metadata=metadata)


def review_view(shown: Shown) -> dict[str, Any]:
    """A review form, read-only."""
    r = shown.review
    intro = f"Assessment / Peer Review Form by <@{r.assessor}> about <@{r.trainer}>."
    return notice_view("Peer review form", intro, review_blocks(shown))


def signed_notice(review: PeerReview) -> str:
    return (
        f"<@{review.trainer}> added their comments and signed your Assessment / Peer Review "
        f"Form about {review.event_date:%d %b %Y}."
    )


def _value(choice: StrEnum | None) -> str:
    return choice.value if choice else "—"


def submitted_notice(review: PeerReview, accredited_as: str = "") -> str:
    """To the assessor: the trainer gets a copy; and, if the form signed off the last step,
    that the trainer is now accredited."""
    if not accredited_as:
        return f"Thank you. <@{review.trainer}> gets a copy to add their comments and sign it."
    return (
        f"Thank you. <@{review.trainer}> is now accredited as {accredited_as}: they and the "
        "coordinators are sent the certificate. They also get a copy of this form to add "
        "their comments and sign it."
    )
