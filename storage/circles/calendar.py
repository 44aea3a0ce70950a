"""Repository for the circle calendar: forthcoming circles, sign-ups, requests for cover."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from domain.circles.calendar import Circle
from domain.circles.cover import CoverRequest
from domain.kernel.errors import NotFound
from storage.kernel.erasure import replace_user
from storage.kernel.results import rowcount
from storage.tables import CircleCoverRow, CircleRow, CircleSignupRow

_GONE = "That circle is no longer on the calendar."
_FIELDS = ("facilitator", "topic", "starts_at", "ends_at", "timezone", "place", "places")
_MORE = ("description", "ics_key", "published_at", "cancelled_at", "revision")
_SIGNUP = CircleSignupRow


class SqlAlchemyCircles:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, circle: Circle, client_token: str | None = None) -> Circle:
        """Stored, with its id; the same person's token twice fails at the flush."""
        row = CircleRow(
            **{name: getattr(circle, name) for name in (*_FIELDS, *_MORE)},
            co_facilitators=list(circle.co_facilitators),
            client_token=client_token,
        )
        self.session.add(row)
        self.session.flush()
        return replace(circle, id=row.id)

    def by_token(self, facilitator: str, client_token: str) -> Circle | None:
        query = select(CircleRow).where(
            CircleRow.facilitator == facilitator, CircleRow.client_token == client_token
        )
        row = self.session.scalars(query).first()
        return None if row is None else _circle(row)

    def get(self, circle_id: int) -> Circle:
        row = self.session.get(CircleRow, circle_id)
        if row is None:
            raise NotFound(_GONE)
        return _circle(row)

    def lock(self, circle_id: int) -> Circle:
        """Held until the transaction ends: sign-ups to one circle queue behind each other."""
        query = (
            select(CircleRow)
            .where(CircleRow.id == circle_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        row = self.session.scalars(query).one_or_none()
        if row is None:
            raise NotFound(_GONE)
        return _circle(row)

    def upcoming(self, now: datetime) -> Sequence[Circle]:
        query = (
            select(CircleRow)
            .where(CircleRow.cancelled_at.is_(None), CircleRow.starts_at > now)
            .order_by(CircleRow.starts_at, CircleRow.id)
        )
        return [_circle(row) for row in self.session.scalars(query)]

    def set_co_facilitators(self, circle_id: int, co_facilitators: tuple[str, ...]) -> None:
        self.session.execute(
            update(CircleRow)
            .where(CircleRow.id == circle_id)
            .values(co_facilitators=list(co_facilitators))
        )

    def cancel(self, circle_id: int, at: datetime) -> bool:
        """Whether this call cancelled it: only the first of several at once does."""
        cancelled = self.session.execute(
            update(CircleRow)
            .where(CircleRow.id == circle_id, CircleRow.cancelled_at.is_(None))
            .values(cancelled_at=at)
        )
        return rowcount(cancelled) == 1

    def sign_up(self, circle_id: int, user_id: str, at: datetime) -> None:
        self.session.add(_SIGNUP(circle_id=circle_id, user_id=user_id, signed_up_at=at))
        self.session.flush()

    def cancel_sign_up(self, circle_id: int, user_id: str) -> bool:
        gone = self.session.execute(
            delete(_SIGNUP).where(_SIGNUP.circle_id == circle_id, _SIGNUP.user_id == user_id)
        )
        return rowcount(gone) == 1

    def signups(self, circle_ids: Iterable[int]) -> dict[int, list[str]]:
        """Who has a place at each circle, in the order they signed up."""
        ids = list(circle_ids)
        found: dict[int, list[str]] = {i: [] for i in ids}
        query = (
            select(_SIGNUP.circle_id, _SIGNUP.user_id)
            .where(_SIGNUP.circle_id.in_(ids))
            .order_by(_SIGNUP.signed_up_at, _SIGNUP.user_id)
        )
        for circle_id, user in self.session.execute(query) if ids else ():
            found[circle_id].append(user)
        return found

    def count_signups(self, circle_id: int) -> int:
        query = select(func.count()).where(_SIGNUP.circle_id == circle_id)
        return self.session.scalar(query) or 0

    def ask_cover(self, request: CoverRequest) -> CoverRequest:
        row = CircleCoverRow(
            circle_id=request.circle_id, asked_by=request.asked_by, asked_at=request.asked_at
        )
        self.session.add(row)
        self.session.flush()
        return replace(request, id=row.id)

    def cover(self, request_id: int) -> CoverRequest:
        row = self.session.get(CircleCoverRow, request_id)
        if row is None:
            raise NotFound("That request for cover no longer exists.")
        return _cover(row)

    def covers(self, circle_id: int) -> Sequence[CoverRequest]:
        query = select(CircleCoverRow).where(CircleCoverRow.circle_id == circle_id)
        return [_cover(row) for row in self.session.scalars(query.order_by(CircleCoverRow.id))]

    def take_cover(self, request_id: int, user_id: str, at: datetime) -> bool:
        """Whether ``user_id`` took it on: only the first of several at once does."""
        taken = self.session.execute(
            update(CircleCoverRow)
            .where(CircleCoverRow.id == request_id, CircleCoverRow.taken_by.is_(None))
            .values(taken_by=user_id, taken_at=at)
        )
        return rowcount(taken) == 1

    def topics_used(self) -> set[str]:
        """The topics published circles (forthcoming, past or cancelled) are about."""
        return set(self.session.scalars(select(CircleRow.topic).distinct()))

    def anonymise(self, user_id: str, alias: str) -> int:
        """Their sign-ups and cover requests keep the count, not the person."""
        rows = self.session.scalars(
            select(CircleRow).where(CircleRow.co_facilitators.is_not(None))
        ).all()
        for row in rows:
            if user_id in row.co_facilitators:
                row.co_facilitators = [alias if u == user_id else u for u in row.co_facilitators]
        columns = (CircleCoverRow.asked_by, CircleCoverRow.taken_by)
        changed = replace_user(self.session, CircleCoverRow, columns, user_id, alias)
        changed += replace_user(self.session, CircleRow, (CircleRow.facilitator,), user_id, alias)
        return changed + replace_user(self.session, _SIGNUP, (_SIGNUP.user_id,), user_id, alias)


def _circle(row: CircleRow) -> Circle:
    return Circle(
        **{name: getattr(row, name) for name in (*_FIELDS, *_MORE)},
        co_facilitators=tuple(row.co_facilitators or ()),
        id=row.id,
    )


def _cover(row: CircleCoverRow) -> CoverRequest:
    return CoverRequest(
        circle_id=row.circle_id,
        asked_by=row.asked_by,
        asked_at=row.asked_at,
        taken_by=row.taken_by,
        taken_at=row.taken_at,
        id=row.id,
    )
