"""The programme admin commands: small frozen requests, whatever triggered them."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from domain.kernel.programme import MOST_SESSIONS, Session
from handlers.kernel.commands import Channel, Command, Name, UserId
from handlers.programme_admin.audit_log import AuditQuery


class EditProgramme(Command):
    """A coordinator's App Home edit of a programme's settings."""

    programme_key: str = Field(min_length=1, max_length=40)
    name: Name
    provider: Name
    contact: str = Field(default="", max_length=300, pattern=r"^[^<>]*$")
    total_places: int = Field(ge=1, le=10_000)
    per_ics_limit: int = Field(ge=1, le=1000)
    review_channel: Channel
    # Where published circles are posted; empty: nowhere.
    circles_channel: str = Field(default="", pattern=r"^([CG][A-Z0-9]{1,20})?$")
    coordinators: tuple[UserId, ...] = Field(min_length=1, max_length=50)
    nominations_open: date | None = None
    nominations_close: date | None = None
    open: bool = True
    offer_working_days: int = Field(default=3, ge=1, le=20)


class CohortDetails(BaseModel):
    """A cohort as a coordinator types it: name, optional cap, sessions, joining details."""

    model_config = ConfigDict(frozen=True)

    name: Name
    places: int | None = Field(default=None, ge=1, le=10_000)
    sessions: tuple[Session, ...] = Field(min_length=1, max_length=MOST_SESSIONS)
    joining: str = Field(default="", max_length=1000)


class CopyProgramme(Command):
    """Open a new programme (or intake) like ``source_key``, with its own name, dates and
    first cohort."""

    source_key: str = Field(min_length=1, max_length=40)
    name: Name
    nominations_open: date | None = None
    nominations_close: date | None = None
    cohort: CohortDetails


class SaveCohort(Command):
    """Add a cohort (``cohort_key`` None) or edit one."""

    programme_key: str = Field(min_length=1, max_length=40)
    cohort_key: str | None = Field(default=None, max_length=40)
    details: CohortDetails


class CancelCohort(Command):
    """Cancel a cohort; its participants are moved, waitlisted or released, and told."""

    programme_key: str = Field(min_length=1, max_length=40)
    cohort_key: str = Field(min_length=1, max_length=40)
    then: Literal["move", "waitlist", "release"]
    move_to: str | None = Field(default=None, max_length=40)
    reason: str = Field(default="", max_length=500)


class SaveIcs(Command):
    """Add an ICS (``ics_key`` None) or change its name and leads."""

    ics_key: str | None = Field(default=None, max_length=40)
    name: Name
    leads: tuple[UserId, ...] = Field(default=(), max_length=50)


# What coordinators type of a programme's content: no Slack markup (<!channel>, <@U…>).
Plain = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=600, pattern=r"^[^<>]*$")
]


#: An item of a list as typed: its key (None: a new one) and its text.
TypedItem = tuple[Annotated[str, Field(max_length=40)] | None, Plain]


class EditOffer(Command):
    """A coordinator's App Home edit of the offer: description, criteria, confirmations."""

    programme_key: str = Field(min_length=1, max_length=40)
    description: str = Field(default="", max_length=3000, pattern=r"^[^<>]*$")
    criteria: tuple[TypedItem, ...] = Field(max_length=40)
    confirmations: tuple[TypedItem, ...] = Field(max_length=40)
    shown_criteria: tuple[str, ...] = Field(max_length=100)  # only these may be removed
    shown_confirmations: tuple[str, ...] = Field(max_length=100)


#: The lists of the catalogue coordinators edit from Home, a row per item.
CataloguePart = Literal["requirements", "log_types", "session_kinds", "circle_topics"]


class EditCatalogue(Command):
    """A coordinator's App Home edit of one list of the catalogue (it serves every programme).
    Each row: the item's fields as typed, its ``key`` (None: a new one) and its ``slot`` (where
    the form has it, to refuse beside it)."""

    programme_key: str = Field(min_length=1, max_length=40)  # whose coordinators may
    part: CataloguePart
    rows: tuple[dict[str, Any], ...] = Field(max_length=40)
    shown: tuple[str, ...] = Field(max_length=100)  # only these may be removed by the rows


class EditPolicy(Command):
    """A coordinator's App Home edit of the reminder or mentoring policy (every programme's):
    ``values`` by setting, as typed."""

    programme_key: str = Field(min_length=1, max_length=40)  # whose coordinators may
    policy: Literal["reminders", "mentoring"]
    values: dict[str, Any]


# --- what a coordinator asks to see: checked (their rights, the item still there) first -------
#: A programme's forms on its Home: its settings, a new intake, a new cohort, sharing the
#: offer, the offer.
ProgrammeForm = Literal["settings", "copy", "cohort", "share", "offer"]


class AskProgrammeForm(Command):
    """A coordinator opens one of a programme's forms from Home: is it theirs to open?"""

    programme_key: str = Field(max_length=40)
    form: ProgrammeForm


class AskIcsForm(Command):
    """A coordinator asks which ICS to change (or to add one)."""


class PickIcs(Command):
    """The ICS chosen to change (``new``: one to add)."""

    ics_key: str = Field(max_length=40)


class AskCohortForm(Command):
    """A coordinator opens a cohort, its sessions and joining details, to change them."""

    programme_key: str = Field(max_length=40)
    cohort_key: str = Field(max_length=40)


class AskCancelCohort(Command):
    """A coordinator asks to cancel a cohort: who holds a place in it, where else is room?"""

    programme_key: str = Field(max_length=40)
    cohort_key: str = Field(max_length=40)


class AskCatalogueForm(Command):
    """A coordinator opens a list of the catalogue from a programme's Home."""

    programme_key: str = Field(max_length=40)
    part: CataloguePart


class AskPolicyForm(Command):
    """A coordinator opens the reminder or mentoring policy from a programme's Home."""

    programme_key: str = Field(max_length=40)
    policy: Literal["reminders", "mentoring"]


class ReadAuditLog(Command):
    """A page of a programme's audit log, as filtered (the filters submitted)."""

    query: AuditQuery


class OpenAuditLog(ReadAuditLog):
    """The audit log opened from Home, the newest entries first."""


class TurnAuditPage(ReadAuditLog):
    """Another page of the audit log, with the same filters ("Older" / "Newer")."""
