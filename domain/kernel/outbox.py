"""The outbox: every message Cascade sends is a row first, written with the change that causes it.

A row says *what* to say (a reason, a subject, a payload of ids), never the words: the words are
written when it is sent, from what the database holds then, so a message is never stale.
Announcements (what a change causes) go at once; chases (planned reminders) wait for working
hours. Refreshes ("the card of nomination 12", "the Home of U123") coalesce into one row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any


class Reason(StrEnum):
    # Announcements: caused by a change, sent at once.
    INVITATION = "invitation"  # nominee: please confirm your eligibility
    NOT_REACHED = "not-reached"  # lead: the invitation could not be delivered
    CARD = "card"  # review channel: the nomination's card, posted once then kept current
    DECISION = "decision"  # nominee or lead: confirmed, waitlisted, declined, withdrawn
    CALENDAR = "calendar"  # participant: the cohort's calendar file
    RESCHEDULED = "rescheduled"  # participant and their lead: the cohort's dates changed
    COHORT_CANCELLED = "cohort-cancelled"  # participant and lead: waitlisted or released
    MOVE_ASKED = "move-asked"  # review channel: a participant asks to move cohort
    PLACE_REOFFERED = "place-reoffered"  # review channel: a freed place went to the waitlist
    OFFER = "offer"  # waitlisted nominee: a freed place is yours if you accept it in time
    OFFER_POST = "offer-post"  # a channel: the offer, with "I'm interested"
    INTEREST = "interest"  # ICS lead: someone would like to be nominated (one-click Nominate)
    HOME = "home"  # someone's Home tab, published again
    NOMINATIONS_EXPORT = "nominations-export"  # coordinator: every nomination, as a file
    ENTRIES_EXPORT = "entries-export"  # facilitator: all their own entries, as a file
    APOLOGY = "apology"  # someone's Home tab or file could not be sent: they are told why
    REPLY = "reply"  # the person who clicked: what their acknowledged request came to
    FOLLOW_UP_ANSWERED = "follow-up-answered"  # coordinators: an attendee's cascading answer
    STEP_REQUESTED = "step-requested"  # holders of a step's role: someone asks for it
    STEP_SIGNED = "step-signed"  # the person: a step of their pathway was signed off
    CERTIFICATE = "certificate"  # the person and coordinators: the certificate PDF
    ACCREDITATION_STATUS = "accreditation-status"  # person and coordinators: lapsed/re-instated
    PEER_REVIEW = "peer-review"  # the trainer observed: the form, to comment on and sign
    PEER_REVIEW_SIGNED = "peer-review-signed"  # the assessor: the trainer signed the form
    PEER_REVIEW_MANAGER = "peer-review-manager"  # the trainer's manager: a copy of the form
    PAIRED = "paired"  # mentor and mentee: they are paired
    ACCREDITATION_EXPORT = "accreditation-export"  # coordinator: pathways, as a file
    GROUP_INVITATION = "group-invitation"  # invitee: a group session, Going / Can't go
    GROUP_CALENDAR = "group-calendar"  # invitee: the group session's calendar file
    GROUP_CANCELLED = "group-cancelled"  # invitees: the group session was cancelled
    GROUP_ATTENDED = "group-attended"  # attendee: attending was recorded (counts for them)
    CIRCLE_CREDITED = "circle-credited"  # co-facilitator: a circle logged counts for them too
    CIRCLE_POST = "circle-post"  # the circles channel: a forthcoming circle, with Sign up
    CIRCLE_CALENDAR = "circle-calendar"  # who signed up (or cancelled): the circle's .ics file
    COVER_ASKED = "cover-asked"  # the ICS's other facilitators: can you cover this circle?
    COVER_TAKEN = "cover-taken"  # the circle's facilitators: who covers it now
    CIRCLE_CANCELLED = "circle-cancelled"  # who had a place, and its facilitators: cancelled
    DEBRIEF_ASKED = "debrief-asked"  # a supervisor: someone asks for a debrief
    DEBRIEF_TAKEN = "debrief-taken"  # the person: who will debrief them
    CHANNEL_CREATE = "channel-create"  # the coordinator who asked: the cohort's channel, created
    CHANNEL_READY = "channel-ready"  # that coordinator: it is there, participants were asked
    CHANNEL_NOT_CREATED = "channel-not-created"  # that coordinator: Slack refused, and why
    CHANNEL_ASK = "channel-ask"  # participant: would you like to join your cohort's channel?
    CHANNEL_INVITE = "channel-invite"  # participant who chose to: added to the channel
    # Chases: planned from the current state, sent in working hours.
    ELIGIBILITY = "eligibility"  # nominee has not confirmed eligibility
    ELIGIBILITY_LEAD = "eligibility-lead"  # ...and their ICS lead is told
    REVIEW_DIGEST = "review-digest"  # coordinators: nominations waiting for review
    COHORT_SOON = "cohort-soon"  # confirmed participant: training starts soon
    RECORD_ATTENDANCE = "record-attendance"  # coordinators: a cohort has finished
    CASCADE_CHECK = "cascade-check"  # attendee: have you started cascading?
    CASCADE_LATE = "cascade-late"  # coordinators: still not cascading after the asks
    IMPLEMENTATION = "implementation"  # ICS lead: local implementation session
    REQUIREMENT = "requirement"  # a requirement is due soon, due, or overdue
    REQUIREMENT_LATE = "requirement-late"  # line manager / coordinator: long overdue
    ACTION_DUE = "action-due"  # an agreed action from a supervision log is due
    MENTORING_NUDGE = "mentoring-nudge"  # mentor and mentee: no session for a while
    GROUP_SOON = "group-soon"  # those going: a group session is coming up
    CIRCLE_SOON = "circle-soon"  # who signed up: their circle is the next working day

    @property
    def is_chase(self) -> bool:
        """Planned reminders: the planner adds and cancels them; they wait for working hours."""
        return self not in ANNOUNCEMENTS

    @property
    def coalesces(self) -> bool:
        """A refresh: one row per subject, re-armed by every change (never sent twice at once)."""
        return self in (Reason.CARD, Reason.HOME)

    @property
    def lane(self) -> Lane:
        """Someone is looking at the screen for it (their Home, the answer to their click, a
        file they asked for), or it may take its turn behind paced posts and reminders."""
        return Lane.AWAITED if self in AWAITED else Lane.OTHER

    @property
    def one_off(self) -> bool:
        """Said once about something that happens once (a request's answer, an apology for one
        message): its key taken already means a message would be lost, never a repeat."""
        return self in ONE_OFF

    @property
    def snoozable(self) -> bool:
        """ "Remind me next week" is offered for reminders that are not mandatory steps."""
        return self in (Reason.REQUIREMENT, Reason.ACTION_DUE, Reason.CASCADE_CHECK)


ANNOUNCEMENTS = frozenset(
    {
        Reason.INVITATION,
        Reason.NOT_REACHED,
        Reason.CARD,
        Reason.DECISION,
        Reason.CALENDAR,
        Reason.RESCHEDULED,
        Reason.COHORT_CANCELLED,
        Reason.MOVE_ASKED,
        Reason.PLACE_REOFFERED,
        Reason.OFFER,
        Reason.OFFER_POST,
        Reason.INTEREST,
        Reason.HOME,
        Reason.NOMINATIONS_EXPORT,
        Reason.ENTRIES_EXPORT,
        Reason.APOLOGY,
        Reason.REPLY,
        Reason.FOLLOW_UP_ANSWERED,
        Reason.STEP_REQUESTED,
        Reason.STEP_SIGNED,
        Reason.CERTIFICATE,
        Reason.ACCREDITATION_STATUS,
        Reason.PEER_REVIEW,
        Reason.PEER_REVIEW_SIGNED,
        Reason.PEER_REVIEW_MANAGER,
        Reason.PAIRED,
        Reason.ACCREDITATION_EXPORT,
        Reason.GROUP_INVITATION,
        Reason.GROUP_CALENDAR,
        Reason.GROUP_CANCELLED,
        Reason.GROUP_ATTENDED,
        Reason.CIRCLE_CREDITED,
        Reason.CIRCLE_POST,
        Reason.CIRCLE_CALENDAR,
        Reason.COVER_ASKED,
        Reason.COVER_TAKEN,
        Reason.CIRCLE_CANCELLED,
        Reason.DEBRIEF_ASKED,
        Reason.DEBRIEF_TAKEN,
        Reason.CHANNEL_CREATE,
        Reason.CHANNEL_READY,
        Reason.CHANNEL_NOT_CREATED,
        Reason.CHANNEL_ASK,
        Reason.CHANNEL_INVITE,
    }
)
CHASES = frozenset(Reason) - ANNOUNCEMENTS
# The others may meet their key again on purpose: a chase planned again, the same post asked
# for twice in a day, a Slack retry of an export (keyed by its request), a card or a Home.
ONE_OFF = frozenset(
    {Reason.REPLY, Reason.APOLOGY, Reason.NOT_REACHED, Reason.PAIRED, Reason.DEBRIEF_TAKEN}
)


class Lane(StrEnum):
    """Each lane is sent by a dispatcher of its own: what a person is waiting for never
    queues behind the channel posts paced at one a second, or behind reminders."""

    AWAITED = "awaited"
    OTHER = "other"


AWAITED = frozenset(
    {
        Reason.HOME,
        Reason.REPLY,
        Reason.APOLOGY,
        Reason.NOMINATIONS_EXPORT,
        Reason.ENTRIES_EXPORT,
        Reason.ACCREDITATION_EXPORT,
    }
)


class State(StrEnum):
    PENDING = "pending"
    CLAIMED = "claimed"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"


@dataclass(slots=True)  # planning holds a couple of hundred thousand at once
class Message:
    """One message to one recipient (a person's DM or a channel), unique by
    (recipient, reason, subject, period)."""

    recipient: str
    reason: Reason
    subject: str  # e.g. "nomination:12", "requirement:lt-review", "entry:5", "home"
    period: str  # distinguishes repeats, e.g. "1", "ask-2", "2027-01-01:before-7"
    due_at: datetime
    payload: dict[str, Any] = field(default_factory=dict)
    state: State = State.PENDING
    attempts: int = 0
    id: int | None = None
    lease_until: datetime | None = None
    last_error: str = ""
    sent_ts: str | None = None

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.recipient, self.reason.value, self.subject, self.period)


@dataclass(frozen=True)
class Period:
    """A message's period, typed: its stage ("ask-2", "2027-01-01:before-7") and, for a
    reminder the person postponed, the day they did so."""

    base: str
    snoozed_on: date | None = None

    MARK = ":snooze-"

    @classmethod
    def parse(cls, text: str) -> Period:
        base, _, day = text.partition(cls.MARK)
        try:
            return cls(base, date(int(day[:4]), int(day[4:6]), int(day[6:8])) if day else None)
        except ValueError:
            return cls(base)

    def __str__(self) -> str:
        return self.base + (f"{self.MARK}{self.snoozed_on:%Y%m%d}" if self.snoozed_on else "")

    def snoozed(self, on: date) -> Period:
        return Period(self.base, on)

    @property
    def stage(self) -> str:
        """The last part of the base: "before-7", "due", "overdue-2", "start", "ask-3"."""
        return self.base.rsplit(":", 1)[-1]

    @property
    def day(self) -> date | None:
        """The date the base starts with, if any ("2027-01-01:before-7", "2027-01-01")."""
        try:
            return date.fromisoformat(self.base[:10])
        except ValueError:
            return None


PERMANENT_ERRORS = frozenset(
    {
        "account_inactive",
        "user_not_found",
        "users_not_found",
        "channel_not_found",
        "is_archived",
        "user_disabled",
        "not_authed",
        "invalid_auth",
        "cannot_dm_bot",
        "not_in_channel",
        "invalid_blocks",
        "render_failed",
        "name_taken",  # a channel could not be created with that name: the coordinator is told
        "invalid_name",
        "invalid_name_specials",
        "invalid_name_punctuation",
        "invalid_name_maxlength",
        "restricted_action",
        "missing_scope",
        "cant_invite",
        "cant_invite_self",
        "user_is_restricted",  # a guest account: Slack will not add them
        "user_is_ultra_restricted",
        "ura_max_channels",
        "user_is_bot",
    }
)
RETRY_DELAYS = (
    timedelta(seconds=10),
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=6),
)


def next_attempt(attempts: int, now: datetime) -> datetime | None:
    """When to try again after ``attempts`` failures; None when it is time to give up."""
    if attempts > len(RETRY_DELAYS):
        return None
    return now + RETRY_DELAYS[max(attempts, 1) - 1]
