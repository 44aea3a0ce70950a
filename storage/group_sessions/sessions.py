"""The repository of group sessions and their invitees; attendance is read from the
supervision entries that credit it (one per person and session, by a unique index)."""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from domain.group_sessions.sessions import Answer, GroupSession, Invitee
from domain.kernel.errors import NotFound
from storage.kernel.results import rowcount
from storage.tables import EntryRow, GroupInviteeRow, GroupSessionRow

_FIELDS = (
    "kind",
    "log_type",
    "title",
    "starts_at",
    "ends_at",
    "timezone",
    "place",
    "agenda",
    "organiser",
    "ics_key",
    "created_at",
    "cancelled_at",
    "cancelled_by",
)


class SqlAlchemyGroupSessions:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, group: GroupSession, client_token: str | None = None) -> GroupSession:
        row = GroupSessionRow(client_token=client_token)
        for name in _FIELDS:
            setattr(row, name, getattr(group, name))
        self.session.add(row)
        self.session.flush()
        group.id = row.id
        return group

    def by_token(self, organiser: str, client_token: str) -> GroupSession | None:
        query = select(GroupSessionRow).where(
            GroupSessionRow.organiser == organiser, GroupSessionRow.client_token == client_token
        )
        row = self.session.scalars(query).first()
        return None if row is None else _to_domain(row)

    def get(self, session_id: int) -> GroupSession:
        row = self.session.get(GroupSessionRow, session_id)
        if row is None:
            raise NotFound("That group session no longer exists.")
        return _to_domain(row)

    def lock(self, session_id: int) -> GroupSession:
        """SELECT … FOR UPDATE on PostgreSQL; SQLite's writers queue anyway."""
        query = (
            select(GroupSessionRow)
            .where(GroupSessionRow.id == session_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        row = self.session.scalars(query).one_or_none()
        if row is None:
            raise NotFound("That group session no longer exists.")
        return _to_domain(row)

    def cancel(self, session_id: int, by: str, at: datetime) -> None:
        self.session.execute(
            update(GroupSessionRow)
            .where(GroupSessionRow.id == session_id)
            .values(cancelled_at=at, cancelled_by=by)
        )

    def list(
        self, *, organiser: str | None = None, ending_after: datetime | None = None
    ) -> Sequence[GroupSession]:
        query = select(GroupSessionRow).order_by(GroupSessionRow.starts_at, GroupSessionRow.id)
        if organiser is not None:
            query = query.where(GroupSessionRow.organiser == organiser)
        if ending_after is not None:
            query = query.where(GroupSessionRow.ends_at > ending_after)
        return [_to_domain(row) for row in self.session.scalars(query)]

    def invited_to(self, person: str, ending_after: datetime) -> Sequence[GroupSession]:
        query = (
            select(GroupSessionRow)
            .join(GroupInviteeRow, GroupInviteeRow.session_id == GroupSessionRow.id)
            .where(GroupInviteeRow.person == person, GroupSessionRow.ends_at > ending_after)
            .order_by(GroupSessionRow.starts_at, GroupSessionRow.id)
        )
        return [_to_domain(row) for row in self.session.scalars(query)]

    def invite(self, session_id: int, people: Iterable[str], now: datetime) -> None:
        wanted = set(people)
        if not wanted:
            return
        there = set(
            self.session.scalars(
                select(GroupInviteeRow.person).where(GroupInviteeRow.session_id == session_id)
            )
        )
        for person in sorted(wanted - there):
            self.session.add(GroupInviteeRow(session_id=session_id, person=person, invited_at=now))
        self.session.flush()

    def invitees(self, session_ids: Iterable[int]) -> dict[int, builtins.list[Invitee]]:
        query = (
            select(GroupInviteeRow)
            .where(GroupInviteeRow.session_id.in_(list(session_ids)))
            .order_by(GroupInviteeRow.session_id, GroupInviteeRow.person)
        )
        found: dict[int, list[Invitee]] = {}
        for row in self.session.scalars(query):
            answer = Answer(row.answer) if row.answer else None
            invitee = Invitee(row.session_id, row.person, row.invited_at, answer, row.answered_at)
            found.setdefault(row.session_id, []).append(invitee)
        return found

    def answer(self, session_id: int, person: str, answer: Answer, at: datetime) -> None:
        self.session.execute(
            update(GroupInviteeRow)
            .where(GroupInviteeRow.session_id == session_id, GroupInviteeRow.person == person)
            .values(answer=answer.value, answered_at=at)
        )

    def attendance(self, session_ids: Iterable[int]) -> dict[int, dict[str, int]]:
        query = select(EntryRow.group_session_id, EntryRow.author_id, EntryRow.id).where(
            EntryRow.group_session_id.in_(list(session_ids))
        )
        found: dict[int, dict[str, int]] = {}
        for session_id, person, entry_id in self.session.execute(query):
            if session_id is not None:  # as the WHERE says
                found.setdefault(session_id, {})[person] = entry_id
        return found

    def anonymise(self, user_id: str, alias: str) -> int:
        """The person leaves the sessions they organised, cancelled or were invited to."""
        rows = GroupSessionRow
        organised = rowcount(
            self.session.execute(
                update(rows)
                .where(rows.organiser == user_id)
                .values(organiser=alias, client_token=None)
            )
        )
        self.session.execute(
            update(rows).where(rows.cancelled_by == user_id).values(cancelled_by=alias)
        )
        self.session.execute(
            update(GroupInviteeRow).where(GroupInviteeRow.person == user_id).values(person=alias)
        )
        return organised or 0


def _to_domain(row: GroupSessionRow) -> GroupSession:
    return GroupSession(id=row.id, **{name: getattr(row, name) for name in _FIELDS})
