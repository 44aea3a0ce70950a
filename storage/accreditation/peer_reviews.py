"""Repository for the Assessment / Peer Review Forms."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from domain.accreditation.peer_review import Capacity, Event, PeerReview, ReviewKind
from domain.kernel.errors import NotFound
from storage.kernel.erasure import replace_user
from storage.tables import PeerReviewRow

R = PeerReviewRow
_PLAIN = (
    "trainer",
    "assessor",
    "event_date",
    "venue",
    "other_trainers",
    "sessions_observed",
    "assessor_comments",
    "assessor_signed_at",
    "trainer_comments",
    "trainer_signed_at",
    "manager",
    "pathway",
    "step",
    "signs_off",
)
_GONE = "That review form no longer exists."
#: Free text about the trainer observed, blanked when they are erased.
_ABOUT_THE_TRAINER = (
    R.trainer_comments,
    R.assessor_comments,
    R.other_trainers,
    R.sessions_observed,
)


class SqlAlchemyPeerReviews:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, review: PeerReview, client_token: str | None = None) -> PeerReview:
        """Stored; ``review`` gets its id. The same assessor's ``client_token`` again breaks
        a unique index (ConcurrentChange when the transaction ends)."""
        row = PeerReviewRow(client_token=client_token)
        _to_row(review, row)
        self.session.add(row)
        self.session.flush()
        review.id = row.id
        return review

    def by_token(self, assessor: str, client_token: str) -> PeerReview | None:
        """The form this assessor stored with ``client_token``, if any."""
        query = select(R).where(R.assessor == assessor, R.client_token == client_token)
        row = self.session.scalars(query).one_or_none()
        return None if row is None else _to_domain(row)

    def get(self, review_id: int) -> PeerReview:
        return _to_domain(self._row(review_id))

    def lock(self, review_id: int) -> PeerReview:
        """Load and lock the form's row until the transaction ends (the trainer signs once)."""
        return _to_domain(self._row(review_id, lock=True))

    def _row(self, review_id: int, lock: bool = False) -> PeerReviewRow:
        query = select(R).where(R.id == review_id)
        if lock:
            query = query.with_for_update().execution_options(populate_existing=True)
        row = self.session.scalars(query).one_or_none()
        if row is None:
            raise NotFound(_GONE)
        return row

    def save(self, review: PeerReview) -> None:
        row = self.session.get(R, review.id) if review.id is not None else None
        if row is None:
            raise NotFound(_GONE)
        _to_row(review, row)
        self.session.flush()

    def list(
        self, *, trainer: str | None = None, assessor: str | None = None
    ) -> Sequence[PeerReview]:
        """Newest first."""
        query = select(R).order_by(R.assessor_signed_at.desc(), R.id.desc())
        if trainer is not None:
            query = query.where(R.trainer == trainer)
        if assessor is not None:
            query = query.where(R.assessor == assessor)
        return [_to_domain(row) for row in self.session.scalars(query)]

    def anonymise(self, user_id: str, alias: str) -> int:
        """The person's id goes from every form naming them. Of a form about them (as the
        trainer), the text goes too: their own comments and what was written about them and
        their event; dates, scores and the step it signed off stay. Returns the forms changed."""
        about_them = {
            column.key: case((R.trainer == user_id, ""), else_=column)
            for column in _ABOUT_THE_TRAINER
        }
        columns = (R.trainer, R.assessor, R.manager)
        return replace_user(self.session, R, columns, user_id, alias, **about_them)


def _to_row(review: PeerReview, row: PeerReviewRow) -> None:
    for name in _PLAIN:
        setattr(row, name, getattr(review, name))
    row.event = None if review.event is None else review.event.value
    row.capacity = None if review.capacity is None else review.capacity.value
    row.review_kind = None if review.review_kind is None else review.review_kind.value
    row.scores = dict(review.scores)


def _to_domain(row: PeerReviewRow) -> PeerReview:
    return PeerReview(
        **{name: getattr(row, name) for name in _PLAIN},
        event=None if row.event is None else Event(row.event),
        capacity=None if row.capacity is None else Capacity(row.capacity),
        review_kind=None if row.review_kind is None else ReviewKind(row.review_kind),
        scores=dict(row.scores),
        id=row.id,
    )
