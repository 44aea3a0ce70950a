"""Mentoring pairs: coordinators pair mentors with mentees from Home, and end pairs."""

from __future__ import annotations

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import forms
from bot.accreditation.blocks.mentoring import pair_modal
from bot.after_ack import AfterAck
from bot.blocks.eligibility import notice_view
from bot.ids import Action, Block, View, any_variant
from bot.listeners.flow import open_form, reply, then_ack
from bot.runtime import Clock
from domain.errors import DomainError, NotAllowed
from domain.people import Actor
from handlers.accreditation.commands import EndPair, PairMentor
from handlers.accreditation.mentoring import end_pair, pair_mentor
from handlers.exports.commands import ExportAccreditation
from handlers.exports.exports import export_accreditation
from handlers.kernel.people import is_coordinator
from storage.unit_of_work import UnitOfWorkFactory

FIELDS = {
    "mentor": Block.MENTOR,
    "mentee": Block.MENTEE,
    "line_manager": Block.LINE_MANAGER,
    "override_reason": Block.REASON,
    "reason": Block.REASON,
}


def register(app: App) -> None:
    app.action(Action.PAIR_OPEN)(handle_pair_open_action)
    app.view(View.PAIR)(handle_pair_submission)
    app.action(Action.PAIR_END)(handle_pair_end_action)
    app.action(any_variant(Action.ACCREDITATION_EXPORT))(handle_accreditation_export_action)


def handle_pair_open_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    after_ack: AfterAck,
) -> None:
    """Home: "Pair a mentor" (coordinators)."""

    def query() -> None:
        with uow_factory(read_only=True) as uow:
            if not is_coordinator(actor, uow):
                raise NotAllowed("Only coordinators can pair mentors with mentees.")

    open_form(ack, body, client, after_ack, query, lambda _: pair_modal())


def handle_pair_submission(
    ack: Ack, view: dict, actor: Actor, uow_factory: UnitOfWorkFactory, clock: Clock
) -> None:
    """Pair them, or say beside the field why not."""
    try:
        cmd = forms.command(
            PairMentor,
            FIELDS,
            actor=actor,
            mentor=forms.selected(view, Block.MENTOR) or "",
            mentee=forms.selected(view, Block.MENTEE) or "",
            line_manager=forms.selected(view, Block.LINE_MANAGER),
            override_reason=forms.typed(view, Block.REASON),
        )
        pair = pair_mentor(cmd, uow_factory(), clock())
    except DomainError as refused:
        ack(
            response_action="errors",
            errors={FIELDS.get(refused.field or "", Block.MENTOR): refused.message},
        )
        return
    done = f"<@{pair.mentor}> now mentors <@{pair.mentee}>. They have both been told."
    ack(response_action="update", view=notice_view("Paired", done))


def handle_pair_end_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    after_ack: AfterAck,
) -> None:
    """End a pair (mentor, mentee or coordinator; the button asked first)."""
    cmd = EndPair(actor=actor, pair_id=forms.clicked(body).id)
    result = then_ack(ack, lambda: end_pair(cmd, uow_factory(), clock()))
    reply(
        after_ack,
        body,
        client,
        result,
        lambda p: f"The pair <@{p.mentor}> – <@{p.mentee}> has ended.",
    )


def handle_accreditation_export_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    after_ack: AfterAck,
) -> None:
    """Home: everyone's accreditation progress and the pairs (CSV or Excel), in a DM."""
    cmd = ExportAccreditation(
        actor=actor,
        request_id=str(body.get("trigger_id") or "")[:100],
        format="xlsx" if forms.action_id(body).endswith(":xlsx") else "csv",
    )
    result = then_ack(ack, lambda: export_accreditation(cmd, uow_factory(), clock()))
    if isinstance(result, DomainError):  # otherwise the file arrives in their DMs
        reply(after_ack, body, client, result, str)
