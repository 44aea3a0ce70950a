"""The circle calendar in Slack: the publish form, the post in the circles channel, the
calendar file's caption and the reminder the day before."""

from __future__ import annotations

from typing import Any

from bot.circles.ids import Action, Block, View
from bot.kernel.blocks import (
    Blocks,
    actions,
    button,
    clip,
    context,
    escape,
    input_block,
    modal,
    option,
    plain,
    section,
)
from bot.kernel.ids import Field
from domain.circles.calendar import Circle
from domain.circles.topics import MAX_CO_FACILITATORS
from handlers.circles.calendar import CircleFacts, Published, PublishForm


def publish_modal(form: PublishForm) -> dict[str, Any]:
    topics = [option(t.name, t.key) for t in form.catalogue.circle_topics][:100]
    ics = [option(i.name, i.key) for i in form.ics][:100]
    blocks: Blocks = [
        input_block(
            Block.CIRCLE_TOPIC,
            "Topic",
            {"type": "static_select", "placeholder": plain("Choose"), "options": topics},
        ),
        input_block(Field.DATE, "Date", {"type": "datepicker"}),
        input_block(Block.CIRCLE_START, "Starts at", {"type": "timepicker"}),
        input_block(Block.CIRCLE_END, "Ends at", {"type": "timepicker"}),
        input_block(Field.PLACE, "Where, or the joining link", _text(300)),
        input_block(
            Field.PLACES,
            "Places (circles are for 6–25)",
            {"type": "number_input", "is_decimal_allowed": False},
        ),
        input_block(Block.DESCRIPTION, "Description", _text(1000, multiline=True), optional=True),
        input_block(
            Block.CO_FACILITATORS,
            "Co-facilitators",
            {"type": "multi_users_select", "max_selected_items": MAX_CO_FACILITATORS},
            optional=True,
        ),
    ]
    if ics:
        blocks.append(
            input_block(
                Field.ICS,
                "ICS",
                {"type": "static_select", "placeholder": plain("Choose"), "options": ics},
                optional=True,
            )
        )
    blocks.append(context(f"Times are in {form.timezone}. Everyone can see and sign up."))
    return modal(View.PUBLISH_CIRCLE, "Publish a circle", blocks, submit="Publish")


def when(circle: Circle) -> str:
    start, end = circle.local(circle.starts_at), circle.local(circle.ends_at)
    return f"{start:%a} {start.day} {start:%b %Y}, {start:%H:%M}–{end:%H:%M}"


def who(circle: Circle) -> str:
    led = f"led by <@{circle.facilitator}>"
    if circle.co_facilitators:
        led += " with " + ", ".join(f"<@{p}>" for p in circle.co_facilitators)
    return led


def circle_text(facts: CircleFacts) -> str:
    """Topic, when, where, who, places, and the description (people's words escaped)."""
    c = facts.circle
    lines = [
        f"*{escape(facts.topic)}*" + (f" ({escape(facts.ics)})" if facts.ics else ""),
        f"{when(c)} · {escape(c.place)}",
        f"{who(c)} · {c.places - len(facts.taken)} of {c.places} places left",
    ]
    if c.description:
        lines.append(escape(clip(c.description, 600)))
    return "\n".join(lines)


def published_notice(published: Published) -> str:
    topic = published.topic
    posted = (
        f" and posted to {', '.join(f'<#{ch}>' for ch in published.channels)}"
        if published.channels
        else ""
    )
    text = (
        f"*{escape(topic)}* on {when(published.circle)} is on the calendar{posted}: everyone "
        "sees it under *Circles coming up* on their Home tab."
    )
    return text + (f"\n:warning: {published.warning}" if published.warning else "")


def circle_post(facts: CircleFacts) -> tuple[str, Blocks]:
    """The circles channel: a circle open to all staff, with Sign up."""
    c = facts.circle
    text = f"A Leadership Support Circle, open to all staff: {facts.topic}, {when(c)}"
    blocks = [
        section(
            ":seedling: *A Leadership Support Circle, open to all staff*\n" + circle_text(facts)
        ),
        actions(button("Sign up", Action.CIRCLE_SIGN_UP, str(c.id), style="primary")),
    ]
    return text, blocks


def cancelled_post(facts: CircleFacts) -> tuple[str, Blocks]:
    """The circles channel's post once the circle is cancelled: no Sign up any more."""
    c = facts.circle
    text = f"Cancelled: {escape(facts.topic)}, {when(c)}"
    line = f"~{escape(facts.topic)}~ · {when(c)} · {who(c)}"
    return text, [section(f":x: *Cancelled: this circle will not take place*\n{line}")]


def cancelled_message(facts: CircleFacts, person: str, by: str) -> str:
    """To someone who had a place, or was to facilitate it."""
    told = (
        "Sorry: your place there is gone; the file that follows takes it out of your calendar."
        if person in facts.taken
        else "You were down to facilitate it: there is nothing more to do."
    )
    by_whom = f" by <@{by}>" if by else ""
    return f":x: *{escape(facts.topic)}* on {when(facts.circle)} was cancelled{by_whom}. {told}"


def calendar_caption(facts: CircleFacts, cancelled: bool) -> str:
    if facts.circle.cancelled_at is not None:
        return f"{facts.topic} was cancelled: this file takes it out of your calendar."
    if cancelled:
        return (
            f"You gave back your place at {facts.topic}: this file takes it out of your calendar."
        )
    return (
        f"You have a place at *{facts.topic}*, {when(facts.circle)}. Add it to your calendar with "
        "this file; Cascade will remind you the day before."
    )


def reminder(facts: CircleFacts) -> tuple[str, Blocks]:
    c = facts.circle
    text = f"Reminder: your circle {facts.topic} is on {when(c)}."
    blocks = [
        section(":bell: *Your circle is coming up*\n" + circle_text(facts)),
        actions(button("Give my place back", Action.CIRCLE_CANCEL_PLACE, str(c.id))),
    ]
    return text, blocks


def _text(limit: int, *, multiline: bool = False) -> dict[str, Any]:
    return {"type": "plain_text_input", "multiline": multiline, "max_length": limit}
