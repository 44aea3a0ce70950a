"""What every feature's ids share: the notice view, the form fields many features ask for, the
rules for action ids and their variants, and a button's value. Each feature names its own
callback_id, action_id and block_id values in its own ``ids`` module."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

NOTICE = "notice"  # a form replaced by a short notice ("Already done", "Not saved")


class Field(StrEnum):
    """Form fields (block ids) several features ask for, always meaning the same."""

    ICS = "ics"
    REASON = "reason"
    DATE = "date"
    LOG_TYPE = "log_type"
    NOTES = "notes"
    CHANNEL = "channel"
    NAME = "name"
    PLACES = "places"
    PLACE = "place"


def variant(action: str, suffix: str) -> str:
    """An action id made unique inside its block (Slack refuses two equal ids in one block)."""
    return f"{action}:{suffix}"


def any_variant(action: str) -> re.Pattern[str]:
    """Matches the action and its variants, for registering one listener for all of them."""
    return re.compile(rf"^{re.escape(action)}(:.*)?$")


#: The single action inside each input block is named after its block.
def element(block: str) -> str:
    return f"{block}_input"


MAX_ID = 2**31  # ids are database integers: anything larger names nothing


@dataclass(frozen=True)
class Value:
    """A button's value: the id of what it acts on (a nomination, an entry, a reminder) and,
    for some buttons, a choice ("cohort-2", "yes"). Written ``12`` or ``12:cohort-2``."""

    id: int
    choice: str = ""

    def __str__(self) -> str:
        return f"{self.id}:{self.choice}" if self.choice else str(self.id)

    @classmethod
    def read(cls, text: str) -> Value:
        """0 for a value that names nothing (a forged or damaged one): it is then not found."""
        head, _, choice = text.partition(":")
        number = int(head) if head.isdigit() and len(head) <= 10 else 0
        return cls(number if number < MAX_ID else 0, choice)
