"""Follow-up that follows through: a logged delivery ends the chase, answers carry the
attendee's words to the coordinators, and coordinators tick off their follow-up calls."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from pydantic import ValidationError

from bot.follow_up.blocks import (
    ROWS_ON_HOME,
    answer_told_message,
    follow_up_list_blocks,
    not_yet_form,
    thanks_form,
)
from domain.follow_up.follow_through import (
    WORDS_GRACE,
    AlreadyCalled,
    Answer,
    Call,
    call_due,
    round_of,
    words_in_time,
)
from domain.follow_up.reasons import FollowUpReason
from domain.kernel.errors import InvalidTransition, NotAllowed, NotFound
from domain.kernel.people import Actor
from handlers.follow_up.cascading import answer_cascade
from handlers.follow_up.commands import AddCascadeWords, AnswerCascade, RecordCall
from handlers.follow_up.follow_through import add_words, record_call
from handlers.follow_up.follow_up_list import FollowUp, answer_facts, follow_ups
from handlers.programme_admin.configuration import sync_configuration
from handlers.supervision.commands import LogEntry
from handlers.supervision.entries import log_entry
from tests.blockkit import valid_message, valid_view
from tests.factories import COORDINATOR, LEAD_KM, NOW, full_configuration
from tests.unit.fakes.unit_of_work import FakeUnitOfWork
from tests.unit.test_reminder_plan import COHORT_2_END, attended, nominate, plan, sent

UTC = NOW.tzinfo
CHASE = {FollowUpReason.CASCADE_CHECK, FollowUpReason.CASCADE_LATE}
ANN = Actor(user_id="UANN")


@pytest.fixture
def uow() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    coordinators = ["UCOORD", "UCOORD2"]
    config = full_configuration(ics_count=4, coordinators=coordinators, per_ics_limit=15)
    sync_configuration(config, uow, NOW)
    return uow


def deliver(uow, day: date, who: str = "UANN", log_type: str = "circle-delivered", **extra) -> None:
    extra = extra or {"participants": 8}
    log_entry(
        LogEntry(actor=Actor(user_id=who), log_type=log_type, occurred_on=day, **extra),
        uow,
        datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=18),
    )


# --- 1. a logged delivery ends the chase ------------------------------------------------------
def test_a_delivery_logged_after_the_training_ends_the_chase_as_yes_does(uow) -> None:
    attended(uow)
    assert plan(uow, COHORT_2_END + timedelta(days=14), CHASE) == [
        ("UANN", FollowUpReason.CASCADE_CHECK, "ask-1")
    ]
    sent(uow)
    deliver(uow, date(2026, 12, 20))
    for days in (28, 42, 56, 70, 120):  # no more asks, and nobody is told they are late
        assert plan(uow, COHORT_2_END + timedelta(days=days), CHASE) == []


def test_a_delivery_cancels_an_ask_not_sent_yet(uow) -> None:
    attended(uow)
    plan(uow, COHORT_2_END + timedelta(days=14), CHASE)  # due, but waiting for working hours
    deliver(uow, date(2026, 12, 14))
    plan(uow, COHORT_2_END + timedelta(days=14, hours=1), CHASE)
    states = {m.state.value for m in uow.outbox.items.values() if m.reason in CHASE}
    assert states == {"cancelled"}


def test_a_delivery_before_the_training_or_a_supervision_log_does_not_count(uow) -> None:
    attended(uow)
    deliver(uow, date(2026, 11, 20))  # before the cohort ended: not cascading this training
    deliver(
        uow, date(2026, 12, 3), log_type="line-manager", duration_minutes=60, with_user="UPAT"
    )  # supervision, not a delivery
    deliver(uow, date(2026, 12, 3), who="UBEN")  # someone else's delivery
    assert plan(uow, COHORT_2_END + timedelta(days=14), CHASE) == [
        ("UANN", FollowUpReason.CASCADE_CHECK, "ask-1")
    ]


# --- 2 and 4. answers carry the attendee's words to the coordinators --------------------------
def told(uow, reason=FollowUpReason.FOLLOW_UP_ANSWERED) -> list:
    return sorted(
        (m for m in uow.outbox.items.values() if m.reason is reason),
        key=lambda m: (m.due_at, m.recipient),
    )


def answer(uow, nid: int, started: bool, at: datetime, who=ANN, **words) -> Answer:
    cmd = AnswerCascade(actor=who, nomination_id=nid, started=started, **words)
    return answer_cascade(cmd, uow, at)


def test_not_yet_with_words_is_stored_and_the_coordinators_are_told_at_once(uow) -> None:
    nid = attended(uow)
    at = COHORT_2_END + timedelta(days=15)
    said = answer(
        uow, nid, False, at, reason="No venue", materials=" Liked <b> ", support="A room "
    )
    assert said == Answer(nid, False, at, "No venue", "Liked <b>", "A room", said.id)
    assert uow.cascade_answers.answers([nid])[nid] == said
    messages = told(uow)  # each coordinator, at once
    assert [(m.recipient, m.due_at, m.subject) for m in messages] == [
        ("UCOORD", at, f"nomination:{nid}"),
        ("UCOORD2", at, f"nomination:{nid}"),
    ]
    assert {m.payload["answer"] for m in messages} == {said.id}


def test_yes_is_told_after_a_grace_so_the_words_typed_next_go_with_it(uow) -> None:
    nid = attended(uow)
    at = COHORT_2_END + timedelta(days=15)
    said = answer(uow, nid, True, at)
    messages = told(uow)
    assert {m.due_at for m in messages} == {at + WORDS_GRACE} and len(messages) == 2
    later = at + timedelta(minutes=3)
    words = AddCascadeWords(actor=ANN, answer_id=said.id, materials="Well", support="")
    add_words(words, uow, later)
    assert told(uow) == messages  # no second message: the first says it when it is sent
    assert uow.cascade_answers.get(said.id).materials == "Well"


def test_words_added_after_the_answer_was_told_are_told_on_their_own(uow) -> None:
    nid = attended(uow)
    at = COHORT_2_END + timedelta(days=15)
    said = answer(uow, nid, True, at)
    late = at + WORDS_GRACE + timedelta(minutes=1)
    add_words(AddCascadeWords(actor=ANN, answer_id=said.id, support="A co-trainer"), uow, late)
    first, _, words, _ = told(uow)
    assert words.due_at == late and words.period != first.period


def test_only_the_attendee_adds_words_to_their_own_answer(uow) -> None:
    nid = attended(uow)
    said = answer(uow, nid, True, COHORT_2_END + timedelta(days=15))
    with pytest.raises(NotAllowed):
        add_words(
            AddCascadeWords(actor=Actor(user_id="UBEN"), answer_id=said.id, materials="x"),
            uow,
            COHORT_2_END + timedelta(days=15),
        )
    with pytest.raises(NotFound):
        add_words(AddCascadeWords(actor=ANN, answer_id=404, materials="x"), uow, NOW)
    with pytest.raises(ValidationError):
        AddCascadeWords(actor=ANN, answer_id=said.id, materials="x" * 501)
    nothing = AddCascadeWords(actor=ANN, answer_id=said.id)  # skipped: nothing changes
    assert add_words(nothing, uow, COHORT_2_END + timedelta(days=15)) == said


# --- 3. the coordinators' follow-up list and its calls ----------------------------------------
def rows(uow, at: datetime) -> dict[str, FollowUp]:
    with uow:
        return {
            f.nomination.nominee_id: f for f in follow_ups(uow, uow.programmes.get("lsc-t4t"), at)
        }


def call(uow, nid: int, at: datetime, who=COORDINATOR) -> Call:
    return record_call(RecordCall(actor=who, nomination_id=nid), uow, at)


def test_the_list_shows_who_when_what_they_said_and_how_often_they_were_asked(uow) -> None:
    ann = attended(uow)
    attended(uow, "UBEN")
    round_1 = COHORT_2_END + timedelta(days=14)
    assert {r.call_due for r in rows(uow, round_1 - timedelta(hours=1)).values()} == {False}
    plan(uow, round_1, CHASE)
    sent(uow)
    said = answer(uow, ann, False, round_1 + timedelta(hours=1), support="Time")
    deliver(uow, date(2026, 12, 16), who="UBEN")
    listed = rows(uow, round_1 + timedelta(days=2))
    a, b = listed["UANN"], listed["UBEN"]
    assert a.trained == b.trained == COHORT_2_END and (a.asks, b.asks) == (1, 1)
    assert a.answer == said and not a.cascading and a.call_due and a.round == 1
    assert b.answer is None and b.delivered_on == date(2026, 12, 16) and b.cascading
    assert b.call_due  # everyone gets the first call: how are the materials received?
    assert list(listed) == ["UANN", "UBEN"]


def test_called_ticks_the_round_off_and_the_task_comes_back_next_round_until_cascading(uow) -> None:
    ann, ben = attended(uow), attended(uow, "UBEN")
    round_1 = COHORT_2_END + timedelta(days=15)
    done = call(uow, ann, round_1)
    assert done == Call(ann, 1, "UCOORD", round_1, done.id)
    call(uow, ben, round_1)
    answer(uow, ben, True, round_1, who=Actor(user_id="UBEN"))
    assert not rows(uow, round_1)["UANN"].call_due
    round_2 = COHORT_2_END + timedelta(days=28)
    listed = rows(uow, round_2)
    assert listed["UANN"].call_due and listed["UANN"].last_call == done
    assert not listed["UBEN"].call_due  # said yes: one call was enough
    assert ("UCOORD", f"nomination:{ann}", "follow-up call: called (round 1)") in [
        (actor, subject, action) for actor, subject, action, *_ in uow.audit.notes
    ]


def test_calls_are_for_coordinators_of_attendees_when_due_and_ticked_once(uow) -> None:
    ann = attended(uow)
    with pytest.raises(InvalidTransition, match="first follow-up call is due on"):
        call(uow, ann, COHORT_2_END + timedelta(days=3))
    with pytest.raises(NotAllowed, match="Only the coordinators"):
        call(uow, ann, COHORT_2_END + timedelta(days=15), who=LEAD_KM)
    with pytest.raises(NotFound):
        call(uow, 404, COHORT_2_END + timedelta(days=15))
    pending = nominate(uow, "UCAT")
    with pytest.raises(InvalidTransition, match="attended"):
        call(uow, pending, COHORT_2_END + timedelta(days=15))
    call(uow, ann, COHORT_2_END + timedelta(days=15))
    with pytest.raises(AlreadyCalled, match="<@UCOORD> ticked off this call on"):
        call(uow, ann, COHORT_2_END + timedelta(days=16), who=Actor(user_id="UCOORD2"))
    assert len(uow.follow_up_calls.items) == 1


# --- what people see --------------------------------------------------------------------------
HOSTILE = "<!channel> <https://evil.example|Confirm> & more"


def test_the_home_list_is_compact_escaped_and_offers_called_only_when_due(uow) -> None:
    ids = [attended(uow, f"UP{i:02d}") for i in range(12)]
    at = COHORT_2_END + timedelta(days=15)
    answer(uow, ids[0], False, at, who=Actor(user_id="UP00"), reason=HOSTILE, support=HOSTILE)
    call(uow, ids[1], at)
    with uow:
        programme = uow.programmes.get("lsc-t4t")
        blocks = follow_up_list_blocks(programme, follow_ups(uow, programme, at))
    valid_message(blocks)
    assert len(blocks) == 1 + ROWS_ON_HOME + 1 and "2 more" in str(blocks[-1])
    assert "11 calls due · 0 of 12 cascading" in blocks[0]["text"]["text"]
    text = str(blocks)
    assert "<!channel>" not in text and "&lt;!channel&gt;" in text and "&amp; more" in text
    buttons = [b["accessory"]["value"] for b in blocks if "accessory" in b]
    assert len(buttons) == ROWS_ON_HOME and str(ids[1]) not in buttons  # called: no button
    assert "Cohort 2 · trained 30 Nov · asked 0× · 📞 *call due*" in text


def test_the_academy_hears_the_answer_in_the_persons_words_escaped(uow) -> None:
    nid = attended(uow)
    said = answer(uow, nid, False, COHORT_2_END + timedelta(days=15), reason=HOSTILE)
    facts = answer_facts(said.id, uow)
    text, blocks = answer_told_message(facts, words_only=False)
    valid_message(blocks)
    assert text.startswith("<@UANN> (Leadership Support Circles: Train the Trainer, Cohort 2")
    assert "has not started cascading yet" in text
    assert "*What is in the way:* &lt;!channel&gt;" in str(blocks) and "<!channel>" not in str(
        blocks
    )


def test_the_answer_forms_ask_the_two_questions_in_at_most_500_characters() -> None:
    for form in (not_yet_form(12), thanks_form(34)):
        valid_view(form)
        inputs = {b["block_id"]: b for b in form["blocks"] if b["type"] == "input"}
        assert inputs["materials"]["label"]["text"] == "How are the materials being received?"
        assert inputs["support"]["label"]["text"] == "What support do you need?"
        assert all(inputs[b]["optional"] for b in inputs)
        assert {inputs[b]["element"]["max_length"] for b in ("materials", "support")} == {500}
    assert (
        "let the academy know" in str(thanks_form(34))
        and thanks_form(34)["close"]["text"] == "Skip"
    )


def test_a_bare_not_yet_is_on_the_list_without_a_message(uow) -> None:
    nid = attended(uow)
    answer(uow, nid, False, COHORT_2_END + timedelta(days=15))
    assert told(uow) == []
    assert rows(uow, COHORT_2_END + timedelta(days=15))["UANN"].answer.started is False


@pytest.mark.parametrize(
    ("round_", "cascading", "last_round", "due"),
    [
        (0, False, None, False),  # too early
        (1, False, None, True),
        (1, True, None, True),  # everyone gets the first call
        (1, False, 1, False),
        (2, False, 1, True),  # not cascading: one call a round
        (2, True, 1, False),  # cascading: the first call was enough
    ],
)
def test_when_a_call_is_due(round_, cascading, last_round, due) -> None:
    last = None if last_round is None else Call(1, last_round, "UCOORD", NOW)
    assert call_due(round_, cascading, last) is due


def test_rounds_and_words_in_time() -> None:
    every = timedelta(days=14)
    assert [round_of(NOW, NOW + timedelta(days=d), every) for d in (-1, 0, 13, 14, 29)] == [
        0,
        0,
        0,
        1,
        2,
    ]
    assert words_in_time(NOW, NOW + WORDS_GRACE - timedelta(minutes=1))
    assert not words_in_time(NOW, NOW + WORDS_GRACE - timedelta(seconds=59))


def test_while_no_coordinator_can_be_reached_the_review_channel_is_told(uow) -> None:
    nid = attended(uow)
    by_email = ("coordinator@academy.example",)  # not met in Slack yet: no id known
    programme = uow.programmes.get("lsc-t4t")
    uow.programmes.save(programme.model_copy(update={"coordinators": by_email}))
    answer(uow, nid, False, COHORT_2_END + timedelta(days=15), support="Time")
    assert [m.recipient for m in told(uow)] == ["CREVIEW"]
