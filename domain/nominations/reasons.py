"""Why Cascade sends a message about nominations: invitations, the review card, decisions, offers,
exports and their chases."""

from __future__ import annotations

from domain.kernel.outbox import Reason, register


class NominationReason(Reason):
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
    NOMINATIONS_EXPORT = "nominations-export"  # coordinator: every nomination, as a file
    ELIGIBILITY = "eligibility"  # nominee has not confirmed eligibility
    ELIGIBILITY_LEAD = "eligibility-lead"  # ...and their ICS lead is told
    REVIEW_DIGEST = "review-digest"  # coordinators: nominations waiting for review
    COHORT_SOON = "cohort-soon"  # confirmed participant: training starts soon
    RECORD_ATTENDANCE = "record-attendance"  # coordinators: a cohort has finished
    IMPLEMENTATION = "implementation"  # ICS lead: local implementation session


register(
    NominationReason,
    chases={
        NominationReason.ELIGIBILITY,
        NominationReason.ELIGIBILITY_LEAD,
        NominationReason.REVIEW_DIGEST,
        NominationReason.COHORT_SOON,
        NominationReason.RECORD_ATTENDANCE,
        NominationReason.IMPLEMENTATION,
    },
    awaited={NominationReason.NOMINATIONS_EXPORT},
    one_off={NominationReason.NOT_REACHED},
    coalesces={NominationReason.CARD},
    apologised={NominationReason.NOMINATIONS_EXPORT},
)
