"""What coordinators' programme changes say to the people concerned."""

from __future__ import annotations

from bot.blocks.common import cohort_name, escape
from bot.blocks.review import contact_line
from domain.nomination import Nomination, Status
from domain.programme import Programme


def cohort_cancelled_message(
    nomination: Nomination, programme: Programme, cohort_key: str, why: str, *, for_lead: bool
) -> str:
    """A cancelled cohort: what became of the place (back on the waitlist, or released)."""
    whose = f"<@{nomination.nominee_id}>'s place" if for_lead else "Your place"
    said = (
        f":warning: *{cohort_name(programme, cohort_key)}* of *{programme.name}* has been "
        f"cancelled" + (f": {escape(why)}" if why else ".")
    )
    if nomination.status is Status.WAITLISTED:
        who = f"<@{nomination.nominee_id}> is" if for_lead else "You are"
        then = (
            f" {who} back on the waitlist: when a place in another cohort is free, it is "
            "offered first to the people waiting, in order."
        )
    else:
        then = f" {whose} has been released. We are sorry."
    attached = "" if for_lead else " The calendar file that follows removes its sessions."
    return f"{said}{then}{attached}{contact_line(programme)}"
