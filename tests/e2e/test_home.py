"""App Home per role, the CSV export, and what a user sees when something unexpected fails."""

from __future__ import annotations

import csv
import io

from slack_sdk.models.views import View

from tests.e2e import signing
from tests.e2e.harness import Harness
from tests.e2e.test_nominate import nominate_values, open_form
from tests.e2e.test_review import fill_cohort, invited, pending_via_ui


def test_coordinator_home_shows_places_ics_usage_queue_and_waitlist(harness: Harness) -> None:
    fill_cohort(harness, "cohort-1", 3)
    ann = pending_via_ui(harness, "UANN")
    home = harness.open_home("UCOORD")
    View(**home).validate_json()
    text = str(home["blocks"])
    assert "*Places confirmed:* 3/30" in text and "Cohort 1: 3/15" in text
    assert "Kent and Medway: 1/5" in text and "ICS 00: 3/5" in text
    assert "*Review queue* (1)" in text and f"'value': '{ann}:cohort-2'" in text
    assert "Export nominations (CSV)" in text and "Nobody is waitlisted" in text


def test_lead_and_nominee_homes(harness: Harness) -> None:
    nid = invited(harness, "UANN")
    lead = harness.open_home("ULEADKM")
    View(**lead).validate_json()
    assert "*1 of 5* nominations used" in str(lead) and "Nominate someone" in str(lead)
    assert "<@UANN>: Awaiting eligibility confirmation" in str(lead)
    nominee = harness.open_home("UANN")
    View(**nominee).validate_json()
    assert "Confirm eligibility" in str(nominee) and f"'value': '{nid}'" in str(nominee)
    stranger = harness.open_home("UDAN")
    assert "Nothing for you here yet" in str(stranger)


def test_home_nominate_button_opens_the_form(harness: Harness) -> None:
    harness.click("ULEADKM", "home_nominate", "lsc-t4t", view={"type": "home", "id": "VH"})
    harness.slack.wait_for("views.open")
    assert harness.opened_view()["callback_id"] == "nominate"


def test_export_sends_the_coordinator_a_csv(harness: Harness) -> None:
    pending_via_ui(harness, "UANN")
    fill_cohort(harness, "cohort-1", 2)
    harness.drained()  # the participants' calendar files have gone
    harness.slack.reset()
    harness.slack.uploads.clear()
    harness.click("UCOORD", "home_export", "lsc-t4t", view={"type": "home", "id": "VH"})
    done = harness.slack.wait_for("files.completeUploadExternal")[0].params
    assert done["channel_id"] == "DUCOORD"
    (content,) = harness.slack.uploads.values()
    rows = list(csv.DictReader(io.StringIO(content.decode())))
    assert [r["status"] for r in rows] == ["Pending review", "Confirmed", "Confirmed"]
    ann = rows[0]  # a register: people by name and address, as Slack names them
    assert (ann["nominee"], ann["nominee_email"], ann["nominee_slack_id"]) == (
        "Uann",
        "ann@nhs.example",
        "UANN",
    )
    assert ann["ics"] == "Kent and Medway" and ann["nominated_by"] == "Uleadkm"
    assert rows[1]["decided_by"] == "Ucoord" and rows[1]["cohort"] == "Cohort 1"
    assert rows[1]["cohort_dates"].startswith("Sun 1 Nov 2026, 09:30–13:00")


def test_nominate_export_excel_sends_a_workbook_by_name_and_never_a_formula(
    harness: Harness,
) -> None:
    from openpyxl import load_workbook

    note = '=HYPERLINK("https://evil.example","Click")'
    harness.submit("ULEADKM", open_form(harness), nominate_values("UANN", note=note))
    harness.drained()
    harness.slack.uploads.clear()
    status, body = harness.send_command("/nominate", "UCOORD", "export excel")
    assert status == 200 and "on their way to your DMs" in body
    done = harness.slack.wait_for("files.completeUploadExternal")[0].params
    assert done["channel_id"] == "DUCOORD"
    (content,) = harness.slack.uploads.values()
    sheet = load_workbook(io.BytesIO(content)).active
    header, ann = (list(r) for r in sheet.iter_rows(values_only=True))
    row = dict(zip(header, ann, strict=True))
    assert row["nominee"] == "Uann" and row["nominee_email"] == "ann@nhs.example"
    assert row["lead_note"].startswith("'=HYPERLINK")  # text, not a formula
    assert all(cell.data_type != "f" for line in sheet.iter_rows() for cell in line)


