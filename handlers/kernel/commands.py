"""Commands: small frozen requests, whatever triggered them."""

from __future__ import annotations

from datetime import date, time
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from domain.facilitators import FacilitatorsChoice
from domain.people import Actor
from domain.programme import MOST_SESSIONS, Session

#: A Slack user id as Slack writes them (U… or W…); nothing else reaches the domain as a person.
UserId = Annotated[str, Field(pattern=r"^[UW][A-Z0-9]{1,20}$")]


class Command(BaseModel):
    model_config = ConfigDict(frozen=True)

    actor: Actor


class Nominate(Command):
    programme_key: str = Field(min_length=1, max_length=40)
    ics_key: str = Field(min_length=1, max_length=40)
    nominee_id: UserId
    note: str = Field(default="", max_length=2000)
    organisation: str = Field(default="", max_length=200)  # the nominee's employer
    sponsor: UserId | None = None  # who agreed it; None: whoever nominates


class ConfirmEligibility(Command):
    nomination_id: int
    criteria: frozenset[str]
    confirmations: frozenset[str]
    first_choice: str | None
    second_choice: str | None = None
    either: bool = False


class ConfirmPlace(Command):
    nomination_id: int
    cohort_key: str | None = None  # None: the nominee's first choice


class MovePlace(Command):
    nomination_id: int
    cohort_key: str = Field(min_length=1, max_length=40)


class AskToMove(Command):
    nomination_id: int
    cohort_key: str = Field(min_length=1, max_length=40)


class Waitlist(Command):
    nomination_id: int


class AnswerOffer(Command):
    nomination_id: int
    accept: bool


class ReorderWaitlist(Command):
    nomination_id: int
    position: int = Field(ge=1, le=1000)  # 1: first to be offered a place
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


class ShareOffer(Command):
    programme_key: str = Field(min_length=1, max_length=40)
    channel: str = Field(pattern=r"^[CG][A-Z0-9]{1,20}$")  # a public or private channel


class ExpressInterest(Command):
    programme_key: str = Field(min_length=1, max_length=40)
    ics_key: str = Field(min_length=1, max_length=40)
    note: str = Field(default="", max_length=500)


# Names a coordinator types reach every message; Slack's markup (<!channel>, <@U…>) has no
# place in them.
Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=300, pattern=r"^[^<>]*$"),
]
Channel = Annotated[str, Field(pattern=r"^[CG][A-Z0-9]{1,20}$")]


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


class Decline(Command):
    nomination_id: int
    reason: str = Field(min_length=1, max_length=2000)


class Withdraw(Command):
    nomination_id: int
    reason: str = Field(default="", max_length=2000)


class RecordAttendance(Command):
    nomination_id: int
    attended: bool
    missed_session: int | None = Field(default=None, ge=1, le=10)  # attended all but this one


class LogEntry(Command):
    """Log (or, with ``entry_id``, edit) a supervision session or a delivery."""

    log_type: str
    occurred_on: date
    with_user: UserId | None = None
    with_name: str = Field(default="", max_length=200)
    duration_minutes: int | None = None
    participants: int | None = None
    notes: str = Field(default="", max_length=3000)
    action: str = Field(default="", max_length=1000)
    action_due: date | None = None
    client_token: str | None = Field(default=None, max_length=100)  # a resubmission: no-op
    entry_id: int | None = None


class DeleteEntry(Command):
    entry_id: int


class AnswerCascade(Command):
    """An attendee answers "have you started cascading?"."""

    nomination_id: int
    started: bool
    reason: str = Field(default="", max_length=1000)
    materials: str = Field(default="", max_length=500)  # how the materials are being received
    support: str = Field(default="", max_length=500)  # what support they need


class Snooze(Command):
    reminder_id: int


class ExportCoordinated(Command):
    request_id: str = Field(default="", max_length=100)
    format: Literal["csv", "xlsx"] = "csv"


class ExportNominations(Command):
    programme_key: str = Field(max_length=40)
    request_id: str = Field(default="", max_length=100)  # Slack's trigger: a retry sends once
    format: Literal["csv", "xlsx"] = "csv"


class ShowFacilitators(Command):
    """The coordinator's filter and page of the facilitators' list on Home."""

    choice: FacilitatorsChoice


class ExportEntries(Command):
    request_id: str = Field(default="", max_length=100)


# --- accreditation ---------------------------------------------------------------------------
class RequestStep(Command):
    """The person asks for the next step of a pathway ("Request observation")."""

    pathway: str = Field(min_length=1, max_length=40)


class SignOffStep(Command):
    """Someone holding the step's role signs off a step of ``person``'s pathway."""

    person: UserId
    pathway: str = Field(min_length=1, max_length=40)
    step: str = Field(min_length=1, max_length=40)
    occurred_on: date
    place: str = Field(default="", max_length=200)


class SubmitPeerReview(Command):
    """The assessor's Assessment / Peer Review Form (their sign-off is submitting it)."""

    trainer: UserId
    event: str | None = None
    event_date: date | None = None
    venue: str = Field(default="", max_length=3000)
    capacity: str | None = None
    other_trainers: str = Field(default="", max_length=3000)
    sessions_observed: str = Field(default="", max_length=3000)
    review_kind: str | None = None
    scores: dict[str, int] = Field(default_factory=dict)
    assessor_comments: str = Field(default="", max_length=3000)
    manager: UserId | None = None
    send_to_manager: bool = False
    pathway: str | None = Field(default=None, max_length=40)
    step: str | None = Field(default=None, max_length=40)
    signs_off: bool = False
    client_token: str | None = Field(default=None, max_length=100)  # a resubmission: no-op


