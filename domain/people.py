"""Who is acting: a Slack user, known by id and (when Slack told us) e-mail address."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Actor(BaseModel):
    """The person behind a request. ``email`` lets config name people by address."""

    model_config = ConfigDict(frozen=True)

    user_id: str
    email: str | None = None

    def is_one_of(self, people: tuple[str, ...]) -> bool:
        """True when ``people`` (Slack ids or e-mail addresses) names this actor."""
        wanted = {p.strip().lower() for p in people}
        if self.user_id.lower() in wanted:
            return True
        return self.email is not None and self.email.strip().lower() in wanted


SYSTEM = Actor(user_id="cascade")
ERASED = "erased-"  # the prefix of the alias left where a person's data was erased


def is_erased(user_id: str) -> bool:
    return user_id.startswith(ERASED)


class Person(BaseModel):
    """What Slack told us about someone: name, e-mail and time zone (IANA name)."""

    model_config = ConfigDict(frozen=True)

    user_id: str
    name: str = ""
    email: str | None = None
    tz: str | None = None
    is_bot: bool = False

    @property
    def actor(self) -> Actor:
        return Actor(user_id=self.user_id, email=self.email)
