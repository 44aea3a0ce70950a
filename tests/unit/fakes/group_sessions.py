"""The in-memory fake of group sessions."""

from __future__ import annotations

import builtins
import copy
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from domain.group_sessions.sessions import Answer, GroupSession, Invitee
from domain.kernel.errors import ConcurrentChange, NotFound
from tests.unit.fakes.kernel import TAKEN
from tests.unit.fakes.supervision import FakeEntries


class FakeGroupSessions:
    """Sessions and invitees in memory; attendance is read from the entries they credit."""

    def __init__(self, entries: FakeEntries) -> None:
        self.items: dict[int, tuple[GroupSession, str | None]] = {}
        self.guests: dict[tuple[int, str], Invitee] = {}
        self.entries = entries

    def add(self, session: GroupSession, client_token: str | None = None) -> GroupSession:
        if client_token and self.by_token(session.organiser, client_token):
            raise ConcurrentChange(TAKEN)
        session.id = max(self.items, default=0) + 1
        self.items[session.id] = (copy.deepcopy(session), client_token)
        return session

    def by_token(self, organiser: str, client_token: str) -> GroupSession | None:
        found = [s for s, t in self.items.values() if (s.organiser, t) == (organiser, client_token)]
        return copy.deepcopy(found[0]) if found else None

    def get(self, session_id: int) -> GroupSession:
        if session_id not in self.items:
            raise NotFound("That group session no longer exists.")
        return copy.deepcopy(self.items[session_id][0])

    lock = get

    def cancel(self, session_id: int, by: str, at: datetime) -> None:
        if session_id not in self.items:
            return  # as an UPDATE of no row
        session, token = self.items[session_id]
        self.items[session_id] = (replace(session, cancelled_at=at, cancelled_by=by), token)

    def list(
        self, *, organiser: str | None = None, ending_after: datetime | None = None
    ) -> builtins.list[GroupSession]:
        return [
            copy.deepcopy(s)
            for s, _ in sorted(self.items.values(), key=lambda i: (i[0].starts_at, i[0].id))
            if organiser in (None, s.organiser)
            and (ending_after is None or s.ends_at > ending_after)
        ]

    def invited_to(self, person: str, ending_after: datetime) -> builtins.list[GroupSession]:
        ids = {sid for sid, p in self.guests if p == person}
        return [s for s in self.list(ending_after=ending_after) if s.id in ids]

    def invite(self, session_id: int, people: Iterable[str], now: datetime) -> None:
        for person in people:
            self.guests.setdefault((session_id, person), Invitee(session_id, person, now))

    def invitees(self, session_ids: Iterable[int]) -> dict[int, builtins.list[Invitee]]:
        found: dict[int, list[Invitee]] = {}
        for (sid, _), invitee in sorted(self.guests.items()):
            if sid in set(session_ids):
                found.setdefault(sid, []).append(invitee)
        return found

    def answer(self, session_id: int, person: str, answer: Answer, at: datetime) -> None:
        key = (session_id, person)
        if key in self.guests:  # as an UPDATE of no row when not invited
            self.guests[key] = replace(self.guests[key], answer=answer, answered_at=at)

    def attendance(self, session_ids: Iterable[int]) -> dict[int, dict[str, int]]:
        found: dict[int, dict[str, int]] = {}
        for entry in self.entries.items.values():
            if entry.group_session_id in set(session_ids):
                found.setdefault(entry.group_session_id, {})[entry.author_id] = entry.id or 0
        return found

    def anonymise(self, user_id: str, alias: str) -> int:
        changed = 0
        for sid, (s, token) in list(self.items.items()):
            if user_id in (s.organiser, s.cancelled_by):
                by = alias if s.cancelled_by == user_id else s.cancelled_by
                organiser = alias if s.organiser == user_id else s.organiser
                token = None if s.organiser == user_id else token
                self.items[sid] = (replace(s, organiser=organiser, cancelled_by=by), token)
                changed += s.organiser == user_id
        for (sid, person), invitee in list(self.guests.items()):
            if person == user_id:
                del self.guests[(sid, person)]
                self.guests[(sid, alias)] = replace(invitee, person=alias)
        return changed
