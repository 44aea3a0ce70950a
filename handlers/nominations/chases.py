"""The nominations' chases (this feature's part of the reminder planner, see
handlers/reminders/plan.py): eligibility unconfirmed, nominations waiting for review, cohorts
soon or over, implementation for the ICS's leads."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from domain.kernel.outbox import Message
from domain.kernel.programme import Programme
from domain.kernel.reminders import ReminderPolicy, add_working_days, last_working_start
from domain.nominations.nomination import AWAITING, Status
from domain.nominations.reasons import NominationReason
from handlers.kernel.people import living, slack_ids
from handlers.nominations.ports import UnitOfWork


def nomination_chases(
    uow: UnitOfWork,
    policy: ReminderPolicy,
    now: datetime,
    zones: dict[str, str],
    reminded: dict[tuple[str, str], set[str]],
) -> Iterator[Message]:
    """Every programme's, programme by programme."""
    for programme in uow.programmes.list():
        yield from _eligibility(uow, programme, policy, now)
        yield from _review(uow, programme, policy, now)
        yield from _cohorts(uow, programme, policy, now)


def _eligibility(
    uow: UnitOfWork, programme: Programme, policy: ReminderPolicy, now: datetime
) -> Iterator[Message]:
    if not programme.upcoming_cohorts(now):
        return  # nothing left to choose: no point asking
    for n in living(uow.nominations.list(programme.key, statuses=AWAITING)):
        subject, info = f"nomination:{n.id}", {"programme": programme.key, "nomination": n.id}
        first = n.created_at + timedelta(days=policy.eligibility_after_days)
        yield Message(n.nominee_id, NominationReason.ELIGIBILITY, subject, "1", first, info)
        later = n.created_at + timedelta(days=policy.eligibility_lead_after_days)
        for lead in slack_ids(uow.ics.get(n.ics_key).leads, uow):
            yield Message(
                lead,
                NominationReason.ELIGIBILITY_LEAD,
                subject,
                "1",
                later,
                {**info, "nominee": n.nominee_id},
            )


def _review(
    uow: UnitOfWork, programme: Programme, policy: ReminderPolicy, now: datetime
) -> Iterator[Message]:
    waiting = [
        n
        for n in uow.nominations.list(programme.key, statuses=frozenset({Status.PENDING_REVIEW}))
        if add_working_days(
            n.eligibility_confirmed_at or n.created_at,
            policy.review_after_working_days,
            programme.timezone,
            policy,
        )
        <= now
    ]
    if waiting:
        day = now.astimezone(programme.tz).date().isoformat()  # at most one digest a day
        info = {
            "programme": programme.key,
            "nominations": [n.id for n in waiting],
            "days": policy.review_after_working_days,
        }
        for coordinator in slack_ids(programme.coordinators, uow):
            yield Message(
                coordinator,
                NominationReason.REVIEW_DIGEST,
                f"programme:{programme.key}",
                day,
                now,
                info,
            )


def _cohorts(
    uow: UnitOfWork, programme: Programme, policy: ReminderPolicy, now: datetime
) -> Iterator[Message]:
    held = uow.nominations.list(
        programme.key, statuses=frozenset({Status.CONFIRMED, Status.ATTENDED})
    )
    for cohort in programme.cohorts:
        start = programme.local_to_utc(cohort.first_start)
        end = programme.local_to_utc(cohort.last_end)
        people = living([n for n in held if n.cohort_key == cohort.key])
        info = {"programme": programme.key, "cohort": cohort.key}
        if now < start:
            sends = [  # "d days before" on the calendar, whatever the clocks do meanwhile
                (
                    last_working_start(
                        programme.local_to_utc(cohort.first_start - timedelta(days=d)),
                        programme.timezone,
                        policy,
                    ),
                    d,
                )
                for d in sorted(policy.cohort_before_days, reverse=True)
            ]
            current = [(at, d) for at, d in sends if at <= now]
            for n in people if current else []:
                at, days = current[-1]
                yield Message(
                    n.nominee_id,
                    NominationReason.COHORT_SOON,
                    f"nomination:{n.id}",
                    f"{days}d",
                    at,
                    info,
                )
            continue
        if now >= end and any(n.status is Status.CONFIRMED for n in people):
            for coordinator in slack_ids(programme.coordinators, uow):
                yield Message(
                    coordinator,
                    NominationReason.RECORD_ATTENDANCE,
                    f"cohort:{programme.key}/{cohort.key}",
                    "1",
                    end,
                    info,
                )
        for ics_key in sorted({n.ics_key for n in people if n.status is Status.ATTENDED}):
            for lead in slack_ids(uow.ics.get(ics_key).leads, uow):
                yield Message(
                    lead,
                    NominationReason.IMPLEMENTATION,
                    f"implementation:{programme.key}:{ics_key}",
                    "1",
                    end,
                    {**info, "ics": ics_key},
                )
