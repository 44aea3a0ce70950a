"""What logging an entry causes Cascade to say (this feature's part of the one table, see
handlers/kernel/announce.py): the author's Home tab shows it."""

from __future__ import annotations

from datetime import datetime

from domain.kernel.outbox import Message
from domain.supervision import events as e
from handlers.kernel.announce import Announcement, home


def _entry_logged(o: e.EntryLogged, now: datetime) -> list[Message]:
    return [home(o.author, now)]


SUPERVISION_ANNOUNCEMENTS: dict[type, Announcement] = {e.EntryLogged: _entry_logged}
