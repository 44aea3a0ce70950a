"""Contract tests (fake, SQLite, PostgreSQL) for attendees' answers with their words and the
coordinators' follow-up calls; and two coordinators ticking the same call at once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from domain.follow_up.follow_through import Answer, Call
from domain.kernel.errors import NotFound
from domain.kernel.people import Actor
from handlers.follow_up.commands import RecordCall
from handlers.follow_up.follow_through import record_call
from handlers.nominations import decisions
from handlers.nominations import nominate as h
from handlers.nominations.commands import (
    ConfirmEligibility,
    ConfirmPlace,
    Nominate,
    RecordAttendance,
)
from storage.tables import AuditRow
from tests.factories import COORDINATOR, LEAD_KM, NOW
from tests.integration.test_concurrency import hammer


def nomination(factory, nominee: str = "UANN") -> int:
    cmd = Nominate(
        actor=LEAD_KM, programme_key="lsc-t4t", ics_key="kent-medway", nominee_id=nominee
    )
    return h.nominate(cmd, factory(), NOW).nomination.id


def test_answers_keep_their_words_and_the_latest_is_read_back(uow) -> None:
    nid, other = nomination(uow), nomination(uow, "UBEN")
    with uow() as u:
        first = u.cascade_answers.add(nid, False, "No venue", NOW, materials="", support="A room")
        second = u.cascade_answers.add(nid, True, "", NOW + timedelta(days=1))
        u.cascade_answers.add(other, False, "", NOW)
        u.commit()
    assert first != second
    with uow() as u:
        assert u.cascade_answers.get(first) == Answer(
            nid, False, NOW, reason="No venue", support="A room", id=first
        )
        assert u.cascade_answers.answers([nid]) == {
            nid: Answer(nid, True, NOW + timedelta(days=1), id=second)
        }
        assert u.cascade_answers.latest([nid])[nid] == (True, "", NOW + timedelta(days=1))
        u.cascade_answers.add_words(second, "Well <received>", "Time & a co-facilitator")
        u.commit()
    with uow() as u:
        words = u.cascade_answers.get(second)
        assert (words.materials, words.support) == ("Well <received>", "Time & a co-facilitator")
        with pytest.raises(NotFound):
            u.cascade_answers.get(404)


def test_erasure_blanks_every_word_of_the_answers(uow) -> None:
    nid = nomination(uow)
    with uow() as u:
        said = u.cascade_answers.add(nid, False, "In the way", NOW, materials="m", support="s")
        u.commit()
    with uow() as u:
        u.cascade_answers.clear_reasons([nid])
        u.commit()
    with uow() as u:
        assert u.cascade_answers.get(said) == Answer(nid, False, NOW, id=said)


def test_a_call_is_ticked_once_per_round_and_the_latest_is_read_back(uow) -> None:
    nid, other = nomination(uow), nomination(uow, "UBEN")
    with uow() as u:
        assert u.follow_up_calls.add(Call(nid, 1, "UCOORD", NOW))
        assert not u.follow_up_calls.add(Call(nid, 1, "UCOORD2", NOW))  # that round is done
        assert u.follow_up_calls.add(Call(nid, 3, "UCOORD2", NOW + timedelta(days=30)))
        assert u.follow_up_calls.add(Call(other, 1, "UCOORD", NOW))
        u.commit()
    with uow() as u:
        latest = u.follow_up_calls.latest([nid, other, 404])
        assert set(latest) == {nid, other}
        assert (latest[nid].round, latest[nid].called_by) == (3, "UCOORD2")
        assert latest[nid].called_at == NOW + timedelta(days=30) and latest[nid].id
        first = u.follow_up_calls.of(nid, 1)
        assert first == Call(nid, 1, "UCOORD", NOW, first.id) and first.id != latest[nid].id
        assert u.follow_up_calls.of(nid, 2) is None
        assert u.follow_up_calls.anonymise("UCOORD", "erased-1") == 2
        u.commit()
    with uow() as u:
        assert u.follow_up_calls.of(nid, 1).called_by == "erased-1"
        assert u.follow_up_calls.latest([nid])[nid].called_by == "UCOORD2"


def test_coordinators_ticking_the_same_call_at_once_record_it_once(uow_factory) -> None:
    nid = attended(uow_factory)
    when = NOW + timedelta(days=80)  # round 1 of cohort 2's follow-up

    def attempt(i: int) -> None:
        who = Actor(user_id="UCOORD")
        record_call(RecordCall(actor=who, nomination_id=nid), uow_factory(), when)

    outcomes = hammer(8, attempt)
    assert outcomes["ok"] == 1 and outcomes["AlreadyCalled"] >= 1
    assert set(outcomes) <= {"ok", "AlreadyCalled", "Busy"}  # each told kindly
    with uow_factory(read_only=True) as u:
        assert u.follow_up_calls.latest([nid])[nid].round == 1
        notes = u.session.scalars(
            select(AuditRow.action).where(AuditRow.subject == f"nomination:{nid}")
        )
        assert [a for a in notes if "call" in a] == ["follow-up call: called (round 1)"]


def attended(factory) -> int:
    from handlers.nominations.eligibility import confirm_eligibility
    from tests.factories import ALL_CONFIRMATIONS, ALL_CRITERIA

    nid = nomination(factory)
    confirm_eligibility(
        ConfirmEligibility(
            actor=Actor(user_id="UANN"),
            nomination_id=nid,
            criteria=ALL_CRITERIA,
            confirmations=ALL_CONFIRMATIONS,
            first_choice="cohort-2",
        ),
        factory(),
        NOW,
    )
    decisions.confirm_place(ConfirmPlace(actor=COORDINATOR, nomination_id=nid), factory(), NOW)
    decisions.record_attendance(
        RecordAttendance(actor=COORDINATOR, nomination_id=nid, attended=True),
        factory(),
        NOW + timedelta(days=61),
    )
    return nid
