"""The unit of work: one transaction, the repositories inside it, commit or roll back."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Self

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from domain.kernel.errors import Busy, ConcurrentChange, Unavailable
from domain.kernel.outbox import Lane
from storage.accreditation.accreditations import SqlAlchemyAccreditations
from storage.accreditation.mentoring import SqlAlchemyPairs
from storage.accreditation.peer_reviews import SqlAlchemyPeerReviews
from storage.circles.calendar import SqlAlchemyCircles
from storage.circles.deliveries import SqlAlchemyCircleDeliveries
from storage.follow_up.answers import SqlAlchemyAttendance, SqlAlchemyCascadeAnswers
from storage.follow_up.calls import SqlAlchemyFollowUpCalls
from storage.group_sessions.sessions import SqlAlchemyGroupSessions
from storage.kernel.engine import REQUEST_WAIT_MS, in_a_hurry, is_busy, one_statement, patiently
from storage.kernel.engine import read_only as reading
from storage.kernel.inbox import SqlAlchemyInbox
from storage.kernel.outbox import SqlAlchemyOutbox
from storage.kernel.people import SqlAlchemyAudit, SqlAlchemyPeople
from storage.kernel.programmes import SqlAlchemyIcs, SqlAlchemyProgrammes
from storage.leave.leave import SqlAlchemyLeave
from storage.networks.cohort_channels import SqlAlchemyCohortChannels
from storage.networks.debriefs import SqlAlchemyDebriefs
from storage.nominations.nominations import SqlAlchemyNominations
from storage.programme_admin.applied_files import SqlAlchemyAppliedFiles
from storage.supervision.entries import SqlAlchemyCatalogue, SqlAlchemyEntries


class WriterLock:
    """SQLite's one writer at a time, within this process: a person's request (``urgent``)
    goes before background work waiting for the same lock; among equals, whoever the OS
    wakes first."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._held = False
        self._urgent_waiting = 0

    def acquire(self, urgent: bool = False, timeout: float = -1) -> bool:
        deadline = None if timeout < 0 else time.monotonic() + timeout
        with self._cond:
            self._urgent_waiting += urgent
            try:
                while self._held or (not urgent and self._urgent_waiting):
                    left = None if deadline is None else deadline - time.monotonic()
                    if left is not None and left <= 0:
                        return False
                    self._cond.wait(left)
                self._held = True
                return True
            finally:
                self._urgent_waiting -= urgent

    def release(self) -> None:
        with self._cond:
            self._held = False
            self._cond.notify_all()


class SqlAlchemyUnitOfWork:
    def __init__(
        self,
        session_factory: sessionmaker[Session],
        write_lock: WriterLock | None = None,
        on_messages: Callable[[frozenset[Lane]], None] | None = None,
        wait: float = -1,
        on_requests: Callable[[], None] | None = None,
    ) -> None:
        self.session_factory = session_factory
        self.write_lock = write_lock
        self.on_messages = on_messages
        self.on_requests = on_requests
        self.wait = wait  # seconds to wait for this process's writer lock (-1: as long as it takes)
        self.completes: int | None = None
        self.completed = False

    def __enter__(self) -> Self:
        urgent = self.wait >= 0  # a person waits on it
        if self.write_lock is not None and not self.write_lock.acquire(urgent, self.wait):
            raise Busy()
        self.session = self.session_factory()
        self.audit = SqlAlchemyAudit(self.session)
        self.programmes = SqlAlchemyProgrammes(self.session)
        self.ics = SqlAlchemyIcs(self.session)
        self.nominations = SqlAlchemyNominations(self.session, self.audit)
        self.people = SqlAlchemyPeople(self.session)
        self.catalogue = SqlAlchemyCatalogue(self.session)
        self.entries = SqlAlchemyEntries(self.session)
        self.outbox = SqlAlchemyOutbox(self.session)
        self.cascade_answers = SqlAlchemyCascadeAnswers(self.session)
        self.follow_up_calls = SqlAlchemyFollowUpCalls(self.session)
        self.inbox = SqlAlchemyInbox(self.session)
        self.applied_files = SqlAlchemyAppliedFiles(self.session)
        self.attendance = SqlAlchemyAttendance(self.session)
        self.accreditations = SqlAlchemyAccreditations(self.session)
        self.peer_reviews = SqlAlchemyPeerReviews(self.session)
        self.pairs = SqlAlchemyPairs(self.session)
        self.leave = SqlAlchemyLeave(self.session)
        self.debriefs = SqlAlchemyDebriefs(self.session)
        self.cohort_channels = SqlAlchemyCohortChannels(self.session)
        self.group_sessions = SqlAlchemyGroupSessions(self.session)
        self.circle_deliveries = SqlAlchemyCircleDeliveries(self.session)
        self.circles = SqlAlchemyCircles(self.session)
        return self

    def __exit__(self, exc_type: object, exc: BaseException | None, tb: object) -> None:
        try:
            self.session.rollback()
        finally:
            self.session.close()
            if self.write_lock is not None:
                self.write_lock.release()
        if isinstance(exc, IntegrityError):
            # The constraints are a safety net behind the locks; say so kindly if one ever fires.
            raise ConcurrentChange(
                "Someone else changed this at the same moment. Please look again and retry."
            ) from exc
        if isinstance(exc, OperationalError):
            raise (Busy() if _waited_too_long(exc) else Unavailable()) from exc

    def commit(self) -> None:
        if self.completes is not None:
            self.inbox.remove(self.completes)
        self.session.commit()
        self.completed = self.completes is not None
        if self.outbox.lanes and self.on_messages is not None:
            lanes = frozenset(self.outbox.lanes)
            self.outbox.lanes.clear()
            self.on_messages(lanes)  # wake their dispatchers: what was committed goes out now
        if self.inbox.accepted and self.on_requests is not None:
            self.inbox.accepted = 0
            self.on_requests()  # wake the inbox worker: carried out right after the ack

    def rollback(self) -> None:
        self.session.rollback()


