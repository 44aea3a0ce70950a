"""Programmes, their cohorts, eligibility criteria and the ICSs that nominate to them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from domain.kernel.errors import NotFound, ProgrammeClosed
from domain.kernel.people import Actor
from domain.kernel.working_days import DEFAULT_REGION, is_working_day

Key = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,39}$")]
Text = Annotated[str, Field(min_length=1, max_length=300)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Session(_Frozen):
    """One sitting of a cohort, in the programme's local time."""

    start: datetime
    end: datetime

    @model_validator(mode="after")
    def _ends_after_start(self) -> Session:
        if self.start.tzinfo is not None or self.end.tzinfo is not None:
            raise ValueError(
                "session times are local to the programme: write them without an offset"
            )
        if self.end <= self.start:
            raise ValueError(f"session ending {self.end} does not end after it starts")
        return self


#: The most sessions a coordinator keeps from Home (the form shows each in its own slot).
MOST_SESSIONS = 12


class Cohort(_Frozen):
    """A group trained together on the same dates; ``places`` optionally caps it."""

    key: Key
    name: Text
    places: int | None = Field(default=None, ge=1)
    sessions: tuple[Session, ...] = Field(min_length=1)
    joining: str = ""  # joining details sent before the first session (link, dial-in)
    cancelled: bool = False  # kept (its participants' history refers to it), never offered

    @property
    def first_start(self) -> datetime:
        return min(s.start for s in self.sessions)

    @property
    def last_end(self) -> datetime:
        return max(s.end for s in self.sessions)


class Criterion(_Frozen):
    """An eligibility criterion the nominee must confirm they meet."""

    key: Key
    text: Annotated[str, Field(min_length=1, max_length=600)]


class Confirmation(_Frozen):
    """A statement from the offer's form the nominee must confirm."""

    key: Key
    text: Annotated[str, Field(min_length=1, max_length=600)]


class Ics(_Frozen):
    """An Integrated Care System and the leads who may nominate for it."""

    key: Key
    name: Text
    leads: tuple[str, ...] = ()

    def is_led_by(self, actor: Actor) -> bool:
        return actor.is_one_of(self.leads)


class Programme(_Frozen):
    """A training offer with hard limits: total places, nominations per ICS, cohorts."""

    key: Key
    name: Text
    provider: Text
    description: str = ""
    delivery: str = "Delivered virtually"
    total_places: int = Field(ge=1)
    per_ics_limit: int = Field(ge=1)
    timezone: str = "Europe/London"
    review_channel: str = Field(min_length=1)
    coordinators: tuple[str, ...] = Field(min_length=1)
    contact: str = ""
    open: bool = True
    nominations_open: datetime | None = None  # not before then (local time)
    nominations_close: datetime | None = None
    cohorts: tuple[Cohort, ...] = Field(min_length=1)
    criteria: tuple[Criterion, ...] = Field(min_length=1)
    confirmations: tuple[Confirmation, ...] = ()
    implementation_session: str = ""  # the local implementation session offered afterwards
    grants_role: str | None = None  # attending makes a participant this (e.g. lsc-facilitator)
    # What attendees go on to deliver, in the programme's words ("leadership support circles");
    # empty: "what you learnt" (see ``cascaded_words``).
    cascaded_as: str = Field(default="", max_length=100)
    offer_working_days: int = Field(default=3, ge=1, le=20)  # to answer a waitlist offer
    # Where forthcoming circles are posted for all staff to sign up (optional; a channel id).
    circles_channel: str = Field(default="", pattern=r"^([CG][A-Z0-9]{1,20})?$")

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"unknown time zone {value!r} (use an IANA name such as Europe/London)"
            ) from None
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Programme:
        for label, items in (
            ("cohort", self.cohorts),
            ("criterion", self.criteria),
            ("confirmation", self.confirmations),
        ):
            keys = [item.key for item in items]
            duplicates = sorted({k for k in keys if keys.count(k) > 1})
            if duplicates:
                raise ValueError(f"duplicate {label} key(s): {', '.join(duplicates)}")
        return self

    @property
    def cascaded_words(self) -> str:
        """What attendees are asked whether they have started cascading."""
        return self.cascaded_as.strip() or "what you learnt"

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def cohort(self, key: str) -> Cohort:
        for cohort in self.cohorts:
            if cohort.key == key:
                return cohort
        raise NotFound(f"{self.name} has no cohort called {key!r}.", field="cohort")

    def offer_deadline(self, now: datetime, holidays: str = DEFAULT_REGION) -> datetime:
        """When an offer made at ``now`` lapses: ``offer_working_days`` working days (Monday
        to Friday but bank holidays, in the programme's time zone) later, at the same time
        of day."""
        local, left = now.astimezone(self.tz), self.offer_working_days
        while left:
            local += timedelta(days=1)
            left -= is_working_day(local.date(), region=holidays)
        wall = local.replace(tzinfo=None)  # the same wall-clock time, whatever the clocks did
        return wall.replace(tzinfo=self.tz).astimezone(UTC)

    def upcoming_cohorts(self, now: datetime) -> tuple[str, ...]:
        """Keys of the cohorts that have not started yet (nor been cancelled), in order."""
        return tuple(
            c.key
            for c in self.cohorts
            if not c.cancelled and self.local_to_utc(c.first_start) > now
        )

    def has_finished(self, cohort: Cohort, now: datetime) -> bool:
        return self.local_to_utc(cohort.last_end) <= now

    def is_coordinator(self, actor: Actor) -> bool:
        return actor.is_one_of(self.coordinators)

    def local_to_utc(self, moment: datetime) -> datetime:
        """A naive local time of this programme as an aware UTC datetime."""
        return moment.replace(tzinfo=self.tz).astimezone(UTC)

    def is_open(self, now: datetime) -> bool:
        if not self.open or not self.upcoming_cohorts(now):
            return False
        if self.nominations_open is not None and now < self.local_to_utc(self.nominations_open):
            return False
        return self.nominations_close is None or now < self.local_to_utc(self.nominations_close)

    def ensure_open(self, now: datetime) -> None:
        if self.open and not self.upcoming_cohorts(now):
            raise ProgrammeClosed(
                f"Every cohort of {self.name} has started, so it is closed to new nominations.",
                field="programme",
            )
        opens = self.nominations_open
        if self.open and opens is not None and now < self.local_to_utc(opens):
            raise ProgrammeClosed(
                f"{self.name} opens to nominations on {opens:%-d %b %Y}.", field="programme"
            )
        if not self.is_open(now):
            raise ProgrammeClosed(f"{self.name} is closed to new nominations.", field="programme")
