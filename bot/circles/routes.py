"""How each circles command is carried out (before the ack, or right after it) and what the
person who asked is told."""

from __future__ import annotations

from typing import Any

from bot.circles.blocks import circle_modal, logged_blocks
from bot.circles.calendar_blocks import publish_modal, published_notice, when
from bot.circles.cover_blocks import asked_notice, taken_notice
from bot.circles.ids import Block
from bot.kernel.blocks import notice_view
from bot.kernel.door import Route, Services, after_ack, before_ack, changes
from bot.kernel.ids import Field
from bot.kernel.replies import Open, Say, Update
from handlers.circles.calendar import cancel_place, publish_circle, publish_form, sign_up
from handlers.circles.cancel import cancel_circle
from handlers.circles.commands import (
    AskCircleLog,
    AskCirclePublish,
    AskForCover,
    CancelCircle,
    CancelCirclePlace,
    CoverCircle,
    PublishCircle,
    SignUpToCircle,
)
from handlers.circles.cover import ask_for_cover, take_cover
from handlers.supervision.circle_deliveries import circle_form, log_circle
from handlers.supervision.commands import LogCircle

# The circle form's fields (the use case's names and the form's own) -> its blocks.
LOG_FIELDS = {
    "log_type": Field.LOG_TYPE,
    "occurred_on": Field.DATE,
    "date": Field.DATE,
    "topic": Block.CIRCLE_TOPIC,
    "group_size": Block.CIRCLE_SIZE,
    "participants": Block.CIRCLE_SIZE,
    "co_facilitators": Block.CO_FACILITATORS,
    "ics_key": Field.ICS,
    "setting": Block.CIRCLE_SETTING,
    "embedded_in": Block.EMBEDDED_IN,
    "notes": Field.NOTES,
    "circle_topic": Block.CIRCLE_TOPIC,
    "circle_size": Block.CIRCLE_SIZE,
    "circle_setting": Block.CIRCLE_SETTING,
    "ics": Field.ICS,
}
# The publish form's.
PUBLISH_FIELDS = {
    "topic": Block.CIRCLE_TOPIC,
    "circle_topic": Block.CIRCLE_TOPIC,
    "day": Field.DATE,
    "date": Field.DATE,
    "start": Block.CIRCLE_START,
    "circle_start": Block.CIRCLE_START,
    "end": Block.CIRCLE_END,
    "circle_end": Block.CIRCLE_END,
    "place": Field.PLACE,
    "places": Field.PLACES,
    "description": Block.DESCRIPTION,
    "co_facilitators": Block.CO_FACILITATORS,
    "ics_key": Field.ICS,
    "ics": Field.ICS,
}


def _circle_form(cmd: AskCircleLog, s: Services) -> Any:
    return circle_form(cmd.actor, s.uow_factory(read_only=True), s.clock(), cmd.entry_id)


def _publish_form(cmd: AskCirclePublish, s: Services) -> Any:
    return publish_form(cmd.actor, s.uow_factory(read_only=True))


def _logged(_cmd: LogCircle, logged: Any) -> Update:
    blocks = logged_blocks(logged)
    return Update(notice_view("Circle logged", blocks[0]["text"]["text"], blocks[1:]))


CIRCLE_ROUTES: dict[type, Route] = {
    # Logging a circle. The form's check runs before the ack, so that `/log-supervision
    # circle` can say in its own reply why the form cannot open (Home's button likewise).
    AskCircleLog: before_ack(_circle_form, lambda _cmd, form: Open(circle_modal(form))),
    LogCircle: before_ack(changes(log_circle), _logged, blocks=LOG_FIELDS, default=Field.DATE),
    # The calendar: publishing, places, cancelling.
    AskCirclePublish: after_ack(_publish_form, lambda _cmd, form: Open(publish_modal(form))),
    PublishCircle: before_ack(
        changes(publish_circle),
        lambda _cmd, published: Update(
            notice_view("Circle published", published_notice(published))
        ),
        blocks=PUBLISH_FIELDS,
        default=Block.CIRCLE_TOPIC,
    ),
    SignUpToCircle: before_ack(
        changes(sign_up),
        lambda _cmd, circle: Say(
            f"You have a place at the circle on {when(circle)}. The calendar file "
            "is in your DMs, and I will remind you the day before."
        ),
    ),
    CancelCirclePlace: before_ack(
        changes(cancel_place),
        lambda _cmd, circle: Say(
            f"Your place at the circle on {when(circle)} is given back. Thank you "
            "for letting someone else have it."
        ),
    ),
    CancelCircle: before_ack(
        changes(cancel_circle),
        lambda _cmd, circle: Say(
            f"The circle on {when(circle)} is cancelled. Everyone with a place is being told."
        ),
    ),
    # Cover: asking the ICS's other facilitators, and the first to take it on.
    AskForCover: before_ack(changes(ask_for_cover), lambda _cmd, asked: Say(asked_notice(asked))),
    CoverCircle: before_ack(changes(take_cover), lambda _cmd, taken: Say(taken_notice(taken))),
}
