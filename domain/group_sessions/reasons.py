"""Why Cascade sends a message about group sessions: invitations, calendar files, cancellations,
reminders."""

from __future__ import annotations

from domain.kernel.outbox import Reason, register


class GroupSessionReason(Reason):
    GROUP_INVITATION = "group-invitation"  # invitee: a group session, Going / Can't go
    GROUP_CALENDAR = "group-calendar"  # invitee: the group session's calendar file
    GROUP_CANCELLED = "group-cancelled"  # invitees: the group session was cancelled
    GROUP_ATTENDED = "group-attended"  # attendee: attending was recorded (counts for them)
    GROUP_SOON = "group-soon"  # those going: a group session is coming up


register(
    GroupSessionReason,
    chases={GroupSessionReason.GROUP_SOON},
)
