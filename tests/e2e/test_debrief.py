"""Debriefs on request over signed HTTP: the facilitator asks from Home, the supervisors are
asked, the first to take it on debriefs them; refusals are clear."""

from __future__ import annotations

import pytest

from domain.supervision.requirements import Role
from handlers.programme_admin.configuration import sync_configuration
from tests.e2e.harness import Harness, eventually, select_value, text_value
from tests.factories import NOW, accreditation_configuration

HOME = {"type": "home", "id": "VH"}


def setup(harness: Harness, supervisors: tuple[str, ...]) -> Harness:
    config = accreditation_configuration(coordinators=["UCOORD"])
    roles = (*config.roles, Role(key="supervisor", name="Supervisor", members=supervisors))
    sync_configuration(config.model_copy(update={"roles": roles}), harness.uow_factory(), NOW)
    for user in ("UFAC", *supervisors):
        harness.slack.add_user(user, name=user.title())
    return harness


@pytest.fixture
def h(harness: Harness) -> Harness:
    return setup(harness, ("USUPONE", "USUPTWO"))


def ask(h: Harness, about: str, kind: str = "group", user: str = "UFAC") -> dict:
    before = len(h.slack.calls("views.open"))
    assert h.click(user, "home_debrief", "", view=HOME)[0] == 200
    view = h.slack.wait_for("views.open", before + 1) and h.opened_view(before)
    values = select_value("debrief_kind", kind, "radio_buttons") | text_value(
        "debrief_about", about
    )
    return h.submit(user, view, values)[1]


def asked_of(h: Harness, user: str) -> dict:
    return h.message_to(user, "asks for a")


def take(h: Harness, user: str, debrief: str) -> str:
    before = len(h.slack.calls("chat.postEphemeral"))
    assert h.click(user, "debrief_take", debrief, channel=f"D{user}")[0] == 200
    return h.slack.wait_for("chat.postEphemeral", before + 1)[before].params["text"]


def test_supervisors_are_asked_and_the_first_to_take_it_on_debriefs(h: Harness) -> None:
    answer = ask(h, "A hard session <!channel> today")
    assert answer["response_action"] == "update"
    assert "2 supervisor(s) have your request" in str(answer["view"])
    h.drained()
    asks = [asked_of(h, s) for s in ("USUPONE", "USUPTWO")]
    for message in asks:
        assert "<@UFAC> asks for a group debrief" in message["text"]
        assert "&lt;!channel&gt;" in str(message["blocks"]) and "<!channel>" not in str(
            message["blocks"]
        )
    debrief = asks[0]["blocks"][1]["elements"][0]["value"]

    assert "knows you will debrief them" in take(h, "USUPTWO", debrief)
    told = h.message_to("UFAC", "will debrief you")
    assert told["text"] == "<@USUPTWO> will debrief you (group) and will be in touch."
    assert "<@USUPTWO> has already taken this debrief on" in take(h, "USUPONE", debrief)
    assert "knows you will debrief them" in take(h, "USUPTWO", debrief)  # a second click
    h.drained()
    assert len([m for m in h.dms_to("UFAC") if "will debrief you" in m["text"]]) == 1


def test_refusals_are_clear_and_change_nothing(h: Harness) -> None:
    assert "1000" in str(ask(h, "x" * 1001)["errors"]["debrief_about"])
    ask(h, "")
    h.drained()
    debrief = asked_of(h, "USUPONE")["blocks"][1]["elements"][0]["value"]
    assert "a supervisor will take it on" in take(h, "UFAC", debrief)  # the one who asked
    assert "Only the programme's supervisors" in take(h, "UNOBODY", debrief)
    assert "no longer exists" in take(h, "USUPONE", "999999")
    assert "no longer exists" in take(h, "USUPONE", "<!channel>")
    forged = ask(h, "", kind="everyone")
    assert forged["response_action"] == "errors" and "debrief_kind" in forged["errors"]
    with h.uow_factory(read_only=True) as uow:
        assert [d.taken_by for d in uow.debriefs.list()] == [None]


def test_with_no_supervisors_named_the_coordinators_are_asked(harness: Harness) -> None:
    h = setup(harness, ())
    harness.slack.add_user("UCOORD", name="Coordinator")
    answer = ask(h, "After the circle")
    assert "the coordinators have your request" in str(answer["view"])
    h.drained()
    debrief = asked_of(h, "UCOORD")["blocks"][1]["elements"][0]["value"]
    assert "knows you will debrief them" in take(h, "UCOORD", debrief)
    eventually(lambda: h.dms_to("UFAC"), "the facilitator to hear who will debrief them")
