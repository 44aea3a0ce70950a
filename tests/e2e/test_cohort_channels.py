"""Cohort channels over signed HTTP against the fake Slack: a coordinator asks from Home,
Cascade creates the channel, each participant is asked and only those who choose to join are
added; Slack's refusals and a channel created before a crash; forged input answered clearly."""

from __future__ import annotations

from datetime import timedelta

from domain.kernel.outbox import State
from domain.networks.reasons import NetworkReason
from handlers.accounts.erasure import erase_person
from tests.e2e.harness import Harness, select_value, text_value, validate_blocks
from tests.e2e.test_reminders import attended, confirmed
from tests.factories import NOW

HOME = {"type": "home", "id": "VH"}
PRIVATE = {
    "channel_private": {
        "channel_private_input": {"type": "checkboxes", "selected_options": [{"value": "private"}]}
    }
}
PUBLIC = {
    "channel_private": {"channel_private_input": {"type": "checkboxes", "selected_options": []}}
}


def open_channels(harness: Harness, user: str = "UCOORD") -> dict:
    before = len(harness.slack.calls("views.open"))
    assert harness.click(user, "home_cohort_channels", "lsc-t4t", view=HOME)[0] == 200
    harness.slack.wait_for("views.open", before + 1)
    return harness.opened_view(before)


def ask(harness: Harness, name: str = "", cohort: str = "cohort-2", private=PRIVATE) -> dict:
    form = open_channels(harness)
    values = select_value("channel_cohort", cohort) | text_value("channel_name", name) | private
    return harness.submit("UCOORD", form, values)[1]


def join(harness: Harness, user: str, value: str = "lsc-t4t/cohort-2") -> str:
    before = len(harness.slack.calls("chat.postEphemeral"))
    assert harness.click(user, "cohort_channel_join", value, channel=f"D{user}")[0] == 200
    return harness.slack.wait_for("chat.postEphemeral", before + 1)[before].params["text"]


def the_channel(harness: Harness, name: str) -> tuple[str, dict]:
    found = [(i, c) for i, c in harness.slack.channels.items() if c["name"] == name]
    assert len(found) == 1, found
    return found[0]


def test_a_cohort_channel_is_created_and_only_those_who_choose_to_join_are_added(
    harness: Harness,
) -> None:
    attended(harness, "UANN")
    confirmed(harness, "UBEN")
    home = str(harness.open_home("UCOORD"))
    assert "home_cohort_channels" in home
    form = open_channels(harness)
    assert "*Cohort 2*: no channel yet (2 participant(s))" in str(form["blocks"])
    assert "#lsc-t4t-cohort-2" in str(form["blocks"])  # the name used when none is typed

    answer = ask(harness)
    assert answer["response_action"] == "update"
    assert "Creating #lsc-t4t-cohort-2" in str(answer["view"])
    harness.drained()
    (create,) = harness.slack.calls("conversations.create")
    assert create.params["name"] == "lsc-t4t-cohort-2"
    assert str(create.params["is_private"]).lower() in ("1", "true")
    channel_id, channel = the_channel(harness, "lsc-t4t-cohort-2")
    ready = harness.message_to("UCOORD", "is ready for Cohort 2")
    assert f"<#{channel_id}>" in ready["text"] and "asked its 2 participant(s)" in ready["text"]
    for person in ("UANN", "UBEN"):
        asked = harness.message_to(person, "has its own Slack channel")
        validate_blocks(asked["blocks"])
        assert "Join #lsc-t4t-cohort-2" in str(asked["blocks"])
    assert channel["members"] == set()  # nobody is added without saying yes

    assert "adding you to #lsc-t4t-cohort-2" in join(harness, "UANN")
    join(harness, "UANN")  # a double click
    harness.drained()
    invites = harness.slack.calls("conversations.invite")
    assert [(i.params["channel"], i.params["users"]) for i in invites] == [(channel_id, "UANN")]
    assert channel["members"] == {"UANN"}

    assert f"*Cohort 2*: <#{channel_id}> · 1 of 2 joined" in str(open_channels(harness))
    assert f"Your cohort's channel: <#{channel_id}>" in str(harness.open_home("UANN"))
    ben = str(harness.open_home("UBEN"))
    assert "has a channel, #lsc-t4t-cohort-2" in ben and "cohort_channel_join" in ben

    harness.clock.now = NOW + timedelta(days=2)  # UANN left the channel; Join adds them again
    channel["members"].clear()
    join(harness, "UANN")
    harness.drained()
    assert channel["members"] == {"UANN"}


def test_refusals_are_clear_and_change_nothing(harness: Harness) -> None:
    confirmed(harness, "UANN")
    assert "Only the coordinators" in str(open_channels(harness, "UANN"))  # a notice

    bad = ask(harness, "Cohort 2 (Spring) <!channel>")
    assert "lower-case letters" in bad["errors"]["channel_name"]
    assert "at most 80" in ask(harness, "x" * 81)["errors"]["channel_name"]
    assert "no longer exists" in join(harness, "UANN", "<!channel>")
    assert "has no channel" in join(harness, "UANN")
    harness.drained()
    assert not harness.slack.calls("conversations.create")

    ask(harness, "#Cohort Two", private=PUBLIC)  # a leading # and capitals are forgiven
    assert "still being created" in join(harness, "UANN")
    again = ask(harness, "cohort-two", cohort="cohort-1")
    assert "is the channel of cohort-2" in again["errors"]["channel_name"]
    twice = ask(harness, "other-name", cohort="cohort-2")  # a stale form: asked already
    assert "has a channel already: #cohort-two" in twice["errors"]["channel_cohort"]
    harness.drained()
    (create,) = harness.slack.calls("conversations.create")
    assert (create.params["name"], str(create.params["is_private"]).lower()) in (
        ("cohort-two", "false"),
        ("cohort-two", "0"),
    )
    assert "for its participants" in join(harness, "UCAT")


