"""The whole configuration: programmes and the ICSs that nominate to them."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from domain.catalogue import Catalogue
from domain.programme import Ics, Programme
from domain.reminders import ReminderPolicy
from domain.requirements import Requirement, Role
from domain.supervision import LogType


class Configuration(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    programmes: tuple[Programme, ...] = Field(min_length=1)
    ics: tuple[Ics, ...] = Field(min_length=1)
    log_types: tuple[LogType, ...] = ()
    roles: tuple[Role, ...] = ()
    requirements: tuple[Requirement, ...] = ()
    reminders: ReminderPolicy = ReminderPolicy()

    @model_validator(mode="after")
    def _unique_keys(self) -> Configuration:
        for label, keys in (
            ("programme", [p.key for p in self.programmes]),
            ("ics", [i.key for i in self.ics]),
            ("log type", [t.key for t in self.log_types]),
            ("role", [r.key for r in self.roles]),
            ("requirement", [r.key for r in self.requirements]),
        ):
            duplicates = sorted({k for k in keys if keys.count(k) > 1})
            if duplicates:
                raise ValueError(f"duplicate {label} key(s): {', '.join(duplicates)}")
        catalogue = self.catalogue  # checks that requirements name known roles and types
        roles = {r.key for r in catalogue.roles}
        for programme in self.programmes:
            if programme.grants_role and programme.grants_role not in roles:
                raise ValueError(
                    f"programme {programme.key}: unknown role "
                    f"{programme.grants_role!r} in grants_role"
                )
        return self

    @property
    def catalogue(self) -> Catalogue:
        return Catalogue(
            log_types=self.log_types,
            roles=self.roles,
            requirements=self.requirements,
            reminders=self.reminders,
        )
