"""What Cascade replies to a request with, decided before the ack and delivered by the door.

In the ack itself: ``Done`` (nothing to show), ``Text`` (a slash command's private reply;
after the ack, through its ``response_url``), ``Update`` (a submitted form shows this view
instead; a form clicked in is updated right after the ack) and ``Inline`` (a form's errors,
each beside its field). After the ack: ``Say`` (privately, to the person who asked:
ephemeral, a small modal on Home, else a DM) and ``Open`` (a form, through the trigger's door).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Done:
    """Acknowledged; nothing more to say (a closed form, a stored request)."""


@dataclass(frozen=True)
class Text:
    """A slash command's reply, in its ack (only the person who typed it sees it)."""

    text: str
    blocks: list[dict[str, Any]] | None = None


@dataclass(frozen=True)
class Update:
    """A submitted form (or the form a button was clicked in) shows ``view`` in its place; a
    button clicked elsewhere is answered with ``elsewhere``, if anything."""

    view: dict[str, Any]
    elsewhere: Say | None = None


@dataclass(frozen=True)
class Inline:
    """A submitted form stays open, each reason beside the block it concerns."""

    errors: dict[str, str]


@dataclass(frozen=True)
class Say:
    """Told privately, after the ack, to the person who asked (``on_home``: False when the
    Home tab, which shows the change itself, needs no word about it)."""

    text: str
    blocks: list[dict[str, Any]] | None = field(default=None)
    on_home: bool = True


@dataclass(frozen=True)
class Open:
    """A form opened after the ack, inside the click's 3-second trigger (``instead``: what
    to tell the person if the trigger has gone, else the trigger's own words)."""

    view: dict[str, Any]
    instead: str | None = None


Reply = Done | Text | Update | Inline | Say | Open
DONE = Done()
