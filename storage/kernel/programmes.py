"""SQLAlchemy repositories of programmes (with their cohorts' revisions) and ICSs."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import (
    delete,
    select,
)
from sqlalchemy.orm import Session

from domain.kernel.errors import NotFound
from domain.kernel.programme import Ics, Programme
from storage.tables import CohortRow, IcsRow, ProgrammeRow


class SqlAlchemyProgrammes:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _row(self, key: str, *, lock: bool) -> ProgrammeRow:
        query = select(ProgrammeRow).where(ProgrammeRow.key == key)
        if lock:
            query = query.with_for_update().execution_options(populate_existing=True)
        row = self.session.scalars(query).one_or_none()
        if row is None:
            raise NotFound(f"There is no programme called {key!r}.", field="programme")
        return row

    def get(self, key: str) -> Programme:
        return Programme.model_validate(self._row(key, lock=False).definition)

    def lock(self, key: str) -> Programme:
        return Programme.model_validate(self._row(key, lock=True).definition)

    def lock_cohort(self, programme_key: str, cohort_key: str) -> None:
        query = (
            select(CohortRow.key)
            .where(CohortRow.programme_key == programme_key, CohortRow.key == cohort_key)
            .with_for_update()
        )
        if self.session.scalars(query).one_or_none() is None:
            raise NotFound(f"There is no cohort called {cohort_key!r}.", field="cohort")

    def list(self) -> Sequence[Programme]:
        rows = self.session.scalars(select(ProgrammeRow).order_by(ProgrammeRow.key))
        return [Programme.model_validate(row.definition) for row in rows]

    def save(self, programme: Programme) -> None:
        row = self.session.get(ProgrammeRow, programme.key) or ProgrammeRow(key=programme.key)
        row.total_places = programme.total_places
        row.per_ics_limit = programme.per_ics_limit
        row.definition = programme.model_dump(mode="json")
        self.session.add(row)
        for cohort in programme.cohorts:
            cohort_row = self.session.get(CohortRow, (programme.key, cohort.key)) or CohortRow(
                programme_key=programme.key, key=cohort.key
            )
            cohort_row.places = cohort.places
            self.session.add(cohort_row)
        self.session.flush()

    def rescheduled(self, programme_key: str, cohort_key: str) -> int:
        """Count one more change to the cohort's sessions or joining details; the new count."""
        row = self.session.get(CohortRow, (programme_key, cohort_key), with_for_update=True)
        if row is None:
            raise NotFound(f"There is no cohort called {cohort_key!r}.", field="cohort")
        row.revision += 1
        self.session.flush()
        return row.revision

    def revision(self, programme_key: str, cohort_key: str) -> int:
        row = self.session.get(CohortRow, (programme_key, cohort_key))
        return row.revision if row else 0

    def remove_cohort(self, programme_key: str, cohort_key: str) -> None:
        self.session.execute(
            delete(CohortRow).where(
                CohortRow.programme_key == programme_key, CohortRow.key == cohort_key
            )
        )

    def remove(self, key: str) -> None:
        self.session.execute(delete(CohortRow).where(CohortRow.programme_key == key))
        self.session.execute(delete(ProgrammeRow).where(ProgrammeRow.key == key))


class SqlAlchemyIcs:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _row(self, key: str, *, lock: bool) -> IcsRow:
        query = select(IcsRow).where(IcsRow.key == key)
        if lock:
            query = query.with_for_update().execution_options(populate_existing=True)
        row = self.session.scalars(query).one_or_none()
        if row is None:
            raise NotFound(f"There is no ICS called {key!r}.", field="ics")
        return row

    @staticmethod
    def _to_domain(row: IcsRow) -> Ics:
        return Ics(key=row.key, name=row.name, leads=tuple(row.leads))

    def get(self, key: str) -> Ics:
        return self._to_domain(self._row(key, lock=False))

    def lock(self, key: str) -> Ics:
        return self._to_domain(self._row(key, lock=True))

    def list(self) -> Sequence[Ics]:
        return [self._to_domain(r) for r in self.session.scalars(select(IcsRow).order_by("name"))]

    def save(self, ics: Ics) -> None:
        row = self.session.get(IcsRow, ics.key) or IcsRow(key=ics.key)
        row.name, row.leads = ics.name, list(ics.leads)
        self.session.add(row)
        self.session.flush()

    def remove(self, key: str) -> None:
        self.session.execute(delete(IcsRow).where(IcsRow.key == key))
