"""In-memory fakes of accreditations and role statuses, peer reviews, mentoring pairs."""

from __future__ import annotations

import builtins
import copy
import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime

from domain.accreditation.mentoring import Pair
from domain.accreditation.pathways import Accreditation, SignOff, StepRequest
from domain.accreditation.pathways import Status as AccreditationStatus
from domain.accreditation.peer_review import PeerReview
from domain.accreditation.status import RoleStatus
from domain.kernel.errors import ConcurrentChange, NotFound
from tests.unit.fakes.kernel import TAKEN, swap


class FakeAccreditations:
    """Keeps the unique keys the tables have: one sign-off a step, one accreditation a
    pathway, one certificate a reference, one open request a step."""

    def __init__(self) -> None:
        self.signed: dict[int, SignOff] = {}
        self.asked: dict[int, tuple[StepRequest, bool]] = {}  # and whether it is closed
        self.items: dict[int, Accreditation] = {}
        self.roles: dict[tuple[str, str], RoleStatus] = {}
        self._ids = itertools.count(1)

    def add_sign_off(self, sign_off: SignOff) -> SignOff:
        key = (sign_off.person, sign_off.pathway, sign_off.step)
        if any((s.person, s.pathway, s.step) == key for s in self.signed.values()):
            raise ConcurrentChange(TAKEN)
        new_id = next(self._ids)
        stored = replace(sign_off, id=new_id)
        self.signed[new_id] = stored
        return stored

    def sign_offs(self, person: str | None = None, pathway: str | None = None) -> list[SignOff]:
        return [
            s
            for s in sorted(self.signed.values(), key=lambda s: (s.signed_at, s.id))
            if person in (None, s.person) and pathway in (None, s.pathway)
        ]

    def ask(self, request: StepRequest) -> bool:
        key = (request.pathway, request.step)
        if any((r.pathway, r.step) == key for r in self.requests(request.person)):
            return False
        new_id = next(self._ids)
        stored = replace(request, id=new_id)
        self.asked[new_id] = (stored, False)
        return True

    def requests(self, person: str | None = None) -> list[StepRequest]:
        open_ = [r for r, closed in self.asked.values() if not closed]
        return [
            r for r in sorted(open_, key=lambda r: (r.asked_at, r.id)) if person in (None, r.person)
        ]

    def close_requests(self, person: str, pathway: str, step: str) -> None:
        for r in self.requests(person):
            if (r.pathway, r.step) == (pathway, step):
                self.asked[r.id or 0] = (r, True)

    def accredit(self, accreditation: Accreditation) -> Accreditation:
        for a in self.items.values():
            if (a.person, a.pathway) == (accreditation.person, accreditation.pathway):
                raise ConcurrentChange(TAKEN)
            if a.reference == accreditation.reference:
                raise ConcurrentChange(TAKEN)
        new_id = next(self._ids)
        stored = replace(accreditation, id=new_id)
        self.items[new_id] = stored
        return stored

    def accreditations(self, person: str | None = None) -> list[Accreditation]:
        return [a for _, a in sorted(self.items.items()) if person in (None, a.person)]

    def by_reference(self, reference: str) -> Accreditation | None:
        return next((a for a in self.items.values() if a.reference == reference), None)

    def in_use(self, pathway: str) -> dict[str, int]:
        people = {(s.step, s.person) for s in self.sign_offs(pathway=pathway)}
        people |= {(r.step, r.person) for r in self.requests() if r.pathway == pathway}
        return dict(Counter(step for step, _ in people))

    def count_accredited(self, pathway: str) -> int:
        return sum(a.pathway == pathway for a in self.items.values())

    def set_status(self, accreditation_id: int, status: AccreditationStatus, since: date) -> None:
        if accreditation_id in self.items:
            found = self.items[accreditation_id]
            self.items[accreditation_id] = replace(found, status=status, status_since=since)

    def role_statuses(self, person: str | None = None) -> list[RoleStatus]:
        return [r for _, r in sorted(self.roles.items()) if person in (None, r.person)]

    def save_role_statuses(self, statuses: Sequence[RoleStatus]) -> None:
        self.roles.update({(s.person, s.role): s for s in statuses})

    def drop_role_statuses(self, held: Sequence[tuple[str, str]]) -> None:
        for key in held:
            self.roles.pop(key, None)

    def anonymise(self, user_id: str, alias: str) -> int:
        count = 0
        for (person, role), r in list(self.roles.items()):
            if person == user_id:
                del self.roles[person, role]
                self.roles[alias, role], count = replace(r, person=alias), count + 1
        for i, s in self.signed.items():
            if user_id in (s.person, s.signed_by):
                swapped = {k: swap(getattr(s, k), user_id, alias) for k in ("person", "signed_by")}
                self.signed[i], count = replace(s, **swapped), count + 1
        for i, (asked, closed) in self.asked.items():
            if asked.person == user_id:
                self.asked[i], count = (replace(asked, person=alias), closed), count + 1
        for i, a in self.items.items():
            if user_id in (a.person, a.confirmed_by):
                swapped = {
                    k: swap(getattr(a, k), user_id, alias) for k in ("person", "confirmed_by")
                }
                self.items[i], count = replace(a, **swapped), count + 1
        return count


