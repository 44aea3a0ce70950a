"""The outbox: every message Cascade sends is a row first, written with the change that causes it.

A row says *what* to say (a reason, a subject, a payload of ids), never the words: the words are
written when it is sent, from what the database holds then, so a message is never stale.
Announcements (what a change causes) go at once; chases (planned reminders) wait for working
hours. Refreshes ("the card of nomination 12", "the Home of U123") coalesce into one row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any


class Reason(StrEnum):
    """Why a message is sent. The kernel's own are ``KernelReason``; each feature lists its own in
    ``domain/<feature>/reasons.py`` (an enum subclassing this one) and registers what kind each
    is: a chase, awaited, said once, a refresh, snoozable, apologised for when it fails."""

    @property
    def is_chase(self) -> bool:
        """Planned reminders: the planner adds and cancels them; they wait for working hours."""
        return self in CHASES

    @property
    def coalesces(self) -> bool:
        """A refresh: one row per subject, re-armed by every change (never sent twice at once)."""
        return self in _COALESCES

    @property
    def lane(self) -> Lane:
        """Someone is looking at the screen for it (their Home, the answer to their click, a
        file they asked for), or it may take its turn behind paced posts and reminders."""
        return Lane.AWAITED if self in _AWAITED else Lane.OTHER

    @property
    def one_off(self) -> bool:
        """Said once about something that happens once (a request's answer, an apology for one
        message): its key taken already means a message would be lost, never a repeat."""
        return self in _ONE_OFF

    @property
    def snoozable(self) -> bool:
        """ "Remind me next week" is offered for reminders that are not mandatory steps."""
        return self in _SNOOZABLE

    @property
    def apologised(self) -> bool:
        """Asked for by someone (their Home, a file): if Slack refuses it, they are told why."""
        return self in _APOLOGISED

    @staticmethod
    def read(value: str) -> Reason:
        """The reason a stored row names (every feature's reasons are registered at import)."""
        try:
            return _KNOWN[value]
        except KeyError:
            raise ValueError(f"no feature registered the outbox reason {value!r}") from None


# Filled by ``register``: each feature's reasons, when its module is imported.
_KNOWN: dict[str, Reason] = {}
CHASES: set[Reason] = set()
_COALESCES: set[Reason] = set()
_AWAITED: set[Reason] = set()
_ONE_OFF: set[Reason] = set()
_SNOOZABLE: set[Reason] = set()
_APOLOGISED: set[Reason] = set()


def register(
    reasons: type[Reason],
    *,
    chases: Iterable[Reason] = (),
    awaited: Iterable[Reason] = (),
    one_off: Iterable[Reason] = (),
    coalesces: Iterable[Reason] = (),
    snoozable: Iterable[Reason] = (),
    apologised: Iterable[Reason] = (),
) -> None:
    """A feature's reasons, and which are chases (the rest are announcements, sent at once),
    awaited, said once, refreshes, snoozable or apologised for. The others may meet their key
    again on purpose: a chase planned again, the same post asked for twice in a day, a Slack
    retry of an export (keyed by its request), a card or a Home."""
    for reason in reasons:
        if _KNOWN.setdefault(reason.value, reason) is not reason:
            raise ValueError(f"two features send messages for the reason {reason.value!r}")
    CHASES.update(chases)
    _AWAITED.update(awaited)
    _ONE_OFF.update(one_off)
    _COALESCES.update(coalesces)
    _SNOOZABLE.update(snoozable)
    _APOLOGISED.update(apologised)


class KernelReason(Reason):
    """What every feature's messages may cause: a Home, an answer, an apology."""

    HOME = "home"  # someone's Home tab, published again
    APOLOGY = "apology"  # someone's Home tab or file could not be sent: they are told why
    REPLY = "reply"  # the person who clicked: what their acknowledged request came to


register(
    KernelReason,
    awaited={KernelReason.HOME, KernelReason.APOLOGY, KernelReason.REPLY},
    one_off={KernelReason.APOLOGY, KernelReason.REPLY},
    coalesces={KernelReason.HOME},
    apologised={KernelReason.HOME},
)


class Lane(StrEnum):
    """Each lane is sent by a dispatcher of its own: what a person is waiting for never
    queues behind the channel posts paced at one a second, or behind reminders."""

    AWAITED = "awaited"
    OTHER = "other"


class State(StrEnum):
    PENDING = "pending"
    CLAIMED = "claimed"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"


@dataclass(slots=True)  # planning holds a couple of hundred thousand at once
class Message:
    """One message to one recipient (a person's DM or a channel), unique by
    (recipient, reason, subject, period)."""

    recipient: str
    reason: Reason
    subject: str  # e.g. "nomination:12", "requirement:lt-review", "entry:5", "home"
    period: str  # distinguishes repeats, e.g. "1", "ask-2", "2027-01-01:before-7"
    due_at: datetime
    payload: dict[str, Any] = field(default_factory=dict)
    state: State = State.PENDING
    attempts: int = 0
    id: int | None = None
    lease_until: datetime | None = None
    last_error: str = ""
    sent_ts: str | None = None

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.recipient, self.reason.value, self.subject, self.period)


@dataclass(frozen=True)
class Period:
    """A message's period, typed: its stage ("ask-2", "2027-01-01:before-7") and, for a
    reminder the person postponed, the day they did so."""

    base: str
    snoozed_on: date | None = None

    MARK = ":snooze-"

    @classmethod
    def parse(cls, text: str) -> Period:
        base, _, day = text.partition(cls.MARK)
        try:
            return cls(base, date(int(day[:4]), int(day[4:6]), int(day[6:8])) if day else None)
        except ValueError:
            return cls(base)

    def __str__(self) -> str:
        return self.base + (f"{self.MARK}{self.snoozed_on:%Y%m%d}" if self.snoozed_on else "")

    def snoozed(self, on: date) -> Period:
        return Period(self.base, on)

    @property
    def stage(self) -> str:
        """The last part of the base: "before-7", "due", "overdue-2", "start", "ask-3"."""
        return self.base.rsplit(":", 1)[-1]

    @property
    def day(self) -> date | None:
        """The date the base starts with, if any ("2027-01-01:before-7", "2027-01-01")."""
        try:
            return date.fromisoformat(self.base[:10])
        except ValueError:
            return None


PERMANENT_ERRORS = frozenset(
    {
        "account_inactive",
        "user_not_found",
        "users_not_found",
        "channel_not_found",
        "is_archived",
        "user_disabled",
        "not_authed",
        "invalid_auth",
        "cannot_dm_bot",
        "not_in_channel",
        "invalid_blocks",
        "render_failed",
        "name_taken",  # a channel could not be created with that name: the coordinator is told
        "invalid_name",
        "invalid_name_specials",
        "invalid_name_punctuation",
        "invalid_name_maxlength",
        "restricted_action",
        "missing_scope",
        "cant_invite",
        "cant_invite_self",
        "user_is_restricted",  # a guest account: Slack will not add them
        "user_is_ultra_restricted",
        "ura_max_channels",
        "user_is_bot",
    }
)
RETRY_DELAYS = (
    timedelta(seconds=10),
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=6),
)


def next_attempt(attempts: int, now: datetime) -> datetime | None:
    """When to try again after ``attempts`` failures; None when it is time to give up."""
    if attempts > len(RETRY_DELAYS):
        return None
    return now + RETRY_DELAYS[max(attempts, 1) - 1]
