"""The circles channel, set from Home: a coordinator names it in the programme's settings, and
circles published afterwards are posted there; cleared, they are posted nowhere."""

from __future__ import annotations

import pytest

from handlers.programme_admin.configuration import sync_configuration
from tests.e2e.harness import Harness
from tests.e2e.test_admin import filled, form_from_home
from tests.e2e.test_circle_calendar import publish
from tests.factories import NOW, circles_configuration


@pytest.fixture
def circles(harness: Harness) -> Harness:
    config = circles_configuration(coordinators=["UCOORD"], circles_channel="")
    sync_configuration(config, harness.uow_factory(), NOW)
    return harness


def settings_form(h: Harness) -> dict:
    return form_from_home(h, "home_programme_settings", "lsc-t4t")


def channel_input(form: dict) -> dict:
    return next(b for b in form["blocks"] if b.get("block_id") == "circles_channel")


def test_a_coordinator_sets_the_circles_channel_from_home(circles: Harness) -> None:
    form = settings_form(circles)
    block = channel_input(form)
    assert block["optional"] and block["element"]["type"] == "conversations_select"
    assert "initial_conversation" not in block["element"]
    _, answer = circles.submit("UCOORD", form, filled(form, circles_channel="CNEWCIRCLES"))
    assert answer["response_action"] == "update", answer
    with circles.uow_factory(read_only=True) as uow:
        assert uow.programmes.get("lsc-t4t").circles_channel == "CNEWCIRCLES"

    assert "posted to <#CNEWCIRCLES>" in str(publish(circles)["view"])
    assert "open to all staff" in str(circles.message_to("CNEWCIRCLES", "open to all staff"))

    form = settings_form(circles)
    assert channel_input(form)["element"]["initial_conversation"] == "CNEWCIRCLES"
    _, answer = circles.submit("UCOORD", form, filled(form, circles_channel=None))
    assert answer["response_action"] == "update", answer
    with circles.uow_factory(read_only=True) as uow:
        assert uow.programmes.get("lsc-t4t").circles_channel == ""
    assert "posted to" not in str(publish(circles, day="2026-10-09")["view"])


def test_a_forged_circles_channel_is_refused_beside_it(circles: Harness) -> None:
    form = settings_form(circles)
    _, answer = circles.submit("UCOORD", form, filled(form, circles_channel="<!channel>"))
    assert answer["response_action"] == "errors"
    assert answer["errors"] == {"circles_channel": "Please choose a channel from the list."}
    with circles.uow_factory(read_only=True) as uow:
        assert uow.programmes.get("lsc-t4t").circles_channel == ""
