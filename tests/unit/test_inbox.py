"""Requests acknowledged first and carried out right after: once, or refused with a reason."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.kernel.errors import (
    AlreadyNominated,
    Busy,
    DomainError,
    NoPlacesLeft,
    NotAllowed,
    QuotaExceeded,
)
from domain.kernel.inbox import RETRY_AFTER
from domain.kernel.outbox import KernelReason
from domain.kernel.people import Actor
from domain.nominations.nomination import Status
from handlers.kernel.inbox import accept, accept_all, carry_out, request_for
from handlers.nominations import nominate as h
from handlers.nominations.commands import ConfirmPlace, Nominate, Waitlist
from handlers.programme_admin.configuration import sync_configuration
from tests.factories import COORDINATOR, LEAD_KM, NOW, configuration
from tests.unit.fakes.unit_of_work import FakeUnitOfWork
from tests.unit.test_nomination_handlers import allocate, nominate, pending


@pytest.fixture
def uow() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    sync_configuration(configuration(ics_count=8), uow, NOW)
    return uow


def stored(uow, command, key="K1", **where):
    assert accept(command, key, uow, NOW, **where).new is True
    return uow.inbox.claim(NOW, NOW, 1, "worker")[-1]


def known(uow, command: Nominate):
    """The ICS as a form's check has it (a moment-old copy)."""
    with uow:
        return uow.ics.get(command.ics_key)


def replies(uow) -> list:
    return [m for m in uow.outbox.list() if m.reason is KernelReason.REPLY]


def test_a_request_is_carried_out_and_removed_in_the_same_commit(uow) -> None:
    nid = pending(uow, "UA")
    request = stored(uow, ConfirmPlace(actor=COORDINATOR, nomination_id=nid))
    commits = uow.commits
    carry_out(request, lambda: uow, NOW, COORDINATOR)
    assert uow.nominations.get(nid).status is Status.CONFIRMED
    assert uow.inbox.count() == 0
    assert uow.commits == commits + 1  # the change and the removal: one transaction
    assert replies(uow) == []  # the card and the people concerned hear of it; nothing else


def nominating(uow, nominee: str, actor=LEAD_KM, ics: str = "kent-medway") -> h.Nominating:
    command = Nominate(actor=actor, programme_key="lsc-t4t", ics_key=ics, nominee_id=nominee)
    return h.Nominating(command, known(uow, command))


def test_a_nomination_accepted_in_the_form_is_made_right_after_the_ack(uow) -> None:
    check = nominating(uow, "UNEW")
    accepted = accept(check.command, "K1", uow, NOW, check)
    assert accepted.new and accepted.checked.used == 0
    assert accepted.checked.ics.key == "kent-medway"
    carry_out(uow.inbox.claim(NOW, NOW, 1, "worker")[0], lambda: uow, NOW, LEAD_KM)
    made = uow.nominations.active_for("lsc-t4t", "UNEW")
    assert made is not None and made.status is Status.NOMINATED
    assert uow.inbox.count() == 0 and replies(uow) == []


def test_nominations_arriving_together_are_checked_against_each_other(uow) -> None:
    """Six for one ICS in one group commit, and a nominee twice: the form refuses the sixth
    and the repeat (before, each was checked against the database alone and all passed)."""
    checks = [nominating(uow, f"UQ{i}") for i in range(6)] + [nominating(uow, "UQ0")]
    requests = [request_for(k.command, f"K{i}", NOW) for i, k in enumerate(checks)]
    outcomes = accept_all(requests, uow, checks)
    assert [o.checked.used for o in outcomes[:5]] == [0, 1, 2, 3, 4]
    assert isinstance(outcomes[5], QuotaExceeded) and "5 of 5" in outcomes[5].message
    assert isinstance(outcomes[6], AlreadyNominated) and "a moment ago" in outcomes[6].message
    assert uow.inbox.count() == 5  # the refused are not stored


def test_a_nomination_is_checked_against_requests_still_waiting_to_be_carried_out(uow) -> None:
    """Five accepted a moment ago and not yet made: a sixth is refused in the form."""
    for i in range(5):
        check = nominating(uow, f"UW{i}")
        accept(check.command, f"K{i}", uow, NOW, check)
    assert uow.inbox.count() == 5 and uow.nominations.count_active("lsc-t4t") == 0
    sixth = nominating(uow, "USIX")
    with pytest.raises(QuotaExceeded, match="5 of 5"):
        accept(sixth.command, "K6", uow, NOW, sixth)
    again = nominating(uow, "UW0", ics="sussex", actor=COORDINATOR)
    with pytest.raises(AlreadyNominated):
        accept(again.command, "K7", uow, NOW, again)
    retry = nominating(uow, "UW4")  # Slack's retry of a request stored: the same answer
    assert accept(retry.command, "K4", uow, NOW, retry).new is False