class AcknowledgeReview(Command):
    """The observed trainer adds their comments and signs the form."""

    review_id: int
    comments: str = Field(default="", max_length=3000)


class PairMentor(Command):
    """A coordinator pairs a mentor with a mentee."""

    mentor: UserId
    mentee: UserId
    line_manager: UserId | None = None
    override_reason: str = Field(default="", max_length=500)


class EndPair(Command):
    pair_id: int


class ExportAccreditation(Command):
    request_id: str = Field(default="", max_length=100)
    format: Literal["csv", "xlsx"] = "csv"


#: A pathway's or role's key, as the programme file writes them.
Key = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,39}$")]


class StepDraft(BaseModel):
    """One filled-in row of the pathway form."""

    model_config = ConfigDict(frozen=True)

    name: Annotated[Name, StringConstraints(max_length=100)]
    signed_off_by: tuple[Key, ...] = Field(min_length=1, max_length=20)
    evidence: Literal["attendance", "peer-review"] = "attendance"
    asks: str = Field(default="", max_length=60, pattern=r"^[^<>]*$")


class SavePathway(Command):
    """Add a pathway (``pathway_key`` None) or change one. ``steps`` are the form's rows in
    order: a row keeps the step in that place, None is a row left empty (that step goes)."""

    pathway_key: Key | None = None
    name: Annotated[Name, StringConstraints(max_length=100)]
    grants_role: Key
    open_to: tuple[Key, ...] = Field(default=(), max_length=20)
    lapse_after_days: int = Field(default=60, ge=0, le=730)
    steps: tuple[StepDraft | None, ...] = Field(max_length=10)


class SaveRoleHolders(Command):
    """Who holds each role (by Slack id); roles left out keep their holders."""

    holders: dict[Key, tuple[UserId, ...]] = Field(max_length=50)


class RequestDebrief(Command):
    kind: Literal["one-to-one", "group"] = "one-to-one"
    about: str = Field(default="", max_length=1000)


class TakeDebrief(Command):
    debrief_id: int


class AskCohortChannel(Command):
    """A coordinator asks for a Slack channel for one cohort's participants."""

    programme_key: str = Field(min_length=1, max_length=40)
    cohort_key: str = Field(min_length=1, max_length=40)
    name: str = Field(default="", max_length=200)  # empty: programme and cohort keys
    private: bool = True


class JoinCohortChannel(Command):
    """A participant chooses to join their cohort's channel."""

    programme_key: str = Field(min_length=1, max_length=40)
    cohort_key: str = Field(min_length=1, max_length=40)


class ScheduleGroupSession(Command):
    """A coordinator or lead trainer schedules a group session and invites people to it."""

    kind: str = Field(max_length=40)
    title: str = Field(default="", max_length=150)
    day: date | None = None
    start: time | None = None
    end: time | None = None
    place: str = Field(default="", max_length=500)
    agenda: str = Field(default="", max_length=2500)
    invitees: tuple[UserId, ...] = Field(default=(), max_length=250)
    roles: tuple[Key, ...] = Field(default=(), max_length=50)  # everyone holding them, too
    ics_key: str | None = Field(default=None, max_length=40)
    client_token: str | None = Field(default=None, max_length=100)  # a double submit: once


class AnswerGroupSession(Command):
    session_id: int
    going: bool


class CancelGroupSession(Command):
    session_id: int


class RecordGroupAttendance(Command):
    """Who came: invitees ticked, and anyone else who came (invited now, and credited)."""

    session_id: int
    attended: frozenset[UserId] = Field(default=frozenset(), max_length=250)
    others: tuple[UserId, ...] = Field(default=(), max_length=50)


class AddCascadeWords(Command):
    """After answering "Yes": how the materials are being received, what support is needed."""

    answer_id: int
    materials: str = Field(default="", max_length=500)
    support: str = Field(default="", max_length=500)


class RecordCall(Command):
    """A coordinator ticks off the follow-up call to an attendee."""

    nomination_id: int


# --- circles ---------------------------------------------------------------------------------
class LogCircle(Command):
    """Log a Leadership Support Circle delivered (``entry_id``: edit one)."""

    log_type: str = Field(default="", max_length=40)
    occurred_on: date
    topic: str = Field(default="", max_length=40)
    group_size: int | None = None
    co_facilitators: tuple[UserId, ...] = Field(default=(), max_length=50)
    ics_key: str = Field(default="", max_length=40)
    setting: str = Field(default="standalone", max_length=20)
    embedded_in: str = Field(default="", max_length=200)
    notes: str = Field(default="", max_length=3000)
    client_token: str | None = Field(default=None, max_length=100)  # a resubmission: no-op
    entry_id: int | None = None


class PublishCircle(Command):
    """Put a forthcoming circle on the calendar, open to all staff."""

    topic: str = Field(default="", max_length=40)
    day: date
    start: time
    end: time
    place: str = Field(default="", max_length=300)
    places: int
    description: str = Field(default="", max_length=1000)
    co_facilitators: tuple[UserId, ...] = Field(default=(), max_length=50)
    ics_key: str | None = Field(default=None, max_length=40)
    client_token: str | None = Field(default=None, max_length=100)


class SignUpToCircle(Command):
    circle_id: int


class CancelCirclePlace(Command):
    circle_id: int


class CancelCircle(Command):
    circle_id: int


class AskForCover(Command):
    circle_id: int


class CoverCircle(Command):
    request_id: int


class RecordLeave(Command):
    """Record leave, both days included; the reason is private to the person."""

    start: date
    end: date
    reason: str = Field(default="", max_length=300)
    client_token: str | None = Field(default=None, max_length=100)  # a resubmission: no-op


class EndLeave(Command):
    """End your leave early (back today), or cancel leave that has not begun."""

    leave_id: int


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
