"""Every view and message builder produces Block Kit that slack_sdk validates, within limits."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.home.blocks import home_view
from bot.nominations.blocks import eligibility, nominate, review
from domain.nominations.nomination import Nomination, Status
from domain.nominations.preference import Preference
from domain.nominations.reasons import NominationReason
from domain.supervision.reasons import SupervisionReason
from handlers.nominations.queries import CoordinatorPanel, LeadPanel, Mine, Overview
from tests.blockkit import valid_message, valid_view
from tests.factories import NOW, ics_list, programme

P, KM = programme(), ics_list()[0]
N = Nomination(
    programme_key=P.key,
    ics_key=KM.key,
    nominee_id="UA",
    nominated_by="UL",
    created_at=NOW,
    id=7,
    note="Strong facilitator",
    status=Status.PENDING_REVIEW,
    preference=Preference("cohort-2", either=True),
    eligibility_confirmed_at=NOW,
)


@pytest.mark.parametrize("status", list(Status))
def test_review_card_in_every_state(status: Status) -> None:
    n = replace(
        N,
        status=status,
        cohort_key="cohort-2",
        decided_by="UCOORD",
        decided_at=NOW,
        reason="Not this time" if status is Status.DECLINED else "",
    )
    _, blocks = review.review_card(n, P, KM)
    valid_message(blocks)
    buttons = [e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]]
    if status in (Status.PENDING_REVIEW, Status.WAITLISTED):
        assert any(a.startswith("review_confirm") for a in buttons)
    elif status is Status.CONFIRMED:  # decided; the place can still move
        assert buttons == ["review_move:cohort-1"]
    else:
        assert buttons == []
    valid_message(review.full_notice("Cohort 2 is full.", n.id, n.can("waitlist")))


def test_modals_validate() -> None:
    valid_view(nominate.nominate_modal([P], list(ics_list(8)), nominee="UA"))
    valid_view(nominate.nominate_modal([P, programme(key="other")], list(ics_list(2))))
    valid_view(nominate.nominated_view("UA", P, KM, 3))
    valid_view(eligibility.eligibility_modal(N, P, ("cohort-1", "cohort-2")))
    valid_view(eligibility.eligibility_done_view(P))
    valid_view(review.decline_modal(N))
    _, invite = eligibility.invitation(N, P, KM)
    valid_message(invite)


def test_home_for_a_busy_coordinator_stays_within_the_home_tab_limit() -> None:
    many_ics = list(ics_list(42))
    pending = [replace(N, id=i, nominee_id=f"U{i}") for i in range(60)]
    panel = CoordinatorPanel(
        P,
        {"cohort-1": 15, "cohort-2": 3},
        [(i, 5) for i in many_ics],
        pending,
        [replace(N, id=99, status=Status.WAITLISTED)],
        4,
        {i.key: i.name for i in many_ics},
    )
    view = home_view(
        Overview(
            coordinating=[panel],
            leading=[LeadPanel(P, KM, pending[:5], 5)],
            mine=[Mine(P, replace(N, status=Status.CONFIRMED, cohort_key="cohort-1"), KM)],
        )
    )
    valid_view(view)
    assert "45 more in the review channel" in str(view)


def test_long_texts_are_clipped_to_slacks_limits() -> None:
    long = programme(name="Leadership " * 27)
    valid_view(nominate.nominate_modal([long], list(ics_list(2))))
    valid_view(home_view(Overview(mine=[Mine(long, N, KM)])))


def test_every_reminder_message_validates_and_snoozes_only_optional_ones() -> None:
    from bot.reminders.messages import reminder_message
    from domain.kernel.outbox import CHASES, Message
    from handlers.nominations.queries import MessageContext
    from tests.factories import full_configuration

    config = full_configuration()
    ctx = MessageContext(config.catalogue, P, N, KM)
    payload = {
        "programme": P.key,
        "nomination": 7,
        "nominee": "UA",
        "nominations": [1, 2],
        "cohort": "cohort-2",
        "ask": 5,
        "ics": KM.key,
        "requirement": "lt-review",
        "due": "2026-12-01",
        "person": "UA",
        "entry": 3,
        "action": "Call Sam",
    }
    periods = {
        NominationReason.COHORT_SOON: "7d",
        SupervisionReason.REQUIREMENT: "2026-12-01:overdue-2",
        SupervisionReason.ACTION_DUE: "2026-10-10",
    }
    from bot.outbox.render import _FOR_RECIPIENT as WRITERS

    # Chases written by their own feature's writers (the mentoring nudge, with the pairs; a
    # circle's reminder, with the circle) are tested with their features.
    for reason in CHASES - set(WRITERS):
        reminder = Message("UA", reason, "x", periods.get(reason, "1"), NOW, payload, id=9)
        text, blocks = reminder_message(reminder, ctx)
        valid_message(blocks)
        assert text and ("reminder_snooze" in str(blocks)) == reason.snoozable


def test_calendar_file_has_both_sessions_in_london_time_with_a_zone_definition() -> None:
    from icalendar import Calendar

    from bot.nominations.calendar import cohort_calendar

    data = cohort_calendar(P, P.cohort("cohort-2"), 0, NOW)
    calendar = Calendar.from_ical(data)
    events = calendar.walk("VEVENT")
    assert [e.decoded("dtstart").isoformat() for e in events] == [
        "2026-11-29T13:30:00+00:00",
        "2026-11-30T13:30:00+00:00",
    ]
    assert calendar.walk("VTIMEZONE") and b"TZID:Europe/London" in data
    assert [e["sequence"] for e in events] == [0, 0]


def test_a_rescheduled_cohorts_calendar_replaces_the_events_it_sent_before() -> None:
    from icalendar import Calendar

    from bot.nominations.calendar import cohort_calendar
    from domain.kernel.programme import Session

    cohort = P.cohort("cohort-2")
    moved = cohort.model_copy(
        update={
            "sessions": (
                Session(start=NOW.replace(tzinfo=None), end=NOW.replace(tzinfo=None, hour=17)),
            ),
            "joining": "https://meet.example/lsc & dial 0123",
        }
    )
    before = Calendar.from_ical(cohort_calendar(P, cohort, 0, NOW)).walk("VEVENT")
    after = Calendar.from_ical(cohort_calendar(P, moved, 1, NOW)).walk("VEVENT")
    assert after[0]["uid"] == before[0]["uid"]  # the same event, so it is replaced...
    assert after[0]["sequence"] == 1 > before[0]["sequence"]  # ...by this newer version
    assert "Joining details: https://meet.example/lsc & dial 0123" in str(after[0]["description"])


def test_snoozed_and_weekend_reminders_name_the_real_dates() -> None:
    from bot.reminders.messages import reminder_message
    from domain.kernel.outbox import Message
    from handlers.nominations.queries import MessageContext
    from tests.factories import full_configuration

    ctx = MessageContext(full_configuration().catalogue, P, N, KM)
    info = {"requirement": "lt-review", "due": "2026-12-20"}
    snoozed = Message(
        "UA",
        SupervisionReason.REQUIREMENT,
        "x",
        "2026-12-20:before-30:snooze-20261120",
        NOW,
        info,
        id=1,
    )
    assert "It is due on Sun 20 Dec 2026" in reminder_message(snoozed, ctx)[0]
    due = Message("UA", SupervisionReason.REQUIREMENT, "x", "2026-12-20:due", NOW, info, id=2)
    assert "due on Sun 20 Dec 2026" in reminder_message(due, ctx)[0]
    action = Message(
        "UA",
        SupervisionReason.ACTION_DUE,
        "entry:1",
        "2026-10-10:snooze-20261012",
        NOW,
        {"entry": 1, "action": "Call Sam"},
        id=3,
    )
    assert "due on Sat 10 Oct: _Call Sam_" in reminder_message(action, ctx)[0]


HOSTILE = "<!channel> <!here> <https://evil.example|Click to confirm your place> & <@U0BOSS>"


def _all_text(blocks_or_text) -> str:
    return str(blocks_or_text)


def test_text_people_type_can_neither_ping_nor_disguise_a_link() -> None:
    """Notes, reasons, names and actions reach others escaped (&, <, >), never as mrkdwn."""
    from bot.reminders.messages import reminder_message
    from bot.supervision.record import entry_line
    from domain.kernel.outbox import Message
    from domain.supervision.entries import Entry, Kind
    from handlers.nominations.queries import MessageContext
    from tests.factories import full_configuration

    declined = replace(N, status=Status.DECLINED, reason=HOSTILE, decided_by="UC", note=HOSTILE)
    shown = [
        review.review_card(replace(N, note=HOSTILE), P, KM),
        review.review_card(declined, P, KM),
        review.decision_message(declined, P, for_lead=True),
        review.status_text(declined, P),
    ]
    catalogue = full_configuration().catalogue
    entry = Entry(
        author_id="UA",
        log_type="line-manager",
        kind=Kind.SUPERVISION,
        occurred_on=NOW.date(),
        with_name=HOSTILE,
        action=HOSTILE,
        notes=HOSTILE,
        created_at=NOW,
        updated_at=NOW,
    )
    shown.append(entry_line(entry, catalogue, private=True))
    due = Message(
        "UA", SupervisionReason.ACTION_DUE, "entry:1", "2026-10-10", NOW, {"action": HOSTILE}, id=1
    )
    shown.append(reminder_message(due, MessageContext(catalogue, P, N, KM)))
    for text in map(_all_text, shown):
        assert "<!channel>" not in text and "<!here>" not in text and "<https://" not in text
        assert "<@U0BOSS>" not in text and "&lt;!channel&gt;" in text


def test_the_programme_contact_is_in_the_invitation_and_the_thank_you() -> None:
    _, invite = eligibility.invitation(N, P, KM)
    assert "Jess Done, South East Leadership Academy" in str(invite)
    assert "Jess Done" in str(eligibility.eligibility_done_view(P))
    assert "Jess" not in str(
        eligibility.eligibility_done_view(P.model_copy(update={"contact": ""}))
    )
