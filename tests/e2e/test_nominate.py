"""/nominate over signed HTTP: the form, inline errors, help, status and request signing."""

from __future__ import annotations

import re
import time
from concurrent.futures import ThreadPoolExecutor

from domain.nominations.nomination import Status
from handlers.programme_admin.configuration import sync_configuration
from tests.e2e import signing
from tests.e2e.harness import Harness, eventually, select_value, text_value, user_value
from tests.factories import configuration


def nominate_values(nominee: str, ics: str | None = "kent-medway", note: str = "") -> dict:
    values = {**user_value("nominee", nominee), **text_value("note", note)}
    if ics:
        values |= select_value("ics", ics)
    return values


def open_form(h: Harness, user: str = "ULEADKM", text: str = "") -> dict:
    before = len(h.slack.calls("views.open"))
    status, body = h.command(user, text)
    assert (status, body) == (200, "")
    h.slack.wait_for("views.open", before + 1)
    return h.opened_view()


def nominate(h: Harness, nominee: str, user: str = "ULEADKM", ics: str = "kent-medway"):
    return h.submit(user, open_form(h, user), nominate_values(nominee, ics))


def test_unsigned_wrongly_signed_and_stale_requests_are_refused(harness: Harness) -> None:
    body = signing.command("/nominate", "help", user_id="ULEADKM")
    assert harness.send(body, secret=None)[0] == 401
    assert harness.send(body, secret="not-the-secret")[0] == 401
    assert harness.send(body, timestamp=int(time.time()) - 400)[0] == 401
    assert harness.send(body)[0] == 200
    assert harness.slack.calls("views.open") == []


def test_help_answers_in_place(harness: Harness) -> None:
    status, body = harness.command("UANN", "help")
    assert status == 200 and "/nominate status" in body
    assert "Questions about Leadership Support Circles" in body and "Jess Done" in body


def test_lead_nominates_and_the_nominee_is_invited(harness: Harness) -> None:
    view = open_form(harness)
    ics_block = next(b for b in view["blocks"] if b.get("block_id") == "ics")
    assert ics_block["element"]["initial_option"]["value"] == "kent-medway"  # their only ICS
    assert [o["value"] for o in ics_block["element"]["options"]] == ["kent-medway"]
    status, reply = harness.submit("ULEADKM", view, nominate_values("UANN", note="Great fit"))
    assert status == 200 and reply["response_action"] == "update"
    assert "*1 of 5* nominations used for Kent and Medway" in str(reply["view"])
    invite = harness.slack.wait_for("chat.postMessage")[0].params
    assert invite["channel"] == "UANN" and "has nominated you" in invite["text"]
    assert "eligibility_open" in str(invite["blocks"])
    assert "At least 2-3 years’ experience of group facilitation" in str(invite["blocks"])
    with harness.uow_factory(read_only=True) as uow:
        (n,) = uow.nominations.list("lsc-t4t")
    assert (n.nominee_id, n.note) == ("UANN", "Great fit")
    _wait_status(harness, n.id, Status.AWAITING_ELIGIBILITY)


def test_nominate_with_a_mention_prefills_the_nominee(harness: Harness) -> None:
    view = open_form(harness, text="<@UBEN|ben>")
    nominee = next(b for b in view["blocks"] if b.get("block_id") == "nominee")
    assert nominee["element"]["initial_user"] == "UBEN"
    status, body = harness.command("ULEADKM", "Ben please")
    assert status == 200 and "didn't recognise" in body


def test_inline_errors_explain_each_refusal(harness: Harness) -> None:
    for person in ("UANN", "UBEN", "UCAT", "UDAN", "UCOORD2"):
        assert nominate(harness, person)[1]["response_action"] == "update"
    _, full = nominate(harness, "ULEADSX")
    assert full == {
        "response_action": "errors",
        "errors": {
            "ics": "Kent and Medway has used 5 of 5 nominations for Leadership Support Circles: "
            "Train the Trainer."
        },
    }
    _, again = nominate(harness, "UANN", user="UCOORD", ics="sussex")
    assert "already has a nomination" in again["errors"]["nominee"]
    _, stranger_ics = harness.submit(
        "ULEADKM", open_form(harness), nominate_values("UCAT", ics="sussex")
    )
    assert "not a lead for Sussex" in stranger_ics["errors"]["ics"]


