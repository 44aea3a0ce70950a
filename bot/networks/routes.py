"""How each networks command (debriefs, cohort channels) is carried out (before the ack, or
right after it) and what the person who asked is told."""

from __future__ import annotations

from typing import Any

from bot.kernel.blocks import notice_view
from bot.kernel.door import Route, Services, after_ack, before_ack, changes
from bot.kernel.replies import Open, Say, Update
from bot.networks import channel_blocks, debrief_blocks
from bot.networks.ids import Block
from handlers.networks.cohort_channels import (
    NAME_FIELD,
    ask_for_channel,
    cohort_channels,
    join_channel,
)
from handlers.networks.commands import (
    AskCohortChannel,
    AskCohortChannels,
    JoinCohortChannel,
    RequestDebrief,
    TakeDebrief,
)
from handlers.networks.debriefs import request_debrief, take_debrief

# Each form's fields (the use case's names and the form's own) -> its blocks.
DEBRIEF_FIELDS = {"kind": Block.DEBRIEF_KIND, "about": Block.DEBRIEF_ABOUT}
CHANNEL_FIELDS = {"cohort_key": Block.CHANNEL_COHORT, "cohort": Block.CHANNEL_COHORT}
CHANNEL_FIELDS |= {"name": Block.CHANNEL_NAME, NAME_FIELD: Block.CHANNEL_NAME}


def _channels(cmd: AskCohortChannels, s: Services) -> Any:
    return cohort_channels(cmd.actor, cmd.programme_key, s.uow_factory(read_only=True))


def _debrief_asked(_cmd: RequestDebrief, asked: Any) -> Update:
    notice = debrief_blocks.asked_notice(len(asked.supervisors))
    return Update(notice_view("Debrief asked for", notice))


NETWORK_ROUTES: dict[type, Route] = {
    # Debriefs: asked for from Home; the first supervisor to take one on has it.
    RequestDebrief: before_ack(
        changes(request_debrief),
        _debrief_asked,
        blocks=DEBRIEF_FIELDS,
        default=Block.DEBRIEF_ABOUT,
    ),
    TakeDebrief: before_ack(
        changes(take_debrief), lambda _cmd, d: Say(debrief_blocks.taken_notice(d))
    ),
    # Cohort channels: the coordinators ask for one; a participant chooses to join.
    AskCohortChannels: after_ack(
        _channels, lambda _cmd, found: Open(channel_blocks.channels_modal(found))
    ),
    AskCohortChannel: before_ack(
        changes(ask_for_channel),
        lambda _cmd, channel: Update(
            notice_view("Cohort channels", channel_blocks.asked_notice(channel))
        ),
        blocks=CHANNEL_FIELDS,
        default=Block.CHANNEL_COHORT,
    ),
    JoinCohortChannel: before_ack(
        changes(join_channel), lambda _cmd, channel: Say(channel_blocks.joined_notice(channel))
    ),
}