def test_nominate_export_is_for_coordinators_and_says_what_it_understands(
    harness: Harness,
) -> None:
    status, body = harness.send_command("/nominate", "ULEADKM", "export")
    assert status == 200 and "Only a programme's coordinators can export" in body
    status, body = harness.send_command("/nominate", "UCOORD", "export pdf")
    assert status == 200 and "/nominate export excel" in body
    assert harness.slack.calls("files.completeUploadExternal") == []


def test_export_is_refused_to_non_coordinators(harness: Harness) -> None:
    harness.click("ULEADKM", "home_export", "lsc-t4t", view={"type": "home", "id": "VH"})
    notice = harness.slack.wait_for("views.open")[0].params["view"]
    assert "Only the coordinators" in str(notice)
    assert harness.slack.calls("files.completeUploadExternal") == []


def test_an_unexpected_failure_gives_a_reference_not_a_stack_trace(harness: Harness) -> None:
    harness.slack.fail_next("views.open", error="internal_error")
    assert harness.command("ULEADKM") == (200, "")
    reply = harness.slack.wait_for("chat.postEphemeral")[0].params
    assert "something went wrong on our side" in reply["text"] and "reference" in reply["text"]
    assert "Traceback" not in reply["text"]


def test_a_home_tab_that_slack_refuses_is_not_silent(harness: Harness) -> None:
    harness.slack.fail_next("views.publish", error="invalid_blocks")
    harness.send(signing.event({"type": "app_home_opened", "user": "UANN", "tab": "home"}))
    told = harness.message_to("UANN", "something went wrong")
    assert "reference" in told["text"]


def test_the_register_carries_organisation_sponsor_attendance_per_session_and_after(
    harness: Harness,
) -> None:
    from datetime import timedelta

    from domain.kernel.people import Actor
    from handlers.follow_up.cascading import answer_cascade
    from handlers.follow_up.commands import AnswerCascade
    from tests.e2e.harness import text_value, user_value

    harness.slack.add_user("USPONSOR", name="Sam Sponsor", email="sam@nhs.example")
    values = nominate_values("UANN") | text_value("organisation", "=Kent Community Trust")
    harness.submit("ULEADKM", open_form(harness), values | user_value("sponsor", "USPONSOR"))
    fill_cohort(harness, "cohort-1", 2)  # UF100 and UF101, two half days
    harness.clock.now += timedelta(days=33)  # cohort 1 is over
    home = harness.open_home("UCOORD")
    with harness.uow_factory(read_only=True) as uow:
        uf100 = uow.nominations.active_for("lsc-t4t", "UF100").id
        uf101 = uow.nominations.active_for("lsc-t4t", "UF101").id
    assert f"'value': '{uf100}:missed-2'" in str(home)  # one button per part
    harness.click("UCOORD", "attendance:missed-2", f"{uf100}:missed-2", view=HOME_VIEW)
    harness.click("UCOORD", "attendance:yes", f"{uf101}:yes", view=HOME_VIEW)
    harness.click("UCOORD", "attendance:missed-9", f"{uf101}:missed-9", view=HOME_VIEW)
    harness.drained()
    with harness.quietly() as factory:
        said = AnswerCascade(actor=Actor(user_id="UF101"), nomination_id=uf101, started=True)
        answer_cascade(said, factory(), harness.clock())
    harness.drained()
    harness.slack.uploads.clear()
    sent = len(harness.slack.calls("files.completeUploadExternal"))
    harness.click("UCOORD", "home_export", "lsc-t4t", view=HOME_VIEW)
    harness.slack.wait_for("files.completeUploadExternal", sent + 1)
    (content,) = harness.slack.uploads.values()
    rows = {r["nominee_slack_id"]: r for r in csv.DictReader(io.StringIO(content.decode()))}
    ann = rows["UANN"]
    assert (ann["organisation"], ann["sponsor"]) == ("'=Kent Community Trust", "Sam Sponsor")
    assert rows["UF100"]["sponsor"] == "Ucoord"  # nominated by a coordinator, who agreed it
    missed = rows["UF100"]
    assert (missed["session_1_attended"], missed["session_2_attended"]) == ("yes", "no")
    assert missed["status"] == "Did not attend"
    came = rows["UF101"]
    assert (came["session_1_attended"], came["session_2_attended"]) == ("yes", "yes")
    assert (came["status"], came["cascading"]) == ("Attended", "started")
    assert " met" in came["requirements"] and missed["requirements"] == ""


HOME_VIEW = {"type": "home", "id": "VH"}
