"""The base of every command, and the values commands of several features share."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from domain.kernel.people import Actor

#: A Slack user id as Slack writes them (U… or W…); nothing else reaches the domain as a person.
UserId = Annotated[str, Field(pattern=r"^[UW][A-Z0-9]{1,20}$")]


class Command(BaseModel):
    model_config = ConfigDict(frozen=True)

    actor: Actor


# Names a coordinator types reach every message; Slack's markup (<!channel>, <@U…>) has no
# place in them.
Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=300, pattern=r"^[^<>]*$"),
]


Channel = Annotated[str, Field(pattern=r"^[CG][A-Z0-9]{1,20}$")]


#: A pathway's or role's key, as the programme file writes them.
Key = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,39}$")]
