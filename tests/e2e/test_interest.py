"""Spreading the offer end to end: a coordinator shares it to a channel, someone presses
"I'm interested", their ICS lead gets a DM and nominates them in one click."""

from __future__ import annotations

from domain.nominations.nomination import Status
from tests.e2e.harness import Harness, validate_blocks

HOME = {"type": "home", "id": "VHOME"}


def opened(h_: Harness, before: int) -> dict:
    h_.slack.wait_for("views.open", before + 1)
    return h_.opened_view()


def share(h_: Harness, channel: str = "CNEWS") -> dict:
    assert "Share the offer" in str(h_.open_home("UCOORD"))
    before = len(h_.slack.calls("views.open"))
    h_.click("UCOORD", "home_share_offer", "lsc-t4t", view=HOME)
    form = opened(h_, before)
    chosen = {"channel": {"channel_input": {"type": "conversations_select"}}}
    chosen["channel"]["channel_input"]["selected_conversation"] = channel
    return h_.submit("UCOORD", form, chosen)[1]


def interested(h_: Harness, user: str, ics: str, note: str = "") -> dict:
    before = len(h_.slack.calls("views.open"))
    h_.click(user, "offer_interested", "lsc-t4t", channel="CNEWS")
    form = opened(h_, before)
    values = {
        "ics": {"ics_input": {"type": "static_select", "selected_option": {"value": ics}}},
        "note": {"note_input": {"type": "plain_text_input", "value": note}},
    }
    return h_.submit(user, form, values)[1]


def test_im_interested_reaches_the_right_lead_who_nominates_in_one_click(
    harness: Harness,
) -> None:
    answer = share(harness)
    assert answer["response_action"] == "update" and "<#CNEWS>" in str(answer["view"])
    post = harness.message_to("CNEWS", "I'm interested")
    validate_blocks(post["blocks"])
    assert "Eligibility criteria" in str(post["blocks"]) and "Cohort 2" in str(post["blocks"])

    answer = interested(harness, "UDAN", "kent-medway", note="<!channel> my manager agreed")
    assert answer["response_action"] == "update" and "Kent" in str(answer["view"])
    ask = harness.message_to("ULEADKM", "would like to be nominated")
    validate_blocks(ask["blocks"])
    assert "&lt;!channel&gt; my manager agreed" in str(ask["blocks"])
    assert "<!channel>" not in str(ask["blocks"])
    assert not [m for m in harness.dms_to("ULEADSX") if "would like" in m["text"]]

    nominate = next(e for b in ask["blocks"] if b["type"] == "actions" for e in b["elements"])
    harness.click("ULEADKM", nominate["action_id"], nominate["value"], channel="DULEADKM")
    harness.message_to("UDAN", "has nominated you")
    harness.message_to("DULEADKM", "You nominated <@UDAN>", "chat.postEphemeral")
    with harness.uow_factory(read_only=True) as uow:
        made = uow.nominations.active_for("lsc-t4t", "UDAN")
    assert made is not None and (made.ics_key, made.nominated_by) == ("kent-medway", "ULEADKM")
    assert made.status in (Status.NOMINATED, Status.AWAITING_ELIGIBILITY)

    # Asking again once nominated is answered on the form; a second click nominates nobody.
    answer = interested(harness, "UDAN", "kent-medway")
    assert answer["response_action"] == "errors" and "already" in answer["errors"]["ics"]
    harness.click("ULEADKM", nominate["action_id"], nominate["value"], channel="DULEADKM")
    harness.message_to("DULEADKM", "already has a nomination", "chat.postEphemeral")


def test_the_thank_you_names_the_contact(harness: Harness) -> None:
    share(harness)
    answer = interested(harness, "UDAN", "kent-medway")
    assert answer["response_action"] == "update"
    validate_blocks(answer["view"]["blocks"])
    assert "Contact Jess Done, South East Leadership Academy." in str(answer["view"])


def test_only_coordinators_share_and_forged_buttons_change_nothing(harness: Harness) -> None:
    before = len(harness.slack.calls("views.open"))
    harness.click("ULEADKM", "home_share_offer", "lsc-t4t", view=HOME)
    notice = harness.slack.wait_for("views.open", before + 1)[-1].params["view"]
    assert "Only the coordinators" in str(notice)
    harness.click("UDAN", "offer_interested", "no-such-offer", channel="CNEWS")
    harness.message_to("CNEWS", "no programme called", "chat.postEphemeral")
    for forged in ("lsc-t4t:kent-medway:<!channel>", "lsc-t4t:nowhere:UDAN", "x" * 300):
        harness.click("ULEADKM", "interest_nominate", forged, channel="DULEADKM")
    harness.message_to("DULEADKM", "not one Cascade made", "chat.postEphemeral")
    harness.message_to("DULEADKM", "no ICS", "chat.postEphemeral")
    with harness.uow_factory(read_only=True) as uow:
        assert uow.nominations.list("lsc-t4t") == []
