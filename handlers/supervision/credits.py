"""Sessions that count for both people: a mentoring session the mentor logs counts as
"mentoring received" for the mentee (and the other way round)."""

from __future__ import annotations

from dataclasses import replace

from domain.programme_admin.catalogue import Catalogue
from domain.supervision.entries import Entry
from handlers.supervision.circle_credits import co_facilitated_entries
from handlers.supervision.ports import UnitOfWork


def credited_entries(uow: UnitOfWork, user_id: str, catalogue: Catalogue) -> list[Entry]:
    """Entries others logged with the person that count for them too, as the type they count
    as (never with the author's notes or actions, which stay private); circles they
    co-facilitated, too."""
    circles = co_facilitated_entries(uow, user_id) if catalogue.circle_types() else []
    mirror = {t.key: t.credits_other_as for t in catalogue.log_types if t.credits_other_as}
    if not mirror:
        return circles
    return circles + [
        replace(
            e,
            author_id=user_id,
            log_type=mirror[e.log_type] or e.log_type,
            with_user=e.author_id,
            notes="",
            action="",
            action_due=None,
            id=None,
        )
        for e in uow.entries.credited(user_id, mirror)
    ]


def credited_to(entry: Entry, catalogue: Catalogue) -> str | None:
    """Who else an entry counts for, if anyone."""
    counts = any(t.key == entry.log_type and t.credits_other_as for t in catalogue.log_types)
    return entry.with_user if counts and entry.with_user != entry.author_id else None
