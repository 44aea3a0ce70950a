"""Why Cascade sends a message about circles: credits, the calendar, sign-ups, cover, reminders."""

from __future__ import annotations

from domain.kernel.outbox import Reason, register


class CircleReason(Reason):
    CIRCLE_CREDITED = "circle-credited"  # co-facilitator: a circle logged counts for them too
    CIRCLE_POST = "circle-post"  # the circles channel: a forthcoming circle, with Sign up
    CIRCLE_CALENDAR = "circle-calendar"  # who signed up (or cancelled): the circle's .ics file
    COVER_ASKED = "cover-asked"  # the ICS's other facilitators: can you cover this circle?
    COVER_TAKEN = "cover-taken"  # the circle's facilitators: who covers it now
    CIRCLE_CANCELLED = "circle-cancelled"  # who had a place, and its facilitators: cancelled
    CIRCLE_SOON = "circle-soon"  # who signed up: their circle is the next working day


register(
    CircleReason,
    chases={CircleReason.CIRCLE_SOON},
)
