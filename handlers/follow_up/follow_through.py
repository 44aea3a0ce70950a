"""Following attendees through to cascading: the words they add to an answer, and the
coordinators' follow-up calls."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from domain.follow_up import events as e
from domain.follow_up.follow_through import AlreadyCalled, Answer, Call, Telling, words_in_time
from domain.kernel.errors import InvalidTransition, NotAllowed
from domain.kernel.programme import Programme
from domain.nominations.nomination import Nomination, Status
from handlers.follow_up.commands import AddCascadeWords, RecordCall
from handlers.follow_up.follow_up_list import FollowUp, follow_ups
from handlers.follow_up.ports import UnitOfWork
from handlers.kernel.announce import announce
from handlers.kernel.people import slack_ids


def academy(programme: Programme, uow: UnitOfWork) -> tuple[str, ...]:
    """Who hears how attendees are getting on: the programme's coordinators, or its review
    channel while none of them can be reached in Slack yet."""
    return tuple(slack_ids(programme.coordinators, uow)) or (programme.review_channel,)


def told_of_answer(
    uow: UnitOfWork, nomination: Nomination, actor: str, answer_id: int, telling: Telling
) -> e.FollowUpAnswered:
    programme = uow.programmes.get(nomination.programme_key)
    return e.FollowUpAnswered(
        nomination, programme, actor, answer_id, academy(programme, uow), telling.value
    )


def add_words(cmd: AddCascadeWords, uow: UnitOfWork, now: datetime) -> Answer:
    """After "Yes": how the materials are being received and what support they need."""
    with uow:
        answer = uow.cascade_answers.get(cmd.answer_id)
        nomination = uow.nominations.get(answer.nomination_id)
        if cmd.actor.user_id != nomination.nominee_id:
            raise NotAllowed("Only the person who answered can add to their answer.")
        materials, support = cmd.materials.strip(), cmd.support.strip()
        if not (materials or support):
            return answer  # nothing said: the answer stands as it was
        uow.cascade_answers.add_words(cmd.answer_id, materials, support)
        uow.audit.note(cmd.actor.user_id, f"nomination:{nomination.id}", "cascading: words", now)
        telling = Telling.DONE if words_in_time(answer.answered_at, now) else Telling.WORDS
        announce(
            uow, now, told_of_answer(uow, nomination, cmd.actor.user_id, cmd.answer_id, telling)
        )
        uow.commit()
        return uow.cascade_answers.get(cmd.answer_id)


def record_call(cmd: RecordCall, uow: UnitOfWork, now: datetime) -> Call:
    """A coordinator ticks off the follow-up call to an attendee, for the round under way."""
    with uow:
        nomination = uow.nominations.lock(cmd.nomination_id)  # one tick at a time
        programme = uow.programmes.get(nomination.programme_key)
        if not programme.is_coordinator(cmd.actor):
            raise NotAllowed(f"Only the coordinators of {programme.name} tick off its calls.")
        if nomination.status is not Status.ATTENDED:
            raise InvalidTransition("Follow-up calls are for people who attended the training.")
        (row,) = follow_ups(uow, programme, now, only=nomination.id)
        if row.round < 1:
            every = timedelta(days=uow.catalogue.get().reminders.cascade_every_days)
            raise InvalidTransition(
                f"The first follow-up call is due on {row.trained + every:%a %-d %b}."
            )
        if not row.call_due:
            raise AlreadyCalled(_done(row))
        call = Call(nomination.id or 0, row.round, cmd.actor.user_id, now)
        if not uow.follow_up_calls.add(call):  # the index: ticked at this very moment
            raise AlreadyCalled(
                _done(replace(row, last_call=uow.follow_up_calls.of(call.nomination_id, row.round)))
            )
        uow.audit.note(
            cmd.actor.user_id,
            f"nomination:{nomination.id}",
            f"follow-up call: called (round {row.round})",
            now,
        )
        called = e.FollowUpCalled(nomination, programme, cmd.actor.user_id, academy(programme, uow))
        announce(uow, now, called)
        stored = uow.follow_up_calls.of(call.nomination_id, call.round)
        uow.commit()
        return stored or call


def _done(row: FollowUp) -> str:
    """Why no call is there to tick off (a second coordinator, a double click, a stale Home)."""
    last, who = row.last_call, f"<@{row.nomination.nominee_id}>"
    if last is not None and last.round == row.round:
        return f"<@{last.called_by}> ticked off this call on {last.called_at:%a %-d %b}."
    return f"No follow-up call is due for {who} now: they have started cascading."
