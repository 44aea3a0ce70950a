"""The networks commands: small frozen requests, whatever triggered them."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from handlers.kernel.commands import Command


class RequestDebrief(Command):
    kind: Literal["one-to-one", "group"] = "one-to-one"
    about: str = Field(default="", max_length=1000)


class TakeDebrief(Command):
    debrief_id: int


class AskCohortChannel(Command):
    """A coordinator asks for a Slack channel for one cohort's participants."""

    programme_key: str = Field(min_length=1, max_length=40)
    cohort_key: str = Field(min_length=1, max_length=40)
    name: str = Field(default="", max_length=200)  # empty: programme and cohort keys
    private: bool = True


class JoinCohortChannel(Command):
    """A participant chooses to join their cohort's channel."""

    programme_key: str = Field(min_length=1, max_length=40)
    cohort_key: str = Field(min_length=1, max_length=40)


class AskCohortChannels(Command):
    """A coordinator opens a programme's cohort channels (and the form to ask for one)."""

    programme_key: str = Field(default="", max_length=40)
