"""What people see of accreditation: their own pathway, and (coordinators) everyone's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.accreditation import Accreditation, Progress, StepRequest
from domain.catalogue import Catalogue
from domain.errors import NotAllowed, NotFound
from domain.peer_review import PeerReview
from domain.people import Actor
from handlers.mentoring import PairNow, pairs_now
from handlers.pathways import holders, open_to, progress_of
from handlers.people import is_coordinator
from handlers.ports import UnitOfWork
from handlers.roles import signing_roles


@dataclass(frozen=True)
class MyAccreditation:
    progress: list[Progress]  # the pathways the person is on, or may start
    signers: dict[str, list[str]]  # pathway -> who may sign off its next step
    accreditations: dict[str, Accreditation]  # pathway -> the person's accreditation
    to_sign: list[PeerReview]  # review forms waiting for the person's signature
    asked_of_me: list[StepRequest]  # others' requests the person may sign off
    pairs: list[PairNow]

    @property
    def empty(self) -> bool:
        return not (self.progress or self.to_sign or self.asked_of_me or self.pairs)


@dataclass(frozen=True)
class Everyone:
    """For coordinators: each person's progress on each pathway they started."""

    progress: list[tuple[str, Progress, Accreditation | None]]
    pending: list[StepRequest]
    pairs: list[PairNow]


def my_accreditation(actor: Actor, uow: UnitOfWork, now: datetime) -> MyAccreditation:
    with uow:
        catalogue = uow.catalogue.get()
        person = actor.user_id
        accredited = {a.pathway: a for a in uow.accreditations.accreditations(person)}
        shown = [
            p
            for p in progress_of(person, uow, catalogue)
            if p.sign_offs or p.asked or open_to(actor, p.pathway, uow, catalogue)
        ]
        signers = {
            p.pathway.key: holders(uow, catalogue, p.next.signed_off_by, but=person)
            for p in shown
            if p.next is not None
        }
        mine = signing_roles(actor, uow, catalogue)
        asked = [
            r
            for r in uow.accreditations.requests()
            if r.person != person and _may_sign(r, mine, catalogue)
        ]
        to_sign = [r for r in uow.peer_reviews.list(trainer=person) if not r.acknowledged]
        return MyAccreditation(shown, signers, accredited, to_sign, asked, pairs_now(uow, person))


def everyone(actor: Actor, uow: UnitOfWork) -> Everyone:
    with uow:
        if not is_coordinator(actor, uow):
            raise NotAllowed("Only coordinators can see everyone's accreditation.")
        catalogue = uow.catalogue.get()
        accredited = {(a.person, a.pathway): a for a in uow.accreditations.accreditations()}
        people = sorted(
            {s.person for s in uow.accreditations.sign_offs()}
            | {r.person for r in uow.accreditations.requests()}
            | {person for person, _ in accredited}
        )
        rows = [
            (person, p, accredited.get((person, p.pathway.key)))
            for person in people
            for p in progress_of(person, uow, catalogue)
            if p.sign_offs or p.asked or (person, p.pathway.key) in accredited
        ]
        return Everyone(rows, list(uow.accreditations.requests()), pairs_now(uow))


def _may_sign(request: StepRequest, roles: set[str], catalogue: Catalogue) -> bool:
    try:
        step = catalogue.pathway(request.pathway).step(request.step)
    except NotFound:  # a pathway or step that left the configuration
        return False
    return bool(set(step.signed_off_by) & roles)
