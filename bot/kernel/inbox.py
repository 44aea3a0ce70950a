"""The inbox worker: carries out acknowledged requests right after their acks, oldest first.

Woken by the commit that accepted a request, it gives way to the acks still in flight, then
claims what is waiting (with a lease, so one worker among several instances takes each) and
carries each out. Every few seconds it also looks for requests left behind (a crash between
the ack and the change, a failure that is to be tried again).
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

from bot.background import Background
from bot.kernel.acks_first import AcksFirst
from bot.logs import request_scope
from bot.people import People
from domain.kernel.errors import DomainError
from domain.kernel.inbox import MAX_ATTEMPTS, RETRY_AFTER, Request
from domain.nominations.nomination import NOT_AN_APP
from handlers.kernel.inbox import TRANSIENT, answer, carry_out
from storage.unit_of_work import SqlAlchemyUnitOfWork

log = logging.getLogger("cascade.inbox")
LEASE = timedelta(seconds=60)  # a worker that died holding a request lets go of it by then
BATCH = 20


class InboxWorker(Background):
    thread_name = "inbox"

    def __init__(
        self,
        uow_factory: Callable[..., SqlAlchemyUnitOfWork],
        people: People,
        clock: Callable[[], datetime],
        *,
        acks_first: AcksFirst | None = None,
        every: float = 5.0,
        lease: timedelta = LEASE,
    ) -> None:
        self.uow_factory, self.people, self.clock = uow_factory, people, clock
        self.acks_first = acks_first or AcksFirst(patience=0)
        super().__init__(every)
        self.lease = lease
        self.claimer = uuid.uuid4().hex

    def start(self) -> InboxWorker:
        self.wake()  # what an earlier run left behind, at once
        return super().start()

    def run_once(self) -> int:
        """Carry out what is waiting now; how many requests were taken."""
        taken = 0
        give_way_until = time.monotonic() + self.acks_first.patience
        while not self._stop.is_set():
            self.acks_first.wait_turn(give_way_until)  # claiming is a write: after the acks
            now = self.clock()
            with self.uow_factory() as uow:
                claimed = uow.inbox.claim(now, now + self.lease, BATCH, self.claimer)
                uow.commit()
            for request in claimed:
                self.acks_first.wait_turn(give_way_until)  # each gives way to acks in flight
                with request_scope(request.actor_id, f"stored-{request.id}"):
                    self._carry_out(request)
            taken += len(claimed)
            if len(claimed) < BATCH:
                return taken
        return taken

    def _carry_out(self, request: Request) -> None:
        now = self.clock()
        try:
            if (refused := self._vetted(request)) is not None:
                answer(self.uow_factory(), request, now, refused)
                return
            carry_out(request, self.uow_factory, now, self.people.actor(request.actor_id))
        except TRANSIENT:
            self._later(request, now, "busy")
        except Exception as exc:  # a bug or an outage: tried again, then the person is told
            reference = uuid.uuid4().hex[:8]
            log.exception(
                "request %s (%s) failed, reference %s", request.id, request.kind, reference
            )
            if request.attempts < MAX_ATTEMPTS:
                self._later(request, now, type(exc).__name__)
                return
            failed = DomainError(
                f"Something went wrong and your request was not carried out (reference "
                f"{reference}). Please try again, or tell the programme's coordinators."
            )
            try:
                answer(self.uow_factory(), request, now, failed)
            except Exception:
                log.exception("could not give up on request %s", request.id)

    def _vetted(self, request: Request) -> DomainError | None:
        """What only Slack knows, asked now that nobody waits for an ack (see VETS)."""
        vet = VETS.get(request.kind)
        return vet(request, self.people) if vet else None

    def _later(self, request: Request, now: datetime, why: str) -> None:
        log.info("request %s (%s) deferred: %s", request.id, request.kind, why)
        try:
            with self.uow_factory() as uow:
                uow.inbox.retry_at(request.id or 0, now + RETRY_AFTER * request.attempts)
                uow.commit()
        except Exception:  # its lease runs out and it is taken again then
            log.exception("could not defer request %s", request.id)

    def _round(self) -> None:
        self.run_once()


def _nominee_is_a_person(request: Request, people: People) -> DomainError | None:
    """A nominee the lead chose who turns out to be an app is refused, and the lead told."""
    nominee = request.payload.get("nominee_id")
    if isinstance(nominee, str) and (person := people.get(nominee)) and person.is_bot:
        return DomainError(f"<@{nominee}> was not nominated: {NOT_AN_APP}")
    return None


# Per kind of request, a check of what only Slack can say, made before it is carried out.
VETS: dict[str, Callable[[Request, People], DomainError | None]] = {
    "nominate": _nominee_is_a_person,
}
