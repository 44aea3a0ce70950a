"""SQLAlchemy repositories of nominations: translate rows to domain objects and back (programmes
and ICSs: storage.kernel.programmes). All SQL lives here."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from sqlalchemy import (
    BindParameter,
    Select,
    String,
    bindparam,
    cast,
    func,
    or_,
    select,
    union_all,
    update,
)
from sqlalchemy.orm import Session

from domain.kernel.errors import NotFound
from domain.kernel.programme import Programme
from domain.nominations.capacity import Standing
from domain.nominations.nomination import ACTIVE, USES_PLACE, Nomination, StateChanged, Status
from domain.nominations.preference import Preference
from storage.kernel.people import SqlAlchemyAudit
from storage.kernel.results import rowcount
from storage.tables import InboxRow, NominationRow, ProgrammeRow


def _standing() -> Select:
    """Built once (a CTE's columns cost more to build than the statement takes to run).

    One row (each row read gives up Python's lock, which a writer in a burst waits to get
    back): the programme's definition; "ics count" for each ICS asked about, comma-separated;
    the nominees asked about who are taken, comma-separated (ICS keys are slugs and Slack ids
    are letters and digits: neither holds a space or a comma)."""
    programme: BindParameter[str] = bindparam("programme")
    payload = InboxRow.payload
    arriving = union_all(
        select(NominationRow.ics_key.label("ics"), NominationRow.nominee_id.label("nominee")).where(
            NominationRow.programme_key == programme,
            NominationRow.status.in_([s.value for s in ACTIVE]),
        ),
        select(payload["ics_key"].as_string(), payload["nominee_id"].as_string()).where(
            InboxRow.kind == "nominate",
            payload["programme_key"].as_string() == programme,
            InboxRow.key.not_in(bindparam("besides", expanding=True)),
        ),
    ).cte("arriving")
    per_ics = (
        select((arriving.c.ics + " " + cast(func.count(), String)).label("one"))
        .where(arriving.c.ics.in_(bindparam("ics_keys", expanding=True)))
        .group_by(arriving.c.ics)
        .subquery()
    )
    per_nominee = (
        select(arriving.c.nominee.label("one"))
        .where(arriving.c.nominee.in_(bindparam("nominees", expanding=True)))
        .group_by(arriving.c.nominee)
        .subquery()
    )
    definition = (
        select(cast(ProgrammeRow.definition, String))
        .where(ProgrammeRow.key == programme)
        .scalar_subquery()
    )
    return select(
        definition,
        select(func.aggregate_strings(per_ics.c.one, ",")).scalar_subquery(),
        select(func.aggregate_strings(per_nominee.c.one, ",")).scalar_subquery(),
    )


_STANDING = _standing()


@lru_cache(maxsize=64)
def _programme(definition: str) -> Programme:
    """A programme read from its stored definition: the same text, the same (frozen) value,
    parsed once (each nomination's check reads it)."""
    return Programme.model_validate_json(definition)


class SqlAlchemyNominations:
    def __init__(self, session: Session, audit: SqlAlchemyAudit) -> None:
        self.session = session
        self.audit = audit

    def add(self, nomination: Nomination) -> None:
        row = NominationRow()
        _to_row(nomination, row)
        self.session.add(row)
        self.session.flush()
        nomination.id = row.id
        self._record_events(nomination)

    def _row(self, nomination_id: int, *, lock: bool) -> NominationRow:
        query = select(NominationRow).where(NominationRow.id == nomination_id)
        if lock:
            query = query.with_for_update().execution_options(populate_existing=True)
        row = self.session.scalars(query).one_or_none()
        if row is None:
            raise NotFound("That nomination no longer exists.")
        return row

    def get(self, nomination_id: int) -> Nomination:
        return _to_domain(self._row(nomination_id, lock=False))

    def lock(self, nomination_id: int) -> Nomination:
        return _to_domain(self._row(nomination_id, lock=True))

    def save(self, nomination: Nomination) -> None:
        row = self.session.get(NominationRow, nomination.id or 0)  # loaded already: no query
        if row is None:
            raise NotFound("That nomination no longer exists.")
        _to_row(nomination, row)
        self.session.flush()
        self._record_events(nomination)

    def _record_events(self, nomination: Nomination) -> None:
        for event in nomination.events:
            self.audit.record(
                StateChanged(
                    nomination.id,
                    event.actor,
                    event.at,
                    event.from_status,
                    event.to_status,
                    event.reason,
                )
            )
        nomination.events.clear()

    def count_active(self, programme_key: str, ics_key: str | None = None) -> int:
        query = select(func.count()).where(
            NominationRow.programme_key == programme_key,
            NominationRow.status.in_([s.value for s in ACTIVE]),
        )
        if ics_key is not None:
            query = query.where(NominationRow.ics_key == ics_key)
        return self.session.scalar(query) or 0

    def count_holding_place(self, programme_key: str) -> dict[str, int]:
        query = (
            select(NominationRow.cohort_key, func.count())
            .where(
                NominationRow.programme_key == programme_key,
                NominationRow.status.in_([s.value for s in USES_PLACE]),
            )
            .group_by(NominationRow.cohort_key)
        )
        return {key or "": count for key, count in self.session.execute(query)}  # as the fake

    def nominating(self, programme_key: str, ics_key: str, nominee_id: str) -> tuple[int, bool]:
        """In one statement: the ICS's active nominations for the programme, and whether the
        nominee has one already."""
        active = NominationRow.status.in_([s.value for s in ACTIVE])
        mine = NominationRow.programme_key == programme_key
        used = select(func.count()).where(mine, NominationRow.ics_key == ics_key, active)
        theirs = select(NominationRow.id).where(
            mine, NominationRow.nominee_id == nominee_id, active
        )
        query = select(used.scalar_subquery(), theirs.limit(1).scalar_subquery())
        count, existing = self.session.connection().execute(query).one()
        return count or 0, existing is not None

    def standing(
        self,
        programme_key: str,
        ics_keys: Sequence[str],
        nominee_ids: Sequence[str],
        besides: Sequence[str] = (),
    ) -> Standing:
        """In one statement: per ICS asked about, its active nominations and the nominate
        requests waiting in the inbox (read from their payloads); and which of the nominees
        asked about have either."""
        given = {
            "programme": programme_key,
            "ics_keys": list(ics_keys),
            "nominees": list(nominee_ids),
            "besides": list(besides),
        }
        definition, used, taken = self.session.connection().execute(_STANDING, given).one()
        if definition is None:
            raise NotFound(f"There is no programme called {programme_key!r}.", field="programme")
        return Standing(
            programme=_programme(definition),
            used={k: int(n) for k, n in (one.split(" ") for one in (used or "").split(",") if one)},
            taken=frozenset(one for one in (taken or "").split(",") if one),
        )

    def active_for(self, programme_key: str, nominee_id: str) -> Nomination | None:
        row = self.session.scalars(
            select(NominationRow).where(
                NominationRow.programme_key == programme_key,
                NominationRow.nominee_id == nominee_id,
                NominationRow.status.in_([s.value for s in ACTIVE]),
            )
        ).first()
        return None if row is None else _to_domain(row)

    def referencing_cohort(self, programme_key: str, cohort_key: str) -> int:
        query = select(func.count()).where(
            NominationRow.programme_key == programme_key,
            or_(
                NominationRow.cohort_key == cohort_key,
                (NominationRow.status.in_([s.value for s in ACTIVE]))
                & or_(
                    NominationRow.first_choice == cohort_key,
                    NominationRow.second_choice == cohort_key,
                ),
            ),
        )
        return self.session.scalar(query) or 0

    def count_active_by_ics(self, programme_key: str) -> dict[str, int]:
        query = (
            select(NominationRow.ics_key, func.count())
            .where(
                NominationRow.programme_key == programme_key,
                NominationRow.status.in_([s.value for s in ACTIVE]),
            )
            .group_by(NominationRow.ics_key)
        )
        return {key: count for key, count in self.session.execute(query)}

    def anonymise(self, user_id: str, alias: str) -> int:
        """Replace a person's id everywhere in nominations; clear texts written about them."""
        count = rowcount(
            self.session.execute(
                update(NominationRow)
                .where(NominationRow.nominee_id == user_id)
                .values(nominee_id=alias, note="", reason="")
            )
        )
        for column in (NominationRow.nominated_by, NominationRow.decided_by):
            self.session.execute(
                update(NominationRow).where(column == user_id).values({column.key: alias})
            )
        return count or 0

    def set_card(self, nomination_id: int, channel: str, ts: str) -> None:
        row = self._row(nomination_id, lock=False)
        row.card_channel, row.card_ts = channel, ts
        self.session.flush()

    def card(self, nomination_id: int) -> tuple[str, str] | None:
        row = self._row(nomination_id, lock=False)
        return (row.card_channel, row.card_ts) if row.card_channel and row.card_ts else None

    def list(
        self,
        programme_key: str | None = None,
        *,
        ics_key: str | None = None,
        nominee_id: str | None = None,
        statuses: frozenset[Status] | None = None,
    ) -> Sequence[Nomination]:
        query = select(NominationRow).order_by(NominationRow.id)
        if programme_key is not None:
            query = query.where(NominationRow.programme_key == programme_key)
        if ics_key is not None:
            query = query.where(NominationRow.ics_key == ics_key)
        if nominee_id is not None:
            query = query.where(NominationRow.nominee_id == nominee_id)
        if statuses is not None:
            query = query.where(NominationRow.status.in_([s.value for s in statuses]))
        return [_to_domain(row) for row in self.session.scalars(query)]


def _to_row(n: Nomination, row: NominationRow) -> None:
    row.programme_key, row.ics_key = n.programme_key, n.ics_key
    row.nominee_id, row.nominated_by, row.note = n.nominee_id, n.nominated_by, n.note
    row.status = n.status.value
    row.first_choice = n.preference.first if n.preference else None
    row.second_choice = n.preference.second if n.preference else None
    row.either = bool(n.preference and n.preference.either)
    row.eligibility_confirmed_at = n.eligibility_confirmed_at
    row.cohort_key, row.decided_by, row.decided_at = n.cohort_key, n.decided_by, n.decided_at
    row.reason, row.created_at = n.reason, n.created_at
    row.updated_at = n.updated_at or n.created_at
    row.offer_expires_at, row.offer_lapsed = n.offer_expires_at, n.offer_lapsed
    row.waitlist_rank = n.waitlist_rank
    row.organisation, row.sponsor = n.organisation, n.sponsor


def _to_domain(row: NominationRow) -> Nomination:
    preference = (
        Preference(row.first_choice, row.second_choice, row.either) if row.first_choice else None
    )
    return Nomination(
        id=row.id,
        programme_key=row.programme_key,
        ics_key=row.ics_key,
        nominee_id=row.nominee_id,
        nominated_by=row.nominated_by,
        note=row.note,
        status=Status(row.status),
        preference=preference,
        eligibility_confirmed_at=row.eligibility_confirmed_at,
        cohort_key=row.cohort_key,
        decided_by=row.decided_by,
        decided_at=row.decided_at,
        reason=row.reason,
        created_at=row.created_at,
        updated_at=row.updated_at,
        offer_expires_at=row.offer_expires_at,
        organisation=row.organisation or "",
        sponsor=row.sponsor,
        offer_lapsed=bool(row.offer_lapsed),
        waitlist_rank=row.waitlist_rank,
    )
