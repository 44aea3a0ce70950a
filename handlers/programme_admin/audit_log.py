"""The audit log of a programme, as its coordinators read it from App Home: its settings and
offer, its nominations, and what all programmes share (ICSs, requirements, the programme file).
Other records (people's leave, supervision, pathways) are not theirs to read here."""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict, Field

from domain.kernel.audit import ALL, KINDS, PER_PAGE, AuditEntry, page_bounds
from domain.kernel.people import Actor
from domain.kernel.programme import Programme
from domain.kernel.roles import require_coordinator
from handlers.programme_admin.ports import UnitOfWork


class AuditQuery(BaseModel):
    """What a coordinator asked to see."""

    model_config = ConfigDict(frozen=True)

    programme_key: str = Field(min_length=1, max_length=40)
    kind: str = ALL
    person: str | None = Field(default=None, pattern=r"^[UW][A-Z0-9]{1,20}$")
    page: int = Field(default=1, ge=1, le=100_000)


@dataclass(frozen=True)
class AuditPage:
    query: AuditQuery
    programme: Programme
    choices: list[Programme]  # the programmes this coordinator may read the log of
    total: int
    entries: list[AuditEntry]
    names: dict[str, str] = field(default_factory=dict)  # user id -> name, where known
    about: dict[str, str] = field(default_factory=dict)  # nomination subject -> nominee id

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PER_PAGE))


def audit_page(actor: Actor, query: AuditQuery, uow: UnitOfWork) -> AuditPage:
    """A page of the programme's audit log, newest first, for its coordinators only."""
    with uow:
        programme = uow.programmes.get(query.programme_key)
        require_coordinator(actor, programme)
        others = [p for p in uow.programmes.list() if p.key != programme.key]
        choices = [programme, *(p for p in others if p.is_coordinator(actor))]
        nominees = {f"nomination:{n.id}": n.nominee_id for n in uow.nominations.list(programme.key)}
        subjects, prefixes = _scope(programme, query.kind, nominees)
        about = [s for s, who in nominees.items() if who == query.person]
        total, entries = uow.audit.read(
            subjects,
            prefixes,
            person=query.person,
            about=about,
            limit=PER_PAGE,
            offset=(query.page - 1) * PER_PAGE,
        )
        page, offset = page_bounds(query.page, total)
        if page != query.page:  # past the last page (entries came and went): the last one
            total, entries = uow.audit.read(
                subjects, prefixes, person=query.person, about=about, limit=PER_PAGE, offset=offset
            )
        shown = {e.actor for e in entries} | {nominees.get(e.subject, "") for e in entries}
        people = {who: uow.people.get(who) for who in shown | {query.person or ""} if who}
        names = {who: p.name for who, p in people.items() if p is not None and p.name}
    return AuditPage(
        query.model_copy(update={"page": page}),
        programme,
        choices,
        total,
        entries,
        names,
        {e.subject: nominees[e.subject] for e in entries if e.subject in nominees},
    )


def _scope(
    programme: Programme, kind: str, nominees: dict[str, str]
) -> tuple[set[str], tuple[str, ...]]:
    """The subjects (exact) and subject prefixes of ``kind`` for this programme."""
    parts: dict[str, tuple[set[str], tuple[str, ...]]] = {
        "programme": ({f"programme:{programme.key}"}, ()),
        "nomination": (set(nominees), ()),
        "ics": (set(), ("ics:",)),
        "catalogue": (set(), ("catalogue:",)),
        "configuration": ({"configuration"}, ()),
    }
    chosen = list(parts.values()) if kind not in KINDS else [parts[kind]]
    subjects = set().union(*(s for s, _ in chosen))
    prefixes = tuple(p for _, ps in chosen for p in ps)
    return subjects, prefixes
