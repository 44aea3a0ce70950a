"""The circles part of Home: circles coming up (for everyone, with Sign up), and the circles
the person delivered or co-facilitated."""

from __future__ import annotations

from bot.circles.calendar_blocks import when, who
from bot.circles.ids import Action
from bot.kernel.blocks import (
    Blocks,
    actions,
    button,
    confirm_dialog,
    context,
    divider,
    escape,
    header,
    section,
)
from handlers.circles.views import CirclesHome, MyCircle, Slot


def circles_home_blocks(home: CirclesHome) -> Blocks:
    if not home.shown:
        return []
    blocks: Blocks = [header("Circles coming up")]
    if not home.upcoming:
        blocks.append(section("No circles are on the calendar yet."))
    for slot in home.upcoming:
        blocks.append(_slot(slot))
    if home.more:
        blocks.append(context(f"…and {home.more} more coming up."))
    if home.mine:
        lines = "\n".join(_mine(m) for m in home.mine)
        blocks.append(section("*Your circles in the last 12 months*\n" + lines))
    if home.can_run:
        blocks.append(
            actions(
                button("Log a circle", Action.CIRCLE_LOG_OPEN, style="primary"),
                button("Publish a circle", Action.CIRCLE_PUBLISH_OPEN),
            )
        )
    return [*blocks, divider()]


def _slot(slot: Slot) -> dict:
    c = slot.circle
    left = c.places - slot.taken
    text = (
        f"*{escape(slot.topic)}* · {when(c)}\n{escape(c.place)} · {who(c)}\n"
        + ("Full" if slot.full else f"{left} of {c.places} places left")
        + (" · *you have a place*" if slot.signed_up else "")
    )
    block = section(text)
    value = str(c.id)
    if slot.signed_up:
        block["accessory"] = button("Give my place back", Action.CIRCLE_CANCEL_PLACE, value)
    elif slot.cover is not None:
        block["text"]["text"] += " · you asked for cover"
    elif slot.facilitating and slot.co_facilitating:
        block["accessory"] = button("I can't make it", Action.COVER_ASK, value)
    elif slot.facilitating:
        block["accessory"] = button(
            "Cancel this circle", Action.CIRCLE_CANCEL, value, confirm=_SURE
        )
    elif not slot.facilitating and not slot.full:
        block["accessory"] = button("Sign up", Action.CIRCLE_SIGN_UP, value, style="primary")
    return block


_SURE = confirm_dialog(
    "Cancel this circle?",
    "Everyone with a place will be told, and it leaves the calendar.",
    "Cancel it",
    "Keep it",
)


def _mine(row: MyCircle) -> str:
    e, d = row.entry, row.delivery
    line = f"• *{e.occurred_on:%a %-d %b %Y}* · {escape(row.topic)} · {e.participants} people"
    if row.credited:
        return line + f" · co-facilitated with <@{e.author_id}> (counts for you)"
    if d.co_facilitators:
        line += " · with " + ", ".join(f"<@{p}>" for p in d.co_facilitators)
    return line
