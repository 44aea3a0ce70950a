"""The coordinators' follow-up list: each attendee since the training, what they said, how
often they were asked, and whether a follow-up call is due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from domain.follow_up.follow_through import Answer, Call, call_due, is_cascading, round_of
from domain.follow_up.reasons import FollowUpReason
from domain.kernel.people import is_erased
from domain.kernel.programme import Programme
from domain.nominations.nomination import Nomination, Status
from domain.supervision.entries import Kind
from handlers.follow_up.ports import UnitOfWork


@dataclass(frozen=True)
class FollowUp:
    """One attendee on the list."""

    nomination: Nomination
    trained: datetime  # when their cohort's last session ended
    answer: Answer | None  # their latest answer about cascading
    delivered_on: date | None  # their latest delivery logged since the training
    asks: int  # "have you started cascading?" messages sent to them so far
    last_call: Call | None
    round: int  # the follow-up round under way (0: none yet)
    cascading: bool
    call_due: bool


def last_deliveries(uow: UnitOfWork) -> dict[str, date]:
    """Each person's latest delivery logged, of any delivery type (one read for everyone)."""
    kinds = [t.key for t in uow.catalogue.get().of_kind(Kind.DELIVERY)]
    latest: dict[str, date] = {}
    for by_author in uow.entries.latest_by_type(kinds).values():
        for author, day in by_author.items():
            if day > latest.get(author, date.min):
                latest[author] = day
    return latest


def follow_ups(
    uow: UnitOfWork, programme: Programme, now: datetime, only: int | None = None
) -> list[FollowUp]:
    """Everyone who attended (or only the nomination ``only``), calls due first, then those
    not cascading yet, each group oldest training first. Run inside an open unit of work."""
    attended = [
        n
        for n in uow.nominations.list(programme.key, statuses=frozenset({Status.ATTENDED}))
        if not is_erased(n.nominee_id) and only in (None, n.id)
    ]
    if not attended:
        return []
    ids = [n.id or 0 for n in attended]
    answers, calls = uow.cascade_answers.answers(ids), uow.follow_up_calls.latest(ids)
    delivered = last_deliveries(uow)
    asked = uow.outbox.count_sent_by_subject(
        FollowUpReason.CASCADE_CHECK, [f"nomination:{n.id}" for n in attended]
    )
    every = timedelta(days=uow.catalogue.get().reminders.cascade_every_days)
    rows = []
    for n in attended:
        cohort = programme.cohort(n.cohort_key or "")
        trained = programme.local_to_utc(cohort.last_end)
        answer, last = answers.get(n.id or 0), calls.get(n.id or 0)
        day = delivered.get(n.nominee_id)
        since = day if day is not None and day >= cohort.last_end.date() else None
        said_yes = answer is not None and answer.started
        cascading = is_cascading(said_yes, since, cohort.last_end.date())
        round_ = round_of(trained, now, every)
        rows.append(
            FollowUp(
                nomination=n,
                trained=trained,
                answer=answer,
                delivered_on=since,
                asks=asked.get(f"nomination:{n.id}", 0),
                last_call=last,
                round=round_,
                cascading=cascading,
                call_due=call_due(round_, cascading, last),
            )
        )
    return sorted(rows, key=lambda r: (not r.call_due, r.cascading, r.trained, r.nomination.id))


@dataclass(frozen=True)
class AnswerFacts:
    """An answer as it is now, for the message that tells the academy."""

    answer: Answer
    nomination: Nomination
    programme: Programme


def answer_facts(answer_id: int, uow: UnitOfWork) -> AnswerFacts | None:
    """None once the person's data was erased (nothing is left to tell)."""
    with uow:
        answer = uow.cascade_answers.get(answer_id)
        nomination = uow.nominations.get(answer.nomination_id)
        if is_erased(nomination.nominee_id):
            return None
        return AnswerFacts(answer, nomination, uow.programmes.get(nomination.programme_key))
