"""Coordinators change the lists of the catalogue from App Home (requirements per role, log
types), one generic use case: rows typed, merged with what is kept, checked by the catalogue's
own rules, refused where live data uses what would go, audited as "catalogue:PART" (which
`cascade config sync` then does not overwrite)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from domain.kernel.errors import DomainError
from domain.kernel.people import Actor
from domain.kernel.programme import Programme
from domain.kernel.roles import require_coordinator
from domain.programme_admin.catalogue import Catalogue
from domain.programme_admin.programme_content import (
    kind_refusals,
    log_type_refusals,
    log_type_uses,
    new_key,
    removal_refusals,
)
from domain.supervision.entries import Kind
from domain.supervision.reasons import SupervisionReason
from handlers.kernel.changes import audit, refuse_breaking
from handlers.programme_admin.commands import EditCatalogue
from handlers.programme_admin.ports import UnitOfWork

_WORDS = {
    "requirements": "requirements",
    "log_types": "log types",
    "session_kinds": "session kinds",
    "circle_topics": "circle topics",
}


def catalogue_form(actor: Actor, key: str, uow: UnitOfWork) -> tuple[Programme, Catalogue]:
    """Before a catalogue form: the programme (for its coordinators) and the catalogue."""
    with uow:
        programme = uow.programmes.get(key)
        require_coordinator(actor, programme)
        return programme, uow.catalogue.get()


def edit_catalogue(cmd: EditCatalogue, uow: UnitOfWork, now: datetime) -> Catalogue:
    """Replace one list of the catalogue by the rows typed (kept items keep their key)."""
    with uow:
        require_coordinator(cmd.actor, uow.programmes.get(cmd.programme_key))
        old = uow.catalogue.lock()
        if cmd.part == "requirements":
            for row in cmd.rows:
                _ensure_counted(row, old)
        before = getattr(old, cmd.part)
        items = _merged(before, cmd.rows, set(cmd.shown))
        in_use, logged = _IN_USE[cmd.part](uow, old)  # first: the clearer reason
        refuse_breaking(removal_refusals(cmd.part, before, {i["key"] for i in items}, in_use))
        if cmd.part == "log_types":
            refuse_breaking(log_type_refusals(items) | kind_refusals(old, items, logged))
        new = _valid(old, cmd.part, items, [str(row.get("slot") or "") for row in cmd.rows])
        if new != old:
            uow.catalogue.save(new)
            action = f"edited {_WORDS[cmd.part]}"
            audit(uow, cmd.actor, f"catalogue:{cmd.part}", action, old, new, now)
            uow.commit()
        return new


def _merged(
    old: Sequence[Any], rows: Sequence[dict[str, Any]], shown: set[str]
) -> list[dict[str, Any]]:
    """Each row as an item (one already there keeps its key and what the form does not
    show), then the items the form did not show (past its limits, or added meanwhile) as
    they were: only those shown and left out are removed."""
    known = {item.key: item for item in old}
    taken = set(known)
    items = []
    for row in rows:
        fields = {k: v for k, v in row.items() if k not in ("key", "slot")}
        key = row.get("key")
        if key not in known:
            key = new_key(str(fields.get("name", "")), taken)
        taken.add(key)
        base = known[key].model_dump() if key in known else {}
        items.append({**base, **fields, "key": key})
    typed = {item["key"] for item in items}
    return items + [i.model_dump() for i in old if i.key not in shown and i.key not in typed]


def _valid(old: Catalogue, part: str, items: list[dict[str, Any]], slots: list[str]) -> Catalogue:
    """The catalogue, or its first problem as a DomainError naming the row and field
    ("PART:SLOT:FIELD"; "PART" when it concerns the whole list)."""
    try:
        return Catalogue.model_validate({**old.model_dump(), part: items})
    except ValidationError as invalid:
        problem = invalid.errors()[0]
        loc = problem["loc"]
        field = part
        if len(loc) >= 3 and loc[0] == part and isinstance(loc[1], int) and loc[1] < len(slots):
            field = f"{part}:{slots[loc[1]]}:{loc[2]}"
        words = str(problem["msg"]).removeprefix("Value error, ")
        raise DomainError(f"{words[:1].upper()}{words[1:]}.", field=field) from None


def _ensure_counted(row: dict[str, Any], catalogue: Catalogue) -> None:
    """Hours are added up from durations: only supervision sessions have one."""
    chosen = [t for t in catalogue.log_types if t.key in (row.get("log_types") or ())]
    timeless = [t.name for t in chosen if t.kind is not Kind.SUPERVISION]
    if row.get("hours") and timeless:
        raise DomainError(
            f"{row.get('name')}: hours are added up from sessions' durations, but "
            f"{', '.join(timeless)} have none: leave the hours empty to count entries, or "
            "choose sessions only.",
            field=f"requirements:{row.get('slot') or row.get('key')}:hours",
        )


Uses = tuple[dict[str, str], set[str]]  # how each item is used; the log types with entries


def _requirements_in_use(uow: UnitOfWork, old: Catalogue) -> Uses:
    """Requirements people have been held to: reminders sent about them, or entries logged
    of the types they count (their standing was shown on Home)."""
    reminded: dict[str, int] = {}
    for _, subject in uow.outbox.sent_periods(SupervisionReason.REQUIREMENT):
        key = subject.removeprefix("requirement:")
        reminded[key] = reminded.get(key, 0) + 1
    logged = _logged(uow, {t for r in old.requirements for t in r.log_types})
    found: dict[str, str] = {}
    for r in old.requirements:
        said = []
        if reminded.get(r.key):
            said.append(f"{reminded[r.key]} people reminded")
        if logged & set(r.log_types):
            said.append("entries logged against it")
        if said:
            found[r.key] = " and ".join(said)
    return found, logged


def _log_types_in_use(uow: UnitOfWork, old: Catalogue) -> Uses:
    logged = _logged(uow, {t.key for t in old.log_types})
    return log_type_uses(old, logged), logged


def _logged(uow: UnitOfWork, types: set[str]) -> set[str]:
    """Those of ``types`` with any entry logged."""
    latest = uow.entries.latest_by_type(types) if types else {}
    return {t for t, authors in latest.items() if authors}


def _session_kinds_in_use(uow: UnitOfWork, old: Catalogue) -> Uses:
    scheduled: dict[str, int] = {}
    for session in uow.group_sessions.list():
        scheduled[session.kind] = scheduled.get(session.kind, 0) + 1
    return {kind: f"{n} group session(s) scheduled" for kind, n in scheduled.items()}, set()


def _circle_topics_in_use(uow: UnitOfWork, old: Catalogue) -> Uses:
    logged, published = uow.circle_deliveries.topics_used(), uow.circles.topics_used()
    found = {topic: "circles logged about it" for topic in logged}
    for topic in published:
        found[topic] = " and ".join(filter(None, [found.get(topic), "circles published"]))
    return found, set()


_IN_USE: dict[str, Callable[[UnitOfWork, Catalogue], Uses]] = {
    "requirements": _requirements_in_use,
    "log_types": _log_types_in_use,
    "session_kinds": _session_kinds_in_use,
    "circle_topics": _circle_topics_in_use,
}
