"""The fake unit of work: every feature's fake repositories in one transaction that rolls back
like a real one."""

from __future__ import annotations

import copy
from operator import attrgetter
from typing import TYPE_CHECKING

from tests.unit.fakes.accreditation import FakeAccreditations, FakePairs, FakePeerReviews
from tests.unit.fakes.circles import FakeCircleDeliveries, FakeCircles
from tests.unit.fakes.follow_up import FakeAttendance, FakeCascadeAnswers, FakeFollowUpCalls
from tests.unit.fakes.group_sessions import FakeGroupSessions
from tests.unit.fakes.kernel import FakeAudit, FakeIcs, FakeInbox, FakePeople, FakeProgrammes
from tests.unit.fakes.leave import FakeLeave
from tests.unit.fakes.networks import FakeCohortChannels, FakeDebriefs
from tests.unit.fakes.nominations import FakeNominations
from tests.unit.fakes.outbox import FakeOutbox
from tests.unit.fakes.programme_admin import FakeAppliedFiles
from tests.unit.fakes.supervision import FakeCatalogue, FakeEntries

if TYPE_CHECKING:
    import handlers.accreditation.ports
    import handlers.circles.ports
    import handlers.follow_up.ports
    import handlers.group_sessions.ports
    import handlers.kernel.ports
    import handlers.networks.ports
    import handlers.nominations.ports
    import handlers.programme_admin.ports
    import handlers.supervision.ports


#: What a transaction can change, snapshot on entry and restored by a rollback.
_KEPT = (
    "programmes.items",
    "programmes.revisions",
    "ics.items",
    "nominations.items",
    "nominations.cards",
    "people.items",
    "people.homes",
    "people.choices",
    "people.gone",
    "audit.events",
    "audit.notes",
    "audit.written",
    "audit.looks",
    "entries.items",
    "catalogue.value",
    "outbox.items",
    "outbox.dirty",
    "outbox.claims",
    "cascade_answers.items",
    "follow_up_calls.items",
    "inbox.items",
    "inbox.leases",
    "applied_files.value",
    "attendance.items",
    "accreditations.signed",
    "accreditations.asked",
    "accreditations.items",
    "accreditations.roles",
    "peer_reviews.items",
    "debriefs.items",
    "pairs.items",
    "leave.items",
    "group_sessions.items",
    "group_sessions.guests",
    "circle_deliveries.state",
    "circles.state",
    "cohort_channels.state",
)


class FakeUnitOfWork:
    """Keeps committed state; rolls back uncommitted changes like a real transaction."""

    def __init__(self) -> None:
        self.audit = FakeAudit()
        self.programmes = FakeProgrammes()
        self.ics = FakeIcs()
        self.nominations = FakeNominations(self.audit)
        self.people = FakePeople()
        self.catalogue = FakeCatalogue()
        self.entries = FakeEntries()
        self.outbox = FakeOutbox()
        self.cascade_answers = FakeCascadeAnswers()
        self.follow_up_calls = FakeFollowUpCalls()
        self.inbox = FakeInbox()
        self.nominations.inbox = self.inbox  # requests waiting count as nominations arriving
        self.nominations.programmes = self.programmes
        self.applied_files = FakeAppliedFiles()
        self.attendance = FakeAttendance()
        self.accreditations = FakeAccreditations()
        self.peer_reviews = FakePeerReviews()
        self.pairs = FakePairs()
        self.leave = FakeLeave()
        self.debriefs = FakeDebriefs()
        self.cohort_channels = FakeCohortChannels()
        self.group_sessions = FakeGroupSessions(self.entries)
        self.circle_deliveries = FakeCircleDeliveries(self.entries)
        self.circles = FakeCircles()
        self.completes: int | None = None
        self.completed = False
        self.commits = 0
        self._snapshot: tuple | None = None

    def _state(self) -> tuple:
        return copy.deepcopy(tuple(attrgetter(path)(self) for path in _KEPT))

    def __enter__(self) -> FakeUnitOfWork:
        self._snapshot = self._state()
        return self

    def __exit__(self, *exc: object) -> None:
        self.rollback()

    def commit(self) -> None:
        if self.completes is not None:
            self.inbox.remove(self.completes)
            self.completed = True
        self.commits += 1
        self._snapshot = self._state()

    def rollback(self) -> None:
        if self._snapshot is not None:
            for path, value in zip(_KEPT, copy.deepcopy(self._snapshot), strict=True):
                owner, name = path.split(".")
                setattr(getattr(self, owner), name, value)


if TYPE_CHECKING:

    def _matches_the_ports(
        uow: FakeUnitOfWork,
    ) -> tuple[
        handlers.accreditation.ports.UnitOfWork,
        handlers.circles.ports.UnitOfWork,
        handlers.follow_up.ports.UnitOfWork,
        handlers.group_sessions.ports.UnitOfWork,
        handlers.kernel.ports.UnitOfWork,
        handlers.networks.ports.UnitOfWork,
        handlers.nominations.ports.UnitOfWork,
        handlers.programme_admin.ports.UnitOfWork,
        handlers.supervision.ports.UnitOfWork,
    ]:
        """The type checker (in `make test`) holds every fake to its port, as it holds the
        SqlAlchemy repositories wherever the bot hands its unit of work to a use case: the
        fake unit of work is every feature's."""
        return (uow, uow, uow, uow, uow, uow, uow, uow, uow)
