"""The configured log types, roles and requirements, checked against each other."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, model_validator

from domain.accreditation.mentoring import MentoringPolicy
from domain.accreditation.pathways import Pathway
from domain.circles.topics import CircleTopic
from domain.group_sessions.sessions import SessionKind
from domain.kernel.errors import NotFound
from domain.kernel.reminders import ReminderPolicy
from domain.supervision.entries import Kind, LogType
from domain.supervision.requirements import Requirement, Role


class Catalogue(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    log_types: tuple[LogType, ...] = ()
    roles: tuple[Role, ...] = ()
    requirements: tuple[Requirement, ...] = ()
    reminders: ReminderPolicy = ReminderPolicy()
    pathways: tuple[Pathway, ...] = ()
    mentoring: MentoringPolicy = MentoringPolicy()
    session_kinds: tuple[SessionKind, ...] = ()  # group sessions scheduled from Home
    circle_topics: tuple[CircleTopic, ...] = ()  # what a Leadership Support Circle is about

    @model_validator(mode="after")
    def _references_exist(self) -> Catalogue:
        types, roles = {t.key for t in self.log_types}, {r.key for r in self.roles}
        for log_type in self.log_types:
            if log_type.credits_other_as and log_type.credits_other_as not in types:
                raise ValueError(
                    f"log type {log_type.key}: unknown credits_other_as "
                    f"{log_type.credits_other_as!r}"
                )
        for pathway in self.pathways:
            named = {
                pathway.grants_role,
                *pathway.open_to,
                *(r for s in pathway.steps for r in s.signed_off_by),
            }
            if named - roles:
                raise ValueError(f"pathway {pathway.key}: unknown role(s) {sorted(named - roles)}")
            steps = [s.key for s in pathway.steps]
            if len(set(steps)) != len(steps):
                raise ValueError(f"pathway {pathway.key}: two steps have the same key")
        for requirement in self.requirements:
            if requirement.role not in roles:
                raise ValueError(
                    f"requirement {requirement.key}: unknown role {requirement.role!r}"
                )
            unknown = sorted(set(requirement.log_types) - types)
            if unknown:
                raise ValueError(f"requirement {requirement.key}: unknown log type(s) {unknown}")
            timeless = sorted(
                t.key
                for t in self.log_types
                if t.key in requirement.log_types and t.kind is not Kind.SUPERVISION
            )
            if requirement.hours and timeless:
                raise ValueError(
                    f"requirement {requirement.key}: hours are counted from durations, but "
                    f"{timeless} are deliveries (no duration)"
                )
        self._check_session_kinds(types, roles)
        self._check_circles()
        return self

    def _check_circles(self) -> None:
        for log_type in self.log_types:
            if log_type.circle and log_type.kind is not Kind.DELIVERY:
                raise ValueError(f"log type {log_type.key}: a circle is a delivery")
        keys = [t.key for t in self.circle_topics]
        if len(set(keys)) != len(keys):
            raise ValueError("two circle topics have the same key")

    def circle_types(self) -> list[LogType]:
        """The delivery types that are circles (logged with "Log a circle")."""
        return [t for t in self.log_types if t.circle]

    def topic_name(self, key: str) -> str:
        return next((t.name for t in self.circle_topics if t.key == key), key)

    def _check_session_kinds(self, types: set[str], roles: set[str]) -> None:
        counted_twice = {t.key for t in self.log_types if t.credits_other_as}
        for kind in self.session_kinds:
            if kind.log_type not in types:
                raise ValueError(f"session kind {kind.key}: unknown log type {kind.log_type!r}")
            if kind.log_type in counted_twice:
                raise ValueError(
                    f"session kind {kind.key}: log type {kind.log_type!r} counts for another "
                    "person too (credits_other_as); choose a type without it"
                )
            if set(kind.organised_by) - roles:
                unknown = sorted(set(kind.organised_by) - roles)
                raise ValueError(f"session kind {kind.key}: unknown role(s) {unknown}")

    def session_kind(self, key: str) -> SessionKind:
        for kind in self.session_kinds:
            if kind.key == key:
                return kind
        raise NotFound("Choose what kind of group session this is.", field="kind")

    def log_type(self, key: str) -> LogType:
        for log_type in self.log_types:
            if log_type.key == key:
                return log_type
        raise NotFound("Choose what kind of session or delivery this was.", field="log_type")

    def of_kind(self, kind: Kind) -> list[LogType]:
        return [t for t in self.log_types if t.kind is kind]

    def pathway(self, key: str) -> Pathway:
        for pathway in self.pathways:
            if pathway.key == key:
                return pathway
        raise NotFound("There is no such accreditation pathway (any more).")

    def role_name(self, key: str) -> str:
        return next((r.name for r in self.roles if r.key == key), key)

    def name_of(self, key: str) -> str:
        return next((t.name for t in self.log_types if t.key == key), key)
