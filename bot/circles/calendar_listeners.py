"""The circle calendar: publishing a circle (Home), signing up and giving a place back
(Home, the circles channel, the reminder), and asking for and taking on cover. What each
click does and says: ``bot.circles.routes``."""

from __future__ import annotations

from slack_bolt import App

from bot.circles.ids import Action, Block, View
from bot.circles.routes import PUBLISH_FIELDS
from bot.kernel import forms
from bot.kernel.door import Door
from bot.kernel.ids import Field
from domain.kernel.errors import DomainError
from domain.kernel.people import Actor
from handlers.circles.commands import (
    AskCirclePublish,
    AskForCover,
    CancelCircle,
    CancelCirclePlace,
    CoverCircle,
    PublishCircle,
    SignUpToCircle,
)


def register(app: App) -> None:
    app.action(Action.CIRCLE_PUBLISH_OPEN)(handle_circle_publish_open_action)
    app.view(View.PUBLISH_CIRCLE)(handle_circle_publish_submission)
    app.action(Action.CIRCLE_SIGN_UP)(handle_circle_sign_up_action)
    app.action(Action.CIRCLE_CANCEL_PLACE)(handle_circle_cancel_place_action)
    app.action(Action.CIRCLE_CANCEL)(handle_circle_cancel_action)
    app.action(Action.COVER_ASK)(handle_cover_ask_action)
    app.action(Action.COVER_TAKE)(handle_cover_take_action)


def handle_circle_publish_open_action(body: dict, actor: Actor, door: Door) -> None:
    """Home: "Publish a circle" (trained facilitators and coordinators)."""
    door.submit(AskCirclePublish(actor=actor))


def handle_circle_publish_submission(view: dict, actor: Actor, door: Door) -> None:
    """Put it on the calendar and post it, or put each problem beside its field."""
    places = forms.number(view, Field.PLACES)
    if isinstance(places, str):
        raise DomainError("Please enter a whole number.", field=Field.PLACES)
    cmd = forms.command(
        PublishCircle,
        PUBLISH_FIELDS,
        actor=actor,
        topic=forms.selected(view, Block.CIRCLE_TOPIC) or "",
        day=forms.picked_date(view, Field.DATE),
        start=forms.picked_time(view, Block.CIRCLE_START),
        end=forms.picked_time(view, Block.CIRCLE_END),
        place=forms.typed(view, Field.PLACE),
        places=places,
        description=forms.typed(view, Block.DESCRIPTION),
        co_facilitators=forms.picked_users(view, Block.CO_FACILITATORS),
        ics_key=forms.selected(view, Field.ICS),
        client_token=forms.typed_id(view),
    )
    door.submit(cmd)


def handle_circle_sign_up_action(body: dict, actor: Actor, door: Door) -> None:
    """Take a place (refused clearly when the circle is full)."""
    door.submit(SignUpToCircle(actor=actor, circle_id=forms.clicked(body).id))


def handle_circle_cancel_place_action(body: dict, actor: Actor, door: Door) -> None:
    """Give a place back: it is free for someone else."""
    door.submit(CancelCirclePlace(actor=actor, circle_id=forms.clicked(body).id))


def handle_circle_cancel_action(body: dict, actor: Actor, door: Door) -> None:
    """Cancel a circle (its facilitators or a coordinator; the button asked first)."""
    door.submit(CancelCircle(actor=actor, circle_id=forms.clicked(body).id))


def handle_cover_ask_action(body: dict, actor: Actor, door: Door) -> None:
    """A co-facilitator cannot make it: the ICS's other trained facilitators are asked."""
    door.submit(AskForCover(actor=actor, circle_id=forms.clicked(body).id))


def handle_cover_take_action(body: dict, actor: Actor, door: Door) -> None:
    """ "I can cover": the first to click co-facilitates; later clicks hear who did."""
    door.submit(CoverCircle(actor=actor, request_id=forms.clicked(body).id))