def _waited_too_long(exc: OperationalError) -> bool:
    """SQLite's "database is locked", or PostgreSQL's lock_timeout (55P03)."""
    return "locked" in str(exc.orig) or getattr(exc.orig, "sqlstate", None) == "55P03"


class UnitOfWorkFactory:
    """Makes units of work on one engine. A person's request waits for a lock at most
    REQUEST_WAIT_MS, then says Cascade is busy (Slack gives up after 3 s, and a change applied
    after that would be a lie); ``patient`` ones (background work) wait their turn.
    ``read_only=True`` skips SQLite's write lock."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._writer = sessionmaker(in_a_hurry(engine), expire_on_commit=False)
        self._background = sessionmaker(patiently(engine), expire_on_commit=False)
        self._one_statement = sessionmaker(one_statement(engine), expire_on_commit=False)
        self._reader = sessionmaker(reading(engine), expire_on_commit=False)
        # SQLite has one writer at a time; queueing this process's writers on a lock is fairer
        # and faster than SQLite's sleep-and-retry busy handler (other processes still use it).
        self._write_lock = WriterLock() if engine.dialect.name == "sqlite" else None
        self._on_messages: list[Callable[[frozenset[Lane]], None]] = []
        self._on_requests: list[Callable[[], None]] = []

    def __call__(self, *, read_only: bool = False) -> SqlAlchemyUnitOfWork:
        if read_only:
            return SqlAlchemyUnitOfWork(self._reader)
        return self._for_a_person(self._writer)

    def one_statement(self) -> SqlAlchemyUnitOfWork:
        """For a person's change that is a single statement (storing requests that arrived
        together): committed as it runs, with no transaction around it on PostgreSQL."""
        return self._for_a_person(self._one_statement)

    def _for_a_person(self, sessions: sessionmaker[Session]) -> SqlAlchemyUnitOfWork:
        wait = REQUEST_WAIT_MS / 1000  # then "busy", well inside Slack's 3 s
        return SqlAlchemyUnitOfWork(
            sessions, self._write_lock, self._notify, wait, self._notify_requests
        )

    def patient(self, *, read_only: bool = False) -> SqlAlchemyUnitOfWork:
        """For work nobody is waiting on (sending, planning): it waits for locks."""
        if read_only:
            return SqlAlchemyUnitOfWork(self._reader)
        return SqlAlchemyUnitOfWork(
            self._background, self._write_lock, self._notify, on_requests=self._notify_requests
        )

    def when_messages_committed(self, wake: Callable[[frozenset[Lane]], None]) -> None:
        """Call ``wake`` with the lanes written to, after each commit that wrote outbox
        messages (the dispatchers)."""
        self._on_messages.append(wake)

    def when_requests_committed(self, wake: Callable[[], None]) -> None:
        """Call ``wake`` after each commit that accepted requests (the inbox worker)."""
        self._on_requests.append(wake)

    def _notify(self, lanes: frozenset[Lane]) -> None:
        for wake in self._on_messages:
            wake(lanes)

    def _notify_requests(self) -> None:
        for wake in self._on_requests:
            wake()

    def busy(self) -> bool:
        """Another writer holds the database's write lock right now."""
        return is_busy(self.engine)

    def ping(self) -> bool:
        """True when the database answers (for health checks)."""
        try:
            with reading(self.engine).connect() as connection:
                connection.exec_driver_sql("SELECT 1")
        except Exception:  # any failure means unhealthy; the caller reports it
            return False
        return True
