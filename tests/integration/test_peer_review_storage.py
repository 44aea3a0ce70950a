"""Contract tests (fake, SQLite, PostgreSQL) for the Assessment / Peer Review Forms."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from domain.errors import NotFound
from domain.peer_review import Capacity, Event, PeerReview, ReviewKind
from tests.factories import NOW

SCORES = {"support": 4, "time_keeping": 3, "ethos": 2, "role_modelling": 1}


def review(trainer: str = "UT", assessor: str = "UA", **kw) -> PeerReview:
    values = {
        "event": Event.TUTOR_TRAINING,
        "event_date": NOW.date() - timedelta(days=3),
        "venue": "Maidstone & District <Hall>",
        "capacity": Capacity.CO_LEAD_TRAINER,
        "other_trainers": "Sam",
        "sessions_observed": "Sessions 1–3",
        "review_kind": ReviewKind.PEER,
        "scores": dict(SCORES),
        "assessor_comments": "Clear, warm and on time.\n" * 100,
        "assessor_signed_at": NOW,
    }
    return PeerReview(trainer, assessor, **values | kw)


def test_a_review_reads_back_field_for_field(uow) -> None:
    with uow() as u:
        full = review(manager="UM", pathway="tutor", step="observed", signs_off=True)
        stored = u.peer_reviews.add(full)
        draft = u.peer_reviews.add(
            review(event=None, event_date=None, capacity=None, review_kind=None, scores={})
        )
        u.commit()
    assert stored is full and stored.id is not None and draft.id not in (None, stored.id)
    with uow() as u:
        found = u.peer_reviews.get(stored.id)
        assert found == full
        assert type(found.event) is Event and type(found.capacity) is Capacity
        assert type(found.review_kind) is ReviewKind and found.scores == SCORES
        assert found.assessor_signed_at.tzinfo is not None and found.trainer_signed_at is None
        empty = u.peer_reviews.lock(draft.id)
        assert (empty.event, empty.event_date, empty.capacity, empty.review_kind) == (None,) * 4
        assert empty.scores == {} and empty.manager is None and empty.signs_off is False


def test_a_missing_review_is_not_found(uow) -> None:
    with uow() as u:
        for read in (u.peer_reviews.get, u.peer_reviews.lock):
            with pytest.raises(NotFound, match="That review form no longer exists"):
                read(404)
        with pytest.raises(NotFound):
            u.peer_reviews.save(replace(review(), id=404))


def test_the_trainer_signs_and_reviews_are_listed_newest_first(uow) -> None:
    signed = datetime(2026, 10, 2, 8, 30, 15, 123456, tzinfo=UTC)
    with uow() as u:
        older = u.peer_reviews.add(review(assessor_signed_at=NOW - timedelta(days=1)))
        newer = u.peer_reviews.add(review(assessor="UB"))
        u.peer_reviews.add(review("UX", "UB"))
        u.commit()
    with uow() as u:
        locked = u.peer_reviews.lock(older.id)
        locked.trainer_comments, locked.trainer_signed_at = "Thank you", signed
        u.peer_reviews.save(locked)
        u.commit()
    with uow() as u:
        assert u.peer_reviews.get(older.id).trainer_signed_at == signed
        assert u.peer_reviews.get(older.id).acknowledged
        assert [r.id for r in u.peer_reviews.list(trainer="UT")] == [newer.id, older.id]
        assert [r.trainer for r in u.peer_reviews.list(assessor="UB")] == ["UX", "UT"]
        assert [r.id for r in u.peer_reviews.list(trainer="UT", assessor="UA")] == [older.id]
        assert len(u.peer_reviews.list()) == 3


def test_erasing_a_person_replaces_their_id_and_their_own_comments(uow) -> None:
    with uow() as u:
        theirs = u.peer_reviews.add(review(trainer_comments="I was nervous", manager="UM"))
        by_them = u.peer_reviews.add(review("UX", "UT", trainer_comments="Fair", manager="UT"))
        other = u.peer_reviews.add(review("UX", "UA"))
        u.commit()
    with uow() as u:
        assert u.peer_reviews.anonymise("UT", "erased-1") == 2
        u.commit()
    with uow() as u:
        gone = u.peer_reviews.get(theirs.id)
        assert (gone.trainer, gone.assessor, gone.manager) == ("erased-1", "UA", "UM")
        assert gone.trainer_comments == "" and gone.scores == SCORES
        kept = u.peer_reviews.get(by_them.id)
        assert (kept.trainer, kept.assessor, kept.manager) == ("UX", "erased-1", "erased-1")
        assert kept.trainer_comments == "Fair"
        assert u.peer_reviews.get(other.id) == other
