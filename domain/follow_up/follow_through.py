"""Following attendees up after a train-the-trainer: their answers about cascading, and the
coordinators' follow-up calls, until the training is being cascaded. Pure rules.

The strategy: call each attendee two weeks after the training to find out how the materials
are being received; if they have not started, keep calling until they have. Here a *round* is
one stretch of ``every`` days after the training (round 1 starts two weeks after it, when the
first "have you started cascading?" goes out); each round calls for one call while the person
is not cascading, and everyone gets at least the first one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from domain.kernel.errors import DomainError

WORDS_MAX = 500  # each of the two short answers (how the materials are received, support)
# After "Yes", the coordinators are told a little later, so that the words the person types in
# the form that opens next go in the same message rather than a second one.
WORDS_GRACE = timedelta(minutes=10)
_MARGIN = timedelta(minutes=1)  # words this close to the message's sending get their own


class AlreadyCalled(DomainError):
    """This round's follow-up call was ticked off already (by someone else, or a moment ago)."""


class Telling(StrEnum):
    """When the coordinators hear of an answer."""

    NOW = "now"  # the answer, with the words it came with, at once
    SOON = "soon"  # a "Yes" from the button: after WORDS_GRACE, with words typed meanwhile
    WORDS = "words"  # words added after the answer's own message went: on their own
    DONE = "done"  # words that go in the answer's message, still waiting: nothing more
    QUIET = "quiet"  # a bare "not yet": the coordinators' Home list shows it; no message


@dataclass(frozen=True)
class Answer:
    """An attendee's answer to "have you started cascading?", with their own words."""

    nomination_id: int
    started: bool
    answered_at: datetime
    reason: str = ""  # what is in the way (a "not yet")
    materials: str = ""  # how the materials are being received
    support: str = ""  # what support they need
    id: int | None = None

    @property
    def has_words(self) -> bool:
        return bool(self.reason or self.materials or self.support)


@dataclass(frozen=True)
class Call:
    """A coordinator's follow-up call to an attendee, ticked off for one round."""

    nomination_id: int
    round: int
    called_by: str
    called_at: datetime
    id: int | None = None


def round_of(trained: datetime, now: datetime, every: timedelta) -> int:
    """The follow-up round under way: 0 until ``every`` after the training, then 1, 2, …"""
    return max(int((now - trained) / every), 0)


def is_cascading(said_yes: bool, delivered_on: date | None, trained_on: date) -> bool:
    """They said "Yes", or logged a delivery on or after the day the training ended."""
    return said_yes or (delivered_on is not None and delivered_on >= trained_on)


def call_due(round_: int, cascading: bool, last: Call | None) -> bool:
    """A call is due from round 1: the first for everyone (how are the materials received?),
    then one a round while they have not started cascading."""
    if round_ < 1:
        return False
    if last is None:
        return True
    return not cascading and last.round < round_


def words_in_time(answered_at: datetime, now: datetime) -> bool:
    """Whether words added now still reach the coordinators in the answer's own message."""
    return now <= answered_at + WORDS_GRACE - _MARGIN
