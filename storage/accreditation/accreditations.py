"""Repository for accreditation pathways: sign-offs, requests for a step, accreditations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from sqlalchemy import delete, func, select, tuple_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from domain.accreditation.pathways import Accreditation, SignOff, Status, StepRequest
from domain.accreditation.status import RoleStatus
from storage.kernel.erasure import replace_user
from storage.tables import AccreditationRow, RoleStatusRow, SignOffRow, StepRequestRow

_SIGN_OFF = (
    "person",
    "pathway",
    "step",
    "occurred_on",
    "place",
    "signed_by",
    "signed_at",
    "review_id",
)
_ACCREDITATION = ("person", "pathway", "accredited_on", "confirmed_by", "reference", "issued_on")


class SqlAlchemyAccreditations:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add_sign_off(self, sign_off: SignOff) -> SignOff:
        """Stored, with its id; a second sign-off of the same step fails at the flush."""
        row = SignOffRow(**{name: getattr(sign_off, name) for name in _SIGN_OFF})
        self.session.add(row)
        self.session.flush()
        return replace(sign_off, id=row.id)

    def sign_offs(self, person: str | None = None, pathway: str | None = None) -> Sequence[SignOff]:
        query = select(SignOffRow).order_by(SignOffRow.signed_at, SignOffRow.id)
        if person is not None:
            query = query.where(SignOffRow.person == person)
        if pathway is not None:
            query = query.where(SignOffRow.pathway == pathway)
        return [
            SignOff(id=row.id, **{name: getattr(row, name) for name in _SIGN_OFF})
            for row in self.session.scalars(query)
        ]

    def ask(self, request: StepRequest) -> bool:
        """Store a request for a step; False when the same one is open already. The partial
        unique index decides, so two presses at once store one request."""
        insert = (
            pg_insert if self.session.get_bind().dialect.name == "postgresql" else sqlite_insert
        )
        statement = (
            insert(StepRequestRow)
            .values(
                person=request.person,
                pathway=request.pathway,
                step=request.step,
                asked_at=request.asked_at,
            )
            .on_conflict_do_nothing(
                index_elements=["person", "pathway", "step"],
                index_where=StepRequestRow.closed_at.is_(None),
            )
            .returning(StepRequestRow.id)
        )
        return self.session.execute(statement).first() is not None

    def requests(self, person: str | None = None) -> Sequence[StepRequest]:
        """Open requests, oldest first."""
        query = (
            select(StepRequestRow)
            .where(StepRequestRow.closed_at.is_(None))
            .order_by(StepRequestRow.asked_at, StepRequestRow.id)
        )
        if person is not None:
            query = query.where(StepRequestRow.person == person)
        return [
            StepRequest(row.person, row.pathway, row.step, row.asked_at, id=row.id)
            for row in self.session.scalars(query)
        ]

    def close_requests(self, person: str, pathway: str, step: str) -> None:
        # When it closed is kept for the record only: the database's clock will do.
        self.session.execute(
            update(StepRequestRow)
            .where(
                StepRequestRow.person == person,
                StepRequestRow.pathway == pathway,
                StepRequestRow.step == step,
                StepRequestRow.closed_at.is_(None),
            )
            .values(closed_at=func.current_timestamp())
        )

    def accredit(self, accreditation: Accreditation) -> Accreditation:
        """Stored, with its id; accrediting a person twice on a pathway fails at the flush."""
        row = AccreditationRow(
            **{name: getattr(accreditation, name) for name in _ACCREDITATION},
            status=accreditation.status.value,
            status_since=accreditation.status_since,
        )
        self.session.add(row)
        self.session.flush()
        return replace(accreditation, id=row.id)

    def accreditations(self, person: str | None = None) -> Sequence[Accreditation]:
        query = select(AccreditationRow).order_by(AccreditationRow.id)
        if person is not None:
            query = query.where(AccreditationRow.person == person)
        return [_accreditation(row) for row in self.session.scalars(query)]

    def in_use(self, pathway: str) -> dict[str, int]:
        """Step -> how many people were signed off for it or asked for it (and still wait)."""
        signed = select(SignOffRow.step, SignOffRow.person).where(SignOffRow.pathway == pathway)
        asked = select(StepRequestRow.step, StepRequestRow.person).where(
            StepRequestRow.pathway == pathway, StepRequestRow.closed_at.is_(None)
        )
        both = signed.union(asked).subquery()
        query = select(both.c.step, func.count()).group_by(both.c.step)
        return {step: count for step, count in self.session.execute(query)}

    def count_accredited(self, pathway: str) -> int:
        query = select(func.count()).where(AccreditationRow.pathway == pathway)
        return self.session.scalar(query) or 0

    def by_reference(self, reference: str) -> Accreditation | None:
        """The accreditation whose (normalised) certificate reference this is."""
        query = select(AccreditationRow).where(AccreditationRow.reference == reference)
        row = self.session.scalars(query).one_or_none()
        return None if row is None else _accreditation(row)

    def set_status(self, accreditation_id: int, status: Status, since: date) -> None:
        self.session.execute(
            update(AccreditationRow)
            .where(AccreditationRow.id == accreditation_id)
            .values(status=status.value, status_since=since)
        )

    def role_statuses(self, person: str | None = None) -> Sequence[RoleStatus]:
        query = select(RoleStatusRow).order_by(RoleStatusRow.person, RoleStatusRow.role)
        if person is not None:
            query = query.where(RoleStatusRow.person == person)
        return [
            RoleStatus(row.person, row.role, Status(row.status), row.since)
            for row in self.session.scalars(query)
        ]

    def save_role_statuses(self, statuses: Sequence[RoleStatus]) -> None:
        """Each (person, role)'s status now, in one statement, whether known before or not."""
        if not statuses:
            return
        insert = (
            pg_insert if self.session.get_bind().dialect.name == "postgresql" else sqlite_insert
        )
        statement = insert(RoleStatusRow)
        statement = statement.on_conflict_do_update(
            index_elements=["person", "role"],
            set_={"status": statement.excluded.status, "since": statement.excluded.since},
        )
        self.session.execute(
            statement,
            [{"person": s.person, "role": s.role, "status": s.status.value, "since": s.since}
             for s in statuses],
        )  # fmt: skip

    def drop_role_statuses(self, held: Sequence[tuple[str, str]]) -> None:
        """Forget the statuses of (person, role)s no longer held."""
        if held:
            key = tuple_(RoleStatusRow.person, RoleStatusRow.role)
            self.session.execute(delete(RoleStatusRow).where(key.in_(list(held))))

    def anonymise(self, user_id: str, alias: str) -> int:
        """The person's id goes from sign-offs, requests and accreditations (theirs, or ones
        they signed or confirmed); the facts stay. Returns the rows changed."""
        changed = 0
        for table, columns in (
            (SignOffRow, (SignOffRow.person, SignOffRow.signed_by)),
            (StepRequestRow, (StepRequestRow.person,)),
            (AccreditationRow, (AccreditationRow.person, AccreditationRow.confirmed_by)),
            (RoleStatusRow, (RoleStatusRow.person,)),
        ):
            changed += replace_user(self.session, table, columns, user_id, alias)
        return changed


def _accreditation(row: AccreditationRow) -> Accreditation:
    return Accreditation(
        **{name: getattr(row, name) for name in _ACCREDITATION},
        status=Status(row.status),
        status_since=row.status_since,
        id=row.id,
    )
