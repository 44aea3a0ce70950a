"""The circle calendar: publishing a circle (Home), signing up and giving a place back
(Home, the circles channel, the reminder), and asking for and taking on cover."""

from __future__ import annotations

from collections.abc import Callable

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import forms
from bot.after_ack import AfterAck
from bot.blocks.eligibility import notice_view
from bot.circles.calendar_blocks import publish_modal, published_notice, when
from bot.circles.cover_blocks import asked_notice, taken_notice
from bot.ids import Action, Block, View
from bot.listeners.flow import open_form, reply, then_ack
from bot.runtime import Clock
from domain.circle_calendar import Circle
from domain.errors import DomainError
from domain.people import Actor
from handlers.circles.calendar import cancel_place, publish_circle, publish_form, sign_up
from handlers.circles.cancel import cancel_circle
from handlers.circles.commands import (
    AskForCover,
    CancelCircle,
    CancelCirclePlace,
    CoverCircle,
    PublishCircle,
    SignUpToCircle,
)
from handlers.circles.cover import ask_for_cover, take_cover
from storage.unit_of_work import UnitOfWorkFactory

FIELDS = {
    "topic": Block.CIRCLE_TOPIC,
    "circle_topic": Block.CIRCLE_TOPIC,
    "day": Block.DATE,
    "date": Block.DATE,
    "start": Block.CIRCLE_START,
    "circle_start": Block.CIRCLE_START,
    "end": Block.CIRCLE_END,
    "circle_end": Block.CIRCLE_END,
    "place": Block.PLACE,
    "places": Block.PLACES,
    "description": Block.DESCRIPTION,
    "co_facilitators": Block.CO_FACILITATORS,
    "ics_key": Block.ICS,
    "ics": Block.ICS,
}


def register(app: App) -> None:
    app.action(Action.CIRCLE_PUBLISH_OPEN)(handle_circle_publish_open_action)
    app.view(View.PUBLISH_CIRCLE)(handle_circle_publish_submission)
    app.action(Action.CIRCLE_SIGN_UP)(handle_circle_sign_up_action)
    app.action(Action.CIRCLE_CANCEL_PLACE)(handle_circle_cancel_place_action)
    app.action(Action.CIRCLE_CANCEL)(handle_circle_cancel_action)
    app.action(Action.COVER_ASK)(handle_cover_ask_action)
    app.action(Action.COVER_TAKE)(handle_cover_take_action)


def handle_circle_publish_open_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    after_ack: AfterAck,
) -> None:
    """Home: "Publish a circle" (trained facilitators and coordinators)."""
    query = lambda: publish_form(actor, uow_factory(read_only=True))  # noqa: E731
    open_form(ack, body, client, after_ack, query, publish_modal)


def handle_circle_publish_submission(
    ack: Ack, view: dict, actor: Actor, uow_factory: UnitOfWorkFactory, clock: Clock
) -> None:
    """Put it on the calendar and post it, or put each problem beside its field."""
    places = forms.number(view, Block.PLACES)
    if isinstance(places, str):
        ack(response_action="errors", errors={Block.PLACES: "Please enter a whole number."})
        return
    try:
        cmd = forms.command(
            PublishCircle,
            FIELDS,
            actor=actor,
            topic=forms.selected(view, Block.CIRCLE_TOPIC) or "",
            day=forms.picked_date(view, Block.DATE),
            start=forms.picked_time(view, Block.CIRCLE_START),
            end=forms.picked_time(view, Block.CIRCLE_END),
            place=forms.typed(view, Block.PLACE),
            places=places,
            description=forms.typed(view, Block.DESCRIPTION),
            co_facilitators=forms.picked_users(view, Block.CO_FACILITATORS),
            ics_key=forms.selected(view, Block.ICS),
            client_token=forms.typed_id(view),
        )
        published = publish_circle(cmd, uow_factory(), clock())
    except DomainError as refused:
        block = FIELDS.get(refused.field or "", Block.CIRCLE_TOPIC)
        ack(response_action="errors", errors={block: refused.message})
        return
    ack(response_action="update", view=notice_view("Circle published", published_notice(published)))


def _on_circle(command: type, use_case: Callable, said: Callable[[Circle], str]) -> Callable:
    """A circle's button: the use case on the clicked circle, then the person told privately
    how it went (or why not)."""

    def handle(
        ack: Ack,
        body: dict,
        client: WebClient,
        actor: Actor,
        uow_factory: UnitOfWorkFactory,
        clock: Clock,
        after_ack: AfterAck,
    ) -> None:
        cmd = command(actor=actor, circle_id=forms.clicked(body).id)
        result = then_ack(ack, lambda: use_case(cmd, uow_factory(), clock()))
        reply(after_ack, body, client, result, said)

    return handle


# Take a place (refused clearly when the circle is full).
handle_circle_sign_up_action = _on_circle(
    SignUpToCircle,
    sign_up,
    lambda circle: (
        f"You have a place at the circle on {when(circle)}. The calendar file "
        "is in your DMs, and I will remind you the day before."
    ),
)
# Give a place back: it is free for someone else.
handle_circle_cancel_place_action = _on_circle(
    CancelCirclePlace,
    cancel_place,
    lambda circle: (
        f"Your place at the circle on {when(circle)} is given back. Thank you "
        "for letting someone else have it."
    ),
)
# Cancel a circle (its facilitators or a coordinator; the button asked first).
handle_circle_cancel_action = _on_circle(
    CancelCircle,
    cancel_circle,
    lambda circle: (
        f"The circle on {when(circle)} is cancelled. Everyone with a place is being told."
    ),
)


def handle_cover_ask_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    after_ack: AfterAck,
) -> None:
    """A co-facilitator cannot make it: the ICS's other trained facilitators are asked."""
    cmd = AskForCover(actor=actor, circle_id=forms.clicked(body).id)
    result = then_ack(ack, lambda: ask_for_cover(cmd, uow_factory(), clock()))
    reply(after_ack, body, client, result, asked_notice)


def handle_cover_take_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    after_ack: AfterAck,
) -> None:
    """ "I can cover": the first to click co-facilitates; later clicks hear who did."""
    cmd = CoverCircle(actor=actor, request_id=forms.clicked(body).id)
    result = then_ack(ack, lambda: take_cover(cmd, uow_factory(), clock()))
    reply(after_ack, body, client, result, taken_notice)
