"""What a person sees of circles on Home: circles coming up (for everyone), and the circles
they delivered or co-facilitated."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.circles.calendar import Circle
from domain.circles.cover import CoverRequest
from domain.circles.topics import CircleDelivery
from domain.kernel.people import Actor
from domain.supervision.entries import Entry
from handlers.circles.calendar import may_run_circles
from handlers.circles.ports import UnitOfWork

SHOWN = 6  # circles coming up on Home (each takes a block or two; Home holds 100)
MINE_SHOWN = 5
YEAR = timedelta(days=365)


@dataclass(frozen=True)
class Slot:
    """A circle coming up, as one person sees it."""

    viewer: str
    circle: Circle
    topic: str
    taken: int
    signed_up: bool
    cover: CoverRequest | None = None  # the person's own open request for cover

    @property
    def full(self) -> bool:
        return self.taken >= self.circle.places

    @property
    def facilitating(self) -> bool:
        return self.viewer in self.circle.facilitators

    @property
    def co_facilitating(self) -> bool:
        return self.viewer in self.circle.co_facilitators


@dataclass(frozen=True)
class MyCircle:
    entry: Entry
    delivery: CircleDelivery
    topic: str
    credited: bool  # logged by another facilitator, who named this person


@dataclass(frozen=True)
class CirclesHome:
    can_run: bool  # may publish (and is offered "Log a circle")
    upcoming: list[Slot]
    more: int  # circles coming up not shown
    mine: list[MyCircle]

    @property
    def shown(self) -> bool:
        return bool(self.can_run or self.upcoming or self.mine)


def circles_home(actor: Actor, uow: UnitOfWork, now: datetime) -> CirclesHome:
    with uow:
        catalogue = uow.catalogue.get()
        if not catalogue.circle_topics:
            return CirclesHome(False, [], 0, [])
        upcoming = list(uow.circles.upcoming(now))
        shown = upcoming[:SHOWN]
        taken = uow.circles.signups([c.id or 0 for c in shown]) if shown else {}
        slots = []
        for circle in shown:
            people = taken.get(circle.id or 0, [])
            asked = [
                r
                for r in (
                    uow.circles.covers(circle.id or 0)
                    if actor.user_id in circle.co_facilitators
                    else []
                )
                if r.asked_by == actor.user_id and r.taken_by is None
            ]
            name = catalogue.topic_name(circle.topic)
            signed_up = actor.user_id in people
            slots.append(
                Slot(
                    actor.user_id, circle, name, len(people), signed_up, asked[0] if asked else None
                )
            )
        return CirclesHome(
            may_run_circles(actor, uow, catalogue),
            slots,
            len(upcoming) - len(shown),
            _mine(actor, uow, now),
        )


def _mine(actor: Actor, uow: UnitOfWork, now: datetime) -> list[MyCircle]:
    catalogue = uow.catalogue.get()
    kinds = {t.key for t in catalogue.circle_types()}
    since = now.date() - YEAR
    own = [e for e in uow.entries.list(actor.user_id, since=since) if e.log_type in kinds]
    credited = [
        e for e in uow.circle_deliveries.co_facilitated(actor.user_id) if e.occurred_on >= since
    ]
    found = uow.circle_deliveries.of_entries([e.id or 0 for e in own + credited])
    rows = [
        MyCircle(e, found[e.id or 0], catalogue.topic_name(found[e.id or 0].topic), e in credited)
        for e in own + credited
        if (e.id or 0) in found
    ]
    rows.sort(key=lambda r: (r.entry.occurred_on, r.entry.id or 0), reverse=True)
    return rows[:MINE_SHOWN]
