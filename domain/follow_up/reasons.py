"""Why Cascade sends a message about the follow-up: attendees asked whether they cascade, the
academy told."""

from __future__ import annotations

from domain.kernel.outbox import Reason, register


class FollowUpReason(Reason):
    FOLLOW_UP_ANSWERED = "follow-up-answered"  # coordinators: an attendee's cascading answer
    CASCADE_CHECK = "cascade-check"  # attendee: have you started cascading?
    CASCADE_LATE = "cascade-late"  # coordinators: still not cascading after the asks


register(
    FollowUpReason,
    chases={FollowUpReason.CASCADE_CHECK, FollowUpReason.CASCADE_LATE},
    snoozable={FollowUpReason.CASCADE_CHECK},
)
