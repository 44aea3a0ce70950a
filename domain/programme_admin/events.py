"""What coordinators changed in a programme, its cohorts and ICSs."""

from __future__ import annotations

from dataclasses import dataclass

from domain.kernel.events import Event
from domain.kernel.programme import Programme, Session
from domain.nominations.events import NominationEvent
from domain.nominations.nomination import Nomination


@dataclass(frozen=True)
class CohortRescheduled(Event):
    """A cohort's sessions or joining details changed; ``participants`` hold places in it."""

    programme: Programme
    cohort_key: str
    revision: int  # how many times it has changed: a new period for each change's messages
    participants: tuple[Nomination, ...]
    # Sessions it no longer has: those numbered after the ones it keeps (events by number).
    dropped: tuple[Session, ...] = ()


@dataclass(frozen=True)
class CohortCancelled(NominationEvent):
    """This nomination's cohort was cancelled: it is back on the waitlist or released."""

    cohort_key: str = ""
    why: str = ""  # the coordinator's words, if any


@dataclass(frozen=True)
class ProgrammeChanged(Event):
    """A coordinator changed a programme or an ICS: the dashboards of ``people`` change."""

    actor: str
    people: tuple[str, ...]
