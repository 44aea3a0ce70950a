"""The unit of work: one transaction, the repositories inside it, commit or roll back."""

from __future__ import annotations

from typing import Self

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from domain.errors import ConcurrentChange
from storage.engine import read_only as reading
from storage.repositories import (
    SqlAlchemyAudit,
    SqlAlchemyIcs,
    SqlAlchemyNominations,
    SqlAlchemyPeople,
    SqlAlchemyProgrammes,
)


class SqlAlchemyUnitOfWork:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self.session_factory = session_factory

    def __enter__(self) -> Self:
        self.session = self.session_factory()
        self.audit = SqlAlchemyAudit(self.session)
        self.programmes = SqlAlchemyProgrammes(self.session)
        self.ics = SqlAlchemyIcs(self.session)
        self.nominations = SqlAlchemyNominations(self.session, self.audit)
        self.people = SqlAlchemyPeople(self.session)
        return self

    def __exit__(self, exc_type: object, exc: BaseException | None, tb: object) -> None:
        try:
            self.session.rollback()
        finally:
            self.session.close()
        if isinstance(exc, IntegrityError):
            # The constraints are a safety net behind the locks; say so kindly if one ever fires.
            raise ConcurrentChange(
                "Someone else changed this at the same moment. Please look again and retry."
            ) from exc

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()


class UnitOfWorkFactory:
    """Makes units of work on one engine; ``read_only=True`` skips SQLite's write lock."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._writer = sessionmaker(engine, expire_on_commit=False)
        self._reader = sessionmaker(reading(engine), expire_on_commit=False)

    def __call__(self, *, read_only: bool = False) -> SqlAlchemyUnitOfWork:
        return SqlAlchemyUnitOfWork(self._reader if read_only else self._writer)

    def ping(self) -> bool:
        """True when the database answers (for health checks)."""
        try:
            with reading(self.engine).connect() as connection:
                connection.exec_driver_sql("SELECT 1")
        except Exception:  # any failure means unhealthy; the caller reports it
            return False
        return True
