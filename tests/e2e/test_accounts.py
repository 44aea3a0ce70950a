"""A Slack account deactivated (``user_change`` with ``deleted``): every chase and DM to that
person stops, and the coordinators see they have left the workspace (issue 26, part 6)."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.e2e import signing
from tests.e2e.harness import Harness
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
