"""Contract tests (fake, SQLite, PostgreSQL) for supervision entries (what people log)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from domain.kernel.errors import NotFound
from domain.supervision.entries import Entry, Kind
from tests.factories import NOW

LATER = NOW + timedelta(minutes=10)


def test_entries_are_listed_newest_first_and_found_by_form(uow) -> None:
    def entry(day: int, token: str | None = None, **kw) -> Entry:
        made = NOW.replace(day=day)
        return Entry(
            author_id="UA",
            log_type="review-group",
            kind=Kind.SUPERVISION,
            occurred_on=made.date(),
            created_at=made,
            updated_at=made,
            client_token=token,
            **kw,
        )

    with uow() as u:
        for e in (entry(3, "V1"), entry(5, action="Call", action_due=NOW.date()), entry(4)):
            u.entries.add(e)
        u.entries.add(replace(entry(6), log_type="line-manager", with_user="UOLD"))
        u.entries.add(replace(entry(8), log_type="line-manager", with_user="UNEW"))
        u.entries.add(replace(entry(9), author_id="UB", log_type="line-manager", with_name="Sam"))
        u.commit()
    with uow() as u:
        assert [e.occurred_on.day for e in u.entries.list("UA")] == [8, 6, 5, 4, 3]
        assert [e.occurred_on.day for e in u.entries.list("UA", limit=1)] == [8]
        assert u.entries.by_token("UA", "V1").occurred_on.day == 3
        assert u.entries.by_token("UB", "V1") is None
        assert [e.action for e in u.entries.actions_due(NOW.date())] == ["Call"]
        assert u.entries.latest_by_type(["review-group", "line-manager", "mentoring"]) == {
            "review-group": {"UA": NOW.replace(day=5).date()},
            "line-manager": {"UA": NOW.replace(day=8).date(), "UB": NOW.replace(day=9).date()},
            "mentoring": {},
        }
        assert u.entries.latest_with("line-manager") == {"UA": "UNEW"}  # UB's was not in Slack
        assert u.entries.counts_since(NOW.replace(day=5).date()) == {"UA": 2, "UB": 1}
        assert u.entries.counts_since(NOW.replace(day=9).date()) == {}


def logged(author: str = "UA", **kw) -> Entry:
    return Entry(author, "line-manager", Kind.SUPERVISION, NOW.date(), NOW, **kw)


def test_an_entry_reads_back_as_stored_is_changed_and_deleted(uow) -> None:
    added = logged(
        with_user="UB",
        with_name="Ben",
        duration_minutes=50,
        participants=2,
        notes="Talked it through",
        action="Book the room",
        action_due=LATER.date(),
        client_token="T1",
    )
    with uow() as u:
        u.entries.add(added)
        u.commit()
    with uow() as u:
        assert u.entries.get(added.id) == replace(added, updated_at=NOW)  # not given: made
        changed = replace(added, notes="Changed", duration_minutes=40, updated_at=LATER)
        u.entries.save(changed)
        u.commit()
    with uow() as u:
        assert u.entries.get(added.id) == changed
        with pytest.raises(NotFound):
            u.entries.save(replace(changed, id=999))
        u.entries.delete(added.id)
        u.entries.delete(999)  # gone already: nothing happens
        u.commit()
    with uow() as u:
        for entry_id in (added.id, 999):
            with pytest.raises(NotFound):
                u.entries.get(entry_id)


def test_erasing_an_author_strips_their_entries_and_unnames_them_in_others(uow) -> None:
    theirs = logged(
        with_user="UB",
        with_name="Ben",
        duration_minutes=30,
        notes="Private",
        action="Call",
        action_due=NOW.date(),
        client_token="T1",
    )
    about = logged("UB", with_user="UA", notes="With UA")
    with uow() as u:
        for e in (theirs, about, logged("UC", with_user="UB")):
            u.entries.add(e)
        u.commit()
    with uow() as u:
        assert u.entries.anonymise("UA", "erased-1") == 1  # the entries they wrote
        u.commit()
    with uow() as u:
        stripped = u.entries.get(theirs.id)
        assert stripped == replace(
            theirs,
            author_id="erased-1",
            notes="",
            with_user=None,
            with_name="",
            action="",
            action_due=None,
            client_token=None,
            updated_at=NOW,
        )
        assert stripped.duration_minutes == 30  # what was done is still counted
        assert u.entries.get(about.id) == replace(about, with_user=None, updated_at=NOW)
        assert u.entries.get(about.id).notes == "With UA"  # theirs to keep
        assert (
            u.entries.by_token("erased-1", "T1") is None
            and u.entries.actions_due(LATER.date()) == []
        )
        assert u.entries.anonymise("UNOBODY", "erased-2") == 0
