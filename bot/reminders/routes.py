"""How the reminders' commands are carried out (right after the ack: the preview is a
reading) and what the coordinator is shown."""

from __future__ import annotations

from collections.abc import Callable

from bot.kernel.door import Route, Services, after_ack
from bot.kernel.replies import Open, Update
from bot.reminders.blocks import waiting_view
from bot.reminders.preview import preview
from handlers.programme_admin.programmes import coordinated
from handlers.reminders.commands import AskReminderPreview, TurnPreviewPage


def _page(cmd: AskReminderPreview | TurnPreviewPage, s: Services) -> Callable[[int], dict]:
    """For the programme's coordinators only: a page of the preview, to make (it takes a while)."""
    found = coordinated(cmd.actor, cmd.programme_key, s.uow_factory(read_only=True))
    return lambda page: preview(found.key, s.uow_factory, s.people, s.clock, page)


def _opened(_cmd: AskReminderPreview, page: Callable[[int], dict]) -> Open:
    """A "working" view at once, then the first page when the dry run has it."""
    return Open(waiting_view(), then=lambda: page(1))


def _turned(cmd: TurnPreviewPage, page: Callable[[int], dict]) -> Update:
    return Update(page(cmd.page))


REMINDER_ROUTES: dict[type, Route] = {
    AskReminderPreview: after_ack(_page, _opened),
    TurnPreviewPage: after_ack(_page, _turned),
}
