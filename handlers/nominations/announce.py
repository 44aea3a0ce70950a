"""What nomination and programme outcomes cause Cascade to say (this feature's part of the one
table, see handlers/kernel/announce.py). Rows carry ids, never words."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from domain.exports.events import EntriesExportRequested, NominationsExportRequested
from domain.follow_up.events import CascadeAnswered
from domain.kernel.outbox import Message, Reason
from domain.nominations import events as e
from domain.nominations.reasons import NominationReason
from domain.programme_admin.events import CohortCancelled, CohortRescheduled, ProgrammeChanged
from domain.supervision.reasons import SupervisionReason
from handlers.kernel.announce import Announcement, home


def _nominated(o: e.Nominated, now: datetime) -> list[Message]:
    return [_dm(o, NominationReason.INVITATION, o.nomination.nominee_id, now), *_homes(o, now)]


def _eligibility_confirmed(o: e.EligibilityConfirmed, now: datetime) -> list[Message]:
    return [_card(o, now), *_homes(o, now)]


def _place_confirmed(o: e.NominationEvent, now: datetime) -> list[Message]:
    n = o.nomination
    calendar = _dm(o, NominationReason.CALENDAR, n.nominee_id, now, cohort=n.cohort_key)
    return [_card(o, now), *_decisions(o, now, to=_concerned(o)), calendar, *_homes(o, now)]


def _place_moved(o: e.PlaceMoved, now: datetime) -> list[Message]:
    """The card, the nominee and their lead hear of the new cohort; the nominee gets its
    calendar file, which also cancels the events of the cohort they left."""
    n = o.nomination
    calendar = _dm(
        o, NominationReason.CALENDAR, n.nominee_id, now, cohort=n.cohort_key, left=o.moved_from
    )
    moved = [
        _dm(o, NominationReason.RESCHEDULED, person, now, cohort=n.cohort_key, left=o.moved_from)
        for person in sorted(_concerned(o))
    ]
    return [_card(o, now), *moved, calendar, *_homes(o, now)]


def _move_asked(o: e.MoveAsked, now: datetime) -> list[Message]:
    """The review channel hears the request, with the button that does it."""
    period = f"{o.wanted}:{now:%Y-%m-%d}"  # asked again the same day: no second post
    payload = {"nomination": o.nomination_id, "programme": o.programme.key, "cohort": o.wanted}
    ask = Message(
        o.programme.review_channel, NominationReason.MOVE_ASKED, _subject(o), period, now, payload
    )
    return [ask]


def _decided(o: e.NominationEvent, now: datetime) -> list[Message]:
    """Waitlisted or declined: the card, the nominee and the lead."""
    return [_card(o, now), *_decisions(o, now, to=_concerned(o)), *_homes(o, now)]


def _withdrawn(o: e.Withdrawn, now: datetime) -> list[Message]:
    """Whoever withdrew knows already; the others are told."""
    told = _concerned(o) - {o.actor}
    return [_card(o, now), *_decisions(o, now, to=told), *_homes(o, now)]


def _place_offered(o: e.PlaceOffered, now: datetime) -> list[Message]:
    """The person offered the place is asked (Accept / Decline); their lead, the card and the
    review channel hear of it."""
    n = o.nomination
    ask = _dm(o, NominationReason.OFFER, n.nominee_id, now, cohort=n.cohort_key)
    notice = Message(
        o.programme.review_channel,
        NominationReason.PLACE_REOFFERED,
        _subject(o),
        _stamp(o, now),
        now,
        {"nomination": o.nomination_id, "freed_by": o.freed_by},
    )
    lead = _decisions(o, now, to={n.nominated_by} - {n.nominee_id})
    return [ask, *lead, _card(o, now), notice, *_homes(o, now)]


def _offer_lapsed(o: e.OfferLapsed, now: datetime) -> list[Message]:
    """The person and their lead hear the offer lapsed (and that they are still waitlisted)."""
    n = o.nomination
    told = [
        _dm(o, NominationReason.DECISION, person, now, status=n.status.value, lapsed=True)
        for person in sorted(_concerned(o))
    ]
    return [_card(o, now), *told, *_homes(o, now)]


def _card_and_home(o: e.NominationEvent, now: datetime) -> list[Message]:
    return [_card(o, now), *_homes(o, now, people=[o.actor])]


def _home_of_actor(o: e.NominationEvent, now: datetime) -> list[Message]:
    return list(_homes(o, now, people=[o.actor]))


def _cohort_rescheduled(o: CohortRescheduled, now: datetime) -> list[Message]:
    """Each participant and their lead hear the new dates; each participant gets the cohort's
    calendar file again, which replaces the events of the one they had."""
    messages = []
    for n in o.participants:
        subject, period = f"nomination:{n.id}", f"{o.cohort_key}:revision-{o.revision}"
        payload = {"nomination": n.id, "programme": o.programme.key, "cohort": o.cohort_key}
        for person in sorted({n.nominee_id, n.nominated_by}):
            messages.append(
                Message(person, NominationReason.RESCHEDULED, subject, period, now, payload)
            )
            messages.append(home(person, now))
        messages.append(
            Message(n.nominee_id, NominationReason.CALENDAR, subject, period, now, payload)
        )
        if o.dropped:  # their events are cancelled by a file of their own (METHOD:CANCEL)
            cancel = {**payload, "dropped": _numbered(o)}
            messages.append(
                Message(
                    n.nominee_id,
                    NominationReason.CALENDAR,
                    subject,
                    f"{period}:cancel",
                    now,
                    cancel,
                )
            )
    return messages


def _numbered(o: CohortRescheduled) -> list[list[object]]:
    """Each dropped session as [its event's number, start, end] (local ISO times)."""
    first = len(o.programme.cohort(o.cohort_key).sessions) + 1
    return [
        [number, s.start.isoformat(), s.end.isoformat()]
        for number, s in enumerate(o.dropped, first)
    ]


def _cohort_cancelled(o: CohortCancelled, now: datetime) -> list[Message]:
    """The person and their lead hear what became of the place; the person's calendar file
    marks the cancelled sessions as such."""
    n = o.nomination
    told = [
        _dm(o, NominationReason.COHORT_CANCELLED, person, now, cohort=o.cohort_key, why=o.why)
        for person in sorted(_concerned(o))
    ]
    calendar = _dm(o, NominationReason.CALENDAR, n.nominee_id, now, cohort=o.cohort_key)
    return [_card(o, now), *told, calendar, *_homes(o, now)]


def _programme_changed(o: ProgrammeChanged, now: datetime) -> list[Message]:
    return [home(person, now) for person in sorted({*o.people, o.actor})]


def _offer_shared(o: e.OfferShared, now: datetime) -> list[Message]:
    period = o.request or f"{now:%Y%m%dT%H%M%S.%f}"
    subject = f"programme:{o.programme.key}"
    payload = {"programme": o.programme.key}
    return [Message(o.channel, NominationReason.OFFER_POST, subject, period, now, payload)]


def _interest_expressed(o: e.InterestExpressed, now: datetime) -> list[Message]:
    """Each lead of the person's ICS is asked, once a day per person and programme."""
    period = f"{o.programme.key}:{now:%Y-%m-%d}"
    payload = {"programme": o.programme.key, "ics": o.ics.key, "person": o.actor, "note": o.note}
    return [
        Message(lead, NominationReason.INTEREST, f"interest:{o.actor}", period, now, payload)
        for lead in sorted(set(o.leads))
    ]


def _nominations_export(o: NominationsExportRequested, now: datetime) -> list[Message]:
    key = o.programme.key
    period = f"{o.request or f'{now:%Y%m%dT%H%M%S.%f}'}:{o.format}"
    payload = {"programme": key, "format": o.format}
    return [
        Message(
            o.actor, NominationReason.NOMINATIONS_EXPORT, f"programme:{key}", period, now, payload
        )
    ]


def _entries_export(o: EntriesExportRequested, now: datetime) -> list[Message]:
    period = o.request or f"{now:%Y%m%dT%H%M%S.%f}"
    return [Message(o.actor, SupervisionReason.ENTRIES_EXPORT, "entries", period, now)]


NOMINATION_ANNOUNCEMENTS: dict[type, Announcement] = {
    e.Nominated: _nominated,
    e.EligibilityConfirmed: _eligibility_confirmed,
    e.PlaceConfirmed: _place_confirmed,
    e.PlaceMoved: _place_moved,
    e.MoveAsked: _move_asked,
    e.Waitlisted: _decided,
    e.Declined: _decided,
    e.Withdrawn: _withdrawn,
    e.PlaceOffered: _place_offered,
    e.OfferLapsed: _offer_lapsed,
    e.WaitlistReordered: _card_and_home,
    e.AttendanceRecorded: _card_and_home,
    CascadeAnswered: _home_of_actor,
    e.OfferShared: _offer_shared,
    e.InterestExpressed: _interest_expressed,
    NominationsExportRequested: _nominations_export,
    EntriesExportRequested: _entries_export,
    CohortRescheduled: _cohort_rescheduled,
    CohortCancelled: _cohort_cancelled,
    ProgrammeChanged: _programme_changed,
}


# --- the messages themselves -----------------------------------------------------------------
def _subject(o: e.NominationEvent) -> str:
    return f"nomination:{o.nomination_id}"


def _stamp(o: e.NominationEvent, now: datetime) -> str:
    """One period per outcome: the status it reached, the cohort, and when."""
    n = o.nomination
    return f"{n.status.value}:{n.cohort_key or '-'}:{now:%Y%m%dT%H%M%S.%f}"


def _dm(o: e.NominationEvent, reason: Reason, to: str, now: datetime, **extra: Any) -> Message:
    payload = {"nomination": o.nomination_id, "programme": o.programme.key, **extra}
    return Message(to, reason, _subject(o), _stamp(o, now), now, payload)


def _card(o: e.NominationEvent, now: datetime) -> Message:
    """The review card: posted the first time, updated in place after that."""
    payload = {"nomination": o.nomination_id}
    return Message(o.programme.review_channel, NominationReason.CARD, _subject(o), "", now, payload)


def _decisions(o: e.NominationEvent, now: datetime, *, to: Iterable[str]) -> list[Message]:
    """What was decided, told in the words for the nominee and for their lead."""
    n = o.nomination
    return [
        _dm(o, NominationReason.DECISION, person, now, status=n.status.value, cohort=n.cohort_key)
        for person in sorted(to)
    ]


def _concerned(o: e.NominationEvent) -> set[str]:
    return {o.nomination.nominee_id, o.nomination.nominated_by}


def _homes(
    o: e.NominationEvent, now: datetime, people: Iterable[str] | None = None
) -> Iterable[Message]:
    """The Home tabs of the people concerned (and of whoever acted) show the change (those
    who use their Home tab: the others see it fresh when they first open it)."""
    chosen = set(people) if people is not None else _concerned(o) | {o.actor}
    return [home(p, now) for p in sorted(chosen)]
