"""Coordinators preview what the next reminder run would send (`cascade jobs run --dry-run`),
in Slack: nothing is sent or written; names shown instead of ids where Cascade knows them."""

from __future__ import annotations

import re

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import forms
from bot.after_ack import AfterAck
from bot.dry_run import dry_run
from bot.ids import Action, any_variant
from bot.listeners.flow import then_ack
from bot.people import People
from bot.reminders.blocks import PER_PAGE, preview_view, waiting_view
from bot.replies import tell
from bot.runtime import Clock
from bot.trigger import open_view, update_view
from domain.kernel.errors import DomainError
from domain.kernel.people import Actor
from handlers.programme_admin.programmes import coordinated
from storage.unit_of_work import UnitOfWorkFactory

#: Where the dry run's lines name a person: a mention, "would send to U…", "… for U…:".
_ID = re.compile(
    r"<@([UW][A-Z0-9]{1,20})(?:\|[^>]*)?>"
    r"|(?<=would send to )([UW][A-Z0-9]{1,20})\b"
    r"|(?<= for )([UW][A-Z0-9]{1,20})(?=: )"
)


def register(app: App) -> None:
    app.action(Action.REMINDER_PREVIEW)(handle_reminder_preview_action)
    app.action(any_variant(Action.PREVIEW_PAGE))(handle_preview_page_action)


def handle_reminder_preview_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    after_ack: AfterAck,
    people: People,
    clock: Clock,
) -> None:
    """Open the preview (for the programme's coordinators): a "working" view at once, then
    the lines when the dry run has them."""
    key = forms.action_value(body)[:40]
    found = then_ack(ack, lambda: coordinated(actor, key, uow_factory(read_only=True)))
    if isinstance(found, DomainError):
        after_ack.later(body, client, tell, client, body, found.message)
        return
    fill = (client, body, found.key, uow_factory, people, clock)
    after_ack.run(body, client, _open_then_fill, *fill)


def _open_then_fill(
    client: WebClient,
    body: dict,
    key: str,
    uow_factory: UnitOfWorkFactory,
    people: People,
    clock: Clock,
) -> None:
    opened = open_view(client, body, waiting_view())  # a trigger gone is told, as a refusal
    update_view(client, opened, preview(key, uow_factory, people, clock, 1))


def handle_preview_page_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    after_ack: AfterAck,
    people: People,
    clock: Clock,
) -> None:
    """ "Previous" / "Next": another page of the preview (rights checked again)."""
    ack()
    view = body.get("view") or {}
    key = str(forms.metadata(view).get("programme") or "")[:40]
    page = forms.action_value(body)[:6]

    def turn() -> None:
        try:
            coordinated(actor, key, uow_factory(read_only=True))
        except DomainError as refused:
            tell(client, body, refused.message)
            return
        number = int(page) if page.isdigit() else 1
        shown = preview(key, uow_factory, people, clock, number)
        update_view(client, str(view.get("id") or ""), shown)

    after_ack.later(body, client, turn)


def preview(
    key: str, uow_factory: UnitOfWorkFactory, people: People, clock: Clock, page: int
) -> dict:
    """The page asked for of what a run now would send, people named where Cascade (or Slack)
    knows their name: only this page's, so a long preview asks about few people."""
    *lines, summary = dry_run(uow_factory, people, clock())
    pages = max(1, -(-len(lines) // PER_PAGE))
    page = min(max(1, page), pages)
    shown = lines[(page - 1) * PER_PAGE : page * PER_PAGE]
    ids = {next(g for g in match if g) for line in shown for match in _ID.findall(line)}
    found = {user: people.get(user) for user in ids}
    names = {user: p.name for user, p in found.items() if p is not None and p.name}

    def named(match: re.Match[str]) -> str:
        user = next(g for g in match.groups() if g)
        return names.get(user, user)

    named_lines = [_ID.sub(named, line) for line in shown]
    return preview_view(key, named_lines, summary, page, pages)
