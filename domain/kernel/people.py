"""Who is acting: a Slack user, known by id and (when Slack told us) e-mail address."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel, ConfigDict, PrivateAttr

DEFAULT_TZ = "Europe/London"  # where people are until Slack tells us otherwise


class Actor(BaseModel):
    """The person behind a request. ``email`` lets config name people by address."""

    model_config = ConfigDict(frozen=True)

    user_id: str
    email: str | None = None
    _find_email: Callable[[], str | None] | None = PrivateAttr(default=None)

    @classmethod
    def by_id(cls, user_id: str, find_email: Callable[[], str | None]) -> Actor:
        """Known by their Slack id alone: their address is looked up only if a rule needs it."""
        actor = cls(user_id=user_id)
        actor._find_email = find_email
        return actor

    def is_one_of(self, people: tuple[str, ...]) -> bool:
        """True when ``people`` (Slack ids or e-mail addresses) names this actor."""
        wanted = {p.strip().lower() for p in people}
        if self.user_id.lower() in wanted:
            return True
        if not any("@" in p for p in wanted):
            return False
        email = self.email or (self._find_email() if self._find_email else None)
        return email is not None and email.strip().lower() in wanted


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

    @property
    def zone(self) -> str:
        return self.tz or DEFAULT_TZ
