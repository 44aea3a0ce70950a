"""Eligibility, the coordinators' review card, decisions, withdrawal: over signed HTTP."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from domain.kernel.people import Actor
from domain.nominations.nomination import Status
from handlers.nominations import decisions
from handlers.nominations import nominate as h
from handlers.nominations.commands import ConfirmEligibility, ConfirmPlace, Nominate, Withdraw
from handlers.nominations.eligibility import confirm_eligibility
from tests.e2e import signing
from tests.e2e.harness import Harness, eventually, select_value, ticks, validate_blocks
from tests.e2e.test_nominate import _wait_status, nominate
from tests.factories import ALL_CONFIRMATIONS, ALL_CRITERIA, COORDINATOR


def invited(
    h_: Harness, nominee: str = "UANN", lead: str = "ULEADKM", ics: str = "kent-medway"
) -> int:
    nominate(h_, nominee, user=lead, ics=ics)
    validate_blocks(h_.message_to(nominee, "has nominated you")["blocks"])
    with h_.uow_factory(read_only=True) as uow:
        nid = uow.nominations.active_for("lsc-t4t", nominee).id
    _wait_status(h_, nid, Status.AWAITING_ELIGIBILITY)
    return nid


def open_eligibility(h_: Harness, nid: int, nominee: str = "UANN") -> dict:
    before = len(h_.slack.calls("views.open"))
    assert h_.click(nominee, "eligibility_open", str(nid), channel=f"D{nominee}")[0] == 200
    h_.slack.wait_for("views.open", before + 1)
    return h_.opened_view()


def confirm(h_: Harness, nid: int, nominee: str = "UANN", first: str = "cohort-2") -> dict:
    view = open_eligibility(h_, nid, nominee)
    values = ticks(view) | select_value("first_choice", first, "radio_buttons")
    values |= select_value("second_choice", "either")
    return h_.submit(nominee, view, values)[1]


def card_for(h_: Harness, nominee: str = "UANN") -> dict:
    card = h_.message_to("CREVIEW", f"Nomination: <@{nominee}>")
    validate_blocks(card["blocks"])
    return card


def pending_via_ui(h_: Harness, nominee: str = "UANN") -> int:
    nid = invited(h_, nominee)
    assert confirm(h_, nid, nominee)["response_action"] == "update"

    def recorded():
        with h_.uow_factory(read_only=True) as uow:
            return uow.nominations.card(nid)

    eventually(recorded, "the review card to be recorded")
    return nid


def test_nominee_confirms_and_a_review_card_reaches_the_coordinators(harness: Harness) -> None:
    nid = invited(harness)
    view = open_eligibility(harness, nid)
    labels = [b["label"]["text"] for b in view["blocks"] if b["type"] == "input"]
    assert "At least 2-3 years’ experience of group facilitation" in labels
    assert "I have discussed this offer" in labels
    radio = next(b for b in view["blocks"] if b.get("block_id") == "first_choice")
    assert [o["text"]["text"] for o in radio["element"]["options"]] == [
        "Cohort 1: 1 & 2 Nov, 09:30–13:00",
        "Cohort 2: 29 & 30 Nov, 13:30–17:00",
    ]
    values = ticks(view) | select_value("first_choice", "cohort-2", "radio_buttons")
    reply = harness.submit("UANN", view, values | select_value("second_choice", "either"))[1]
    assert reply["response_action"] == "update" and "What happens next" in str(reply["view"])
    card = card_for(harness)
    text = str(card["blocks"])
    assert "<@UANN>" in text and "Kent and Medway" in text and "Cohort 2, or either" in text
    assert "Confirm (Cohort 2)" in text and "Confirm in Cohort 1" in text
    assert "Waitlist" in text and "Decline" in text
    with harness.uow_factory(read_only=True) as uow:
        assert uow.nominations.get(nid).status is Status.PENDING_REVIEW

    def recorded():
        with harness.uow_factory(read_only=True) as uow:
            return uow.nominations.card(nid)

    channel, ts = eventually(recorded, "the review card to be recorded")
    assert channel == "CREVIEW" and ts


def test_unticked_criteria_get_inline_errors_and_nothing_is_posted(harness: Harness) -> None:
    nid = invited(harness)
    view = open_eligibility(harness, nid)
    values = ticks(view, skip={"experience", "discussed-with-academy"})
    reply = harness.submit(
        "UANN", view, values | select_value("first_choice", "cohort-1", "radio_buttons")
    )[1]
    assert reply["response_action"] == "errors"
    assert set(reply["errors"]) == {"criterion:experience", "confirmation:discussed-with-academy"}
    no_choice = harness.submit("UANN", view, ticks(view) | select_value("first_choice", None))[1]
    assert no_choice["errors"] == {"first_choice": "Choose your preferred cohort."}
    assert [
        c for c in harness.slack.calls("chat.postMessage") if c.params["channel"] == "CREVIEW"
    ] == []


def test_only_the_nominee_can_open_their_form(harness: Harness) -> None:
    nid = invited(harness)
    assert harness.click("UBEN", "eligibility_open", str(nid), channel="DUBEN")[0] == 200
    reply = harness.slack.wait_for("chat.postEphemeral")[0].params
    assert reply["user"] == "UBEN" and "Only the person nominated" in reply["text"]


def test_nominee_can_decline_from_the_form(harness: Harness) -> None:
    nid = invited(harness)
    view = open_eligibility(harness, nid)
    harness.click("UANN", "eligibility_nominee_declines", str(nid), view={**view, "id": "VELIG"})
    update = harness.slack.wait_for("views.update")[0].params
    assert update["view_id"] == "VELIG" and "declined" in str(update["view"])
    _wait_status(harness, nid, Status.WITHDRAWN)
    assert "has been withdrawn" in harness.message_to("ULEADKM", "withdrawn")["text"]


def test_coordinator_confirms_from_the_card(harness: Harness) -> None:
    nid = pending_via_ui(harness)
    card_for(harness)
    harness.slack.reset()
    assert (
        harness.click("UCOORD", "review_confirm:cohort-2", f"{nid}:cohort-2", channel="CREVIEW")[0]
        == 200
    )
    update = harness.slack.wait_for("chat.update")[0].params
    validate_blocks(update["blocks"])
    assert update["channel"] == "CREVIEW" and "review_confirm" not in str(update["blocks"])
    assert "review_move:cohort-1" in str(update["blocks"])  # decided; the place can still move
    assert "Confirmed — Cohort 2 by <@UCOORD>" in str(update["blocks"])
    upload = harness.slack.wait_for("files.completeUploadExternal")[0]
    calendar = b"".join(harness.slack.uploads.values())
    assert b"BEGIN:VEVENT" in calendar and b"DTSTART;TZID=Europe/London:20261129T133000" in calendar
    assert "Cohort 2" in upload.params["initial_comment"]
    assert "Sun 29 Nov 2026" in harness.message_to("UANN", "is confirmed: *Cohort 2*")["text"]
    assert harness.message_to("ULEADKM", "<@UANN>'s nomination for")
    _wait_status(harness, nid, Status.CONFIRMED)


def test_non_coordinators_and_stale_buttons_change_nothing(harness: Harness) -> None:
    nid = pending_via_ui(harness)
    harness.slack.reset()
    harness.click("ULEADKM", "review_confirm:cohort-2", f"{nid}:cohort-2", channel="CREVIEW")
    refused = harness.slack.wait_for("chat.postEphemeral")[0].params
    assert refused["user"] == "ULEADKM" and "Only the coordinators" in refused["text"]
    with harness.uow_factory(read_only=True) as uow:
        assert uow.nominations.get(nid).status is Status.PENDING_REVIEW
    harness.click("UCOORD", "review_confirm:cohort-2", f"{nid}:cohort-2", channel="CREVIEW")
    _wait_status(harness, nid, Status.CONFIRMED)
    harness.click("UCOORD2", "review_waitlist", str(nid), channel="CREVIEW")
    stale = harness.slack.wait_for("chat.postEphemeral", 2)[-1].params
    assert stale["user"] == "UCOORD2"
    assert "already confirmed (cohort-2) by <@UCOORD>" in stale["text"]
    _wait_status(harness, nid, Status.CONFIRMED)


def test_full_cohort_changes_nothing_and_offers_the_waitlist(harness: Harness) -> None:
    fill_cohort(harness, "cohort-2", 15)
    nid = pending_via_ui(harness)
    harness.slack.reset()
    harness.click("UCOORD", "review_confirm:cohort-2", f"{nid}:cohort-2", channel="CREVIEW")
    notice = harness.slack.wait_for("chat.postEphemeral")[0].params
    assert "Cohort 2 is full: 15 of 15 places are confirmed" in notice["text"]
    assert "Waitlist instead" in str(notice["blocks"])
    with harness.uow_factory(read_only=True) as uow:
        assert uow.nominations.get(nid).status is Status.PENDING_REVIEW
    harness.click("UCOORD", "review_waitlist", str(nid), channel="CREVIEW")
    _wait_status(harness, nid, Status.WAITLISTED)
    assert "is on the waitlist" in harness.message_to("UANN", "waitlist")["text"]


def test_decline_asks_for_a_reason_and_tells_both(harness: Harness) -> None:
    nid = pending_via_ui(harness)
    harness.slack.reset()
    harness.click("UCOORD", "review_decline", str(nid), channel="CREVIEW")
    view = harness.slack.wait_for("views.open")[0].params["view"]
    reply = harness.submit(
        "UCOORD", view, {"reason": {"reason_input": {"type": "plain_text_input", "value": "  "}}}
    )[1]
    assert reply["errors"] == {"reason": "Please give a reason."}
    reply = harness.submit(
        "UCOORD",
        view,
        {
            "reason": {
                "reason_input": {
                    "type": "plain_text_input",
                    "value": "Places went to frontline managers",
                }
            }
        },
    )[1]
    assert reply == {}
    _wait_status(harness, nid, Status.DECLINED)
    for person in ("UANN", "ULEADKM"):
        assert "Reason: Places went to frontline" in harness.message_to(person, "declined")["text"]


def test_two_coordinators_confirming_the_last_place_at_once(harness: Harness) -> None:
    fill_cohort(harness, "cohort-1", 15)
    fill_cohort(harness, "cohort-2", 14)
    first, second = pending_via_ui(harness, "UANN"), pending_via_ui(harness, "UBEN")
    harness.slack.reset()
    with ThreadPoolExecutor(2) as pool:
        list(
            pool.map(
                lambda args: harness.click(*args),
                [
                    ("UCOORD", "review_confirm:cohort-2", f"{first}:cohort-2"),
                    ("UCOORD2", "review_confirm:cohort-2", f"{second}:cohort-2"),
                ],
            )
        )
    harness.drained()  # the loser clicked from no channel: they are told in their DM
    told = [
        c.params
        for c in harness.slack.calls("chat.postMessage")
        if c.params["channel"] in ("UCOORD", "UCOORD2") and "full" in c.params["text"]
    ]
    assert len(told) == 1 and "Nothing was changed" in str(told[0]["blocks"])
    with harness.uow_factory(read_only=True) as uow:
        held = uow.nominations.count_holding_place("lsc-t4t")
        statuses = {uow.nominations.get(i).status for i in (first, second)}
    assert held == {"cohort-1": 15, "cohort-2": 15}
    assert statuses == {Status.CONFIRMED, Status.PENDING_REVIEW}


def test_withdrawal_from_home_offers_the_place_to_the_waitlist(harness: Harness) -> None:
    fill_cohort(harness, "cohort-2", 14)
    ann, ben = pending_via_ui(harness, "UANN"), pending_via_ui(harness, "UBEN")
    harness.click("UCOORD", "review_confirm:cohort-2", f"{ann}:cohort-2", channel="CREVIEW")
    _wait_status(harness, ann, Status.CONFIRMED)
    harness.click("UCOORD", "review_waitlist", str(ben), channel="CREVIEW")
    _wait_status(harness, ben, Status.WAITLISTED)
    home = harness.open_home("UANN")
    assert "I can no longer attend" in str(home)
    harness.slack.reset()
    harness.click("UANN", "withdraw", str(ann), view={"type": "home", "id": "VHOME"})
    _wait_status(harness, ben, Status.OFFERED)
    review = harness.message_to("CREVIEW", "It is offered to <@UBEN>")
    validate_blocks(review["blocks"])
    assert "Accept the place" in str(harness.open_home("UBEN"))
    harness.click("UBEN", "offer_accept", str(ben), view={"type": "home", "id": "VHOME"})
    _wait_status(harness, ben, Status.CONFIRMED)
    assert "is confirmed: *Cohort 2*" in harness.message_to("UBEN", "is confirmed")["text"]


def fill_cohort(h_: Harness, cohort: str, count: int) -> None:
    """Confirmed participants straight through the use cases (quick set-up)."""
    with h_.quietly() as factory:
        _fill(factory, h_.clock(), cohort, count)


def _fill(factory, now, cohort: str, count: int) -> None:
    for i in range(count):
        ics = f"ics-{(i // 5) + (0 if cohort == 'cohort-1' else 3):02d}"
        nominee = f"UF{cohort[-1]}{i:02d}"
        made = h.nominate(
            Nominate(actor=COORDINATOR, programme_key="lsc-t4t", ics_key=ics, nominee_id=nominee),
            factory(),
            now,
        )
        confirm_eligibility(
            ConfirmEligibility(
                actor=Actor(user_id=nominee),
                nomination_id=made.nomination.id,
                criteria=ALL_CRITERIA,
                confirmations=ALL_CONFIRMATIONS,
                first_choice=cohort,
            ),
            factory(),
            now,
        )
        decisions.confirm_place(
            ConfirmPlace(actor=COORDINATOR, nomination_id=made.nomination.id),
            factory(),
            now,
        )


def test_buttons_in_a_private_status_reply_answer_the_click(harness: Harness) -> None:
    nid = pending_via_ui(harness)
    harness.slack.reset()
    ephemeral = {"type": "message", "message_ts": "1.2", "is_ephemeral": True}
    harness.send(
        signing.block_action(
            "UCOORD", "review_waitlist", str(nid), channel_id="C1", container=ephemeral
        )
    )
    told = harness.slack.wait_for("chat.postEphemeral")[0].params
    assert told["user"] == "UCOORD" and "<@UANN>: Waitlisted by <@UCOORD>" in told["text"]


def test_an_expired_trigger_on_a_button_is_explained(harness: Harness) -> None:
    nid = invited(harness)
    harness.slack.fail_next("views.open", error="expired_trigger_id")
    harness.click("UANN", "eligibility_open", str(nid), channel="DUANN")
    told = harness.slack.wait_for("chat.postEphemeral")[0].params
    assert "took too long" in told["text"]


def test_a_moved_cohort_reaches_every_participant_with_a_calendar_that_replaces_the_old(
    harness: Harness,
) -> None:
    from icalendar import Calendar

    from handlers.programme_admin.configuration import sync_configuration
    from tests.factories import NOW, full_configuration, programme

    nid = pending_via_ui(harness)
    harness.click("UCOORD", "review_confirm:cohort-2", f"{nid}:cohort-2", channel="CREVIEW")
    harness.slack.wait_for("files.completeUploadExternal")
    first = Calendar.from_ical(b"".join(harness.slack.uploads.values())).walk("VEVENT")
    harness.drained()
    harness.slack.reset()
    sent_before = set(harness.slack.uploads)
    cohorts = programme().model_dump(mode="json")["cohorts"]
    cohorts[1]["sessions"] = [
        {"start": "2026-12-07T13:30:00", "end": "2026-12-07T17:00:00"},
        {"start": "2026-12-08T13:30:00", "end": "2026-12-08T17:00:00"},
    ]
    cohorts[1]["joining"] = "https://meet.example/lsc <!channel>"
    moved = full_configuration(ics_count=8, coordinators=["UCOORD", "UCOORD2"], cohorts=cohorts)

    sync_configuration(moved, harness.uow_factory(), NOW)  # `cascade config sync`, or a restart

    told = harness.message_to("UANN", "has changed")["text"]
    assert "Mon 7 Dec 2026, 13:30–17:00" in told and "Tue 8 Dec 2026" in told
    assert "https://meet.example/lsc &lt;!channel&gt;" in told  # typed text stays inert
    lead = harness.message_to("ULEADKM", "<@UANN>'s cohort")["text"]
    assert "Mon 7 Dec 2026" in lead
    harness.slack.wait_for("files.completeUploadExternal")
    (new,) = [data for key, data in harness.slack.uploads.items() if key not in sent_before]
    after = Calendar.from_ical(new).walk("VEVENT")
    assert [e["uid"] for e in after] == [e["uid"] for e in first]  # the same events...
    assert {e["sequence"] for e in after} == {1} and {e["sequence"] for e in first} == {0}
    assert after[0].decoded("dtstart").isoformat() == "2026-12-07T13:30:00+00:00"  # ...moved
    assert "meet.example/lsc" in str(after[0]["description"])
    harness.drained()
    assert len(harness.dms_to("UANN")) == 1 and len(harness.dms_to("ULEADKM")) == 1


def test_moving_a_place_is_refused_when_the_cohort_is_full_and_done_when_it_has_room(
    harness: Harness,
) -> None:
    from icalendar import Calendar

    nid = pending_via_ui(harness)
    harness.click("UCOORD", "review_confirm:cohort-2", f"{nid}:cohort-2", channel="CREVIEW")
    _wait_status(harness, nid, Status.CONFIRMED)
    harness.drained()
    card = harness.slack.calls("chat.update")[-1].params
    assert "review_move:cohort-1" in str(card["blocks"]) and "Move to Cohort 1" in str(card)
    fill_cohort(harness, "cohort-1", 15)
    harness.slack.reset()

    harness.click("UCOORD", "review_move:cohort-1", f"{nid}:cohort-1", channel="CREVIEW")
    notice = harness.slack.wait_for("chat.postEphemeral")[0].params
    assert "Cohort 1 is full: 15 of 15 places are confirmed" in notice["text"]
    assert "The place stays where it is" in notice["text"]
    with harness.uow_factory(read_only=True) as uow:
        assert uow.nominations.get(nid).cohort_key == "cohort-2"

    with harness.quietly() as quiet:  # someone in Cohort 1 withdraws: there is room now
        with quiet(read_only=True) as uow:
            leaving = uow.nominations.list("lsc-t4t", statuses=frozenset({Status.CONFIRMED}))
        gone = next(n for n in leaving if n.cohort_key == "cohort-1")
        decisions.withdraw(
            Withdraw(actor=COORDINATOR, nomination_id=gone.id), quiet(), harness.clock()
        )
    harness.slack.reset()
    before = set(harness.slack.uploads)
    harness.click("UCOORD", "review_move:cohort-1", f"{nid}:cohort-1", channel="CREVIEW")

    told = harness.message_to("UANN", "has moved")["text"]
    assert "from *Cohort 2* to *Cohort 1*" in told and "Sun 1 Nov 2026" in told
    assert harness.message_to("ULEADKM", "<@UANN>'s place")
    harness.slack.wait_for("files.completeUploadExternal")
    (ics,) = [data for key, data in harness.slack.uploads.items() if key not in before]
    events = Calendar.from_ical(ics).walk("VEVENT")
    kept = [str(e["uid"]) for e in events if e.get("status") != "CANCELLED"]
    cancelled = [str(e["uid"]) for e in events if e.get("status") == "CANCELLED"]
    assert kept == ["lsc-t4t-cohort-1-1@cascade", "lsc-t4t-cohort-1-2@cascade"]
    assert cancelled == ["lsc-t4t-cohort-2-1@cascade", "lsc-t4t-cohort-2-2@cascade"]
    with harness.uow_factory(read_only=True) as uow:
        moved = uow.nominations.get(nid)
        assert (moved.status, moved.cohort_key) == (Status.CONFIRMED, "cohort-1")
        assert uow.nominations.count_holding_place("lsc-t4t") == {"cohort-1": 15}


def test_a_participant_asks_to_move_and_a_coordinator_moves_them_from_the_request(
    harness: Harness,
) -> None:
    nid = pending_via_ui(harness)
    harness.click("UCOORD", "review_confirm:cohort-2", f"{nid}:cohort-2", channel="CREVIEW")
    _wait_status(harness, nid, Status.CONFIRMED)
    harness.drained()
    home = harness.open_home("UANN")
    assert "ask_move:cohort-1" in str(home) and "Ask to move to Cohort 1" in str(home)
    harness.slack.reset()

    harness.click("UANN", "ask_move:cohort-1", f"{nid}:cohort-1", view={"type": "home", "id": "VH"})

    asked = harness.message_to("CREVIEW", "asks to move")
    assert "<@UANN> asks to move from Cohort 2 to Cohort 1" in asked["text"]
    assert "review_move:cohort-1" in str(asked["blocks"])
    said = harness.slack.wait_for("views.open")[-1].params["view"]  # told, on their Home
    assert "has gone to the coordinators" in str(said)
    with harness.uow_factory(read_only=True) as uow:
        assert uow.nominations.get(nid).cohort_key == "cohort-2"  # theirs to decide

    harness.click("UCOORD", "review_move:cohort-1", f"{nid}:cohort-1", channel="CREVIEW")
    assert "from *Cohort 2* to *Cohort 1*" in harness.message_to("UANN", "has moved")["text"]
    with harness.uow_factory(read_only=True) as uow:
        assert uow.nominations.get(nid).cohort_key == "cohort-1"
