"""How each nominations command is carried out (before the ack, stored, or right after it)
and what the person who asked is told."""

from __future__ import annotations

from typing import Any

from bot.blocks.common import cohort_name
from bot.blocks.review import decline_modal
from bot.ids import Block
from bot.kernel.door import Route, Services, after_ack, before_ack, changes, stored
from bot.kernel.replies import Open, Say
from handlers.nominations.commands import (
    AskDecision,
    AskToMove,
    ConfirmPlace,
    Decline,
    MovePlace,
    Waitlist,
)
from handlers.nominations.decisions import ask_to_move, check_decision, decline


def _asked_to_move(cmd: AskToMove, done: Any) -> Say:
    return Say(
        f"Your request to move to {cohort_name(done.programme, cmd.cohort_key)} has gone to "
        "the coordinators. Your place stays where it is until they move it."
    )


def _decision_form(cmd: AskDecision, s: Services) -> Any:
    return check_decision(cmd.actor, cmd.nomination_id, cmd.action, s.uow_factory(read_only=True))


NOMINATION_ROUTES: dict[type, Route] = {
    # The coordinators' decisions on the review card: stored, carried out after the ack.
    ConfirmPlace: stored(),
    MovePlace: stored(),
    Waitlist: stored(),
    AskToMove: before_ack(changes(ask_to_move), _asked_to_move),
    AskDecision: after_ack(
        _decision_form, lambda _cmd, found: Open(decline_modal(found.nomination))
    ),
    Decline: before_ack(changes(decline), default=Block.REASON),
}
