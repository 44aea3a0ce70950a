"""The nomination and eligibility forms' checks before their acks, and what the forms say.

Opening day's path: a nomination is checked with the others arriving at the same moment as
it is stored (one commit for them all); nothing else reads the database before the ack (the
nominee and the ICS come from what was read a moment ago).
"""

from __future__ import annotations

from typing import Any

from bot.kernel.door import Services
from bot.kernel.ids import Field
from bot.kernel.replies import Say, Update
from bot.nominations.blocks.nominate import nominated_view
from bot.nominations.ids import Block
from domain.kernel.errors import DomainError, EligibilityIncomplete, NotFound
from domain.nominations.nomination import NOT_AN_APP
from handlers.kernel.inbox import Accepted
from handlers.nominations.commands import Nominate
from handlers.nominations.nominate import Nominating

MISSING = "Please tick this to confirm, or use “I can't take part” below to decline."


def nominating(cmd: Nominate, s: Services) -> Nominating:
    """The nomination's check as it is stored: an app is refused if known to be one (a
    stranger is looked up after the ack), the ICS as read a moment ago."""
    person = s.people.remembered(cmd.nominee_id)
    if person is not None and person.is_bot:
        raise DomainError(NOT_AN_APP, field=Block.NOMINEE)
    ics = s.programmes.ics(cmd.ics_key)
    if ics is None:
        raise NotFound(f"There is no ICS called {cmd.ics_key!r}.", field=Field.ICS)
    return Nominating(cmd, ics)


def nominated(cmd: Nominate, accepted: Accepted) -> Update:
    """The form says how many of the ICS's nominations are used; the lead's one-click
    Nominate (a button in a message) is answered privately with the same."""
    checked = accepted.checked
    programme, ics, used = checked.programme, checked.ics, checked.used + 1
    return Update(
        nominated_view(cmd.nominee_id, programme, ics, used),
        elsewhere=Say(
            f"You nominated <@{cmd.nominee_id}> for {programme.name}: {used} of "
            f"{programme.per_ics_limit} nominations used for {ics.name}. They have been sent "
            "the eligibility questions."
        ),
    )


def eligibility_missed(refused: DomainError, view: dict[str, Any]) -> dict[str, str] | None:
    """Beside each statement left unticked (None: the one policy places other reasons)."""
    if not isinstance(refused, EligibilityIncomplete):
        return None
    present = {b.get("block_id") for b in view.get("blocks", [])}
    errors = {}
    for key in refused.missing:
        for prefix in (Block.CRITERION_PREFIX, Block.CONFIRMATION_PREFIX):
            if prefix + key in present:
                errors[prefix + key] = MISSING
    return errors or {Block.FIRST_CHOICE: "Please tick every statement above."}