def test_a_nomination_the_form_allowed_is_refused_by_the_rule_when_made(uow) -> None:
    """Made elsewhere meanwhile (another instance): the rule at carry-out tells the lead."""
    sixth = nominating(uow, "USIX")
    accept(sixth.command, "K1", uow, NOW, sixth)  # passes: nobody nominated yet
    for i in range(5):
        nominate(uow, f"UQ{i}")
    carry_out(uow.inbox.claim(NOW, NOW, 1, "worker")[0], lambda: uow, NOW, LEAD_KM)
    assert uow.nominations.active_for("lsc-t4t", "USIX") is None
    (told,) = replies(uow)
    assert told.recipient == "ULEADKM"
    assert "<@USIX> was not nominated" in told.payload["refusal"]
    assert "5 of 5" in told.payload["refusal"]


def test_a_nomination_by_someone_not_leading_the_ics_or_for_a_closed_programme_is_refused(
    uow,
) -> None:
    stranger = nominating(uow, "UA", actor=Actor(user_id="USTRANGER"))
    with pytest.raises(NotAllowed, match="not a lead"):
        accept(stranger.command, "K1", uow, NOW, stranger)
    late = nominating(uow, "UB")
    with pytest.raises(DomainError):
        accept(late.command, "K2", uow, NOW + timedelta(days=3650), late)
    assert uow.inbox.count() == 0


def test_the_same_request_twice_is_stored_once(uow) -> None:
    nid = pending(uow, "UA")
    command = ConfirmPlace(actor=COORDINATOR, nomination_id=nid)
    assert accept(command, "K1", uow, NOW).new is True
    assert accept(command, "K1", uow, NOW).new is False
    assert uow.inbox.count() == 1


def test_a_refusal_is_removed_with_the_reason_for_the_person_who_asked(uow) -> None:
    for i in range(15):
        allocate(uow, pending(uow, f"UF{i:02d}", ics=f"ics-{i // 5:02d}"), "cohort-1")
    nid = pending(uow, "UA")
    command = ConfirmPlace(actor=COORDINATOR, nomination_id=nid, cohort_key="cohort-1")
    request = stored(uow, command, reply_channel="CREVIEW")
    refused = carry_out(request, lambda: uow, NOW, COORDINATOR)
    assert isinstance(refused, NoPlacesLeft)
    assert uow.nominations.get(nid).status is Status.PENDING_REVIEW
    assert uow.inbox.count() == 0
    (told,) = replies(uow)
    assert told.recipient == COORDINATOR.user_id
    assert told.payload == {"refusal": refused.message, "waitlist": nid, "channel": "CREVIEW"}


def test_a_decision_already_made_changes_nothing_and_says_so_once(uow) -> None:
    nid = pending(uow, "UA")
    allocate(uow, nid)
    request = stored(uow, Waitlist(actor=COORDINATOR, nomination_id=nid))
    carry_out(request, lambda: uow, NOW, COORDINATOR)
    assert uow.nominations.get(nid).status is Status.CONFIRMED
    (told,) = replies(uow)
    assert told.payload["refusal"] and told.payload["waitlist"] == 0


def test_the_command_is_checked_again_for_who_asks(uow) -> None:
    nid = pending(uow, "UA")
    stranger = Actor(user_id="USTRANGER")
    request = stored(uow, ConfirmPlace(actor=stranger, nomination_id=nid))
    carry_out(request, lambda: uow, NOW, stranger)
    assert uow.nominations.get(nid).status is Status.PENDING_REVIEW
    assert "coordinator" in replies(uow)[0].payload["refusal"]


def test_a_busy_database_leaves_the_request_to_try_again(uow) -> None:
    nid = pending(uow, "UA")
    request = stored(uow, ConfirmPlace(actor=COORDINATOR, nomination_id=nid))

    class Busier:
        def __init__(self) -> None:
            self.completes, self.completed = None, False

        def __enter__(self):
            raise Busy()

        def __exit__(self, *exc):
            return None

    with pytest.raises(Busy):
        carry_out(request, Busier, NOW, COORDINATOR)
    assert uow.inbox.count() == 1 and replies(uow) == []


def test_a_click_in_a_private_reply_hears_where_the_nomination_stands(uow) -> None:
    nid = pending(uow, "UA")
    command = ConfirmPlace(actor=COORDINATOR, nomination_id=nid)
    request = stored(uow, command, reply_channel="C1", private_reply=True)
    carry_out(request, lambda: uow, NOW, COORDINATOR)
    (told,) = replies(uow)
    assert told.payload == {"nomination": nid, "channel": "C1"}
    assert uow.inbox.count() == 0


def test_a_request_that_cannot_be_read_is_refused_not_retried(uow) -> None:
    nid = pending(uow, "UA")
    request = stored(uow, ConfirmPlace(actor=COORDINATOR, nomination_id=nid))
    request.payload = {"nomination_id": "not a number"}
    carry_out(request, lambda: uow, NOW, COORDINATOR)
    assert uow.inbox.count() == 0 and "could not be read" in replies(uow)[0].payload["refusal"]
    request = stored(uow, ConfirmPlace(actor=COORDINATOR, nomination_id=nid), key="K2")
    request.kind = "launch-rockets"
    carry_out(request, lambda: uow, NOW, COORDINATOR)
    assert uow.inbox.count() == 0 and uow.nominations.get(nid).status is Status.PENDING_REVIEW


