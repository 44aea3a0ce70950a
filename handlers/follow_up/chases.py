"""Asking attendees whether they have started cascading, and telling the coordinators of those
who have not after the last ask (this feature's part of the reminder planner, see
handlers/reminders/plan.py)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from domain.follow_up.follow_through import is_cascading
from domain.follow_up.reasons import FollowUpReason
from domain.kernel.outbox import Message
from domain.kernel.programme import Programme
from domain.kernel.reminders import ReminderPolicy
from domain.nominations.nomination import Status
from handlers.follow_up.follow_up_list import last_deliveries
from handlers.follow_up.ports import UnitOfWork
from handlers.kernel.people import living, slack_ids


def cascading_chases(
    uow: UnitOfWork,
    policy: ReminderPolicy,
    now: datetime,
    zones: dict[str, str],
    reminded: dict[tuple[str, str], set[str]],
) -> Iterator[Message]:
    """Every programme's attendees, programme by programme."""
    for programme in uow.programmes.list():
        yield from _cascading(uow, programme, policy, now)


def _cascading(
    uow: UnitOfWork, programme: Programme, policy: ReminderPolicy, now: datetime
) -> Iterator[Message]:
    attended = living(uow.nominations.list(programme.key, statuses=frozenset({Status.ATTENDED})))
    answers = uow.cascade_answers.latest([n.id or 0 for n in attended])
    delivered = last_deliveries(uow) if attended else {}
    sent = uow.outbox.count_sent_by_subject(
        FollowUpReason.CASCADE_CHECK, [f"nomination:{n.id}" for n in attended]
    )
    every = timedelta(days=policy.cascade_every_days)
    for n in attended:
        cohort = programme.cohort(n.cohort_key or "")
        answer = answers.get(n.id or 0)
        said_yes = answer[0] if answer else False
        if is_cascading(said_yes, delivered.get(n.nominee_id), cohort.last_end.date()):
            continue  # "Yes", or a delivery logged since the training: the chase is over
        end = programme.local_to_utc(cohort.last_end)
        asks = int((now - end) / every)
        info = {"programme": programme.key, "nomination": n.id, "ask": asks}
        if asks >= 1:
            yield Message(
                n.nominee_id,
                FollowUpReason.CASCADE_CHECK,
                f"nomination:{n.id}",
                f"ask-{asks}",
                end + every * asks,
                info,
            )
        asked = sent.get(f"nomination:{n.id}", 0)
        # Escalate only once the asks really went out, not when they merely fell due
        # (say, after attendance was recorded late).
        if asks > policy.cascade_asks and asked >= policy.cascade_asks:
            for coordinator in slack_ids(programme.coordinators, uow):
                yield Message(
                    coordinator,
                    FollowUpReason.CASCADE_LATE,
                    f"nomination:{n.id}",
                    "1",
                    end + every * (policy.cascade_asks + 1),
                    {**info, "nominee": n.nominee_id, "asked": asked},
                )
