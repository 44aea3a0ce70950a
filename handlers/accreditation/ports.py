"""What the accreditation use cases need from storage beyond the kernel's ports."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from domain.accreditation.mentoring import Pair
from domain.accreditation.peer_review import PeerReview
from handlers.kernel.ports import UnitOfWork as KernelUnitOfWork


class PeerReviewRepository(Protocol):
    def add(self, review: PeerReview, client_token: str | None = None) -> PeerReview:
        """Stored, with its id; the same assessor's token again fails (ConcurrentChange)."""
        ...

    def by_token(self, assessor: str, client_token: str) -> PeerReview | None: ...
    def get(self, review_id: int) -> PeerReview:
        """NotFound when there is no such review."""
        ...

    def lock(self, review_id: int) -> PeerReview: ...
    def save(self, review: PeerReview) -> None: ...
    def list(
        self, *, trainer: str | None = None, assessor: str | None = None
    ) -> Sequence[PeerReview]: ...
    def anonymise(self, user_id: str, alias: str) -> int: ...


class MentoringRepository(Protocol):
    def add(self, pair: Pair) -> Pair: ...
    def get(self, pair_id: int) -> Pair:
        """NotFound when there is no such pair."""
        ...

    def end(self, pair_id: int, at: datetime) -> None: ...
    def active(self, *, mentor: str | None = None, mentee: str | None = None) -> Sequence[Pair]: ...
    def lock_mentor(self, mentor: str) -> None:
        """Serialise pairings of one mentor until the transaction ends (their capacity)."""
        ...

    def anonymise(self, user_id: str, alias: str) -> int: ...


class UnitOfWork(KernelUnitOfWork, Protocol):
    """The unit of work this feature's use cases need: the kernel's, with peer reviews and
    mentoring pairs."""

    @property
    def peer_reviews(self) -> PeerReviewRepository: ...
    @property
    def pairs(self) -> MentoringRepository: ...