def test_nominations_submitted_at_the_same_moment_are_refused_in_the_form_past_the_quota(
    harness: Harness,
) -> None:
    """Seven forms for one ICS submitted at once (opening day): five are taken, two are told
    in the form itself; before, every one passed the form (each was checked against the
    nominations already made) and two leads heard later, by DM, that theirs were not."""
    people = ["UANN", "UBEN", "UCAT", "UDAN", "UCOORD2", "ULEADSX", "UEVE"]
    forms = [open_form(harness) for _ in people]
    with ThreadPoolExecutor(len(people)) as pool:
        answers = list(
            pool.map(
                lambda pair: harness.submit("ULEADKM", pair[0], nominate_values(pair[1]))[1],
                zip(forms, people, strict=True),
            )
        )
    taken = [a for a in answers if a.get("response_action") == "update"]
    refused = [a["errors"]["ics"] for a in answers if a.get("response_action") == "errors"]
    assert len(taken) == 5 and len(refused) == 2
    assert all("has used 5 of 5 nominations" in why for why in refused)
    used = sorted(re.search(r"\*(\d) of 5\*", str(a["view"])).group(1) for a in taken)
    assert used == ["1", "2", "3", "4", "5"]
    harness.drained()
    with harness.uow_factory(read_only=True) as uow:
        assert uow.nominations.count_active("lsc-t4t", "kent-medway") == 5
    lead_told = [
        c for c in harness.slack.calls("chat.postMessage") if c.params["channel"] == "ULEADKM"
    ]
    assert not [c for c in lead_told if "was not nominated" in c.params.get("text", "")]


def test_an_app_chosen_as_nominee_is_refused_without_asking_slack_before_the_ack(
    harness: Harness,
) -> None:
    """Slack is not asked who a stranger is while the lead waits (opening day's 210 strangers
    made the form the slowest ack); an app is found out right after, and the lead told."""
    _status, first = nominate(harness, "UBOTTY", user="UCOORD", ics="sussex")
    assert first["response_action"] == "update"
    harness.drained()
    told = harness.message_to("UCOORD", "was not nominated")
    assert "<@UBOTTY> was not nominated: Please choose a person, not an app." in told["text"]
    with harness.uow_factory(read_only=True) as uow:
        assert uow.nominations.active_for("lsc-t4t", "UBOTTY") is None
    _status, again = nominate(harness, "UBOTTY", user="UCOORD", ics="sussex")  # known now
    assert again["errors"] == {"nominee": "Please choose a person, not an app."}


def test_closed_programme_refuses_on_submit(harness: Harness) -> None:
    view = open_form(harness)
    sync_configuration(
        configuration(ics_count=8, coordinators=["UCOORD", "UCOORD2"], open=False),
        harness.uow_factory(),
        harness.clock(),
    )
    _, reply = harness.submit("ULEADKM", view, nominate_values("UANN"))
    assert reply["response_action"] == "errors"
    assert "closed to new nominations" in reply["errors"]["nominee"]
    _status, _body = harness.command("ULEADKM")
    msg = harness.slack.wait_for("response_url:cmd-ULEADKM")[-1].params
    assert "No programme is taking nominations" in msg["text"]


def test_people_without_an_ics_are_told_who_to_ask(harness: Harness) -> None:
    assert harness.command("UANN") == (200, "")
    msg = harness.slack.wait_for("response_url:cmd-UANN")[0].params
    assert "not listed as a lead for any ICS" in msg["text"] and "<@UCOORD>" in msg["text"]
    assert harness.slack.calls("views.open") == []


def test_an_expired_trigger_is_explained(harness: Harness) -> None:
    harness.slack.fail_next("views.open", error="expired_trigger_id")
    assert harness.command("ULEADKM") == (200, "")
    msg = harness.slack.wait_for("response_url:cmd-ULEADKM")[0].params
    assert "took too long" in msg["text"]


def test_status_lists_the_leads_nominations(harness: Harness) -> None:
    nominate(harness, "UANN")
    status, body = harness.command("ULEADKM", "status")
    assert status == 200 and "<@UANN>" in body and "1 of 5" in body


def _wait_status(h: Harness, nomination_id: int, status: Status) -> None:
    def reached() -> bool:
        with h.uow_factory(read_only=True) as uow:
            return uow.nominations.get(nomination_id).status is status

    eventually(reached, f"nomination {nomination_id} to become {status}")
