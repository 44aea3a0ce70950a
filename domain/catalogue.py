"""The configured log types, roles and requirements, checked against each other."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, model_validator

from domain.errors import NotFound
from domain.reminders import ReminderPolicy
from domain.requirements import Requirement, Role
from domain.supervision import Kind, LogType


class Catalogue(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    log_types: tuple[LogType, ...] = ()
    roles: tuple[Role, ...] = ()
    requirements: tuple[Requirement, ...] = ()
    reminders: ReminderPolicy = ReminderPolicy()

    @model_validator(mode="after")
    def _references_exist(self) -> Catalogue:
        types, roles = {t.key for t in self.log_types}, {r.key for r in self.roles}
        for requirement in self.requirements:
            if requirement.role not in roles:
                raise ValueError(
                    f"requirement {requirement.key}: unknown role {requirement.role!r}"
                )
            unknown = sorted(set(requirement.log_types) - types)
            if unknown:
                raise ValueError(f"requirement {requirement.key}: unknown log type(s) {unknown}")
        return self

    def log_type(self, key: str) -> LogType:
        for log_type in self.log_types:
            if log_type.key == key:
                return log_type
        raise NotFound("Choose what kind of session or delivery this was.", field="log_type")

    def of_kind(self, kind: Kind) -> list[LogType]:
        return [t for t in self.log_types if t.kind is kind]

    def name_of(self, key: str) -> str:
        return next((t.name for t in self.log_types if t.key == key), key)
