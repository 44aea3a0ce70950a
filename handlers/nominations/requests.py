"""The nomination requests accepted before the ack and carried out right after it (this
feature's part of the inbox's table, see handlers/kernel/inbox.py)."""

from __future__ import annotations

from domain.kernel.errors import DomainError
from handlers.kernel.inbox import Check, Kind
from handlers.nominations.commands import (
    AnswerOffer,
    ConfirmEligibility,
    ConfirmPlace,
    MovePlace,
    Nominate,
    Waitlist,
)
from handlers.nominations.decisions import confirm_place, move_place, waitlist
from handlers.nominations.eligibility import confirm_eligibility
from handlers.nominations.nominate import Nominating, check_nominations, nominate
from handlers.nominations.offers import answer_offer


def _not_nominated(command: Nominate, why: DomainError) -> str:
    return f"<@{command.nominee_id}> was not nominated: {why.message}"


NOMINATION_REQUESTS: dict[str, Kind] = {
    "nominate": Kind(Nominate, nominate, _not_nominated),
    "confirm-place": Kind(ConfirmPlace, confirm_place),
    "move-place": Kind(MovePlace, move_place),
    "waitlist": Kind(Waitlist, waitlist),
    "confirm-eligibility": Kind(ConfirmEligibility, confirm_eligibility),
    "answer-offer": Kind(AnswerOffer, answer_offer),
}
NOMINATION_CHECKS: dict[type, Check] = {Nominating: check_nominations}
