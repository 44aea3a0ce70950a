"""After a use case: tell the people concerned and keep the review card current."""

from __future__ import annotations

import logging

from bot.blocks.common import section
from bot.blocks.eligibility import invitation
from bot.blocks.review import decision_message, review_card
from bot.calendar import cohort_calendar
from bot.notifier import Notifier
from bot.runtime import Clock
from domain.nomination import Status
from handlers import commands as c
from handlers.nominations import Outcome, mark_invited
from handlers.queries import nomination_view, record_review_card, review_card_of
from storage.unit_of_work import UnitOfWorkFactory

log = logging.getLogger(__name__)


def invite_nominee(
    outcome: Outcome, notifier: Notifier, uow_factory: UnitOfWorkFactory, clock: Clock
) -> bool:
    """DM the nominee their invitation; only then is the nomination 'awaiting eligibility'."""
    text, blocks = invitation(outcome.nomination, outcome.programme, outcome.ics)
    if notifier.dm(outcome.nomination.nominee_id, text, blocks) is None:
        notifier.dm(
            outcome.nomination.nominated_by,
            f"I could not message <@{outcome.nomination.nominee_id}> about their "
            "nomination. Please let them know to open Cascade's Home tab.",
        )
        return False
    mark_invited(c.MarkInvited(nomination_id=outcome.nomination.id or 0), uow_factory(), clock())
    return True


def post_review_card(outcome: Outcome, notifier: Notifier, uow_factory: UnitOfWorkFactory) -> None:
    text, blocks = review_card(outcome.nomination, outcome.programme, outcome.ics)
    posted = notifier.post(outcome.programme.review_channel, text, blocks)
    if posted is None:
        log.warning(
            "review card for nomination %s not posted; it is on the Home tab", outcome.nomination.id
        )
        return
    record_review_card(outcome.nomination.id or 0, *posted, uow_factory())


def refresh_card(outcome: Outcome, notifier: Notifier, uow_factory: UnitOfWorkFactory) -> None:
    where = review_card_of(outcome.nomination.id or 0, uow_factory(read_only=True))
    if where:
        text, blocks = review_card(outcome.nomination, outcome.programme, outcome.ics)
        notifier.update(*where, text, blocks)


def announce_decision(
    outcome: Outcome, notifier: Notifier, uow_factory: UnitOfWorkFactory, clock: Clock
) -> None:
    """Card updated in place; nominee and lead told; a confirmation carries a calendar file."""
    refresh_card(outcome, notifier, uow_factory)
    n, p = outcome.nomination, outcome.programme
    notifier.dm(n.nominee_id, decision_message(n, p, for_lead=False))
    if n.status is Status.CONFIRMED and n.cohort_key:
        cohort = p.cohort(n.cohort_key)
        notifier.send_file(
            n.nominee_id,
            f"{p.key}-{cohort.key}.ics",
            cohort_calendar(p, cohort, clock()),
            f"Calendar for {p.name}, {cohort.name}",
        )
    if n.nominated_by != n.nominee_id:
        notifier.dm(n.nominated_by, decision_message(n, p, for_lead=True))


def announce_withdrawal(
    outcome: Outcome,
    actor_id: str,
    notifier: Notifier,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
) -> None:
    refresh_card(outcome, notifier, uow_factory)
    n, p = outcome.nomination, outcome.programme
    for person in {n.nominee_id, n.nominated_by} - {actor_id}:
        notifier.dm(person, decision_message(n, p, for_lead=person != n.nominee_id))
    promoted = outcome.promoted
    if promoted is None:
        return
    _, _, ics = nomination_view(promoted.id or 0, uow_factory(read_only=True))
    announce_decision(Outcome(promoted, p, ics), notifier, uow_factory, clock)
    notifier.post(
        p.review_channel,
        f"A place freed by a withdrawal was offered to <@{promoted.nominee_id}>",
        [
            section(
                f":arrows_counterclockwise: <@{n.nominee_id}> withdrew, freeing a "
                f"place. It went to <@{promoted.nominee_id}>, first on the waitlist "
                "whose preference fits."
            )
        ],
    )
