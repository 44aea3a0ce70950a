"""One set of repository tests, run on the in-memory fakes, SQLite and PostgreSQL.

The unit tests trust the fakes; these tests are why they may: whatever a fake does here, the
real repositories do too. The ``uow`` fixture is in conftest.py.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from domain.errors import NotFound
from domain.facilitators import FacilitatorsChoice
from domain.inbox import Request
from domain.nomination import Nomination, Status
from domain.outbox import Lane, Message, Reason, State
from domain.people import Person
from domain.preference import Preference
from domain.supervision import Entry, Kind
from tests.factories import NOW

LATER = NOW + timedelta(minutes=10)


def message(recipient="UA", reason=Reason.DECISION, subject="nomination:1", period="p", **kw):
    return Message(recipient, reason, subject, period, kw.pop("due_at", NOW), **kw)


# --- the outbox ------------------------------------------------------------------------------
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
    answer = message(reason=Reason.REPLY, subject="request:7", period="1")
    chase = message(reason=Reason.ELIGIBILITY, period="1")
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
        assert [(m.reason, m.payload) for m in u.outbox.list(reason=Reason.REPLY)] == [
            (Reason.REPLY, {})
        ]
        assert len(u.outbox.list(reason=Reason.DECISION)) == 2  # the others are stored
    lost_messages.clear()


def test_many_messages_at_once_are_stored_as_one_by_one_and_known_ones_are_kept(uow) -> None:
    """A planning run's thousands of reminders take the databases' bulk path: the rows must
    read back exactly as rows written one at a time, twice in one unit of work too."""
    payload = {"requirement": "lt-review", "due": "2027-03-31", "quote": 'a "b"\tc\\d'}
    many = [
        message(f"U{i:05d}", Reason.REQUIREMENT, "requirement:lt-review", "due", payload=payload)
        for i in range(700)
    ]
    with uow() as u:
        u.outbox.add([message("U00003", Reason.REQUIREMENT, "requirement:lt-review", "due")], NOW)
        u.commit()
    with uow() as u:
        u.outbox.add(many, NOW)
        u.outbox.add([replace(m, period="later", due_at=LATER) for m in many], NOW)
        u.commit()
    with uow() as u:
        stored = u.outbox.list(reason=Reason.REQUIREMENT)
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
            message("CREVIEW", Reason.CARD, f"nomination:{i}", due_at=earlier) for i in range(30)
        ]
        u.outbox.add([*posts, message("UCOORD", Reason.HOME, "home", "")], NOW)
        u.outbox.add([message("UANN", Reason.REPLY, "request:7", "")], NOW)
        u.commit()
    with uow() as u:
        awaited = u.outbox.claim(NOW, LATER, 5, "quick", lane=Lane.AWAITED)
        rest = u.outbox.claim(NOW, LATER, 50, "paced", lane=Lane.OTHER)
        u.commit()
    assert sorted(m.reason for m in awaited) == [Reason.HOME, Reason.REPLY]
    assert len(rest) == 30 and {m.reason for m in rest} == {Reason.CARD}
    with uow() as u:  # leases run out: without a lane, everything due is claimable
        every = u.outbox.claim(LATER + timedelta(minutes=1), LATER + LATER.resolution, 50, "cron")
    assert len(every) == 32


def test_a_refresh_coalesces_and_goes_again_if_asked_for_while_in_flight(uow) -> None:
    home = message(reason=Reason.HOME, subject="home", period="")
    with uow() as u:
        u.outbox.add([home, home], NOW)
        u.outbox.add([message(reason=Reason.HOME, subject="home", period="", due_at=LATER)], NOW)
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
                message(reason=Reason.ELIGIBILITY, period="1"),
                message(reason=Reason.INVITATION, period="1"),
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
        assert u.outbox.count_sent(Reason.ELIGIBILITY, "nomination:1") == 1
        assert u.outbox.sent_periods(Reason.ELIGIBILITY) == {("UA", "nomination:1"): {"1"}}
        assert u.outbox.sent_periods(Reason.DECISION) == {}
        assert u.outbox.count_sent(Reason.ELIGIBILITY, "nomination:1", "2") == 0


def test_sent_messages_are_counted_per_subject_in_one_read(uow) -> None:
    check = Reason.CASCADE_CHECK
    with uow() as u:
        u.outbox.add(
            [
                message(reason=check, subject="nomination:1", period="ask-1"),
                message(reason=check, subject="nomination:1", period="ask-2"),
                message(reason=check, subject="nomination:2", period="ask-1"),
                message(reason=check, subject="nomination:2", period="ask-2", due_at=LATER),
                message(reason=Reason.CASCADE_LATE, subject="nomination:2", period="1"),
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
    post = Reason.CIRCLE_POST
    with uow() as u:
        u.outbox.add(
            [
                message("CA", post, "circle:1", "1"),
                message("CB", post, "circle:1", "1", due_at=LATER),
                message("CA", post, "circle:2", "1"),
                message("CC", Reason.DECISION, "circle:1", "1"),
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


# --- the inbox -------------------------------------------------------------------------------
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


# --- nominations, people, entries ------------------------------------------------------------
def nomination(nominee: str, ics: str = "kent-medway", **kw) -> Nomination:
    return Nomination("lsc-t4t", ics, nominee, "ULEADKM", NOW, **kw)


def test_a_nominations_standing_counts_nominations_and_requests_still_waiting(uow) -> None:
    """What a nomination arriving now is checked against: the ICSs' active nominations and
    the nominate requests acknowledged but not yet carried out (read from their payloads)."""

    def waiting(key: str, nominee: str, ics: str, programme: str = "lsc-t4t") -> Request:
        payload = {"programme_key": programme, "ics_key": ics, "nominee_id": nominee}
        return Request(key, "nominate", "ULEADKM", payload, NOW)

    with uow() as u:
        for n in (
            nomination("UA"),
            nomination("UB", status=Status.WITHDRAWN),
            nomination("UC", "sussex", status=Status.CONFIRMED, cohort_key="cohort-1"),
        ):
            u.nominations.add(n)
        u.inbox.accept(
            [
                waiting("K1", "UW1", "kent-medway"),
                waiting("K2", "UW2", "sussex"),
                waiting("K3", "UW3", "kent-medway", programme="other"),
                Request("K4", "waitlist", "UCOORD", {"nomination_id": 1}, NOW),
            ]
        )
        u.commit()
    with uow() as u:
        standing = u.nominations.standing(
            "lsc-t4t", ["kent-medway", "sussex", "surrey"], ["UA", "UB", "UW2", "UW3", "UX"]
        )
        assert standing.programme.key == "lsc-t4t" and standing.programme.per_ics_limit == 5
        assert standing.used == {"kent-medway": 2, "sussex": 2}
        assert standing.taken == {"UA", "UW2"}
        # Slack's retry of a request still waiting is not counted against itself
        again = u.nominations.standing("lsc-t4t", ["sussex"], ["UW2"], besides=["K2"])
        assert again.used == {"sussex": 1} and again.taken == set()
        with pytest.raises(NotFound):
            u.nominations.standing("no-such-programme", ["sussex"], ["UA"])


def test_nominations_count_what_the_rules_count(uow) -> None:
    with uow() as u:
        for n in (
            nomination("UA"),
            nomination("UB", status=Status.CONFIRMED, cohort_key="cohort-1"),
            nomination("UC", status=Status.WITHDRAWN),
            nomination("UD", "sussex", status=Status.ATTENDED, cohort_key="cohort-2"),
            nomination("UE", "sussex", preference=Preference("cohort-2"), status=Status.WAITLISTED),
        ):
            u.nominations.add(n)
        u.commit()
    with uow() as u:
        assert u.nominations.count_active("lsc-t4t") == 4
        assert u.nominations.count_active("lsc-t4t", "kent-medway") == 2
        assert u.nominations.count_active_by_ics("lsc-t4t") == {"kent-medway": 2, "sussex": 2}
        assert u.nominations.count_holding_place("lsc-t4t") == {"cohort-1": 1, "cohort-2": 1}
        assert u.nominations.active_for("lsc-t4t", "UC") is None
        assert u.nominations.active_for("lsc-t4t", "UA").nominee_id == "UA"
        assert u.nominations.referencing_cohort("lsc-t4t", "cohort-2") == 2
        assert u.nominations.nominating("lsc-t4t", "kent-medway", "UC") == (2, False)
        assert u.nominations.nominating("lsc-t4t", "sussex", "UA") == (2, True)
        assert u.nominations.nominating("other", "sussex", "UA") == (0, False)
        waiting = u.nominations.list("lsc-t4t", statuses=frozenset({Status.WAITLISTED}))
        assert [n.nominee_id for n in waiting] == ["UE"]
        assert [n.nominee_id for n in u.nominations.list(ics_key="sussex")] == ["UD", "UE"]
        first = u.nominations.list(nominee_id="UA")[0].id
        assert u.nominations.card(first) is None
        u.nominations.set_card(first, "CREVIEW", "1.5")
        assert u.nominations.card(first) == ("CREVIEW", "1.5")


def test_people_are_found_by_id_or_address(uow) -> None:
    with uow() as u:
        u.people.save(Person(user_id="UA", email="Ann@NHS.example", tz="Europe/London"), NOW)
        u.commit()
    with uow() as u:
        u.people.save(Person(user_id="UB", email="ben@nhs.example"), NOW)
        u.commit()
    with uow() as u:
        assert u.people.get("UA").tz == "Europe/London" and u.people.get("UC") is None
        assert u.people.by_email(" ann@nhs.example ").user_id == "UA"
        assert u.people.zones() == {"UA": "Europe/London"}
        found = u.people.by_emails(["ANN@nhs.example", "nobody@nhs.example", "ben@nhs.example"])
        assert found == {"ann@nhs.example": "UA", "ben@nhs.example": "UB"}
        strangers = {f"UX{i:05d}" for i in range(6_000)}  # more than one query's worth
        assert u.people.unknown({"UA", "UB", *strangers}) == strangers
        u.people.opened_home("UB", NOW)
        u.people.opened_home("UB", LATER)  # again: still one person
        u.commit()
    with uow() as u:
        assert (
            u.people.using_home(["UA", "UB", "UC"]) == {"UB"} and u.people.using_home([]) == set()
        )


def test_a_coordinators_choice_of_facilitators_is_kept_with_their_home(uow) -> None:
    chosen = FacilitatorsChoice(filter="ics:kent-medway", page=3)
    with uow() as u:
        u.people.opened_home("UA", NOW)
        u.people.choose_facilitators("UA", FacilitatorsChoice(filter="attention"), NOW)
        u.people.choose_facilitators("UA", chosen, LATER)  # the latest wins
        u.people.choose_facilitators("UB", FacilitatorsChoice(filter="role:lead-trainer"), NOW)
        u.commit()
    with uow() as u:
        assert u.people.facilitators_choice("UA") == chosen
        assert u.people.facilitators_choice("UB").role == "lead-trainer"
        assert u.people.facilitators_choice("UC") == FacilitatorsChoice()
        assert u.people.using_home(["UA", "UB", "UC"]) == {"UA", "UB"}
        u.people.delete("UA")
        u.commit()
    with uow() as u:
        assert u.people.facilitators_choice("UA") == FacilitatorsChoice()


def test_entries_are_listed_newest_first_and_found_by_form(uow) -> None:
    def entry(day: int, token: str | None = None, **kw) -> Entry:
        made = NOW.replace(day=day)
        return Entry(
            author_id="UA",
            log_type="review-group",
            kind=Kind.SUPERVISION,
            occurred_on=made.date(),
            created_at=made,
            updated_at=made,
            client_token=token,
            **kw,
        )

    with uow() as u:
        for e in (entry(3, "V1"), entry(5, action="Call", action_due=NOW.date()), entry(4)):
            u.entries.add(e)
        u.entries.add(replace(entry(6), log_type="line-manager", with_user="UOLD"))
        u.entries.add(replace(entry(8), log_type="line-manager", with_user="UNEW"))
        u.entries.add(replace(entry(9), author_id="UB", log_type="line-manager", with_name="Sam"))
        u.commit()
    with uow() as u:
        assert [e.occurred_on.day for e in u.entries.list("UA")] == [8, 6, 5, 4, 3]
        assert [e.occurred_on.day for e in u.entries.list("UA", limit=1)] == [8]
        assert u.entries.by_token("UA", "V1").occurred_on.day == 3
        assert u.entries.by_token("UB", "V1") is None
        assert [e.action for e in u.entries.actions_due(NOW.date())] == ["Call"]
        assert u.entries.latest_by_type(["review-group", "line-manager", "mentoring"]) == {
            "review-group": {"UA": NOW.replace(day=5).date()},
            "line-manager": {"UA": NOW.replace(day=8).date(), "UB": NOW.replace(day=9).date()},
            "mentoring": {},
        }
        assert u.entries.latest_with("line-manager") == {"UA": "UNEW"}  # UB's was not in Slack
        assert u.entries.counts_since(NOW.replace(day=5).date()) == {"UA": 2, "UB": 1}
        assert u.entries.counts_since(NOW.replace(day=9).date()) == {}


# --- programme admin and after the training ---------------------------------------------------
def test_attendance_per_session_organisation_and_sponsor_are_kept(uow) -> None:
    with uow() as u:
        held = nomination("UA", status=Status.ATTENDED, cohort_key="cohort-1")
        u.nominations.add(replace(held, organisation="Kent Community Trust", sponsor="USPON"))
        u.commit()
        nid = held.id or u.nominations.active_for("lsc-t4t", "UA").id
    with uow() as u:
        u.attendance.record(nid, {1: True, 2: False}, "UCOORD", NOW)
        u.commit()
    with uow() as u:
        u.attendance.record(nid, {1: True, 2: True}, "UCOORD", LATER)  # corrected
        u.commit()
    with uow() as u:
        assert u.attendance.of([nid, 999]) == {nid: {1: True, 2: True}}
        kept = u.nominations.get(nid)
        assert (kept.organisation, kept.sponsor) == ("Kent Community Trust", "USPON")


def test_the_applied_file_and_the_edits_made_in_slack_since(uow) -> None:
    with uow() as u:
        assert u.applied_files.last() is None or u.applied_files.last()[0] != "abc"
        u.applied_files.record("abc", NOW)
        u.audit.note("cascade", "configuration", "added programme x", LATER)
        u.audit.note("UCOORD", "nomination:1", "status", LATER)
        u.audit.note("UCOORD", "ics:sussex", "edited ICS", LATER)
        u.audit.note("UCOORD", "programme:lsc-t4t", "edited settings", NOW - timedelta(hours=1))
        u.commit()
    with uow() as u:
        assert u.applied_files.last() == ("abc", NOW)
        assert u.audit.edits_since(NOW) == [("UCOORD", "edited ICS", LATER)]


def test_the_audit_log_is_read_by_subject_and_person_newest_first_in_pages(uow) -> None:
    with uow() as u:
        for minute in range(5):
            at = NOW + timedelta(minutes=minute)
            u.audit.note("UCOORD", "programme:lsc-t4t", f"edit {minute}", at, '{"changed": {}}')
        u.audit.note("UANN", "nomination:7", "withdrew", LATER)
        u.audit.note("UCOORD", "ics:sussex", "edited ICS", LATER + timedelta(minutes=1))
        u.audit.note("UCOORD", "leave:3", "recorded leave", LATER)  # not asked for
        u.audit.note("UCOORD", "programme:other", "edited settings", LATER)
        u.commit()
    with uow() as u:
        subjects = {"programme:lsc-t4t", "nomination:7"}
        total, first = u.audit.read(subjects, ("ics:",), limit=3)
        assert total == 7
        assert [e.action for e in first] == ["edited ICS", "withdrew", "edit 4"]
        total, last = u.audit.read(subjects, ("ics:",), offset=6, limit=3)
        assert [(e.action, e.actor, e.detail) for e in last] == [
            ("edit 0", "UCOORD", '{"changed": {}}')
        ]
        total, about = u.audit.read(subjects, (), person="UBEN", about=["nomination:7"])
        assert (total, [e.action for e in about]) == (1, ["withdrew"])
        total, by = u.audit.read(subjects, ("ics:",), person="UANN")
        assert (total, by[0].subject, by[0].kind) == (1, "nomination:7", "nomination")
        assert u.audit.read(set(), ()) == (0, [])


def test_what_was_not_committed_is_gone_and_what_was_is_kept(uow) -> None:
    """The fake's transactions behave like the real ones: every repository rolls back."""
    from domain.cohort_channel import CohortChannel

    asked = CohortChannel("lsc", "cohort-1", "kept", True, "UC", NOW)
    with uow() as u:
        u.cohort_channels.ask(asked)
        u.outbox.add([message(reason=Reason.REQUIREMENT, subject="kept")], NOW)
        u.commit()
    with uow() as u:
        u.cohort_channels.ask(replace(asked, cohort_key="cohort-2", name="dropped"))
        u.cohort_channels.join("lsc", "cohort-1", "UANN", NOW)
        u.outbox.add([message(reason=Reason.REQUIREMENT, subject="dropped")], NOW)  # no commit
    with uow(read_only=True) as u:
        assert [c.name for c in u.cohort_channels.list("lsc")] == ["kept"]
        assert u.cohort_channels.members("lsc", "cohort-1") == frozenset()
        assert [key[2] for key in u.outbox.pending_keys()] == ["kept"]
