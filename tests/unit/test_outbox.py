"""What each outcome causes Cascade to say, and the dispatcher's books: written with the change,
sent once, and what a delivery (or a refusal) changes afterwards."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.kernel.outbox import KernelReason, Message, State
from domain.kernel.people import Actor
from domain.nominations.nomination import Status
from domain.nominations.reasons import NominationReason
from handlers.kernel.dispatch import Delivery, dispatch
from handlers.nominations import decisions
from handlers.nominations.commands import Waitlist, Withdraw
from handlers.programme_admin.configuration import sync_configuration
from tests.factories import COORDINATOR, NOW, configuration
from tests.unit.fakes.unit_of_work import FakeUnitOfWork
from tests.unit.test_nomination_handlers import allocate, eligible, nominate, pending


@pytest.fixture
def uow() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    sync_configuration(configuration(ics_count=8), uow, NOW)
    for person in ("UA", "UB", "ULEADKM", "UCOORD"):  # they use their Home tabs
        uow.people.opened_home(person, NOW)
    return uow


def said(uow) -> set[tuple[str, str]]:
    """(reason, recipient) of every message waiting to be sent."""
    return {(m.reason.value, m.recipient) for m in uow.outbox.list() if m.state is State.PENDING}


def quiet(uow) -> None:
    """Send whatever earlier steps caused, so only what comes next is waiting."""
    dispatch(lambda: uow, Slack(), NOW)


def test_a_nomination_invites_the_nominee_in_the_same_transaction(uow) -> None:
    commits = uow.commits
    nominate(uow, "UA")
    assert uow.commits == commits + 1  # the change and what it causes: one commit
    assert said(uow) == {("invitation", "UA"), ("home", "UA"), ("home", "ULEADKM")}


def test_a_refused_change_says_nothing(uow) -> None:
    nid = pending(uow, "UA")
    quiet(uow)
    with pytest.raises(Exception, match="Only the coordinators"):
        decisions.waitlist(Waitlist(actor=Actor(user_id="ULEADKM"), nomination_id=nid), uow, NOW)
    assert said(uow) == set()


def test_eligibility_confirmed_posts_the_review_card(uow) -> None:
    nid = nominate(uow, "UA").nomination.id
    quiet(uow)
    eligible(uow, nid, "UA")
    assert said(uow) == {("card", "CREVIEW"), ("home", "UA"), ("home", "ULEADKM")}


def test_a_confirmed_place_tells_nominee_and_lead_with_a_calendar_and_updates_the_card(uow):
    nid = pending(uow, "UA", by=Actor(user_id="ULEADKM"))
    quiet(uow)
    allocate(uow, nid)
    assert said(uow) == {
        ("card", "CREVIEW"),
        ("decision", "UA"),
        ("decision", "ULEADKM"),
        ("calendar", "UA"),
        ("home", "UA"),
        ("home", "ULEADKM"),
        ("home", "UCOORD"),
    }
    decision = next(m for m in uow.outbox.list() if m.reason is NominationReason.DECISION)
    assert decision.payload == {
        "nomination": nid,
        "programme": "lsc-t4t",
        "status": "confirmed",
        "cohort": "cohort-1",
    }


def test_a_withdrawal_that_frees_a_place_offers_it_and_tells_everyone_concerned(uow) -> None:
    ann = pending(uow, "UA", by=Actor(user_id="ULEADKM"))
    ben = pending(uow, "UB", ics="sussex")
    allocate(uow, ann)
    decisions.waitlist(Waitlist(actor=COORDINATOR, nomination_id=ben), uow, NOW)
    quiet(uow)
    decisions.withdraw(Withdraw(actor=Actor(user_id="UA"), nomination_id=ann), uow, NOW)
    assert uow.nominations.get(ben).status is Status.OFFERED
    told = said(uow)
    assert ("decision", "ULEADKM") in told and ("decision", "UA") not in told  # UA withdrew
    assert {("offer", "UB"), ("place-reoffered", "CREVIEW")} <= told
    assert ("calendar", "UB") not in told  # not before they accept
    ben_lead = uow.nominations.get(ben).nominated_by
    assert ("decision", ben_lead) in told
    cards = [m.subject for m in uow.outbox.list() if m.reason is NominationReason.CARD]
    assert {f"nomination:{ann}", f"nomination:{ben}"} <= set(cards)
    assert ("home", "UCOORD") in told  # Ben's lead, the coordinator here


def test_nothing_is_written_to_cascade_itself_or_to_an_erased_person(uow) -> None:
    ann, ben = pending(uow, "UA"), pending(uow, "UB", ics="sussex")
    allocate(uow, ann)
    decisions.waitlist(Waitlist(actor=COORDINATOR, nomination_id=ben), uow, NOW)
    decisions.withdraw(Withdraw(actor=Actor(user_id="UA"), nomination_id=ann), uow, NOW)
    assert "cascade" not in {m.recipient for m in uow.outbox.list()}


# --- the dispatcher's books ------------------------------------------------------------------
class Slack:
    """Answers each message as told (by reason), and records what was sent."""

    def __init__(self, **answers: Delivery) -> None:
        self.answers, self.sent = answers, []

    def __call__(self, message: Message) -> Delivery:
        self.sent.append((message.reason.value, message.recipient))
        return self.answers.get(message.reason.name.lower(), Delivery(ok=True, ts="1.0"))


def send_all(uow, slack: Slack, now=NOW):
    return dispatch(lambda: uow, slack, now)


def test_everything_is_sent_once_and_a_delivered_invitation_awaits_eligibility(uow) -> None:
    nid = nominate(uow, "UA").nomination.id
    slack = Slack()
    assert send_all(uow, slack).sent == 3
    assert uow.nominations.get(nid).status is Status.AWAITING_ELIGIBILITY
    assert send_all(uow, slack).sent == 0 and len(slack.sent) == 3


def test_an_undeliverable_invitation_is_told_to_the_lead_and_the_nomination_still_waits(uow):
    nid = nominate(uow, "UA").nomination.id
    slack = Slack(invitation=Delivery(ok=False, error="account_inactive"))
    report = send_all(uow, slack)
    assert report.failed == 1 and report.errors == ["account_inactive"]
    assert uow.nominations.get(nid).status is Status.NOMINATED  # "not reached yet"
    assert ("not-reached", "ULEADKM") in slack.sent  # in the same run, once
    (told,) = uow.outbox.list(reason=NominationReason.NOT_REACHED)
    assert told.payload["error"] == "account_inactive" and told.state is State.SENT


def test_a_failed_invitation_is_retried_until_it_is_delivered(uow) -> None:
    nid = nominate(uow, "UA").nomination.id
    send_all(uow, Slack(invitation=Delivery(ok=False, error="internal_error")))
    assert uow.nominations.get(nid).status is Status.NOMINATED
    (invitation,) = uow.outbox.list(reason=NominationReason.INVITATION)
    assert invitation.state is State.PENDING and invitation.last_error == "internal_error"
    send_all(uow, Slack(), NOW + timedelta(seconds=10))
    assert uow.nominations.get(nid).status is Status.AWAITING_ELIGIBILITY


def test_the_first_card_post_is_remembered_so_later_changes_update_it(uow) -> None:
    nid = nominate(uow, "UA").nomination.id
    eligible(uow, nid, "UA")
    send_all(uow, Slack(card=Delivery(ok=True, ts="9.9", channel="CREVIEW")))
    assert uow.nominations.card(nid) == ("CREVIEW", "9.9")


def test_a_home_tab_slack_refuses_is_apologised_for_with_a_reference(uow) -> None:
    nominate(uow, "UA")
    slack = Slack(home=Delivery(ok=False, error="invalid_blocks"))
    send_all(uow, slack)
    assert {("apology", "UA"), ("apology", "ULEADKM")} <= set(slack.sent)
    apology = uow.outbox.list(reason=KernelReason.APOLOGY)[0]
    assert apology.payload["reference"].startswith("m") and apology.payload["what"] == "home"


def test_a_rate_limit_puts_everything_back_until_slacks_retry_after(uow) -> None:
    for nominee in ("UA", "UB", "UC"):
        nominate(uow, nominee)
    limited = Slack(invitation=Delivery(ok=False, error="ratelimited", retry_after=30))
    report = send_all(uow, limited)
    assert report.paused_until == NOW + timedelta(seconds=30)
    assert limited.sent == [("invitation", "UA")]  # nothing more is tried once Slack says wait
    pending = [m for m in uow.outbox.list() if m.state is State.PENDING]
    assert pending and {m.attempts for m in pending} == {0}  # waiting is not failing
    assert {m.due_at for m in pending if m.reason is NominationReason.INVITATION} == {
        report.paused_until
    }
    assert send_all(uow, Slack(), NOW + timedelta(seconds=29)).sent == 0
    assert send_all(uow, Slack(), NOW + timedelta(seconds=30)).failed == 0
    assert {m.state for m in uow.outbox.list()} == {State.SENT}


def test_a_message_that_cannot_be_written_is_recorded_not_retried(uow) -> None:
    nominate(uow, "UA")
    send_all(uow, Slack(invitation=Delivery(ok=False, error="render_failed")))
    (invitation,) = uow.outbox.list(reason=NominationReason.INVITATION)
    assert invitation.state is State.FAILED
    assert uow.outbox.failures(NOW) == {"render_failed": 1}


def test_only_the_home_tabs_people_use_are_kept_current(uow) -> None:
    nominate(uow, "UNEW")  # UNEW has never opened Cascade's Home tab
    assert ("home", "UNEW") not in said(uow) and ("home", "ULEADKM") in said(uow)
    assert ("invitation", "UNEW") in said(uow)
