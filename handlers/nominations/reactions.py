"""What nominations do when another feature changes something (this feature's part of the
kernel's reactions, see handlers/kernel/reactions.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from handlers.kernel.reactions import PlacesAdded, Reaction
from handlers.nominations.places import offer_added_places
from handlers.nominations.ports import UnitOfWork


def _places_added(uow: UnitOfWork, change: PlacesAdded, now: datetime) -> Sequence[object]:
    """Places added go to the waitlist the way freed ones do."""
    return offer_added_places(uow, change.programme, now)


NOMINATION_REACTIONS: dict[type, Reaction] = {PlacesAdded: _places_added}
