"""Contract tests (fake, SQLite, PostgreSQL) for the Assessment / Peer Review Forms, and a
form submitted twice at once (SQLite, PostgreSQL)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from domain.accreditation.peer_review import Capacity, Event, PeerReview, ReviewKind
from domain.accreditation.reasons import AccreditationReason
from domain.kernel.errors import ConcurrentChange, NotFound
from domain.kernel.people import Actor
from handlers.accreditation.commands import SubmitPeerReview
from handlers.accreditation.peer_reviews import submit_review
from tests.factories import NOW
from tests.integration.test_concurrency import hammer

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


def test_erasing_the_trainer_blanks_what_was_written_about_them(uow) -> None:
    with uow() as u:
        about = u.peer_reviews.add(review(pathway="tutor", step="observed", signs_off=True))
        by_them = u.peer_reviews.add(review("UX", "UT"))
        u.commit()
    with uow() as u:
        u.peer_reviews.anonymise("UT", "erased-1")
        u.commit()
    with uow() as u:
        gone = u.peer_reviews.get(about.id)
        blank = {"assessor_comments": "", "other_trainers": "", "sessions_observed": ""}
        # Dates, scores, the venue and the step it signed off stay: counts still add up.
        assert gone == replace(about, trainer="erased-1", **blank)
        kept = u.peer_reviews.get(by_them.id)  # what they wrote, as assessor, about UX
        assert kept == replace(by_them, assessor="erased-1")


def test_a_form_submitted_again_is_found_by_its_token_and_never_stored_twice(uow) -> None:
    with uow() as u:
        first = u.peer_reviews.add(review(), client_token="V1")
        u.peer_reviews.add(review("UX"))  # forms without a token are never one another's
        u.peer_reviews.add(review("UY"))
        other = u.peer_reviews.add(review("UX", "UB"), client_token="V1")  # another assessor
        u.commit()
    with uow() as u:
        assert u.peer_reviews.by_token("UA", "V1") == first
        assert u.peer_reviews.by_token("UB", "V1") == other
        assert u.peer_reviews.by_token("UA", "V2") is None
    with pytest.raises(ConcurrentChange), uow() as u:  # the index, behind by_token
        u.peer_reviews.add(review("UZ"), client_token="V1")
        u.commit()
    with uow() as u:
        assert len(u.peer_reviews.list(assessor="UA")) == 3


def test_the_same_form_submitted_at_once_is_stored_and_sent_once(uow_factory) -> None:
    form = SubmitPeerReview(
        actor=Actor(user_id="UA"),
        trainer="UT",
        event=Event.TUTOR_TRAINING.value,
        event_date=NOW.date() - timedelta(days=3),
        venue="Leeds",
        capacity=Capacity.LEAD_TRAINER.value,
        sessions_observed="Sessions 1–3",
        review_kind=ReviewKind.PEER.value,
        scores=SCORES,
        assessor_comments="Clear",
        client_token="V1",
    )
    stored: list[int | None] = []

    def attempt(i: int) -> None:
        stored.append(submit_review(form, uow_factory.patient(), NOW).review.id)

    assert hammer(8, attempt) == Counter({"ok": 8})
    assert len(set(stored)) == 1
    with uow_factory(read_only=True) as uow:
        assert [r.id for r in uow.peer_reviews.list()] == stored[:1]
        assert [m.reason for m in uow.outbox.list() if m.recipient == "UT"] == [
            AccreditationReason.PEER_REVIEW
        ]
