"""Coordinators run programmes from App Home, end to end: a new intake nominated into at
once, a refused breaking edit, a cohort moved or cancelled reaching its people, ICS leads."""

from __future__ import annotations

from typing import Any

from icalendar import Calendar
from sqlalchemy import select

from domain.nominations.nomination import Status
from storage.tables import AuditRow
from tests.e2e.harness import Harness
from tests.e2e.test_nominate import nominate_values, open_form
from tests.e2e.test_review import fill_cohort

HOME = {"type": "home", "id": "VHOME"}
_STATE = {
    "plain_text_input": ("value", "initial_value"),
    "datepicker": ("selected_date", "initial_date"),
    "timepicker": ("selected_time", "initial_time"),
    "conversations_select": ("selected_conversation", "initial_conversation"),
    "multi_users_select": ("selected_users", "initial_users"),
    "checkboxes": ("selected_options", "initial_options"),
    "static_select": ("selected_option", "initial_option"),
    "multi_static_select": ("selected_options", "initial_options"),
    "users_select": ("selected_user", "initial_user"),
}


def filled(view: dict, **changes: Any) -> dict:
    """Slack's state.values for the form as shown, with ``changes`` (block id: new value)
    typed or picked by the person."""
    values = {}
    for block in view["blocks"]:
        if block["type"] != "input":
            continue
        element, block_id = block["element"], block["block_id"]
        key, initial = _STATE[element["type"]]
        value = changes.get(block_id.replace(":", "_"), element.get(initial))
        values[block_id] = {element["action_id"]: {"type": element["type"], key: value}}
    return values


def form_from_home(h_: Harness, action: str, value: str, user: str = "UCOORD") -> dict:
    before = len(h_.slack.calls("views.open"))
    h_.click(user, action, value, view=HOME)
    h_.slack.wait_for("views.open", before + 1)
    return h_.opened_view()


def test_a_new_intake_opened_from_home_takes_nominations_without_a_restart(
    harness: Harness,
) -> None:
    home = harness.open_home("UCOORD")
    assert "New intake (copy)" in str(home)
    form = form_from_home(harness, "home_programme_copy", "lsc-t4t")
    values = filled(
        form,
        name="LSC Spring 2027",
        cohort_name="Spring cohort",
        session_date_1="2027-03-01",
        session_start_1="09:30",
        session_end_1="13:00",
        session_date_2="2027-03-02",
        session_start_2="09:30",
        session_end_2="13:00",
    )
    early = filled(form, session_end_1="08:00")["session_end:1"]
    _, answer = harness.submit("UCOORD", form, values | {"session_end:1": early})
    assert answer["errors"] == {"session_end:1": "It must end after it starts."}
    gone = filled(form, session_date_1="2026-09-01")["session_date:1"]
    _, answer = harness.submit("UCOORD", form, values | {"session_date:1": gone})
    assert "has already started" in answer["errors"]["session_date:1"]
    shouting = filled(form, cohort_name="<!here> cohort")["cohort_name"]
    _, answer = harness.submit("UCOORD", form, values | {"cohort_name": shouting})
    assert list(answer["errors"]) == ["cohort_name"]  # beside the cohort's name, not the intake's
    _, answer = harness.submit("UCOORD", form, values)
    assert answer["response_action"] == "update", answer
    assert "LSC Spring 2027" in str(answer["view"]) and "is open to nominations" in str(answer)

    form = open_form(harness, "ULEADKM")  # the lead's /nominate now offers both programmes
    programmes = next(b for b in form["blocks"] if b.get("block_id") == "programme")
    assert "lsc-spring-2027" in [o["value"] for o in programmes["element"]["options"]]
    values = nominate_values("UNEW") | {
        "programme": {
            "programme_input": {
                "type": "static_select",
                "selected_option": {"value": "lsc-spring-2027"},
            }
        }
    }
    _, reply = harness.submit("ULEADKM", form, values)
    assert reply["response_action"] == "update" and "LSC Spring 2027" in str(reply["view"])
    harness.message_to("UNEW", "has nominated you")
    with harness.uow_factory(read_only=True) as uow:
        made = uow.nominations.active_for("lsc-spring-2027", "UNEW")
        notes = uow.session.execute(
            select(AuditRow.actor, AuditRow.action).where(
                AuditRow.subject == "programme:lsc-spring-2027"
            )
        ).all()
        opened = uow.programmes.get("lsc-spring-2027")
    assert made is not None
    assert notes == [("UCOORD", "opened programme (copied from lsc-t4t)")]
    assert opened.name == "LSC Spring 2027"
    assert [(co.key, co.name) for co in opened.cohorts] == [("cohort-1", "Spring cohort")]


def test_a_breaking_edit_is_refused_inline_with_its_reasons(harness: Harness) -> None:
    fill_cohort(harness, "cohort-1", 6)
    form = form_from_home(harness, "home_programme_settings", "lsc-t4t")
    _, answer = harness.submit("UCOORD", form, filled(form, total_places="4", per_ics_limit="1"))
    assert answer["response_action"] == "errors"
    assert answer["errors"] == {  # said as a coordinator would, beside each setting
        "total_places": "Places in total: 4 is fewer than the 6 places already confirmed.",
        "per_ics_limit": "Nominations per ICS: 1 is fewer than the 5 active nominations one "
        "ICS already has.",
    }
    _, answer = harness.submit("UCOORD", form, filled(form, total_places="lots"))
    assert answer["errors"] == {"total_places": "Please give a whole number."}
    _, answer = harness.submit("UCOORD", form, filled(form, name="<!channel> LSC"))
    assert "leave out < and >" in answer["errors"]["name"]
    with harness.uow_factory(read_only=True) as uow:
        kept = uow.programmes.get("lsc-t4t")
    assert (kept.total_places, kept.per_ics_limit, kept.name[:4]) == (30, 5, "Lead")

    # A lead is no coordinator: the form does not open, and a forged submission is refused.
    before = len(harness.slack.calls("views.open"))
    harness.click("ULEADKM", "home_programme_settings", "lsc-t4t", view=HOME)
    notice = harness.slack.wait_for("views.open", before + 1)[-1].params["view"]
    assert "Only the coordinators" in str(notice)
    _, answer = harness.submit("ULEADKM", form, filled(form, total_places="40"))
    assert answer["response_action"] == "errors" and "Only the coordinators" in str(answer)


