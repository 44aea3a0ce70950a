"""The accounts' commands."""

from __future__ import annotations

from pydantic import Field

from handlers.kernel.commands import Command


class AccountChanged(Command):
    """Slack says the person's account changed (``user_change``): deactivated, or active."""

    deactivated: bool


class AskErasure(Command):
    """A coordinator asks to erase someone's personal data: the form to choose whom."""


class PreviewErasure(Command):
    """The person chosen: what erasing them removes, and what stays anonymised."""

    person: str = Field(pattern=r"^[UW][A-Z0-9]{2,39}$")


class ErasePerson(Command):
    """Confirmed: erase the person's personal data."""

    person: str = Field(pattern=r"^[UW][A-Z0-9]{2,39}$")
