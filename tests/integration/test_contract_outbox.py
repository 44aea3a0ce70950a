"""Contract tests for the outbox, run on the in-memory fakes, SQLite and PostgreSQL.

The unit tests trust the fakes; these tests are why they may: whatever a fake does here, the
real repositories do too. The ``uow`` fixture is in conftest.py; contract_coverage.py checks
that every fake method is called by one of these tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from domain.circles.reasons import CircleReason
from domain.follow_up.reasons import FollowUpReason
from domain.kernel.outbox import KernelReason, Lane, Message, State
from domain.nominations.reasons import NominationReason
from domain.supervision.reasons import SupervisionReason
from tests.factories import NOW

LATER = NOW + timedelta(minutes=10)


def message(
    recipient="UA", reason=NominationReason.DECISION, subject="nomination:1", period="p", **kw
):
    return Message(recipient, reason, subject, period, kw.pop("due_at", NOW), **kw)


def test_a_message_is_added_once_by_its_key(uow) -> None:
    with uow() as u:
        u.outbox.add([message(), message(), message(period="q")], NOW)
        u.outbox.add([message(due_at=LATER)], NOW)  # known already: nothing changes
        u.commit()
    with uow() as u:
        assert [(m.period, m.state, m.due_at) for m in u.outbox.list()] == [
            ("p", State.PENDING, NOW),
            ("q", State.PENDING, NOW),
        ]


def test_a_one_off_message_whose_key_is_taken_is_reported_not_dropped_silently(
    uow, lost_messages
) -> None:
    """A request's answer is said once: its key taken already means a message would be lost
    (a defect to see), where a chase planned again or an announcement repeated is skipped."""
    answer = message(reason=KernelReason.REPLY, subject="request:7", period="1")
    chase = message(reason=NominationReason.ELIGIBILITY, period="1")
    with uow() as u:
        u.outbox.add([answer, chase, message()], NOW)
        u.commit()
    with uow() as u:
        u.outbox.add([chase, message()], NOW)  # the planner again, the same announcement
        assert lost_messages == []
        u.outbox.add([replace(answer, payload={"refusal": "No."}), message(period="q")], NOW)
        u.commit()
    (lost,) = lost_messages
    assert "UA, reply, request:7, 1" in lost.getMessage()
    with uow() as u:
        assert [(m.reason, m.payload) for m in u.outbox.list(reason=KernelReason.REPLY)] == [
            (KernelReason.REPLY, {})
        ]
        assert len(u.outbox.list(reason=NominationReason.DECISION)) == 2  # the others are stored
    lost_messages.clear()


def test_many_messages_at_once_are_stored_as_one_by_one_and_known_ones_are_kept(uow) -> None:
    """A planning run's thousands of reminders take the databases' bulk path: the rows must
    read back exactly as rows written one at a time, twice in one unit of work too."""
    payload = {"requirement": "lt-review", "due": "2027-03-31", "quote": 'a "b"\tc\\d'}
    many = [
        message(
            f"U{i:05d}",
            SupervisionReason.REQUIREMENT,
            "requirement:lt-review",
            "due",
            payload=payload,
        )
        for i in range(700)
    ]
    with uow() as u:
        u.outbox.add(
            [message("U00003", SupervisionReason.REQUIREMENT, "requirement:lt-review", "due")], NOW
        )
        u.commit()
    with uow() as u:
        u.outbox.add(many, NOW)
        u.outbox.add([replace(m, period="later", due_at=LATER) for m in many], NOW)
        u.commit()
    with uow() as u:
        stored = u.outbox.list(reason=SupervisionReason.REQUIREMENT)
    assert len(stored) == 1400
    assert next(m for m in stored if m.recipient == "U00003" and m.period == "due").payload == {}
    one = next(m for m in stored if m.recipient == "U00699" and m.period == "later")
    assert (one.due_at, one.state, one.attempts, one.last_error) == (LATER, State.PENDING, 0, "")
    assert one.payload == payload
    assert one.due_at.tzinfo is not None
    with uow() as u:  # claimable like any other message
        assert len(u.outbox.claim(NOW, LATER, 2_000, "one")) == 700


def test_claims_take_due_messages_in_order_and_only_the_claimer_settles(uow) -> None:
    with uow() as u:
        u.outbox.add([message(period="late", due_at=LATER), message(period="b")], NOW)
        u.outbox.add([message(period="a", due_at=NOW - timedelta(minutes=1))], NOW)
        u.commit()
    with uow() as u:
        claimed = u.outbox.claim(NOW, NOW + timedelta(minutes=2), 10, "one")
        u.commit()
    assert [m.period for m in claimed] == ["a", "b"] and {m.attempts for m in claimed} == {1}
    with uow() as u:
        assert u.outbox.claim(NOW, NOW + timedelta(minutes=2), 10, "two") == []
        assert not u.outbox.sent(claimed[0].id, "two", "1.1", NOW)
        assert u.outbox.sent(claimed[0].id, "one", "1.1", NOW)
        assert u.outbox.retry(claimed[1].id, "one", LATER, "ratelimited", NOW)
        u.commit()
    with uow() as u:
        states = {m.period: (m.state, m.last_error) for m in u.outbox.list()}
        assert states["a"] == (State.SENT, "") and states["b"] == (State.PENDING, "ratelimited")
        taken = u.outbox.claim(LATER, LATER + timedelta(minutes=2), 10, "two")
        assert sorted(m.period for m in taken) == ["b", "late"]


def test_an_abandoned_claim_is_taken_again_once_its_lease_has_run_out(uow) -> None:
    with uow() as u:
        u.outbox.add([message()], NOW)
        (gone,) = u.outbox.claim(NOW, NOW + timedelta(minutes=2), 5, "crashed")
        u.commit()
    with uow() as u:
        assert u.outbox.claim(NOW + timedelta(minutes=1), LATER, 5, "alive") == []
        (again,) = u.outbox.claim(NOW + timedelta(minutes=3), LATER, 5, "alive")
        assert again.id == gone.id and again.attempts == 2
        assert not u.outbox.fail(gone.id, "crashed", "late", NOW)
        assert u.outbox.defer(gone.id, "alive", LATER, NOW)
        assert u.outbox.get(gone.id).attempts == 1  # waiting is not a failed attempt


def test_what_someone_awaits_is_claimed_in_its_own_lane_ahead_of_older_posts(uow) -> None:
    """A Home tab or a reply never waits behind a backlog of paced channel posts."""
    earlier = NOW - timedelta(minutes=5)
    with uow() as u:
        posts = [
            message("CREVIEW", NominationReason.CARD, f"nomination:{i}", due_at=earlier)
            for i in range(30)
        ]
        u.outbox.add([*posts, message("UCOORD", KernelReason.HOME, "home", "")], NOW)
        u.outbox.add([message("UANN", KernelReason.REPLY, "request:7", "")], NOW)
        u.commit()
    with uow() as u:
        awaited = u.outbox.claim(NOW, LATER, 5, "quick", lane=Lane.AWAITED)
        rest = u.outbox.claim(NOW, LATER, 50, "paced", lane=Lane.OTHER)
        u.commit()
    assert sorted(m.reason for m in awaited) == [KernelReason.HOME, KernelReason.REPLY]
    assert len(rest) == 30 and {m.reason for m in rest} == {NominationReason.CARD}
    with uow() as u:  # leases run out: without a lane, everything due is claimable
        every = u.outbox.claim(LATER + timedelta(minutes=1), LATER + LATER.resolution, 50, "cron")
    assert len(every) == 32


def test_a_refresh_coalesces_and_goes_again_if_asked_for_while_in_flight(uow) -> None:
    home = message(reason=KernelReason.HOME, subject="home", period="")
    with uow() as u:
        u.outbox.add([home, home], NOW)
        u.outbox.add(
            [message(reason=KernelReason.HOME, subject="home", period="", due_at=LATER)], NOW
        )
        (row,) = u.outbox.list()
        assert row.due_at == NOW  # the earlier of two pending asks
        (claimed,) = u.outbox.claim(NOW, LATER, 5, "d")
        u.outbox.add([home], NOW)  # a change while it is being sent
        u.commit()
    with uow() as u:
        assert u.outbox.get(claimed.id).state is State.CLAIMED
        assert u.outbox.sent(claimed.id, "d", None, LATER)
        again = u.outbox.get(claimed.id)
        assert (again.state, again.due_at, again.attempts) == (State.PENDING, LATER, 0)
        (claimed,) = u.outbox.claim(LATER, LATER + timedelta(minutes=2), 5, "d")
        assert u.outbox.sent(claimed.id, "d", None, LATER)
        assert u.outbox.get(claimed.id).state is State.SENT
        u.outbox.add([home], LATER)  # a later change re-arms the row that was sent
        assert u.outbox.get(claimed.id).state is State.PENDING
        assert len(u.outbox.list()) == 1


def test_only_chases_are_the_planners_and_failures_are_counted(uow) -> None:
    with uow() as u:
        u.outbox.add(
            [
                message(reason=NominationReason.ELIGIBILITY, period="1"),
                message(reason=NominationReason.INVITATION, period="1"),
                message(recipient="UB", period="gone"),
                message(recipient="UC", period="gone"),
            ],
            NOW,
        )
        u.commit()
    with uow() as u:
        assert [key[1] for key in u.outbox.pending_keys()] == ["eligibility"]
        assert u.outbox.recipients_due(NOW) == {"UA"}  # the eligibility chase only
        for m in u.outbox.claim(NOW, LATER, 10, "d"):
            if m.period == "gone":
                u.outbox.fail(m.id, "d", "account_inactive", NOW)
            else:
                u.outbox.sent(m.id, "d", "1.2", NOW)
        u.commit()
    with uow() as u:
        assert u.outbox.failures(NOW - timedelta(days=1)) == {"account_inactive": 2}
        assert u.outbox.failures(LATER) == {}
        assert u.outbox.count_sent(NominationReason.ELIGIBILITY, "nomination:1") == 1
        assert u.outbox.sent_periods(NominationReason.ELIGIBILITY) == {
            ("UA", "nomination:1"): {"1"}
        }
        assert u.outbox.sent_periods(NominationReason.DECISION) == {}
        assert u.outbox.count_sent(NominationReason.ELIGIBILITY, "nomination:1", "2") == 0


def test_sent_messages_are_counted_per_subject_in_one_read(uow) -> None:
    check = FollowUpReason.CASCADE_CHECK
    with uow() as u:
        u.outbox.add(
            [
                message(reason=check, subject="nomination:1", period="ask-1"),
                message(reason=check, subject="nomination:1", period="ask-2"),
                message(reason=check, subject="nomination:2", period="ask-1"),
                message(reason=check, subject="nomination:2", period="ask-2", due_at=LATER),
                message(reason=FollowUpReason.CASCADE_LATE, subject="nomination:2", period="1"),
                message(reason=check, subject="nomination:9", period="ask-1"),
            ],
            NOW,
        )
        for m in u.outbox.claim(NOW, LATER, 10, "d"):
            u.outbox.sent(m.id, "d", "1.2", NOW)
        u.commit()
    with uow() as u:
        counts = u.outbox.count_sent_by_subject(check, ["nomination:1", "nomination:2", "x"])
        assert counts == {"nomination:1": 2, "nomination:2": 1}  # the pending ask is not sent
        assert u.outbox.count_sent_by_subject(check, []) == {}


def test_where_a_message_was_posted_is_remembered(uow) -> None:
    post = CircleReason.CIRCLE_POST
    with uow() as u:
        u.outbox.add(
            [
                message("CA", post, "circle:1", "1"),
                message("CB", post, "circle:1", "1", due_at=LATER),
                message("CA", post, "circle:2", "1"),
                message("CC", NominationReason.DECISION, "circle:1", "1"),
            ],
            NOW,
        )
        for m in u.outbox.claim(NOW, LATER, 10, "d"):
            u.outbox.sent(m.id, "d", f"{m.id}.5" if m.subject == "circle:1" else None, NOW)
        u.commit()
    with uow() as u:
        u.outbox.add([message("CA", post, "circle:1", "cancelled")], NOW)  # not sent yet
        u.commit()
    with uow() as u:
        posted = u.outbox.where_posted(post, "circle:1")
        first = next(m for m in u.outbox.list() if m.recipient == "CA" and m.period == "1")
        assert posted == {"CA": f"{first.id}.5", "CB": None}
        assert u.outbox.where_posted(post, "circle:9") == {}


def test_cancel_touches_only_pending_messages(uow) -> None:
    with uow() as u:
        u.outbox.add([message(period="a"), message(period="b")], NOW)
        claimed = u.outbox.claim(NOW, LATER, 1, "d")
        u.outbox.cancel([m.id for m in u.outbox.list()], NOW)
        u.commit()
    with uow() as u:
        states = {m.period: m.state for m in u.outbox.list()}
    assert states == {claimed[0].period: State.CLAIMED, "b": State.CANCELLED}


def test_cancelling_to_someone_touches_only_their_pending_messages(uow) -> None:
    with uow() as u:
        u.outbox.add([message("UA", period="a"), message("UA", period="b")], NOW)
        u.outbox.add([message("UB", period="c")], NOW)
        claimed = u.outbox.claim(NOW, LATER, 1, "d")  # UA's first, on its way already
        assert u.outbox.cancel_to("UA", NOW) == 1
        u.commit()
    with uow() as u:
        states = {(m.recipient, m.period): m.state for m in u.outbox.list()}
    assert states == {
        ("UA", claimed[0].period): State.CLAIMED,
        ("UA", "b"): State.CANCELLED,
        ("UB", "c"): State.PENDING,
    }


def test_forgetting_someone_drops_their_messages_and_their_id_in_others(uow) -> None:
    with uow() as u:
        u.outbox.add(
            [
                message("UA", period="theirs"),
                message("UB", period="about", payload={"nominee": "UA", "lead": "UC"}),
                message("UC", period="other", payload={"nominee": "UC", "count": 2}),
            ],
            NOW,
        )
        u.commit()
    with uow() as u:
        u.outbox.forget("UA", "erased-1")
        u.commit()
    with uow() as u:
        assert [(m.recipient, m.period, m.payload) for m in u.outbox.list()] == [
            ("UB", "about", {"nominee": "erased-1", "lead": "UC"}),
            ("UC", "other", {"nominee": "UC", "count": 2}),
        ]
        assert u.outbox.list(recipient="UA") == []
