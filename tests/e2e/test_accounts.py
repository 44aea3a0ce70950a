"""A Slack account deactivated (``user_change`` with ``deleted``): every chase and DM to that
person stops, and the coordinators see they have left the workspace (issue 26, part 6)."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.e2e import signing
from tests.e2e.harness import Harness, user_value
from tests.e2e.test_reminders import dms, nominate

MONDAY = datetime(2026, 10, 5, 8, tzinfo=UTC)  # when the eligibility reminder would go


def account(harness: Harness, user: str, *, deleted: bool, n: int = 1) -> None:
    body = signing.event(
        {"type": "user_change", "user": {"id": user, "name": user.lower(), "deleted": deleted}},
        event_id=f"EvAccount{user}{n}",
    )
    status, _ = harness.send(body)
    assert status == 200


def test_a_deactivated_nominee_is_not_chased(harness: Harness, jobs) -> None:
    nominate(harness)  # UANN must confirm eligibility: reminded on Monday (test_reminders)
    harness.drained()  # the invitation went before the account was deactivated

    def tried() -> int:
        calls = harness.slack.calls("chat.postMessage")
        return sum(c.params["channel"] == "UANN" for c in calls)

    invited = tried()
    account(harness, "UANN", deleted=True)
    jobs(MONDAY)
    assert dms(harness, "UANN") == []
    assert tried() == invited  # not even tried: Slack would only have refused it


def test_coordinators_see_who_left_the_workspace_and_who_came_back(harness: Harness) -> None:
    home = str(harness.open_home("UCOORD"))
    assert "<@ULT>" in home and "left the workspace" not in home
    account(harness, "ULT", deleted=True)
    home = str(harness.open_home("UCOORD"))
    assert "<@ULT>" in home and "left the workspace: nothing is sent to them" in home
    account(harness, "ULT", deleted=False, n=2)  # reactivated
    assert "left the workspace" not in str(harness.open_home("UCOORD"))


def test_a_profile_edit_changes_nothing(harness: Harness) -> None:
    before = len(harness.slack.calls("views.publish"))
    account(harness, "ULT", deleted=False)  # Slack sends user_change for every profile edit
    harness.drained()
    assert len(harness.slack.calls("views.publish")) == before  # no coordinator's Home again
    with harness.uow_factory(read_only=True) as uow:
        assert uow.people.left(["ULT"]) == set()


# --- a coordinator erases someone's personal data from Home (issue 26, part 6) -------------


def test_a_coordinator_erases_someone_after_seeing_what_goes_and_what_stays(
    harness: Harness,
) -> None:
    nominate(harness)  # UANN, nominated by ULEADKM
    assert "home_erase" in str(harness.open_home("UCOORD"))
    harness.click("UCOORD", "home_erase", "")
    harness.slack.wait_for("views.open")
    pick = harness.opened_view()
    status, reply = harness.submit("UCOORD", pick, user_value("erase_person", "UANN"))
    assert status == 200 and reply["response_action"] == "update"
    confirm = reply["view"]
    said = str(confirm)
    assert "Erased for good" in said and "their 1 nominations and places" in said
    assert "<@UANN>" in said and "cannot be undone" in said
    with harness.uow_factory(read_only=True) as uow:
        assert len(uow.nominations.list(nominee_id="UANN")) == 1  # nothing yet: only shown
    status, reply = harness.submit("UCOORD", {**confirm, "id": "VERASE"}, {})
    assert reply["response_action"] == "update" and "personal data is erased" in str(reply)
    with harness.uow_factory(read_only=True) as uow:
        assert uow.nominations.list(nominee_id="UANN") == []  # anonymised, still counted
        assert uow.people.get("UANN") is None
        _, entries = uow.audit.read([], ["person:"], person="UCOORD")
        assert [e.action for e in entries] == ["erased personal data"]


def test_only_another_coordinator_may_erase_and_a_forged_confirmation_changes_nothing(
    harness: Harness,
) -> None:
    nominate(harness)
    harness.click("ULEADKM", "home_erase", "")  # a lead: no form, a notice saying why
    harness.slack.wait_for("views.open")
    notice = harness.opened_view()
    assert notice["callback_id"] == "notice" and "Only a coordinator can erase" in str(notice)
    forged = {"type": "modal", "callback_id": "erase_confirm", "id": "VFORGED"}
    status, reply = harness.submit(
        "ULEADKM", {**forged, "private_metadata": '{"person": "UANN"}'}, {}
    )
    assert status == 200 and "Only a coordinator can erase" in str(reply)
    status, reply = harness.submit("UCOORD", {**forged, "private_metadata": "{}"}, {})
    assert status == 200 and "personal data is erased" not in str(reply)  # damaged: not saved
    pick = {"type": "modal", "callback_id": "erase_pick", "id": "VPICK"}
    _, reply = harness.submit("UCOORD", pick, user_value("erase_person", "UCOORD"))
    assert reply["response_action"] == "errors"
    assert "another coordinator" in reply["errors"]["erase_person"]
    with harness.uow_factory(read_only=True) as uow:
        assert len(uow.nominations.list(nominee_id="UANN")) == 1
        assert uow.audit.read([], ["person:"])[0] == 0  # nobody was erased
