"""People Cascade has met, and the audit log of every change."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import UTC, date, datetime

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from domain.kernel.audit import AuditEntry, Look
from domain.kernel.people import Person
from domain.nominations.nomination import StateChanged
from domain.supervision.facilitators import FacilitatorsChoice
from storage.tables import AuditRow, HomeTabRow, PersonRow, RecordLookRow

#: Audit subjects the programme file also sets: a file applied later would undo them.
_FROM_THE_FILE = ("programme", "ics", "catalogue")


class SqlAlchemyPeople:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, user_id: str) -> Person | None:
        row = self.session.get(PersonRow, user_id)
        if row is None:
            return None
        return Person(
            user_id=row.user_id, name=row.name, email=row.email, tz=row.tz, is_bot=row.is_bot
        )

    def delete(self, user_id: str) -> None:
        self.session.execute(delete(PersonRow).where(PersonRow.user_id == user_id))
        self.session.execute(delete(HomeTabRow).where(HomeTabRow.user_id == user_id))

    def by_email(self, email: str) -> Person | None:
        user_id = self.session.scalar(
            select(PersonRow.user_id).where(func.lower(PersonRow.email) == email.strip().lower())
        )
        return None if user_id is None else self.get(user_id)

    def zones(self) -> dict[str, str]:
        """Everyone's time zone, where Slack told us one."""
        query = select(PersonRow.user_id, PersonRow.tz).where(PersonRow.tz.is_not(None))
        rows = self.session.connection().execute(query).all()
        return {user_id: tz for user_id, tz in rows if tz is not None}  # as the WHERE says

    def by_emails(self, emails: list[str]) -> dict[str, str]:
        """Slack user ids of the people with these addresses (lower-cased address -> id)."""
        wanted = [e.strip().lower() for e in emails]
        if not wanted:
            return {}
        query = select(func.lower(PersonRow.email), PersonRow.user_id).where(
            func.lower(PersonRow.email).in_(wanted)
        )
        return {key: value for key, value in self.session.execute(query)}

    def opened_home(self, user_id: str, now: datetime) -> None:
        """Remember that this person uses the Home tab (it is kept current for them)."""
        row = self.session.get(HomeTabRow, user_id) or HomeTabRow(user_id=user_id)
        row.opened_at = now
        self.session.add(row)

    def choose_facilitators(self, user_id: str, choice: FacilitatorsChoice, now: datetime) -> None:
        """Keep what this coordinator chose to see of the facilitators' list on Home."""
        row = self.session.get(HomeTabRow, user_id) or HomeTabRow(user_id=user_id, opened_at=now)
        row.facilitators_filter, row.facilitators_page = choice.filter, choice.page
        self.session.add(row)

    def facilitators_choice(self, user_id: str) -> FacilitatorsChoice:
        """What this coordinator chose to see (everyone, page 1, until they choose)."""
        row = self.session.get(HomeTabRow, user_id)
        if row is None:
            return FacilitatorsChoice()
        return FacilitatorsChoice(filter=row.facilitators_filter, page=row.facilitators_page)

    def using_home(self, user_ids: Iterable[str]) -> set[str]:
        """Those of ``user_ids`` who have opened the Home tab."""
        wanted = list(user_ids)
        if not wanted:
            return set()
        query = select(HomeTabRow.user_id).where(HomeTabRow.user_id.in_(wanted))
        return set(self.session.scalars(query))

    def unknown(self, user_ids: Iterable[str]) -> set[str]:
        """Those of ``user_ids`` Cascade has not met (no row here), asked 5,000 at a time."""
        wanted = sorted(set(user_ids))
        known: set[str] = set()
        for start in range(0, len(wanted), 5_000):
            chunk = wanted[start : start + 5_000]
            query = select(PersonRow.user_id).where(PersonRow.user_id.in_(chunk))
            known.update(self.session.connection().execute(query).scalars().all())
        return set(wanted) - known

    def mark_left(self, user_id: str, at: datetime | None) -> None:
        row = self.session.get(PersonRow, user_id)
        if row is None:  # never met: kept all the same, so nothing is sent to them later
            row = PersonRow(user_id=user_id, updated_at=at or datetime.now(UTC))
            self.session.add(row)
        row.left_at = at

    def left(self, user_ids: Iterable[str]) -> set[str]:
        wanted = sorted(set(user_ids))
        if not wanted:
            return set()
        query = select(PersonRow.user_id).where(
            PersonRow.user_id.in_(wanted), PersonRow.left_at.is_not(None)
        )
        return set(self.session.scalars(query))

    def save(self, person: Person, now: datetime) -> None:
        row = self.session.get(PersonRow, person.user_id) or PersonRow(user_id=person.user_id)
        row.name, row.email, row.tz, row.is_bot = (
            person.name,
            person.email,
            person.tz,
            person.is_bot,
        )
        row.updated_at = now
        self.session.add(row)


