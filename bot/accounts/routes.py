"""How an account's change is carried out: at once, before the ack (one short write)."""

from __future__ import annotations

from bot.kernel.door import Route, before_ack, changes
from handlers.accounts.accounts import account_changed
from handlers.accounts.commands import AccountChanged

ACCOUNT_ROUTES: dict[type, Route] = {
    AccountChanged: before_ack(changes(account_changed)),  # the ack is all Slack needs
}