def test_a_name_slack_refuses_is_told_and_the_coordinator_asks_again(harness: Harness) -> None:
    confirmed(harness, "UANN")
    harness.slack.add_channel("taken")  # somebody else's channel
    ask(harness, "taken")
    harness.drained()
    told = harness.message_to("UCOORD", "could not create #taken")
    assert "a channel with that name exists already" in told["text"]
    assert "*Cohort 2*: no channel yet" in str(open_channels(harness)["blocks"])
    assert not [m for m in harness.dms_to("UANN") if "has its own Slack channel" in m["text"]]

    ask(harness, "cohort-2-circle")
    harness.drained()
    channel_id, _ = the_channel(harness, "cohort-2-circle")
    assert "Join #cohort-2-circle" in str(harness.message_to("UANN", "has its own")["blocks"])
    assert "is ready for Cohort 2" in harness.message_to("UCOORD", f"<#{channel_id}>")["text"]


def test_a_channel_created_before_a_crash_is_found_again_not_doubled(harness: Harness) -> None:
    confirmed(harness, "UANN")
    made = harness.slack.add_channel("lsc-t4t-cohort-2", ours=True, private=True)
    ask(harness)
    harness.drained()
    assert len(harness.slack.channels) == 1
    assert harness.slack.calls("conversations.list")
    assert f"<#{made}>" in harness.message_to("UCOORD", "is ready for Cohort 2")["text"]
    join(harness, "UANN")
    harness.drained()
    assert harness.slack.channels[made]["members"] == {"UANN"}


def test_someone_confirmed_after_the_channel_was_made_is_asked_with_their_place(
    harness: Harness,
) -> None:
    confirmed(harness, "UANN")
    ask(harness)
    harness.drained()
    _, channel = the_channel(harness, "lsc-t4t-cohort-2")
    confirmed(harness, "UBEN")  # a place confirmed later (from the waitlist, say)
    harness.drained()
    placed = harness.message_to("UBEN", "Join #lsc-t4t-cohort-2")
    assert "confirmed" in placed["text"].lower()
    validate_blocks(placed["blocks"])
    join(harness, "UBEN")
    harness.drained()
    assert channel["members"] == {"UBEN"}


def test_a_name_taken_by_a_channel_cascade_did_not_create_is_not_adopted(
    harness: Harness,
) -> None:
    """The coordinators' private review channel (Cascade is in it, a person created it) has
    the name asked for: it must be refused as taken, not handed to the participants."""
    confirmed(harness, "UANN")
    harness.slack.channels["CREVIEW"] = {
        "name": "lsc-t4t-review",
        "is_private": True,
        "is_member": True,  # Cascade posts the review cards there
        "members": {"UCOORD", "UCOORD2"},
        "creator": "UCOORD",  # not Cascade (Slack's conversations.list gives "creator")
    }
    ask(harness, "lsc-t4t-review")
    harness.drained()
    to_coordinator = [m["text"] for m in harness.dms_to("UCOORD")]
    assert not [t for t in to_coordinator if "<#CREVIEW> is ready" in t], to_coordinator
    assert not [m for m in harness.dms_to("UANN") if "has its own Slack channel" in m["text"]]
    assert harness.message_to("UCOORD", "could not create #lsc-t4t-review")
    join(harness, "UANN")
    harness.drained()
    assert "UANN" not in harness.slack.channels["CREVIEW"]["members"]


def test_slack_refusing_to_add_a_guest_is_told_at_once_not_retried_for_hours(
    harness: Harness,
) -> None:
    """conversations.invite answers user_is_restricted (a guest) for good: retrying it six
    times over nine hours changes nothing, and meanwhile the person only read "adding you"."""
    confirmed(harness, "UANN")
    ask(harness)
    harness.drained()
    the_channel(harness, "lsc-t4t-cohort-2")
    harness.slack.fail_next("conversations.invite", "user_is_restricted")
    assert "adding you" in join(harness, "UANN")
    harness.drained()
    with harness.uow_factory(read_only=True) as uow:
        (invite,) = uow.outbox.list(reason=NetworkReason.CHANNEL_INVITE)
    assert invite.state is State.FAILED, (invite.state, invite.attempts, invite.due_at)
    told = harness.message_to("UANN", "add you to your cohort's channel")
    assert "Slack does not let guest accounts be added" in told["text"]


def test_erasing_the_coordinator_who_asked_does_not_leave_the_channel_stuck(
    harness: Harness,
) -> None:
    """The request's CHANNEL_CREATE row is addressed to the coordinator who asked; erasing
    them deletes it, and the cohort shows "being created" for good (nobody may ask again)."""
    confirmed(harness, "UANN")
    harness.slack.fail_next("conversations.create", "internal_error")  # retried in 10 s
    ask(harness)
    harness.drained()
    erase_person("UCOORD", harness.uow_factory(), NOW)
    harness.clock.now = NOW + timedelta(hours=1)
    harness.drained()
    with harness.uow_factory(read_only=True) as uow:
        channel = uow.cohort_channels.get("lsc-t4t", "cohort-2")
    # Either the channel was made after all, or the request went so another coordinator
    # (UCOORD2) can ask again: never a request that nothing will ever carry out.
    assert channel is None or channel.channel_id is not None, channel
