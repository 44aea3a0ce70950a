"""What Cascade says, in the programme's and the coordinator's words (issue 23, item 16)."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.accreditation.blocks.home import everyone_blocks
from bot.nominations.blocks.eligibility import invitation
from bot.nominations.blocks.home import coordinator_blocks
from bot.nominations.blocks.interest import offer_post
from bot.reminders.messages import reminder_message
from domain.follow_up.reasons import FollowUpReason
from domain.kernel.outbox import Message
from domain.nominations.nomination import Nomination
from domain.programme_admin.catalogue import Catalogue
from domain.programme_admin.programme_changes import breaking_changes
from handlers.accreditation.views import Everyone
from handlers.nominations.queries import CoordinatorPanel, MessageContext
from tests.blockkit import valid_message
from tests.factories import NOW, ics_list, programme

KM = ics_list()[0]


def _cascade_question(**overrides: object) -> str:
    p = programme(**overrides)
    ask = Message("UA", FollowUpReason.CASCADE_CHECK, "x", "1", NOW, {"nomination": 7}, id=9)
    text, blocks = reminder_message(ask, MessageContext(Catalogue(), p, None, KM))
    valid_message(blocks)
    return text


def test_the_cascading_question_uses_the_programmes_own_words() -> None:
    circles = _cascade_question(cascaded_as="leadership support circles")
    assert "cascading leadership support circles?" in circles
    coaching = _cascade_question(name="Coaching Skills for Managers")
    assert "circles" not in coaching
    assert "*Coaching Skills for Managers*" in coaching and "cascading what you learnt" in coaching


def test_the_two_exports_on_home_are_named_by_what_they_hold() -> None:
    p = programme()
    panel = CoordinatorPanel(p, {}, [], [], [], 0, {})
    labels = [
        e["text"]["text"]
        for b in [*coordinator_blocks(panel), *everyone_blocks(Everyone([], [], []), Catalogue())]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["type"] == "button" and "export" in e["action_id"]
    ]
    assert labels == [
        "Export nominations (CSV)",
        "Export nominations (Excel)",
        "Export accreditation (CSV)",
        "Export accreditation (Excel)",
    ]


def test_the_offer_lists_only_cohorts_still_to_come() -> None:
    p = programme()
    after_the_first = datetime(2026, 11, 10, 9, tzinfo=UTC)
    _, blocks = offer_post(p, after_the_first)
    valid_message(blocks)
    assert "Cohort 2" in str(blocks) and "Cohort 1" not in str(blocks)
    _, before_both = offer_post(p, NOW)
    assert "Cohort 1" in str(before_both) and "Cohort 2" in str(before_both)
    nomination = Nomination(p.key, KM.key, "UA", "UL", NOW, id=7)
    _, invited = invitation(nomination, p, KM, after_the_first)
    assert "Cohort 2" in str(invited) and "Cohort 1" not in str(invited)


def test_a_refused_settings_change_is_said_as_a_coordinator_would() -> None:
    old = programme()
    fewer = old.model_copy(
        update={
            "total_places": 4,
            "per_ics_limit": 1,
            "cohorts": (old.cohorts[0].model_copy(update={"places": 2}),),
        }
    )
    problems = breaking_changes(old, fewer, {"cohort-1": 6}, 3, {"cohort-2"})
    assert problems == {
        "total_places": "Places in total: 4 is fewer than the 6 places already confirmed",
        "per_ics_limit": "Nominations per ICS: 1 is fewer than the 3 active nominations "
        "one ICS already has",
        "cohort:cohort-1": "Cohort 1: 2 places is fewer than the 6 already confirmed",
        "cohort:cohort-2": "Cohort 2 has participants or preferences, so it cannot be removed",
    }
    assert not any("lsc-t4t" in why or "_" in why for why in problems.values())
