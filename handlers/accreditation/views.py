"""What people see of accreditation: their own pathway, and (coordinators) everyone's."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from domain.accreditation.pathways import Accreditation, Progress, Status, StepRequest
from domain.accreditation.peer_review import PeerReview
from domain.accreditation.status import RoleStatus
from domain.kernel.errors import NotAllowed, NotFound
from domain.kernel.people import Actor, is_erased
from domain.programme_admin.catalogue import Catalogue
from handlers.accreditation.mentoring import PairNow, pairs_now
from handlers.accreditation.pathways import open_to, progress_of
from handlers.accreditation.ports import UnitOfWork
from handlers.kernel.people import is_coordinator
from handlers.kernel.roles import holders, signing_roles


@dataclass(frozen=True)
class MyAccreditation:
    progress: list[Progress]  # the pathways the person is on, or may start
    signers: dict[str, list[str]]  # pathway -> who may sign off its next step
    accreditations: dict[str, Accreditation]  # pathway -> the person's accreditation
    to_sign: list[PeerReview]  # review forms waiting for the person's signature
    asked_of_me: list[StepRequest]  # others' requests the person may sign off
    pairs: list[PairNow]
    reviews: list[PeerReview]  # review forms about the person or by them, newest first
    roles: list[RoleStatus] = field(default_factory=list)  # held other than by a pathway

    @property
    def empty(self) -> bool:
        shown = (self.progress, self.to_sign, self.asked_of_me, self.pairs, self.reviews)
        return not (any(shown) or self.roles)


Row = tuple[str, Progress, Accreditation | None]


@dataclass(frozen=True)
class Summary:
    """Everyone's counts: people on a pathway, accreditations by status, open requests."""

    people: int
    active: int
    at_risk: int
    lapsed: int
    waiting: int

    @property
    def accredited(self) -> int:
        return self.active + self.at_risk + self.lapsed


@dataclass(frozen=True)
class Everyone:
    """For coordinators: each person's progress on each pathway they started."""

    progress: list[Row]  # by person
    pending: list[StepRequest]
    pairs: list[PairNow]
    roles: list[RoleStatus] = field(default_factory=list)  # held other than by a pathway
    role_names: dict[str, str] = field(default_factory=dict)  # role key -> its name

    @property
    def roles_by_attention(self) -> list[RoleStatus]:
        """Lapsed first, then at risk, then active; longest in that status first."""
        rank = {Status.LAPSED: _LAPSED, Status.AT_RISK: _AT_RISK}
        return sorted(self.roles, key=lambda r: (rank.get(r.status, _FINE), r.since, r.person))

    @property
    def summary(self) -> Summary:
        statuses = [a.status for _, _, a in self.progress if a is not None]
        return Summary(
            people=len({person for person, _, _ in self.progress}),
            active=statuses.count(Status.ACTIVE),
            at_risk=statuses.count(Status.AT_RISK),
            lapsed=statuses.count(Status.LAPSED),
            waiting=sum(1 for _, p, a in self.progress if p.asked and a is None),
        )

    @property
    def by_attention(self) -> list[Row]:
        """Lapsed, at risk, waiting for a sign-off (longest first), in progress, then the rest."""
        return sorted(self.progress, key=_attention)


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
        about_me = uow.peer_reviews.list(trainer=person)
        to_sign = [r for r in about_me if not r.acknowledged]
        reviews = _newest_first([*about_me, *uow.peer_reviews.list(assessor=person)])
        pairs = pairs_now(uow, person)
        roles = list(uow.accreditations.role_statuses(person))
        return MyAccreditation(shown, signers, accredited, to_sign, asked, pairs, reviews, roles)


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
        roles = [r for r in uow.accreditations.role_statuses() if not is_erased(r.person)]
        names = {r.key: r.name for r in catalogue.roles}
        pending = list(uow.accreditations.requests())
        return Everyone(rows, pending, pairs_now(uow), roles, names)


_LAPSED, _AT_RISK, _WAITING, _IN_PROGRESS, _FINE = range(5)  # what needs attention first


def _attention(row: Row) -> tuple[int, float, str, str]:
    person, p, a = row
    waited = 0.0
    if a is not None:
        rank = {Status.LAPSED: _LAPSED, Status.AT_RISK: _AT_RISK}.get(a.status, _FINE)
    elif p.asked is not None:
        rank, waited = _WAITING, p.asked.asked_at.timestamp()
    else:
        rank = _IN_PROGRESS if p.next else _FINE
    return rank, waited, person, p.pathway.key


def _newest_first(reviews: list[PeerReview]) -> list[PeerReview]:
    unique = {r.id: r for r in reviews}.values()
    return sorted(unique, key=lambda r: (r.assessor_signed_at, r.id or 0), reverse=True)


def _may_sign(request: StepRequest, roles: set[str], catalogue: Catalogue) -> bool:
    try:
        step = catalogue.pathway(request.pathway).step(request.step)
    except NotFound:  # a pathway or step that left the configuration
        return False
    return bool(set(step.signed_off_by) & roles)
