"""Circles as deliveries: log one (topic, ICS, standalone or embedded, group size and the
co-facilitators, each credited with it), and what the form and the messages about it read."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from domain.circles.topics import (
    CircleDelivery,
    CircleDeliveryLogged,
    Setting,
    check_delivery,
    read_setting,
    size_warning,
)
from domain.kernel.errors import NotFound
from domain.kernel.people import Actor
from domain.kernel.programme import Ics
from domain.nominations.nomination import Status
from domain.programme_admin.catalogue import Catalogue
from domain.supervision.entries import Entry, InvalidEntry, Kind, LogType, check_entry
from domain.supervision.events import EntryLogged
from handlers.kernel.announce import announce
from handlers.kernel.people import today_for
from handlers.supervision.accreditation_status import restand
from handlers.supervision.commands import LogCircle
from handlers.supervision.entries import Record, record_for
from handlers.supervision.ports import UnitOfWork

NO_CIRCLES = (
    "Circles cannot be logged yet: the programme file needs a delivery log type with "
    "`circle = true` and at least one `[[circle_topics]]`. Please ask your coordinator."
)


@dataclass(frozen=True)
class LoggedCircle:
    entry: Entry
    delivery: CircleDelivery
    warning: str  # outside 6–25 people: kept, with a word
    record: Record
    ics: str  # the ICS's name


@dataclass(frozen=True)
class CircleForm:
    """What the circle form offers; ``own_ics`` (the person's ICS, if known) is preselected."""

    catalogue: Catalogue
    ics: list[Ics]
    today: date
    own_ics: str | None = None
    entry: Entry | None = None
    delivery: CircleDelivery | None = None


def circle_form(actor: Actor, uow: UnitOfWork, now: datetime, entry_id: int = 0) -> CircleForm:
    """The form's choices (and, with ``entry_id``, the person's own circle to edit)."""
    with uow:
        catalogue = uow.catalogue.get()
        if not catalogue.circle_types() or not catalogue.circle_topics:
            raise NotFound(NO_CIRCLES)
        entry, delivery = None, None
        if entry_id:
            entry = uow.entries.get(entry_id)
            entry.ensure_editable_by(actor.user_id, now)
            delivery = uow.circle_deliveries.of_entries([entry_id]).get(entry_id)
        mine = uow.nominations.list(nominee_id=actor.user_id)
        held = [n for n in mine if n.status in (Status.ATTENDED, Status.CONFIRMED)]
        found = held or mine
        own = found[0] if found else None
        today = today_for(actor.user_id, uow, now)
        ics = list(uow.ics.list())
        return CircleForm(catalogue, ics, today, own.ics_key if own else None, entry, delivery)


def log_circle(cmd: LogCircle, uow: UnitOfWork, now: datetime) -> LoggedCircle:
    """Check and save a circle; a repeated form submission returns the first one."""
    with uow:
        catalogue = uow.catalogue.get()
        log_type = _circle_type(catalogue, cmd.log_type)
        today = today_for(cmd.actor.user_id, uow, now)
        if cmd.client_token and cmd.entry_id is None:
            earlier = uow.entries.by_token(cmd.actor.user_id, cmd.client_token)
            if earlier is not None and earlier.id is not None:
                delivery = uow.circle_deliveries.of_entries([earlier.id])[earlier.id]
                warning = size_warning(earlier.participants)
                record = record_for(cmd.actor, uow, today)
                return LoggedCircle(earlier, delivery, warning, record, _ics(uow, delivery))
        entry = _entry(cmd, uow, log_type, now)
        check_entry(entry, log_type, today)
        setting = read_setting(cmd.setting)
        delivery = CircleDelivery(
            topic=cmd.topic,
            ics_key=cmd.ics_key,
            setting=setting,
            embedded_in=cmd.embedded_in.strip() if setting is Setting.EMBEDDED else "",
            co_facilitators=tuple(dict.fromkeys(cmd.co_facilitators)),
        )
        topics = [t.key for t in catalogue.circle_topics]
        check_delivery(delivery, cmd.actor.user_id, topics, [i.key for i in uow.ics.list()])
        before = uow.circle_deliveries.of_entries([entry.id]).get(entry.id) if entry.id else None
        (uow.entries.save if entry.id else uow.entries.add)(entry)
        uow.circle_deliveries.save(entry.id or 0, delivery)
        announce(uow, now, *_logged(uow, entry, delivery, before, now))
        uow.commit()
        warning = size_warning(entry.participants)
        record = record_for(cmd.actor, uow, today)
        return LoggedCircle(entry, delivery, warning, record, _ics(uow, delivery))


def _ics(uow: UnitOfWork, delivery: CircleDelivery) -> str:
    return next((i.name for i in uow.ics.list() if i.key == delivery.ics_key), delivery.ics_key)


def _circle_type(catalogue: Catalogue, key: str) -> LogType:
    circles = catalogue.circle_types()
    if not circles or not catalogue.circle_topics:
        raise NotFound(NO_CIRCLES)
    if not key and len(circles) == 1:
        return circles[0]
    found = next((t for t in circles if t.key == key), None)
    if found is None:
        raise InvalidEntry("Choose what kind of circle this was.", field="log_type")
    return found


def _entry(cmd: LogCircle, uow: UnitOfWork, log_type: LogType, now: datetime) -> Entry:
    fields: dict[str, Any] = {  # an Entry's fields, new or edited
        "log_type": log_type.key,
        "kind": Kind.DELIVERY,
        "occurred_on": cmd.occurred_on,
        "participants": cmd.group_size,
        "notes": cmd.notes.strip(),
        "updated_at": now,
    }
    if cmd.entry_id is None:
        return Entry(
            author_id=cmd.actor.user_id, created_at=now, client_token=cmd.client_token, **fields
        )
    entry = uow.entries.get(cmd.entry_id)
    entry.ensure_editable_by(cmd.actor.user_id, now)
    if entry.log_type not in {t.key for t in uow.catalogue.get().circle_types()}:
        raise NotFound("That entry is not a circle.")
    return replace(entry, **fields)


def _logged(
    uow: UnitOfWork,
    entry: Entry,
    delivery: CircleDelivery,
    before: CircleDelivery | None,
    now: datetime,
) -> list[object]:
    """The author's and every co-facilitator's Home change (those named for the first time
    are told); anyone's accreditation may be re-instated or lapse."""
    was = set(before.co_facilitators) if before else set()
    credited = tuple(p for p in delivery.co_facilitators if p not in was)
    concerned = tuple(sorted(was | set(delivery.co_facilitators)))
    people = [entry.author_id, *concerned]
    return [
        EntryLogged(entry.author_id),
        CircleDeliveryLogged(entry, delivery, credited, concerned),
        *(changed for p in people for changed in restand(uow, p, now)),
    ]


def circle_logged(entry_id: int, uow: UnitOfWork) -> tuple[Entry, CircleDelivery, Catalogue]:
    """A logged circle as it is now (for the messages about it); NotFound once deleted."""
    with uow:
        entry = uow.entries.get(entry_id)
        delivery = uow.circle_deliveries.of_entries([entry_id]).get(entry_id)
        if delivery is None:
            raise NotFound("That circle is no longer logged.")
        return entry, delivery, uow.catalogue.get()
