"""What the next reminder run would send (`cascade jobs run --dry-run`), a page at a time,
people named where Cascade (or Slack) knows their name: nothing is sent or written."""

from __future__ import annotations

import re

from bot.dry_run import dry_run
from bot.people import People
from bot.reminders.blocks import PER_PAGE, preview_view
from bot.runtime import Clock
from storage.unit_of_work import UnitOfWorkFactory

#: Where the dry run's lines name a person: a mention, "would send to U…", "… for U…:".
_ID = re.compile(
    r"<@([UW][A-Z0-9]{1,20})(?:\|[^>]*)?>"
    r"|(?<=would send to )([UW][A-Z0-9]{1,20})\b"
    r"|(?<= for )([UW][A-Z0-9]{1,20})(?=: )"
)


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