class SqlAlchemyAudit:
    def __init__(self, session: Session) -> None:
        self.session = session

    def record(self, event: StateChanged) -> None:
        self.session.add(
            AuditRow(
                at=event.at,
                actor=event.actor,
                subject=f"nomination:{event.nomination_id}",
                action="status",
                from_status=event.from_status.value if event.from_status else None,
                to_status=event.to_status.value,
                detail=event.reason,
            )
        )

    def anonymise(self, user_id: str, alias: str, subjects: list[str] | None = None) -> None:
        """The person's id goes; so do the free-text details of ``subjects`` (their records)."""
        self.session.execute(update(AuditRow).where(AuditRow.actor == user_id).values(actor=alias))
        self.session.execute(delete(RecordLookRow).where(RecordLookRow.person == user_id))
        self.session.execute(
            update(RecordLookRow).where(RecordLookRow.viewer == user_id).values(viewer=alias)
        )
        if subjects:
            self.session.execute(
                update(AuditRow).where(AuditRow.subject.in_(subjects)).values(detail="")
            )

    def note(self, actor: str, subject: str, action: str, at: datetime, detail: str = "") -> None:
        self.session.add(
            AuditRow(at=at, actor=actor, subject=subject, action=action, detail=detail)
        )

    def edits_since(self, at: datetime) -> list[tuple[str, str, datetime]]:
        """Changes people made in Slack after ``at`` to what the programme file also says
        (programmes, ICSs, pathways, role holders): (who, what, when)."""
        query = (
            select(AuditRow.actor, AuditRow.action, AuditRow.at)
            .where(
                AuditRow.at > at,
                AuditRow.actor != "cascade",
                or_(*(AuditRow.subject.like(f"{kind}:%") for kind in _FROM_THE_FILE)),
            )
            .order_by(AuditRow.at)
        )
        return [(actor, action, when) for actor, action, when in self.session.execute(query)]

    def looked(self, viewer: str, people: Iterable[str], what: str, at: datetime) -> None:
        rows = [
            {"person": p, "viewer": viewer, "what": what[:80], "day": at.date(), "at": at}
            for p in sorted(set(people))
        ]
        if not rows:
            return
        dialect = self.session.get_bind().dialect.name
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        statement = insert(RecordLookRow.__table__).on_conflict_do_nothing()
        self.session.execute(statement, rows)

    def noted_looks(self, viewer: str, people: Iterable[str], what: str, day: date) -> set[str]:
        wanted = sorted(set(people))
        if not wanted:
            return set()
        T = RecordLookRow
        query = select(T.person).where(
            T.viewer == viewer, T.what == what[:80], T.day == day, T.person.in_(wanted)
        )
        return set(self.session.scalars(query))

    def looks_at(self, person: str, limit: int) -> list[Look]:
        query = (
            select(RecordLookRow.viewer, RecordLookRow.what, RecordLookRow.at)
            .where(RecordLookRow.person == person)
            .order_by(RecordLookRow.at.desc(), RecordLookRow.viewer, RecordLookRow.what)
            .limit(limit)
        )
        return [Look(viewer, what, at) for viewer, what, at in self.session.execute(query)]

    def read(
        self,
        subjects: Collection[str],
        prefixes: Collection[str],
        *,
        person: str | None = None,
        about: Collection[str] = (),
        offset: int = 0,
        limit: int = 15,
    ) -> tuple[int, list[AuditEntry]]:
        """Entries whose subject is one of ``subjects`` or starts with one of ``prefixes``
        (with ``person``: only those they made, or whose subject is in ``about``): how many
        in all, and the page asked for, newest first."""
        wanted = [AuditRow.subject.in_(list(subjects))] if subjects else []
        wanted += [AuditRow.subject.like(f"{prefix}%") for prefix in prefixes]
        if not wanted:
            return 0, []
        where = [or_(*wanted)]
        if person is not None:
            mine = AuditRow.actor == person
            where.append(or_(mine, AuditRow.subject.in_(list(about))) if about else mine)
        total = self.session.scalar(select(func.count()).select_from(AuditRow).where(*where))
        rows = self.session.scalars(
            select(AuditRow)
            .where(and_(*where))
            .order_by(AuditRow.at.desc(), AuditRow.id.desc())
            .offset(offset)
            .limit(limit)
        )
        return total or 0, [
            AuditEntry(
                id=r.id,
                at=r.at,
                actor=r.actor,
                subject=r.subject,
                action=r.action,
                detail=r.detail or "",
                from_status=r.from_status,
                to_status=r.to_status,
            )
            for r in rows
        ]
