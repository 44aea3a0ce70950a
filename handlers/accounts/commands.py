"""The accounts' commands."""

from __future__ import annotations

from handlers.kernel.commands import Command


class AccountChanged(Command):
    """Slack says the person's account changed (``user_change``): deactivated, or active."""

    deactivated: bool
