"""The reminders' commands: what coordinators ask to see of the next reminder run."""

from __future__ import annotations

from pydantic import Field

from handlers.kernel.commands import Command


class AskReminderPreview(Command):
    """A coordinator previews what the next reminder run would send (nothing is sent)."""

    programme_key: str = Field(max_length=40)


class TurnPreviewPage(Command):
    """Another page of the preview ("Previous" / "Next")."""

    programme_key: str = Field(max_length=40)
    page: int = 1
