"""What a coordinator chose to see of the facilitators' list on Home: a filter and a page."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

EVERYONE = "everyone"
ATTENTION = "attention"  # those with a requirement overdue
ICS = "ics:"  # + an ICS's key: those nominated by it
ROLE = "role:"  # + a role's key: those who hold it
_KEY = r"[a-z0-9][a-z0-9-]{0,39}"


class FacilitatorsChoice(BaseModel):
    """A filter (everyone, needs attention, one ICS or one role) and a page, from 1."""

    model_config = ConfigDict(frozen=True)

    filter: str = Field(
        default=EVERYONE, pattern=rf"^({EVERYONE}|{ATTENTION}|{ICS}{_KEY}|{ROLE}{_KEY})$"
    )
    page: int = Field(default=1, ge=1, le=100_000)

    @property
    def ics(self) -> str | None:
        return self.filter.removeprefix(ICS) if self.filter.startswith(ICS) else None

    @property
    def role(self) -> str | None:
        return self.filter.removeprefix(ROLE) if self.filter.startswith(ROLE) else None
