"""Outcomes: what a use case did, in the past tense; each causes messages
(handlers/kernel/announce.py).

Every outcome is an ``Event``; each feature keeps its own in ``domain/<feature>/events.py``."""

from __future__ import annotations

from dataclasses import dataclass


class Event:
    """The base of every outcome: announce(...) looks up what each kind causes by its type."""


@dataclass(frozen=True)
class HomeOpened(Event):
    """Someone opened Cascade's Home tab."""

    actor: str


@dataclass(frozen=True)
class RequestReplied(Event):
    """What a request acknowledged earlier came to, for the person who made it: why it was
    not carried out (``refusal``), or, for a click in a private reply, where the nomination
    stands now. ``channel``: where they clicked (a reply only they see there); else a DM."""

    request_id: int
    actor: str
    nomination_id: int
    channel: str | None = None
    refusal: str = ""
    can_waitlist: bool = False  # refused for want of a place: offer the waitlist instead
