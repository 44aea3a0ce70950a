"""The whole configuration: programmes and the ICSs that nominate to them."""

from __future__ import annotations

import re
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, model_validator

from domain.accreditation.mentoring import MentoringPolicy
from domain.accreditation.pathways import Pathway
from domain.circles.topics import CircleTopic
from domain.group_sessions.sessions import SessionKind
from domain.kernel.programme import Ics, Programme
from domain.kernel.reminders import ReminderPolicy
from domain.programme_admin.catalogue import Catalogue
from domain.supervision.entries import LogType
from domain.supervision.requirements import Requirement, Role


class Configuration(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    programmes: tuple[Programme, ...] = Field(min_length=1)
    ics: tuple[Ics, ...] = Field(min_length=1)
    log_types: tuple[LogType, ...] = ()
    roles: tuple[Role, ...] = ()
    requirements: tuple[Requirement, ...] = ()
    reminders: ReminderPolicy = ReminderPolicy()
    pathways: tuple[Pathway, ...] = ()
    mentoring: MentoringPolicy = MentoringPolicy()
    session_kinds: tuple[SessionKind, ...] = ()
    circle_topics: tuple[CircleTopic, ...] = ()

    @model_validator(mode="after")
    def _unique_keys(self) -> Configuration:
        for label, keys in (
            ("programme", [p.key for p in self.programmes]),
            ("ics", [i.key for i in self.ics]),
            ("log type", [t.key for t in self.log_types]),
            ("role", [r.key for r in self.roles]),
            ("requirement", [r.key for r in self.requirements]),
            ("pathway", [p.key for p in self.pathways]),
            ("session kind", [k.key for k in self.session_kinds]),
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

    def warnings(self, now: datetime) -> list[str]:
        """What is valid but probably not meant: dates gone or at weekends, the shipped
        placeholder ids still in place, cohort places that do not add up to the total."""
        found: list[str] = []
        for p in self.programmes:
            for cohort in p.cohorts:
                for session in cohort.sessions:
                    when = f"{session.start:%a} {session.start.day} {session.start:%b %Y}"
                    if p.local_to_utc(session.start) < now:
                        found.append(
                            f"{p.key}: {cohort.key} has a session on {when}, which is in the past"
                        )
                    if session.start.weekday() >= 5:
                        found.append(f"{p.key}: {cohort.key} meets on {when}, at a weekend")
            places = [c.places for c in p.cohorts if c.places is not None]
            if len(places) == len(p.cohorts) and sum(places) != p.total_places:
                found.append(
                    f"{p.key}: cohort places add up to {sum(places)}, but total_places is "
                    f"{p.total_places}"
                )
            found += _placeholders(p.key, [p.review_channel, *p.coordinators])
        for ics in self.ics:
            found += _placeholders(f"ics {ics.key}", list(ics.leads))
        return found

    def addresses(self) -> dict[str, tuple[str, ...]]:
        """The e-mail addresses that name people (lower-cased), each with where it is named:
        coordinators, ICS leads and role members may be named by address instead of Slack id."""
        named: dict[str, list[str]] = {}
        groups = [(f"{p.key} coordinators", p.coordinators) for p in self.programmes]
        groups += [(f"ics {i.key} leads", i.leads) for i in self.ics]
        groups += [(f"role {r.key} members", r.members) for r in self.roles]
        for where, people in groups:
            for person in people:
                if "@" in person:
                    named.setdefault(person.strip().lower(), []).append(where)
        return {address: tuple(places) for address, places in sorted(named.items())}

    @property
    def catalogue(self) -> Catalogue:
        return Catalogue(
            log_types=self.log_types,
            roles=self.roles,
            requirements=self.requirements,
            reminders=self.reminders,
            pathways=self.pathways,
            mentoring=self.mentoring,
            session_kinds=self.session_kinds,
            circle_topics=self.circle_topics,
        )


# The placeholders in the shipped file: U0COORD01, U0LEAD02, C0REVIEW01.
_PLACEHOLDER = re.compile(r"^[UC]0[A-Z]+0\d$")


def _placeholders(where: str, ids: list[str]) -> list[str]:
    return [
        f"{where}: {i} is a placeholder from the shipped file; put the real Slack id (see the "
        "README, 'Finding member and channel ids')"
        for i in ids
        if _PLACEHOLDER.match(i)
    ]
