"""Contract tests (fake, SQLite, PostgreSQL) for the inbox of requests carried out after the ack."""

from __future__ import annotations

from datetime import timedelta

from domain.kernel.inbox import Request
from tests.factories import NOW

LATER = NOW + timedelta(minutes=10)


def request(key="K1", kind="confirm-place", **payload) -> Request:
    return Request(key, kind, "UCOORD", payload or {"nomination_id": 1}, NOW, "CREVIEW")


def test_a_request_is_stored_once_by_its_key_and_reads_back_as_stored(uow) -> None:
    with uow() as u:
        assert u.inbox.accept([request(cohort_key="cohort-1", nomination_id=7)]) == [True]
        assert u.inbox.accept([request()]) == [False]  # Slack's retry of the same request
        assert u.inbox.accept([request("K2", "waitlist")]) == [True]
        u.commit()
    with uow() as u:
        first, second = u.inbox.list()
        assert (first.key, first.kind, first.actor_id, first.reply_channel) == (
            "K1",
            "confirm-place",
            "UCOORD",
            "CREVIEW",
        )
        assert first.payload == {"cohort_key": "cohort-1", "nomination_id": 7}
        assert first.received_at == NOW and first.private_reply is False
        assert second.kind == "waitlist" and u.inbox.count() == 2


def test_requests_arriving_together_are_stored_in_one_go_each_once(uow) -> None:
    with uow() as u:
        u.inbox.accept([request("K1")])
        batch = [request("K2"), request("K1"), request("K3"), request("K2", "waitlist")]
        assert u.inbox.accept(batch) == [True, False, True, False]  # known, or twice in one go
        assert u.inbox.accept([]) == []
        u.commit()
    with uow() as u:
        assert [(r.key, r.kind) for r in u.inbox.list()] == [
            ("K1", "confirm-place"),
            ("K2", "confirm-place"),
            ("K3", "confirm-place"),
        ]


def test_a_claimed_request_is_not_taken_again_until_its_lease_runs_out(uow) -> None:
    with uow() as u:
        for key in ("K1", "K2", "K3"):
            u.inbox.accept([request(key)])
        u.commit()
    with uow() as u:
        taken = u.inbox.claim(NOW, LATER, 2, "worker-a")
        u.commit()
    assert [(r.key, r.attempts) for r in taken] == [("K1", 1), ("K2", 1)]
    with uow() as u:
        assert [r.key for r in u.inbox.claim(NOW, LATER, 10, "worker-b")] == ["K3"]
        u.commit()
    with uow() as u:
        assert u.inbox.claim(NOW + timedelta(minutes=1), LATER, 10, "worker-b") == []
        again = u.inbox.claim(LATER + timedelta(seconds=1), LATER + (LATER - NOW), 10, "w-b")
        u.commit()
    assert [(r.key, r.attempts) for r in again] == [("K1", 2), ("K2", 2), ("K3", 2)]


def test_a_request_is_removed_once_and_can_be_put_off(uow) -> None:
    with uow() as u:
        u.inbox.accept([request("K1")])
        u.inbox.accept([request("K2")])
        u.commit()
    with uow() as u:
        first, second = u.inbox.claim(NOW, LATER, 10, "worker-a")
        assert u.inbox.remove(first.id) is True
        assert u.inbox.remove(first.id) is False
        u.inbox.retry_at(second.id, NOW + timedelta(seconds=30))
        u.commit()
    with uow() as u:
        assert u.inbox.claim(NOW + timedelta(seconds=29), LATER, 10, "worker-b") == []
        assert [r.key for r in u.inbox.claim(NOW + timedelta(seconds=31), LATER, 10, "w")] == ["K2"]


def test_a_request_removed_by_a_rolled_back_unit_of_work_is_still_there(uow) -> None:
    with uow() as u:
        u.inbox.accept([request("K1")])
        u.commit()
    with uow() as u:
        u.inbox.remove(u.inbox.list()[0].id)  # and no commit: the use case was refused
    with uow() as u:
        assert [r.key for r in u.inbox.list()] == ["K1"]


def test_a_request_id_is_never_given_again_once_its_request_is_gone(uow) -> None:
    """An answer's key names its request's id: an id used again (SQLite reuses the highest
    rowid once its row is deleted) would lose the later request's answer."""
    seen = set()
    for batch in (["K1", "K2"], ["K3"], ["K4", "K5"]):
        with uow() as u:
            u.inbox.accept([request(key) for key in batch])
            u.commit()
        with uow() as u:
            ids = {r.id for r in u.inbox.list()}
            for request_id in sorted(ids, reverse=True):
                u.inbox.remove(request_id)  # carried out: the inbox empties
            u.commit()
        assert not ids & seen, f"{batch} got ids {sorted(ids)}, given before: {sorted(seen)}"
        seen |= ids
