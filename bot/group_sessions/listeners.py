"""Group sessions: schedule one from Home, answer an invitation, cancel, record who came."""

from __future__ import annotations

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import forms
from bot.after_ack import AfterAck
from bot.blocks.eligibility import notice_view
from bot.group_sessions.blocks import attendance_modal, schedule_modal, when
from bot.ids import Action, Block, View, any_variant
from bot.listeners.flow import open_form, reply, then_ack
from bot.runtime import Clock
from domain.errors import DomainError
from domain.group_sessions import Answer
from domain.people import Actor
from handlers.group_sessions.commands import (
    AnswerGroupSession,
    CancelGroupSession,
    RecordGroupAttendance,
    ScheduleGroupSession,
)
from handlers.group_sessions.reads import attendance_form, schedule_form
from handlers.group_sessions.sessions import (
    answer_invitation,
    cancel_session,
    record_attendance,
    schedule_session,
)
from storage.unit_of_work import UnitOfWorkFactory

FIELDS = {
    "kind": Block.GROUP_KIND,
    "title": Block.GROUP_TITLE,
    "day": Block.GROUP_DATE,
    "date": Block.GROUP_DATE,
    "start": Block.GROUP_START,
    "end": Block.GROUP_END,
    "place": Block.GROUP_PLACE,
    "agenda": Block.GROUP_AGENDA,
    "invitees": Block.GROUP_INVITEES,
    "roles": Block.GROUP_ROLES,
    "ics": Block.GROUP_ICS,
    "ics_key": Block.GROUP_ICS,
}
ATTENDANCE_FIELDS = {"attended": f"{Block.GROUP_ATTENDED}1", "others": Block.GROUP_OTHERS}


def register(app: App) -> None:
    app.action(Action.GROUP_SCHEDULE_OPEN)(handle_group_schedule_open_action)
    app.view(View.GROUP_SCHEDULE)(handle_group_schedule_submission)
    app.action(any_variant(Action.GROUP_ANSWER))(handle_group_answer_action)
    app.action(Action.GROUP_CANCEL)(handle_group_cancel_action)
    app.action(Action.GROUP_ATTENDANCE_OPEN)(handle_group_attendance_open_action)
    app.view(View.GROUP_ATTENDANCE)(handle_group_attendance_submission)


def handle_group_schedule_open_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    after_ack: AfterAck,
) -> None:
    """Home: "Schedule a group session" (coordinators and the kinds' organisers)."""
    query = lambda: schedule_form(actor, uow_factory(read_only=True), clock())  # noqa: E731
    open_form(ack, body, client, after_ack, query, schedule_modal)


def handle_group_schedule_submission(
    ack: Ack, view: dict, actor: Actor, uow_factory: UnitOfWorkFactory, clock: Clock
) -> None:
    """Schedule it and invite everyone, or say beside the field why not."""
    try:
        cmd = forms.command(
            ScheduleGroupSession,
            FIELDS,
            actor=actor,
            kind=forms.selected(view, Block.GROUP_KIND) or "",
            title=forms.typed(view, Block.GROUP_TITLE),
            day=forms.picked_date(view, Block.GROUP_DATE),
            start=forms.picked_time(view, Block.GROUP_START),
            end=forms.picked_time(view, Block.GROUP_END),
            place=forms.typed(view, Block.GROUP_PLACE),
            agenda=forms.typed(view, Block.GROUP_AGENDA),
            invitees=forms.picked_users(view, Block.GROUP_INVITEES),
            roles=forms.chosen(view, Block.GROUP_ROLES),
            ics_key=forms.selected(view, Block.GROUP_ICS),
            client_token=forms.typed_id(view),
        )
        session, invited = schedule_session(cmd, uow_factory(), clock())
    except DomainError as refused:
        ack(response_action="errors", errors={_block(refused.field): refused.message})
        return
    done = (
        f"*{session.title}* is scheduled for {when(session)}. {invited} "
        f"{'person was' if invited == 1 else 'people were'} invited; Home shows who is going."
    )
    ack(response_action="update", view=notice_view("Scheduled", done))


def handle_group_answer_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    after_ack: AfterAck,
) -> None:
    """Going / Can't go, in the invitation, the reminder or on Home."""
    value = forms.clicked(body)
    going = value.choice == Answer.GOING
    cmd = AnswerGroupSession(actor=actor, session_id=value.id, going=going)
    result = then_ack(ack, lambda: answer_invitation(cmd, uow_factory(), clock()))
    reply(
        after_ack,
        body,
        client,
        result,
        lambda s: (
            f"Thank you: you {'are going' if going else 'can’t go'} to “{s.title}”."
            + ("" if going else " The organiser will know.")
        ),
    )


def handle_group_cancel_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    after_ack: AfterAck,
) -> None:
    """Cancel a session (organiser or coordinator; the button asked first)."""
    cmd = CancelGroupSession(actor=actor, session_id=forms.clicked(body).id)
    result = then_ack(ack, lambda: cancel_session(cmd, uow_factory(), clock()))
    reply(
        after_ack,
        body,
        client,
        result,
        lambda s: f"“{s.title}” is cancelled. Everyone invited is being told.",
    )


def handle_group_attendance_open_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    after_ack: AfterAck,
) -> None:
    """Home: "Record who came" (organiser or coordinator, once it has started)."""
    session_id = forms.clicked(body).id
    query = lambda: attendance_form(actor, session_id, uow_factory(read_only=True), clock())  # noqa: E731
    open_form(ack, body, client, after_ack, query, attendance_modal)


def handle_group_attendance_submission(
    ack: Ack, view: dict, actor: Actor, uow_factory: UnitOfWorkFactory, clock: Clock
) -> None:
    """Credit each person ticked (once), take it back from those unticked."""
    ticked = {
        person
        for block in forms.blocks(view)
        if block.startswith(Block.GROUP_ATTENDED)
        for person in forms.chosen(view, block)
    }
    try:
        cmd = forms.command(
            RecordGroupAttendance,
            ATTENDANCE_FIELDS,
            actor=actor,
            session_id=forms.metadata_id(view, "session"),
            attended=frozenset(ticked),
            others=forms.picked_users(view, Block.GROUP_OTHERS),
        )
        done = record_attendance(cmd, uow_factory(), clock())
    except DomainError as refused:
        field = refused.field or ""
        block = ATTENDANCE_FIELDS.get(field, field if field.startswith("group_") else "")
        block = block or _first_block(view)
        ack(response_action="errors", errors={block: refused.message})
        return
    text = (
        f"{len(done.present)} attended “{done.session.title}”: each is credited with it once. "
        f"Added {len(done.added)}, taken off {len(done.removed)}."
    )
    ack(response_action="update", view=notice_view("Saved", text))


def _block(field: str | None) -> str:
    """The form's block for a refusal (named by the use case's field, or already a block)."""
    if field in FIELDS.values():
        return field or ""
    return FIELDS.get(field or "", Block.GROUP_TITLE)


def _first_block(view: dict) -> str:
    """Where to show a refusal that concerns the whole form (a stale or forged one)."""
    blocks = forms.blocks(view)
    return blocks[0] if blocks else Block.GROUP_OTHERS