class _People:
    def actor(self, user_id: str) -> Actor:
        return Actor(user_id=user_id)


def test_a_failing_request_is_tried_again_then_the_person_is_told_with_a_reference(
    uow, monkeypatch
) -> None:
    from bot.kernel.inbox import InboxWorker
    from domain.kernel.inbox import MAX_ATTEMPTS
    from handlers.kernel.inbox import KINDS, Kind

    def broken(command, unit, now):
        raise RuntimeError("a bug")

    monkeypatch.setitem(KINDS, "waitlist", Kind(Waitlist, broken))
    nid = pending(uow, "UA")
    accept(Waitlist(actor=COORDINATOR, nomination_id=nid), "K1", uow, NOW)
    clock = [NOW]
    worker = InboxWorker(lambda: uow, _People(), lambda: clock[0])
    for attempt in range(1, MAX_ATTEMPTS):
        assert worker.run_once() == 1
        assert uow.inbox.list()[0].attempts == attempt and replies(uow) == []
        assert worker.run_once() == 0  # not again at once: it waits a little longer each time
        clock[0] += RETRY_AFTER * attempt + timedelta(seconds=1)
    assert worker.run_once() == 1
    assert uow.inbox.count() == 0
    (told,) = replies(uow)
    assert "reference" in told.payload["refusal"] and told.recipient == COORDINATOR.user_id
    assert uow.nominations.get(nid).status is Status.PENDING_REVIEW


def test_slack_s_retry_of_a_request_has_its_key_and_another_click_another() -> None:
    from bot.kernel.door import request_key

    click = {
        "type": "block_actions",
        "user": {"id": "UCOORD"},
        "actions": [{"action_id": "review_confirm", "value": "1", "action_ts": "17.1"}],
    }
    again = {**click, "actions": [{**click["actions"][0], "action_ts": "17.2"}]}
    assert request_key(click) == request_key(dict(click))
    assert request_key(click) != request_key(again)
    form = {"type": "view_submission", "view": {"id": "V1", "hash": "h1", "blocks": []}}
    edited = {"type": "view_submission", "view": {"id": "V1", "hash": "h2", "blocks": []}}
    assert request_key(form) != request_key(edited)
    assert request_key({"type": "block_actions"}) == request_key({"type": "block_actions"})


def test_requests_arriving_together_are_stored_in_few_commits_each_once(uow) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from bot.kernel.intake import Intake

    intake = Intake(lambda: uow)
    commits = uow.commits
    commands = [Waitlist(actor=COORDINATOR, nomination_id=i) for i in range(1, 51)]
    with ThreadPoolExecutor(50) as pool:
        stored = list(
            pool.map(lambda cmd: intake.accept(cmd, f"K{cmd.nomination_id}", NOW), commands)
        )
    assert [a.new for a in stored] == [True] * 50 and uow.inbox.count() == 50
    assert uow.commits - commits < 50  # grouped: one writer took what was waiting
    assert intake.accept(commands[0], "K1", NOW).new is False  # Slack's retry


def test_a_command_the_inbox_cannot_store_fails_alone_not_its_batch(uow) -> None:
    """The writer makes each request; one that cannot be made is its own caller's error."""
    from concurrent.futures import ThreadPoolExecutor

    import pytest

    from bot.kernel.intake import Intake
    from handlers.nominations.commands import AskToMove

    intake = Intake(lambda: uow)
    stray = AskToMove(actor=COORDINATOR, nomination_id=1, cohort_key="cohort-1")  # not stored
    commands = [Waitlist(actor=COORDINATOR, nomination_id=i) for i in range(1, 21)]
    with ThreadPoolExecutor(21) as pool:
        stray_done = pool.submit(intake.accept, stray, "stray", NOW)
        stored = list(pool.map(lambda c: intake.accept(c, f"K{c.nomination_id}", NOW), commands))
        with pytest.raises(KeyError):
            stray_done.result()
    assert [a.new for a in stored] == [True] * 20 and uow.inbox.count() == 20


def test_a_persons_write_goes_before_background_work_waiting_for_sqlite() -> None:
    import threading
    import time

    from storage.unit_of_work import WriterLock

    lock, order = WriterLock(), []
    assert lock.acquire(urgent=False)

    def take(urgent: bool, name: str) -> None:
        assert lock.acquire(urgent)
        order.append(name)
        lock.release()

    background = threading.Thread(target=take, args=(False, "background"))
    background.start()
    time.sleep(0.05)  # the background writer waits first
    person = threading.Thread(target=take, args=(True, "person"))
    person.start()
    time.sleep(0.05)
    assert lock.acquire(urgent=True, timeout=0.01) is False  # held: a timeout says so
    lock.release()
    background.join(2), person.join(2)
    assert order == ["person", "background"]
