"""Repositories for supervision entries and the configured catalogue."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy import String, delete, func, select, type_coerce, update
from sqlalchemy.orm import Session

from domain.kernel.errors import NotFound
from domain.programme_admin.catalogue import Catalogue
from domain.supervision.entries import Entry, Kind
from storage.kernel.results import rowcount
from storage.tables import CatalogueRow, EntryRow

_FIELDS = (
    "author_id",
    "log_type",
    "occurred_on",
    "with_user",
    "with_name",
    "duration_minutes",
    "participants",
    "notes",
    "action",
    "action_due",
    "client_token",
    "created_at",
    "group_session_id",
)


class SqlAlchemyCatalogue:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self) -> Catalogue:
        row = self.session.get(CatalogueRow, "default")
        return Catalogue() if row is None else Catalogue.model_validate(row.definition)

    def lock(self) -> Catalogue:
        """Held (SELECT … FOR UPDATE on PostgreSQL; SQLite's writers queue anyway)."""
        query = (
            select(CatalogueRow)
            .where(CatalogueRow.key == "default")
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        row = self.session.scalars(query).one_or_none()
        return Catalogue() if row is None else Catalogue.model_validate(row.definition)

    def save(self, catalogue: Catalogue) -> None:
        row = self.session.get(CatalogueRow, "default") or CatalogueRow(key="default")
        row.definition = catalogue.model_dump(mode="json")
        self.session.add(row)


class SqlAlchemyEntries:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, entry: Entry) -> None:
        row = EntryRow()
        _to_row(entry, row)
        self.session.add(row)
        self.session.flush()
        entry.id = row.id

    def get(self, entry_id: int) -> Entry:
        row = self.session.get(EntryRow, entry_id)
        if row is None:
            raise NotFound("That entry no longer exists.")
        return _to_domain(row)

    def save(self, entry: Entry) -> None:
        row = self.session.get(EntryRow, entry.id)
        if row is None:
            raise NotFound("That entry no longer exists.")
        _to_row(entry, row)
        self.session.flush()

    def delete(self, entry_id: int) -> None:
        self.session.execute(delete(EntryRow).where(EntryRow.id == entry_id))

    def by_token(self, author_id: str, token: str) -> Entry | None:
        row = self.session.scalars(
            select(EntryRow).where(EntryRow.author_id == author_id, EntryRow.client_token == token)
        ).first()
        return None if row is None else _to_domain(row)

    def list(
        self, author_id: str, *, since: date | None = None, limit: int | None = None
    ) -> Sequence[Entry]:
        query = (
            select(EntryRow)
            .where(EntryRow.author_id == author_id)
            .order_by(EntryRow.occurred_on.desc(), EntryRow.id.desc())
        )
        if since is not None:
            query = query.where(EntryRow.occurred_on >= since)
        if limit is not None:
            query = query.limit(limit)
        return [_to_domain(row) for row in self.session.scalars(query)]

    def latest_by_type(self, log_types: Iterable[str]) -> dict[str, dict[str, date]]:
        """For each of ``log_types``, each author's latest entry date (one pass over entries)."""
        latest = type_coerce(func.max(EntryRow.occurred_on), String)  # parsed below: faster
        query = (
            select(EntryRow.log_type, EntryRow.author_id, latest)
            .where(EntryRow.log_type.in_(list(log_types)))
            .group_by(EntryRow.log_type, EntryRow.author_id)
        )
        found: dict[str, dict[str, date]] = {t: {} for t in log_types}
        for rows in self.session.connection().execute(query).partitions(10_000):  # not all held
            for log_type, author, day in rows:
                found[log_type][author] = _day(day)
        return found

    def counts_since(self, day: date) -> dict[str, int]:
        """Each author's own entries dated after ``day`` (those with none left out)."""
        query = (
            select(EntryRow.author_id, func.count())
            .where(EntryRow.occurred_on > day)
            .group_by(EntryRow.author_id)
        )
        return dict(self.session.connection().execute(query).all())

    def latest_with(self, log_type: str) -> dict[str, str]:
        """For each author, who (a Slack user) their latest entry of ``log_type`` was with."""
        newest = (
            select(
                EntryRow.author_id,
                EntryRow.with_user,
                func.row_number()
                .over(
                    partition_by=EntryRow.author_id,
                    order_by=(EntryRow.occurred_on.desc(), EntryRow.id.desc()),
                )
                .label("n"),
            )
            .where(EntryRow.log_type == log_type)
            .subquery()
        )
        rows = (
            self.session.connection()
            .execute(select(newest.c.author_id, newest.c.with_user).where(newest.c.n == 1))
            .all()
        )
        return {author: user for author, user in rows if user}

    def credited(self, user_id: str, log_types: Iterable[str]) -> Sequence[Entry]:
        """Entries others logged *with* ``user_id``, of the given types, newest first."""
        query = (
            select(EntryRow)
            .where(
                EntryRow.with_user == user_id,
                EntryRow.author_id != user_id,
                EntryRow.log_type.in_(list(log_types)),
            )
            .order_by(EntryRow.occurred_on.desc(), EntryRow.id.desc())
        )
        return [_to_domain(row) for row in self.session.scalars(query)]

    def latest_between(self, log_types: Iterable[str]) -> dict[tuple[str, str], date]:
        """The latest entry of these types per (author, with_user), for entries with someone."""
        latest = type_coerce(func.max(EntryRow.occurred_on), String)  # parsed below: faster
        query = (
            select(EntryRow.author_id, EntryRow.with_user, latest)
            .where(EntryRow.log_type.in_(list(log_types)), EntryRow.with_user.is_not(None))
            .group_by(EntryRow.author_id, EntryRow.with_user)
        )
        rows = self.session.connection().execute(query).all()
        return {(author, user): _day(day) for author, user, day in rows if user is not None}

    def minutes_by_day(
        self, log_types: Iterable[str], *, credited: bool = False
    ) -> dict[str, dict[date, int]]:
        """Minutes logged per person and day in entries of these types (``credited``: per
        person the entries were with, logged by someone else), summed in SQL."""
        person = EntryRow.with_user if credited else EntryRow.author_id
        query = (
            select(person, EntryRow.occurred_on, func.sum(EntryRow.duration_minutes))
            .where(EntryRow.log_type.in_(list(log_types)), person.is_not(None))
            .group_by(person, EntryRow.occurred_on)
        )
        if credited:
            query = query.where(EntryRow.author_id != EntryRow.with_user)
        found: dict[str, dict[date, int]] = {}
        for who, day, minutes in self.session.connection().execute(query).all():
            if who is not None:  # as the WHERE says
                found.setdefault(who, {})[_day(day)] = int(minutes or 0)
        return found

    def actions_due(self, until: date) -> Sequence[Entry]:
        query = select(EntryRow).where(EntryRow.action != "", EntryRow.action_due <= until)
        return [_to_domain(row) for row in self.session.scalars(query)]

    def anonymise(self, user_id: str, alias: str) -> int:
        """Strip a person's personal data from entries, keeping what counts were made."""
        erased = rowcount(
            self.session.execute(
                update(EntryRow)
                .where(EntryRow.author_id == user_id)
                .values(
                    author_id=alias,
                    notes="",
                    with_user=None,
                    with_name="",
                    action="",
                    action_due=None,
                    client_token=None,
                )
            )
        )
        self.session.execute(
            update(EntryRow).where(EntryRow.with_user == user_id).values(with_user=None)
        )
        return erased or 0


def _to_row(entry: Entry, row: EntryRow) -> None:
    for name in _FIELDS:
        setattr(row, name, getattr(entry, name))
    row.kind = entry.kind.value
    row.updated_at = entry.updated_at or entry.created_at


def _to_domain(row: EntryRow) -> Entry:
    values = {name: getattr(row, name) for name in _FIELDS}
    return Entry(id=row.id, kind=Kind(row.kind), updated_at=row.updated_at, **values)


def _day(value: date | str) -> date:
    """A date as the driver gives it back (PostgreSQL: a date; SQLite: its ISO text)."""
    return value if isinstance(value, date) else date.fromisoformat(value)