class FakePeerReviews:
    def __init__(self) -> None:
        self.items: dict[int, PeerReview] = {}
        self.locks: list[int] = []
        self._ids = itertools.count(1)
        self.tokens: dict[int, str] = {}  # by review id: a rolled-back review's is ignored

    def add(self, review: PeerReview, client_token: str | None = None) -> PeerReview:
        if client_token and self.by_token(review.assessor, client_token) is not None:
            raise ConcurrentChange("Someone else changed this at the same moment.")
        review.id = next(self._ids)
        self.items[review.id] = copy.deepcopy(review)
        if client_token:
            self.tokens[review.id] = client_token
        return review

    def by_token(self, assessor: str, client_token: str) -> PeerReview | None:
        found = (
            r
            for i, r in self.items.items()
            if r.assessor == assessor and self.tokens.get(i) == client_token
        )
        return copy.deepcopy(next(found, None))

    def get(self, review_id: int) -> PeerReview:
        if review_id not in self.items:
            raise NotFound("That review form no longer exists.")
        return copy.deepcopy(self.items[review_id])

    def lock(self, review_id: int) -> PeerReview:
        self.locks.append(review_id)
        return self.get(review_id)

    def save(self, review: PeerReview) -> None:
        self.get(review.id or 0)
        self.items[review.id or 0] = copy.deepcopy(review)

    def list(
        self, *, trainer: str | None = None, assessor: str | None = None
    ) -> builtins.list[PeerReview]:
        found = [
            r
            for r in self.items.values()
            if trainer in (None, r.trainer) and assessor in (None, r.assessor)
        ]
        return copy.deepcopy(
            sorted(found, key=lambda r: (r.assessor_signed_at, r.id), reverse=True)
        )

    def anonymise(self, user_id: str, alias: str) -> int:
        count = 0
        for r in self.items.values():
            if user_id in (r.trainer, r.assessor, r.manager):
                if r.trainer == user_id:  # what was written about them goes with them
                    r.trainer_comments, r.assessor_comments = "", ""
                    r.other_trainers, r.sessions_observed = "", ""
                for name in ("trainer", "assessor", "manager"):
                    setattr(r, name, swap(getattr(r, name), user_id, alias))
                count += 1
        return count


class FakePairs:
    def __init__(self) -> None:
        self.items: dict[int, Pair] = {}
        self.locks: list[str] = []
        self._ids = itertools.count(1)

    def add(self, pair: Pair) -> Pair:
        new_id = next(self._ids)
        stored = replace(pair, id=new_id)
        self.items[new_id] = stored
        return stored

    def get(self, pair_id: int) -> Pair:
        if pair_id not in self.items:
            raise NotFound("That mentoring pair no longer exists.")
        return self.items[pair_id]

    def end(self, pair_id: int, at: datetime) -> None:
        self.items[pair_id] = replace(self.get(pair_id), ended_at=at)

    def active(self, *, mentor: str | None = None, mentee: str | None = None) -> list[Pair]:
        return [
            p
            for p in sorted(self.items.values(), key=lambda p: (p.paired_at, p.id))
            if p.ended_at is None and mentor in (None, p.mentor) and mentee in (None, p.mentee)
        ]

    def lock_mentor(self, mentor: str) -> None:
        self.locks.append(f"mentor:{mentor}")

    def anonymise(self, user_id: str, alias: str) -> int:
        count = 0
        for i, p in self.items.items():
            names = ("mentor", "mentee", "paired_by", "line_manager")
            if user_id in (getattr(p, name) for name in names):
                swapped = {name: swap(getattr(p, name), user_id, alias) for name in names}
                if user_id in (p.mentor, p.mentee):
                    swapped["override_reason"] = ""
                self.items[i], count = replace(p, **swapped), count + 1
        return count
