"""The circle calendar: a facilitator publishes a forthcoming circle, anyone signs up (never
beyond its places, however many click at once) or gives their place back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.circles.calendar import (
    Circle,
    CircleFull,
    CirclePublished,
    SignedUp,
    SignUpCancelled,
    check_circle,
    circle_times,
    full_message,
    places_warning,
)
from domain.kernel.errors import NotAllowed, NotFound
from domain.kernel.people import DEFAULT_TZ, Actor
from domain.kernel.programme import Ics
from domain.programme_admin.catalogue import Catalogue
from handlers.circles.commands import CancelCirclePlace, PublishCircle, SignUpToCircle
from handlers.circles.ports import UnitOfWork
from handlers.kernel.announce import announce
from handlers.kernel.people import is_coordinator
from handlers.kernel.roles import roles_of

NO_TOPICS = (
    "Circles cannot be published yet: the programme file has no `[[circle_topics]]`. Please "
    "ask your coordinator to add them."
)
NOT_A_FACILITATOR = "Only trained circle facilitators and coordinators can publish circles."


@dataclass(frozen=True)
class PublishForm:
    catalogue: Catalogue
    ics: list[Ics]
    timezone: str


@dataclass(frozen=True)
class Published:
    circle: Circle
    warning: str
    channels: tuple[str, ...]
    topic: str  # the topic's name


def may_run_circles(actor: Actor, uow: UnitOfWork, catalogue: Catalogue) -> bool:
    """Coordinators, and people holding a role trained to deliver circles: the role a
    programme grants (LSC facilitator), or one whose requirements count circles."""
    circles = {t.key for t in catalogue.circle_types()}
    roles = {p.grants_role for p in uow.programmes.list() if p.grants_role}
    roles |= {r.role for r in catalogue.requirements if circles & set(r.log_types)}
    return bool(roles & set(roles_of(actor, uow, catalogue))) or is_coordinator(actor, uow)


def calendar_zone(uow: UnitOfWork) -> str:
    """Circles are typed and shown in the time zone of the programme that posts them."""
    programmes = sorted(uow.programmes.list(), key=lambda p: (not p.circles_channel, p.key))
    return programmes[0].timezone if programmes else DEFAULT_TZ


def publish_form(actor: Actor, uow: UnitOfWork) -> PublishForm:
    """What the publish form offers, once the person may publish."""
    with uow:
        catalogue = uow.catalogue.get()
        if not catalogue.circle_topics:
            raise NotFound(NO_TOPICS)
        if not may_run_circles(actor, uow, catalogue):
            raise NotAllowed(NOT_A_FACILITATOR)
        return PublishForm(catalogue, list(uow.ics.list()), calendar_zone(uow))


def publish_circle(cmd: PublishCircle, uow: UnitOfWork, now: datetime) -> Published:
    """Put the circle on the calendar and post it; a repeated submission publishes once."""
    with uow:
        catalogue = uow.catalogue.get()
        if not may_run_circles(cmd.actor, uow, catalogue):
            raise NotAllowed(NOT_A_FACILITATOR)
        channels = tuple(sorted({p.circles_channel for p in uow.programmes.list()} - {""}))
        earlier = cmd.client_token and uow.circles.by_token(cmd.actor.user_id, cmd.client_token)
        if earlier:
            name = catalogue.topic_name(earlier.topic)
            return Published(earlier, places_warning(earlier.places), channels, name)
        zone = calendar_zone(uow)
        starts_at, ends_at = circle_times(cmd.day, cmd.start, cmd.end, zone, now.date())
        circle = Circle(
            facilitator=cmd.actor.user_id,
            topic=cmd.topic,
            starts_at=starts_at,
            ends_at=ends_at,
            timezone=zone,
            place=cmd.place.strip(),
            places=cmd.places,
            description=cmd.description.strip(),
            ics_key=cmd.ics_key or None,
            co_facilitators=tuple(dict.fromkeys(cmd.co_facilitators)),
            published_at=now,
        )
        topics, ics = [t.key for t in catalogue.circle_topics], [i.key for i in uow.ics.list()]
        check_circle(circle, now, topics, ics)
        circle = uow.circles.add(circle, cmd.client_token)
        uow.audit.note(cmd.actor.user_id, f"circle:{circle.id}", "published", now)
        announce(uow, now, CirclePublished(circle, channels))
        uow.commit()
        name = catalogue.topic_name(circle.topic)
        return Published(circle, places_warning(circle.places), channels, name)


def sign_up(cmd: SignUpToCircle, uow: UnitOfWork, now: datetime) -> Circle:
    """Take a place; the circle is locked while its places are counted, so it never fills
    beyond them. Signing up twice keeps the one place."""
    with uow:
        circle = uow.circles.lock(cmd.circle_id)
        person = cmd.actor.user_id
        circle.ensure_open_to(person, now)
        if person in uow.circles.signups([cmd.circle_id])[cmd.circle_id]:
            return circle
        if uow.circles.count_signups(cmd.circle_id) >= circle.places:
            raise CircleFull(full_message(circle, uow.catalogue.get().topic_name(circle.topic)))
        uow.circles.sign_up(cmd.circle_id, person, now)
        announce(uow, now, SignedUp(circle, person))
        uow.commit()
        return circle


def cancel_place(cmd: CancelCirclePlace, uow: UnitOfWork, now: datetime) -> Circle:
    """Give a place back (until the circle starts): it is free for someone else."""
    with uow:
        circle = uow.circles.lock(cmd.circle_id)
        if circle.cancelled_at is not None:
            raise NotAllowed("This circle has been cancelled, so there is no place to give back.")
        if circle.starts_at <= now:
            raise NotAllowed("This circle has already started, so its places stay as they are.")
        if not uow.circles.cancel_sign_up(cmd.circle_id, cmd.actor.user_id):
            raise NotAllowed("You do not have a place at this circle.")
        announce(uow, now, SignUpCancelled(circle, cmd.actor.user_id))
        uow.commit()
        return circle


@dataclass(frozen=True)
class CircleFacts:
    """A circle as it is now, for the messages about it."""

    circle: Circle
    topic: str
    ics: str
    taken: list[str]


def circle_facts(circle_id: int, uow: UnitOfWork) -> CircleFacts:
    with uow:
        circle = uow.circles.get(circle_id)
        ics = {i.key: i.name for i in uow.ics.list()}.get(circle.ics_key or "", "")
        topic = uow.catalogue.get().topic_name(circle.topic)
        return CircleFacts(circle, topic, ics, uow.circles.signups([circle_id])[circle_id])
