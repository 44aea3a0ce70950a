"""Follow-ups after reminders: the cascading answer, and "remind me next week"."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from domain.follow_up import events as e
from domain.follow_up.follow_through import Answer, Telling
from domain.kernel.errors import InvalidTransition, NotAllowed, NotFound
from domain.kernel.outbox import Message, Period, State
from domain.nominations.nomination import Status
from handlers.follow_up.commands import AnswerCascade, Snooze
from handlers.follow_up.follow_through import told_of_answer
from handlers.follow_up.ports import UnitOfWork
from handlers.kernel.announce import announce


def answer_cascade(cmd: AnswerCascade, uow: UnitOfWork, now: datetime) -> Answer:
    """Record Yes (the chase stops) or Not yet (asked again later), with the person's words
    (what is in the way, how the materials are received, what support they need); the
    coordinators are told."""
    with uow:
        nomination = uow.nominations.get(cmd.nomination_id)
        if cmd.actor.user_id != nomination.nominee_id:
            raise NotAllowed("Only the person who attended can answer this.")
        if nomination.status is not Status.ATTENDED:
            raise InvalidTransition("This question is for people who attended the training.")
        said = [cmd.reason.strip(), cmd.materials.strip(), cmd.support.strip()]
        answer_id = uow.cascade_answers.add(
            nomination.id or 0, cmd.started, said[0], now, *said[1:]
        )
        uow.audit.note(
            cmd.actor.user_id,
            f"nomination:{nomination.id}",
            "cascading: yes" if cmd.started else "cascading: not yet",
            now,
        )
        programme = uow.programmes.get(nomination.programme_key)
        # A "Yes" from the button has no words yet: the form that follows may add them. A bare
        # "not yet" is on the coordinators' Home list; a message would only add noise.
        telling = Telling.NOW if any(said) else Telling.SOON if cmd.started else Telling.QUIET
        told = told_of_answer(uow, nomination, cmd.actor.user_id, answer_id, telling)
        announce(uow, now, e.CascadeAnswered(nomination, programme, cmd.actor.user_id), told)
        uow.commit()
        return uow.cascade_answers.get(answer_id)


def snooze(cmd: Snooze, uow: UnitOfWork, now: datetime) -> Message:
    """Ask again in a week (only for reminders that are not mandatory steps)."""
    with uow:
        reminder = uow.outbox.get(cmd.reminder_id)
        if reminder is None or not reminder.reason.is_chase:
            raise NotFound("That reminder no longer exists.")
        if reminder.recipient != cmd.actor.user_id:
            raise NotAllowed("This reminder is someone else's.")
        if not reminder.reason.snoozable:
            raise NotAllowed("This one can't be postponed, sorry.")
        days = uow.catalogue.get().reminders.snooze_days
        later = replace(
            reminder,
            id=None,
            due_at=now + timedelta(days=days),
            attempts=0,
            state=State.PENDING,
            period=str(Period.parse(reminder.period).snoozed(now.date())),
        )
        uow.outbox.add([later], now)
        uow.commit()
        return later
