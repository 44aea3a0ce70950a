"""What Cascade replies to a request with, decided before the ack and delivered by the door.

In the ack itself: ``Done`` (nothing to show), ``Text`` (a slash command's private reply;
after the ack, through its ``response_url``), ``Update`` (a submitted form shows this view
instead) and ``Inline`` (a form's errors, each beside its field). After the ack: ``Say``
(privately, to the person who asked: ephemeral, a small modal on Home, else a DM), ``Open``
(a form, through the trigger's door) and ``Update`` (the form clicked in shows another view).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.trigger import TOO_SLOW


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
    """A submitted form shows ``view`` in its place (for a click in a form: the form clicked
    in, another page of it, after the ack; a click elsewhere is answered with ``elsewhere``,
    if anything)."""

    view: dict[str, Any]
    elsewhere: Say | None = None


@dataclass(frozen=True)
class Inline:
    """A submitted form stays open, each reason beside the block it concerns."""

    errors: dict[str, str]


@dataclass(frozen=True)
class Say:
    """Told privately, after the ack, to the person who asked (``unless_home``: not when they
    asked on their Home tab, which shows the change itself once it is published again)."""

    text: str
    blocks: list[dict[str, Any]] | None = field(default=None)
    unless_home: bool = False


@dataclass(frozen=True)
class Open:
    """A form opened after the ack, inside the click's 3-second trigger (``instead``: what
    the person is told if Slack will not open it; ``then``: what it shows once open, for a
    view that takes longer to make than the trigger lasts)."""

    view: dict[str, Any]
    instead: str = TOO_SLOW
    then: Callable[[], dict[str, Any]] | None = field(default=None, compare=False)


Reply = Done | Text | Update | Inline | Say | Open
DONE = Done()
