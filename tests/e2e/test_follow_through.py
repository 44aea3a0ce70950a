"""Follow-up that follows through, over signed HTTP against the fake Slack: a logged delivery
ends the chase; an answer with the attendee's words reaches the coordinators (a DM and their
Home list); "Called" ticks the follow-up call off; forged input gets a clear answer."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

from tests.e2e.harness import Harness, text_value, validate_blocks
from tests.e2e.test_reminders import attended, dms
from tests.e2e.test_supervision import open_log_form, values

HOME_VIEW = {"type": "home", "id": "VH"}
HOSTILE = "<!channel> <https://evil.example|Confirm>"


def at(day: int, month: int = 12, year: int = 2026, hour: int = 10) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)


def asks(harness: Harness) -> list[dict]:
    return [m for m in dms(harness, "UANN") if "started delivering" in m["text"]]


def told_to(harness: Harness, user: str) -> list[dict]:
    return [m for m in harness.dms_to(user) if "cascading" in m["text"] and "<@UANN>" in m["text"]]


def words(reason: str = "", materials: str = "", support: str = "") -> dict:
    given = {"reason": reason, "materials": materials, "support": support}
    return {k: v for b, t in given.items() if t for k, v in text_value(b, t).items()}


def test_a_logged_delivery_ends_the_chase(harness: Harness, jobs) -> None:
    attended(harness)
    jobs(at(15))  # two weeks after the cohort: the first ask
    assert len(asks(harness)) == 1
    harness.clock.now = at(16)
    form = open_log_form(harness, "UANN")
    logged = harness.submit("UANN", form, values("circle-delivered", "2026-12-16", participants=8))[
        1
    ]
    assert logged["response_action"] == "update"
    for when in (at(29), at(12, 1, 2027), at(26, 1, 2027), at(9, 2, 2027), at(23, 2, 2027)):
        jobs(when)
    assert len(asks(harness)) == 1  # no more asks
    assert not [m for m in harness.dms_to("UCOORD") if "has not yet started" in m["text"]]
    harness.clock.now = at(23, 2, 2027)
    home = str(harness.open_home("UCOORD"))
    assert "<@UANN>: ✅ delivered on 16 Dec" in home


def test_not_yet_with_words_reaches_the_coordinators_and_called_ticks_the_call_off(
    harness: Harness, jobs
) -> None:
    nid = attended(harness)
    jobs(at(15))
    harness.clock.now = at(15, hour=11)
    harness.click("UANN", "cascade_not_yet", str(nid), channel="DUANN")
    harness.slack.wait_for("views.open")
    form = harness.opened_view()
    said = words("No room <yet>", "Colleagues like the circles", HOSTILE)
    assert harness.submit("UANN", form, said)[1] == {}
    # "I have let the academy know": each coordinator hears it, in the person's words.
    for coordinator in ("UCOORD", "UCOORD2"):
        told = harness.message_to(coordinator, "has not started cascading yet")
        validate_blocks(told["blocks"])
        shown = str(told["blocks"])
        assert "No room &lt;yet&gt;" in shown and "Colleagues like the circles" in shown
        assert "&lt;!channel&gt;" in shown and "<!channel>" not in shown
    home = harness.open_home("UCOORD")
    shown = str(home)
    assert "*Follow-up after training* · 1 call due · 0 of 1 cascading" in shown
    assert "<@UANN>: ⏳ not yet (said 15 Dec): No room &lt;yet&gt;" in shown
    assert "trained 30 Nov · asked 1× · 📞 *call due*" in shown and "<!channel>" not in shown
    assert f"'action_id': 'follow_up_called', 'value': '{nid}'" in shown
    published = len(harness.slack.calls("views.publish"))
    harness.click("UCOORD", "follow_up_called", str(nid), view=HOME_VIEW)
    harness.drained()
    after = [c.params["view"] for c in harness.slack.calls("views.publish")[published:]]
    mine = [v for v in after if "called by <@UCOORD> on 15 Dec" in str(v)]
    assert mine and "follow_up_called" not in str(mine[-1])
    with harness.uow_factory(read_only=True) as uow:
        call = uow.follow_up_calls.latest([nid])[nid]
    assert (call.round, call.called_by, call.called_at) == (1, "UCOORD", at(15, hour=11))
    # A second coordinator with a stale Home, a lead, and a forged value: each told why.
    for who, value, expected in (
        ("UCOORD2", str(nid), "<@UCOORD> ticked off this call on Tue 15 Dec"),
        ("ULEADKM", str(nid), "Only the coordinators"),
        ("UCOORD", "not-a-nomination", "no longer exists"),
    ):
        opened = len(harness.slack.calls("views.open"))
        harness.click(who, "follow_up_called", value, view=HOME_VIEW)
        notice = harness.slack.wait_for("views.open", opened + 1)[-1].params["view"]
        assert expected in str(notice)
    with harness.uow_factory(read_only=True) as uow:
        assert uow.follow_up_calls.latest([nid])[nid].called_by == "UCOORD"
    # The full list is in the register export.
    harness.slack.uploads.clear()  # the calendar files sent earlier
    sent = len(harness.slack.calls("files.completeUploadExternal"))
    harness.click("UCOORD", "home_export", "lsc-t4t", view=HOME_VIEW)
    harness.slack.wait_for("files.completeUploadExternal", sent + 1)
    (content,) = harness.slack.uploads.values()
    ann = next(r for r in csv.DictReader(io.StringIO(content.decode())) if r["id"] == str(nid))
    assert (ann["materials_received"], ann["support_needed"]) == (
        "Colleagues like the circles",
        HOSTILE,
    )
    assert (ann["cascading_asks"], ann["follow_up_call"], ann["last_called_by"]) == (
        "1",
        "done",
        "Ucoord",
    )
    # Still not cascading two weeks on: the next call is due again.
    jobs(at(29))
    harness.clock.now = at(29, hour=11)
    assert "1 call due" in str(harness.open_home("UCOORD2"))


def test_yes_thanks_them_asks_how_it_is_going_and_tells_the_academy_once(
    harness: Harness, jobs
) -> None:
    nid = attended(harness)
    jobs(at(15))
    harness.clock.now = at(15, hour=11)
    harness.click("UANN", "cascade_yes", str(nid), channel="DUANN")
    harness.slack.wait_for("views.open")
    form = harness.opened_view()
    assert "I have let the academy know" in str(form) and form["close"]["text"] == "Skip"
    with harness.uow_factory(read_only=True) as uow:
        assert uow.cascade_answers.latest([nid])[nid][0]  # the click alone ended the chase
    reply = harness.submit("UANN", form, words(materials="Well received", support="A co-trainer"))
    assert reply[1] == {}
    jobs(at(15, hour=11) + timedelta(minutes=11))  # the academy's message waited for the words
    told = harness.message_to("UCOORD", "has started cascading")
    assert "Well received" in str(told["blocks"]) and "A co-trainer" in str(told["blocks"])
    assert len(told_to(harness, "UCOORD")) == 1  # one message with the answer and the words
    jobs(at(29))
    assert len(asks(harness)) == 1
    harness.clock.now = at(29, hour=11)
    home = str(harness.open_home("UCOORD"))
    assert "<@UANN>: ✅ started (said 15 Dec)" in home and "_Materials:_ Well received" in home


def test_forged_or_bad_words_get_an_inline_answer_and_change_nothing(
    harness: Harness, jobs
) -> None:
    nid = attended(harness)
    jobs(at(15))
    harness.clock.now = at(15, hour=11)
    harness.click("UANN", "cascade_yes", str(nid), channel="DUANN")
    harness.slack.wait_for("views.open")
    form = harness.opened_view()
    for who, view, given, block, expected in (
        ("UBEN", form, words(materials="x"), "materials", "Only the person who answered"),
        (
            "UANN",
            {**form, "private_metadata": '{"answer": 999}'},
            words(support="x"),
            "materials",
            "no longer exists",
        ),
        ("UANN", form, words(support="y" * 501), "support", "at most 500 characters"),
    ):
        reply = harness.submit(who, view, given)[1]
        assert reply["response_action"] == "errors" and expected in reply["errors"][block]
    with harness.uow_factory(read_only=True) as uow:
        kept = uow.cascade_answers.answers([nid])[nid]
    assert (kept.materials, kept.support) == ("", "")
    harness.click("UANN", "cascade_not_yet", str(nid), channel="DUANN")
    harness.slack.wait_for("views.open", 2)
    not_yet = harness.opened_view()
    for who, view, given, block, expected in (
        ("UANN", not_yet, words(materials="m" * 501), "materials", "at most 500 characters"),
        ("UANN", not_yet, words(reason="r" * 1001), "reason", "at most 1000 characters"),
        ("UBEN", not_yet, words(reason="x"), "reason", "Only the person who attended"),
        (
            "UANN",
            {**not_yet, "private_metadata": '{"nomination": "1; drop"}'},
            words(reason="x"),
            "reason",
            "no longer exists",
        ),
    ):
        reply = harness.submit(who, view, given)[1]
        assert reply["response_action"] == "errors" and expected in reply["errors"][block]
    with harness.uow_factory(read_only=True) as uow:
        assert uow.cascade_answers.answers([nid])[nid] == kept  # nothing more was stored


def test_yes_is_kept_and_thanked_even_when_slack_cannot_open_the_form(
    harness: Harness, jobs
) -> None:
    nid = attended(harness)
    jobs(at(15))
    harness.clock.now = at(15, hour=11)
    harness.slack.fail_next("views.open", error="expired_trigger_id")
    harness.click("UANN", "cascade_yes", str(nid), channel="DUANN")
    thanked = harness.slack.wait_for("chat.postEphemeral")[-1].params["text"]
    assert thanked == "Wonderful, thank you! I have let the academy know."
    with harness.uow_factory(read_only=True) as uow:
        assert uow.cascade_answers.latest([nid])[nid][0]
    jobs(at(15, hour=11) + timedelta(minutes=11))
    assert "has started cascading" in harness.message_to("UCOORD", "has started")["text"]
