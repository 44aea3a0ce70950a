"""Domain errors: each carries a message a person understands, and the form field it concerns."""

from __future__ import annotations


class DomainError(Exception):
    """A rule refused a request; ``message`` is shown to the person who asked."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(DomainError):
    """The thing asked for does not exist (or no longer does)."""


class NotAllowed(DomainError):
    """The person asking does not have the role this needs."""


class QuotaExceeded(DomainError):
    """An ICS has used all its nominations for a programme."""


class NoPlacesLeft(DomainError):
    """A programme or cohort has no free place; says whether waitlisting is still open."""

    def __init__(self, message: str, *, nomination_id: int = 0, can_waitlist: bool = False):
        super().__init__(message)
        self.nomination_id = nomination_id
        self.can_waitlist = can_waitlist


class AlreadyNominated(DomainError):
    """The person already has an active nomination for the programme."""


class ProgrammeClosed(DomainError):
    """The programme no longer takes nominations."""


class InvalidTransition(DomainError):
    """The nomination is not in a state where this action makes sense (stale button)."""


class EligibilityIncomplete(DomainError):
    """Not every criterion or confirmation was ticked."""

    def __init__(self, message: str, *, missing: tuple[str, ...], field: str) -> None:
        super().__init__(message, field=field)
        self.missing = missing


class InvalidPreference(DomainError):
    """A cohort preference that does not make sense."""


class ConfigConflict(DomainError):
    """A configuration change would break live data; ``problems``: each reason, by the
    setting it concerns (for a form to show beside that setting)."""

    def __init__(self, message: str, *, problems: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or {}


class Busy(DomainError):
    """The database is held by other work for longer than a person can wait; nothing changed."""

    def __init__(self) -> None:
        super().__init__(
            "Cascade is busy right now, so nothing was changed. Please try again in a moment."
        )


class Unavailable(DomainError):
    """The database cannot be reached; nothing was changed."""

    def __init__(self) -> None:
        super().__init__(
            "Cascade cannot reach its database just now, so nothing was changed. Please try "
            "again in a few minutes; if it goes on, tell your coordinator."
        )


class ConcurrentChange(DomainError):
    """Someone else changed the same thing at the same moment."""
