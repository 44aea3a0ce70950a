"""Coordinators change pathways and who holds each role from Slack, over signed HTTP:
changes people see, changes refused because they would break live data, bad fields."""

from __future__ import annotations

from typing import Any

from tests.e2e import test_accreditation
from tests.e2e.harness import Harness, text_value
from tests.e2e.test_accreditation import (
    HOME,
    PATHWAY,
    accredit_directly,
    ask_next_step,
    opened_after,
)

h = test_accreditation.h  # the fixture: a pathway, its roles and two coordinators


def as_opened(view: dict[str, Any]) -> dict[str, Any]:
    """The form's state.values as the person left it: every field as it was filled in."""
    values: dict[str, Any] = {}
    for block in view["blocks"]:
        element = block.get("element")
        if block.get("type") != "input" or element is None:
            continue
        state: dict[str, Any] = {"type": element["type"]}
        if element["type"] == "plain_text_input":
            state["value"] = element.get("initial_value")
        elif element["type"] == "static_select":
            state["selected_option"] = element.get("initial_option")
        elif element["type"] == "multi_static_select":
            state["selected_options"] = element.get("initial_options", [])
        elif element["type"] == "multi_users_select":
            state["selected_users"] = element.get("initial_users", [])
        values[block["block_id"]] = {element["action_id"]: state}
    return values


def many(block: str, *chosen: str) -> dict[str, Any]:
    options = [{"value": v, "text": {"type": "plain_text", "text": v}} for v in chosen]
    return {block: {f"{block}_input": {"type": "multi_static_select", "selected_options": options}}}


def people(block: str, *users: str) -> dict[str, Any]:
    return {block: {f"{block}_input": {"type": "multi_users_select", "selected_users": users}}}


def open_pathway(h: Harness, key: str = PATHWAY, user: str = "UCOORD") -> dict[str, Any]:
    before = len(h.slack.calls("views.open"))
    action = f"home_pathway_edit:{key or 'new'}"
    assert h.click(user, action, key, view=HOME)[0] == 200
    return opened_after(h, before, "pathway_edit")


def open_roles(h: Harness, user: str = "UCOORD") -> dict[str, Any]:
    before = len(h.slack.calls("views.open"))
    assert h.click(user, "home_role_holders", "", view=HOME)[0] == 200
    return opened_after(h, before, "role_holders")


def pathway_now(h: Harness, key: str = PATHWAY):
    with h.uow_factory(read_only=True) as uow:
        return uow.catalogue.get().pathway(key)


def test_a_coordinator_changes_a_pathway_and_its_people_see_it(h: Harness) -> None:
    ask_next_step(h)  # ULT waits for "Observe an Assessor Training Event"
    view = open_pathway(h)
    values = (
        as_opened(view)
        | text_value("step_name:1", "Observe an Assessor Training Event (in person)")
        | text_value("step_name:4", "Reflective write-up")
        | many("step_signers:4", "trainer-of-lead-trainers")
        | text_value("step_asks:4", "Send my write-up")
        | text_value("lapse_after_days", "45")
    )
    status, answer = h.submit("UCOORD", view, values)
    assert status == 200 and answer["response_action"] == "update", answer
    assert "is saved, with 4 step(s)" in str(answer["view"])

    pathway = pathway_now(h)
    assert [s.key for s in pathway.steps] == ["observe", "co-train", "lead", "reflective-write-up"]
    assert pathway.steps[0].name == "Observe an Assessor Training Event (in person)"
    assert pathway.steps[3].signed_off_by == ("trainer-of-lead-trainers",)
    assert pathway.steps[3].asks == "Send my write-up"
    assert pathway.lapse_after_days == 45
    assert "(in person)" in str(h.open_home("ULT")["blocks"])  # their open request's step
    with h.uow_factory(read_only=True) as uow:
        assert len(uow.accreditations.requests("ULT")) == 1  # the request stands

    again = open_pathway(h)  # the form shows what was saved
    assert as_opened(again)["step_name:4"]["step_name:4_input"]["value"] == "Reflective write-up"


def test_changes_that_would_break_live_data_are_refused_beside_their_field(h: Harness) -> None:
    accredit_directly(h)  # ULT: every step signed off, accredited as an Assessor Trainer
    view = open_pathway(h)
    cleared = text_value("step_name:1", "") | many("step_signers:1") | text_value("step_asks:1", "")
    values = as_opened(view) | cleared | _role("grants_role", "lead-trainer")
    status, answer = h.submit("UCOORD", view, values)
    assert status == 200 and answer["response_action"] == "errors", answer
    errors = answer["errors"]  # both reasons at once, each beside its field
    assert "cannot be removed: 1 person has been signed off" in errors["step_name:1"]
    assert "The role it grants cannot change: 1 person has been accredited" in errors["grants_role"]
    assert pathway_now(h).steps[0].key == "observe"
    assert pathway_now(h).grants_role == "assessor-trainer"
    with h.uow_factory(read_only=True) as uow:
        assert not [n for n in _audit(uow) if n.startswith("catalogue:")]

    unused = as_opened(view) | text_value("step_name:3", "") | many("step_signers:3")
    unused |= text_value("step_asks:3", "")
    answer = h.submit("UCOORD", view, unused)[1]  # step 3 is signed off too: refused
    assert "cannot be removed" in answer["errors"]["step_name:3"]


