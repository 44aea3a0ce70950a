"""A nomination and its life cycle, from the lead's nomination to attendance."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from domain.kernel.errors import InvalidTransition
from domain.nominations.preference import Preference

NOT_AN_APP = "Please choose a person, not an app."  # a nominee is a person, never a bot user


class Status(StrEnum):
    NOMINATED = "nominated"
    AWAITING_ELIGIBILITY = "awaiting_eligibility"
    PENDING_REVIEW = "pending_review"
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    OFFERED = "offered"  # a freed place is offered: theirs if they accept it in time
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"
    ATTENDED = "attended"
    DID_NOT_ATTEND = "did_not_attend"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Status.NOMINATED: "Nominated, not reached yet",  # the invitation is not delivered yet
    Status.AWAITING_ELIGIBILITY: "Awaiting eligibility confirmation",
    Status.PENDING_REVIEW: "Pending review",
    Status.CONFIRMED: "Confirmed",
    Status.WAITLISTED: "Waitlisted",
    Status.OFFERED: "Offered a place, awaiting their answer",
    Status.DECLINED: "Declined",
    Status.WITHDRAWN: "Withdrawn",
    Status.ATTENDED: "Attended",
    Status.DID_NOT_ATTEND: "Did not attend",
}

#: Statuses that use one of an ICS's nominations.
ACTIVE = frozenset(Status) - {Status.DECLINED, Status.WITHDRAWN}
#: Statuses that hold one of the programme's (and a cohort's) places.
HOLDS_PLACE = frozenset({Status.CONFIRMED, Status.ATTENDED, Status.DID_NOT_ATTEND})
#: Statuses that count against the places: those held, and those kept for an offer's answer.
USES_PLACE = HOLDS_PLACE | {Status.OFFERED}
AWAITING = frozenset({Status.NOMINATED, Status.AWAITING_ELIGIBILITY})
WITHDRAWABLE = AWAITING | {
    Status.PENDING_REVIEW,
    Status.WAITLISTED,
    Status.OFFERED,
    Status.CONFIRMED,
}

#: For each action: the statuses it may start from, and the words for a refusal.
_ALLOWED_FROM: dict[str, tuple[frozenset[Status], str]] = {
    "confirm_eligibility": (AWAITING, "confirmed again"),
    "confirm_place": (
        frozenset({Status.PENDING_REVIEW, Status.WAITLISTED, Status.OFFERED}),
        "given a place",
    ),
    "waitlist": (frozenset({Status.PENDING_REVIEW}), "waitlisted"),
    "decline": (AWAITING | {Status.PENDING_REVIEW, Status.WAITLISTED, Status.OFFERED}, "declined"),
    "offer": (frozenset({Status.WAITLISTED}), "offered a place"),
    "answer_offer": (frozenset({Status.OFFERED}), "answered as an offer"),
    "reorder": (frozenset({Status.WAITLISTED}), "moved on the waitlist"),
    "withdraw": (WITHDRAWABLE, "withdrawn"),
    "record_attendance": (HOLDS_PLACE, "marked as attended"),
    "move": (frozenset({Status.CONFIRMED}), "moved to another cohort"),
    "cohort_cancelled": (frozenset({Status.CONFIRMED, Status.OFFERED}), "released"),
}


@dataclass(frozen=True)
class StateChanged:
    """An audit event: who moved which nomination from what to what, and why."""

    nomination_id: int | None
    actor: str
    at: datetime
    from_status: Status | None
    to_status: Status
    reason: str = ""


@dataclass
class Nomination:
    """One person nominated by an ICS for a programme."""

    programme_key: str
    ics_key: str
    nominee_id: str
    nominated_by: str
    created_at: datetime
    note: str = ""
    status: Status = Status.NOMINATED
    id: int | None = None
    preference: Preference | None = None
    eligibility_confirmed_at: datetime | None = None
    cohort_key: str | None = None
    decided_by: str | None = None
    decided_at: datetime | None = None
    reason: str = ""
    updated_at: datetime | None = None
    offer_expires_at: datetime | None = None  # while a place is offered: answer by then
    offer_lapsed: bool = False  # an offer went unanswered: not offered again automatically
    waitlist_rank: int | None = None  # set when a coordinator reorders the waitlist
    organisation: str = ""  # the nominee's employer, as the lead gave it
    sponsor: str | None = None  # who agreed the nomination (HRD, wellbeing or OD lead)
    events: list[StateChanged] = field(default_factory=list, repr=False, compare=False)

    @property
    def holds_place(self) -> bool:
        return self.status in HOLDS_PLACE

    def describe(self, *, capitalise: bool = True) -> str:
        """The current state in words, for stale buttons and status views."""
        label = self.status.label if capitalise else self.status.label.lower()
        if self.status in HOLDS_PLACE and self.cohort_key:
            label += f" ({self.cohort_key})"
        if self.decided_by and self.status not in AWAITING | {Status.PENDING_REVIEW}:
            who = "Cascade" if self.decided_by == "cascade" else f"<@{self.decided_by}>"
            label += f" by {who}"
        return label

    def can(self, action: str) -> bool:
        return self.status in _ALLOWED_FROM[action][0]

    def ensure_can(self, action: str) -> None:
        """Refuse an action the current state does not allow (stale buttons, double clicks)."""
        if not self.can(action):
            words, state = _ALLOWED_FROM[action][1], self.describe(capitalise=False)
            raise InvalidTransition(f"This nomination cannot be {words}: it is already {state}.")

    def _move(self, to: Status, actor: str, now: datetime, reason: str = "") -> None:
        self.events.append(StateChanged(self.id, actor, now, self.status, to, reason))
        self.status = to
        self.updated_at = now

    def mark_invited(self, now: datetime) -> None:
        """The nominee has been sent the invitation to confirm eligibility."""
        if self.status is Status.NOMINATED:
            self._move(Status.AWAITING_ELIGIBILITY, "cascade", now, "invitation sent")

    def record_eligibility(self, preference: Preference, now: datetime) -> None:
        self.ensure_can("confirm_eligibility")
        self.preference = preference
        self.eligibility_confirmed_at = now
        self._move(Status.PENDING_REVIEW, self.nominee_id, now, "eligibility confirmed")

    def confirm_place(self, cohort_key: str, actor: str, now: datetime, reason: str = "") -> None:
        self.ensure_can("confirm_place")
        self.cohort_key = cohort_key
        self.offer_expires_at = None
        self._decided(actor, now)
        self._move(Status.CONFIRMED, actor, now, reason or f"place in {cohort_key}")

    def offer(self, cohort_key: str, until: datetime, now: datetime, reason: str) -> None:
        """Keep a freed place in ``cohort_key`` for this waitlisted person until ``until``."""
        self.ensure_can("offer")
        self.cohort_key, self.offer_expires_at = cohort_key, until
        self._move(Status.OFFERED, "cascade", now, reason)

    def accept_offer(self, now: datetime) -> None:
        self._ensure_offer_open(now)
        self.confirm_place(self.cohort_key or "", self.nominee_id, now, "accepted the offer")

    def decline_offer(self, now: datetime) -> str:
        """The person does not want the offered place; returns the cohort it frees."""
        self._ensure_offer_open(now)
        freed = self.cohort_key or ""
        self.offer_expires_at = None
        self.reason = "declined the offered place"
        self._decided(self.nominee_id, now)
        self._move(Status.WITHDRAWN, self.nominee_id, now, self.reason)
        return freed

    def lapse_offer(self, now: datetime) -> str:
        """Unanswered by the deadline: back on the waitlist (not offered again automatically);
        returns the cohort it frees."""
        self.ensure_can("answer_offer")
        freed, self.cohort_key = self.cohort_key or "", None
        self.offer_expires_at, self.offer_lapsed = None, True
        self._move(Status.WAITLISTED, "cascade", now, "the offer was not answered in time")
        return freed

    def _ensure_offer_open(self, now: datetime) -> None:
        self.ensure_can("answer_offer")
        if self.offer_expires_at is not None and now > self.offer_expires_at:
            raise InvalidTransition(
                "The time to answer this offer ran out, so the place has been offered to the "
                "next person on the waitlist. You are still on the waitlist."
            )

    def rank_on_waitlist(self, rank: int) -> None:
        self.ensure_can("reorder")
        self.waitlist_rank = rank

    def record_change(self, actor: str, now: datetime, reason: str) -> None:
        """Audit a change that keeps the status (e.g. a new place on the waitlist)."""
        self.events.append(StateChanged(self.id, actor, now, self.status, self.status, reason))
        self.updated_at = now

    def move_to(self, cohort_key: str, actor: str, now: datetime) -> str:
        """Keep the place, in another cohort; returns the cohort it was in."""
        self.ensure_can("move")
        if cohort_key == self.cohort_key:
            raise InvalidTransition(f"This place is already in {cohort_key}.")
        was, self.cohort_key = self.cohort_key or "", cohort_key
        self._decided(actor, now)
        self._move(Status.CONFIRMED, actor, now, f"moved from {was} to {cohort_key}")
        return was

    def cohort_cancelled(self, to_waitlist: bool, actor: str, now: datetime, reason: str) -> str:
        """The cohort of this place (or offer) was cancelled: back on the waitlist, or the
        place is released (declined, with the reason). Returns the cancelled cohort."""
        self.ensure_can("cohort_cancelled")
        was, self.offer_expires_at, self.reason = self.cohort_key or "", None, reason
        if to_waitlist:
            self.cohort_key = None
        self._decided(actor, now)
        self._move(Status.WAITLISTED if to_waitlist else Status.DECLINED, actor, now, reason)
        return was

    def waitlist(self, actor: str, now: datetime) -> None:
        self.ensure_can("waitlist")
        self._decided(actor, now)
        self._move(Status.WAITLISTED, actor, now)

    def decline(self, actor: str, now: datetime, reason: str) -> None:
        self.ensure_can("decline")
        self.reason = reason
        self._decided(actor, now)
        self._move(Status.DECLINED, actor, now, reason)

    def withdraw(self, actor: str, now: datetime, reason: str = "") -> str | None:
        """Withdraw; returns the cohort whose place this frees, if any."""
        self.ensure_can("withdraw")
        freed = self.cohort_key if self.status in (Status.CONFIRMED, Status.OFFERED) else None
        self.offer_expires_at = None
        self.reason = reason
        self._decided(actor, now)
        self._move(Status.WITHDRAWN, actor, now, reason)
        return freed

    def record_attendance(
        self, attended: bool, actor: str, now: datetime, reason: str = ""
    ) -> None:
        """Attended means every session; missing any is recorded as not attended (with the
        sessions attended as the reason)."""
        self.ensure_can("record_attendance")
        to = Status.ATTENDED if attended else Status.DID_NOT_ATTEND
        if to is not self.status:
            self._move(to, actor, now, reason)

    def _decided(self, actor: str, now: datetime) -> None:
        self.decided_by = actor
        self.decided_at = now