def test_moving_a_cohort_from_home_reaches_every_participant_with_a_replacing_event(
    harness: Harness,
) -> None:
    fill_cohort(harness, "cohort-2", 2)
    form = form_from_home(harness, "home_cohort_edit:cohort-2", "lsc-t4t/cohort-2")
    assert "Edit Cohort 2" in str(form["title"])
    _, answer = harness.submit("ULEADKM", form, filled(form))  # a lead's forged submission
    assert list(answer["errors"]) == ["cohort_name"]  # a block the form has
    assert "Only the coordinators" in answer["errors"]["cohort_name"]
    moved = {"session_date_1": "2027-12-06", "session_date_2": "2027-12-07"}
    _, answer = harness.submit(
        "UCOORD", form, filled(form, joining="https://meet.example/c2", **moved)
    )
    assert answer["response_action"] == "update", answer
    for person in ("UF200", "UF201"):
        told = harness.message_to(person, "has changed")
        assert "Mon 6 Dec 2027" in told["text"] and "https://meet.example/c2" in told["text"]
    harness.drained()
    calendars = [Calendar.from_ical(data) for data in harness.slack.uploads.values()]
    assert len(calendars) == 2  # one for each participant
    calendar = calendars[-1]
    events = [e for e in calendar.walk("VEVENT")]
    assert {str(e["uid"]) for e in events} == {
        "lsc-t4t-cohort-2-1@cascade",
        "lsc-t4t-cohort-2-2@cascade",
    }
    assert {int(e["sequence"]) for e in events} == {1}  # replaces the event people have


def test_cancelling_a_cohort_waitlists_its_people_and_tells_them(harness: Harness) -> None:
    fill_cohort(harness, "cohort-1", 1)
    form = form_from_home(harness, "home_cohort_cancel:cohort-1", "lsc-t4t/cohort-1")
    choices = next(b for b in form["blocks"] if b.get("block_id") == "then")["element"]["options"]
    assert choices[0]["value"] == "move:cohort-2"
    waitlist = next(o for o in choices if o["value"] == "waitlist")
    values = filled(form, then=waitlist, reason="The trainer is unwell <!here>")
    _, answer = harness.submit("UCOORD", form, values)
    assert answer["response_action"] == "update" and "is cancelled" in str(answer["view"])
    told = harness.message_to("UF100", "has been cancelled")
    assert "&lt;!here&gt;" in told["text"] and "back on the waitlist" in told["text"]
    with harness.uow_factory(read_only=True) as uow:
        person = uow.nominations.active_for("lsc-t4t", "UF100")
    assert person.status is Status.WAITLISTED
    assert "Cohort 1: cancelled" in str(harness.open_home("UCOORD"))


def test_a_coordinator_adds_an_ics_whose_new_lead_can_nominate(harness: Harness) -> None:
    pick = form_from_home(harness, "home_ics", "lsc-t4t")
    new = next(o for o in pick["blocks"][0]["element"]["options"] if o["value"] == "new")
    _, step = harness.submit("UCOORD", pick, filled(pick, ics=new))
    assert step["response_action"] == "update"
    form = {**step["view"], "id": "VICS"}
    _, answer = harness.submit(
        "UCOORD", form, filled(form, name="Surrey Heartlands", leads=["UNEWLEAD"])
    )
    assert answer["response_action"] == "update", answer
    form = open_form(harness, "UNEWLEAD")
    ics = next(b for b in form["blocks"] if b.get("block_id") == "ics")
    assert [o["value"] for o in ics["element"]["options"]] == ["surrey-heartlands"]


def test_editing_an_ics_changes_it_and_never_adds_another(harness: Harness) -> None:
    pick = form_from_home(harness, "home_ics", "lsc-t4t")
    km = next(o for o in pick["blocks"][0]["element"]["options"] if o["value"] == "kent-medway")
    _, step = harness.submit("UCOORD", pick, filled(pick, ics=km))
    form = {**step["view"], "id": "VICSEDIT"}
    with harness.uow_factory(read_only=True) as uow:
        before = {i.key for i in uow.ics.list()}
    for forged in ("x", '{"programme": null, "item": 5}', '{"programme": null}'):
        tampered = {**form, "private_metadata": forged}
        _, answer = harness.submit("UCOORD", tampered, filled(form, name="Kent ICB"))
        assert answer["response_action"] == "errors", forged
        assert "nothing was saved" in answer["errors"]["name"]
    _, answer = harness.submit("UCOORD", form, filled(form, name="Kent and Medway ICB"))
    assert answer["response_action"] == "update", answer
    with harness.uow_factory(read_only=True) as uow:
        names = {i.key: i.name for i in uow.ics.list()}
    assert set(names) == before and names["kent-medway"] == "Kent and Medway ICB"


def test_an_unreadable_nominations_date_is_refused_beside_it(harness: Harness) -> None:
    form = form_from_home(harness, "home_programme_settings", "lsc-t4t")
    _, answer = harness.submit("UCOORD", form, filled(form, opens="2026-02-30"))
    assert answer == {"response_action": "errors", "errors": {"opens": "That is not a real date."}}
