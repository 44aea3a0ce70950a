"""A cohort's Slack channel, so trainees keep supporting each other after the training:
a coordinator asks for it, Cascade creates it, and each participant chooses to join."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from domain.kernel.errors import DomainError, NotAllowed
from domain.kernel.programme import Cohort, Programme
from domain.nominations.nomination import Nomination, Status

NAME_MAX = 80  # Slack's limit for a channel name
_ALLOWED = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_SPACES = re.compile(r"\s+")
MEMBERS = frozenset({Status.CONFIRMED, Status.ATTENDED})  # who is asked to join


def channel_name(typed: str, field: str | None = None) -> str:
    """The name as Slack takes it (lower case, no spaces, no leading #), or why not."""
    name = _SPACES.sub("-", typed.strip().lstrip("#").strip()).lower()
    if not name:
        raise DomainError("Please give the channel a name.", field=field)
    if len(name) > NAME_MAX:
        raise DomainError(f"A channel name has at most {NAME_MAX} characters.", field=field)
    if not _ALLOWED.match(name):
        raise DomainError(
            "Use lower-case letters, numbers, hyphens and underscores only "
            "(it must start with a letter or number).",
            field=field,
        )
    return name


def suggested_name(programme: Programme, cohort: Cohort) -> str:
    """A name a coordinator can keep: the programme's and the cohort's keys."""
    slug = re.sub(r"[^a-z0-9_-]+", "-", f"{programme.key}-{cohort.key}".lower()).strip("-_")
    return slug[:NAME_MAX] or "cohort"


@dataclass(frozen=True)
class CohortChannel:
    """Asked for by a coordinator; ``channel_id`` once Slack has created it."""

    programme_key: str
    cohort_key: str
    name: str
    private: bool
    asked_by: str
    asked_at: datetime
    channel_id: str | None = None
    created_at: datetime | None = None

    @property
    def subject(self) -> str:
        return f"cohort-channel:{self.programme_key}/{self.cohort_key}"

    def ensure_ready(self) -> str:
        """The channel's id, or why nobody can join it yet."""
        if self.channel_id is None:
            raise DomainError(f"#{self.name} is still being created: please try in a minute.")
        return self.channel_id


def participants(nominations: list[Nomination], cohort_key: str) -> tuple[str, ...]:
    """Who the channel is for: those confirmed on, or who attended, the cohort."""
    return tuple(
        sorted(
            {
                n.nominee_id
                for n in nominations
                if n.cohort_key == cohort_key and n.status in MEMBERS
            }
        )
    )


def ensure_member(user_id: str, members: tuple[str, ...], cohort: Cohort) -> None:
    if user_id not in members:
        raise NotAllowed(f"The channel of {cohort.name} is for its participants.")


# --- what happened (announced through the outbox) ---------------------------------------------
@dataclass(frozen=True)
class CohortChannelAsked:
    channel: CohortChannel


@dataclass(frozen=True)
class CohortChannelCreated:
    """Slack created it: each participant is asked whether to join; the coordinator hears."""

    channel: CohortChannel
    participants: tuple[str, ...]


@dataclass(frozen=True)
class CohortChannelNotCreated:
    channel: CohortChannel
    error: str


@dataclass(frozen=True)
class CohortChannelJoined:
    channel: CohortChannel
    user_id: str
