"""Why Cascade sends a message about networks: debriefs and cohort channels."""

from __future__ import annotations

from domain.kernel.outbox import Reason, register


class NetworkReason(Reason):
    DEBRIEF_ASKED = "debrief-asked"  # a supervisor: someone asks for a debrief
    DEBRIEF_TAKEN = "debrief-taken"  # the person: who will debrief them
    CHANNEL_CREATE = "channel-create"  # the coordinator who asked: the cohort's channel, created
    CHANNEL_READY = "channel-ready"  # that coordinator: it is there, participants were asked
    CHANNEL_NOT_CREATED = "channel-not-created"  # that coordinator: Slack refused, and why
    CHANNEL_ASK = "channel-ask"  # participant: would you like to join your cohort's channel?
    CHANNEL_INVITE = "channel-invite"  # participant who chose to: added to the channel


register(
    NetworkReason,
    one_off={NetworkReason.DEBRIEF_TAKEN},
    apologised={NetworkReason.CHANNEL_INVITE},
)