def test_every_bad_field_is_shown_at_once(h: Harness) -> None:
    view = open_pathway(h)
    values = (
        as_opened(view)
        | many("step_signers:2")  # a step nobody may sign off
        | many("step_signers:5", "assessor-trainer")  # a row with no name
        | text_value("lapse_after_days", "soon")
    )
    status, answer = h.submit("UCOORD", view, values)
    assert status == 200 and answer["response_action"] == "errors"
    errors = answer["errors"]
    assert errors["step_signers:2"] == "Choose who may sign this step off."
    assert errors["step_name:5"].startswith("Give this step a name")
    assert errors["lapse_after_days"] == "Please give a whole number."
    shouting = as_opened(view) | text_value("name", "Assessor <!channel> Trainer")
    assert "leave out < and >" in h.submit("UCOORD", view, shouting)[1]["errors"]["name"]
    assert pathway_now(h).steps[1].signed_off_by == ("assessor-trainer",)


def test_a_coordinator_adds_a_pathway_anyone_may_start(h: Harness) -> None:
    view = open_pathway(h, key="")
    assert view["blocks"][0]["element"].get("initial_value") is None  # an empty form
    values = (
        as_opened(view)
        | text_value("name", "Lead Trainer")
        | _role("grants_role", "lead-trainer")
        | text_value("step_name:1", "Co-lead a course")
        | many("step_signers:1", "trainer-of-lead-trainers")
    )
    answer = h.submit("UCOORD", view, values)[1]
    assert answer["response_action"] == "update", answer
    added = pathway_now(h, "lead-trainer")
    assert added.open_to == () and added.steps[0].asks == "Request sign-off"
    h.slack.add_user("UNEWT", name="Nia Newton")
    assert "Co-lead a course" in str(h.open_home("UNEWT")["blocks"])
    home = str(h.open_home("UCOORD")["blocks"])  # one click to each form
    for action in ("home_pathway_edit:assessor-trainer", "home_pathway_edit:lead-trainer"):
        assert action in home
    assert "home_pathway_edit:new" in home and "home_role_holders" in home
    assert "home_pathway_edit" not in str(h.open_home("UNEWT")["blocks"])


def test_a_coordinator_names_who_holds_each_role(h: Harness) -> None:
    h.slack.add_user("UNEWT", name="Nia Newton")
    for user in ("UAT", "UNEWT"):
        h.open_home(user)
    homes = len(h.slack.calls("views.publish"))
    view = open_roles(h)
    opened = as_opened(view)
    assert opened["role:trainer-of-lead-trainers"]["role:trainer-of-lead-trainers_input"][
        "selected_users"
    ] == ["UTOLT"]
    values = (
        opened
        | people("role:assessor-trainer")
        | people("role:trainer-of-lead-trainers", "UTOLT", "UNEWT")
    )
    answer = h.submit("UCOORD", view, values)[1]
    assert answer["response_action"] == "update", answer
    assert "Assessor Trainer" in str(answer["view"]) and "Trainer of Lead Trainers" in str(
        answer["view"]
    )
    h.drained()
    published = {c.params["user_id"] for c in h.slack.calls("views.publish")[homes:]}
    assert {"UAT", "UNEWT"} <= published  # their Homes changed

    ask_next_step(h)  # nobody holds Assessor Trainer now: UAT may no longer sign it off
    before = len(h.slack.calls("views.open"))
    h.click("UAT", "pathway_sign_off", f"ULT:{PATHWAY}")
    notice = opened_after(h, before, "notice")
    assert "Assessor Trainer" in str(notice["blocks"])
    with h.uow_factory(read_only=True) as uow:
        assert uow.accreditations.sign_offs(person="ULT") == []
        assert any(n.startswith("catalogue:role:trainer-of-lead-trainers") for n in _audit(uow))


def test_only_coordinators_change_accreditation_settings(h: Harness) -> None:
    coordinator_view = open_pathway(h)
    for action, value in (("home_pathway_edit:x", PATHWAY), ("home_role_holders", "")):
        before = len(h.slack.calls("views.open"))
        h.click("ULT", action, value, view=HOME)
        assert "Only coordinators" in str(opened_after(h, before, "notice")["blocks"])
    forged = as_opened(coordinator_view) | text_value("name", "Taken over")
    answer = h.submit("ULT", coordinator_view, forged)[1]
    assert "Only coordinators" in answer["errors"]["name"]
    roles = open_roles(h)
    answer = h.submit("ULT", roles, as_opened(roles) | people("role:assessor-trainer", "ULT"))[1]
    assert "Only coordinators" in str(answer["errors"])
    missing = h.submit("UCOORD", roles, {"role:no-such-role": {"x": {}}})[1]
    assert "no longer exists" in str(missing)
    assert pathway_now(h).name == "Assessor Trainer"


def _role(block: str, key: str) -> dict[str, Any]:
    chosen = {"value": key, "text": {"type": "plain_text", "text": key}}
    return {block: {f"{block}_input": {"type": "static_select", "selected_option": chosen}}}


def _audit(uow) -> list[str]:
    from sqlalchemy import text

    return [
        f"{subject} {action}"
        for subject, action in uow.session.execute(text("SELECT subject, action FROM audit_log"))
    ]
