"""A time with an offset (``09:00+05:00``) is nothing Slack's time picker sends: each form
with times refuses it beside the field instead of failing, and saves nothing."""

from __future__ import annotations

from tests.e2e.harness import Harness
from tests.e2e.test_admin import filled, form_from_home
from tests.e2e.test_circle_calendar import circles, publish  # noqa: F401  (a fixture)
from tests.e2e.test_group_sessions import form_values, h, open_schedule_form  # noqa: F401
from tests.factories import NOW

FORGED = "09:00+05:00"
CHOOSE = "Please choose a time from the list."


def test_the_cohort_form_refuses_a_time_with_an_offset(harness: Harness) -> None:
    form = form_from_home(harness, "home_cohort_edit:cohort-2", "lsc-t4t/cohort-2")
    with harness.uow_factory(read_only=True) as uow:
        before = uow.programmes.get("lsc-t4t").cohort("cohort-2")
    for typed, block in (
        ("session_start_1", "session_start:1"),
        ("session_end_2", "session_end:2"),
    ):
        _, answer = harness.submit("UCOORD", form, filled(form, **{typed: FORGED}))
        assert answer == {"response_action": "errors", "errors": {block: CHOOSE}}
    with harness.uow_factory(read_only=True) as uow:
        assert uow.programmes.get("lsc-t4t").cohort("cohort-2") == before


def test_the_group_session_form_refuses_a_time_with_an_offset(h: Harness) -> None:  # noqa: F811
    form = open_schedule_form(h)
    forged = {"group_start_input": {"type": "timepicker", "selected_time": FORGED}}
    _, reply = h.submit("ULT", form, form_values(group_start=forged))
    assert reply == {"response_action": "errors", "errors": {"group_start": CHOOSE}}
    with h.uow_factory(read_only=True) as uow:
        assert uow.group_sessions.list() == []


def test_the_circle_form_refuses_a_time_with_an_offset(circles: Harness) -> None:  # noqa: F811
    reply = publish(circles, end=FORGED)
    assert reply == {"response_action": "errors", "errors": {"circle_end": CHOOSE}}
    reply = publish(circles, start=FORGED)
    assert reply == {"response_action": "errors", "errors": {"circle_start": CHOOSE}}
    with circles.uow_factory(read_only=True) as uow:
        assert uow.circles.upcoming(NOW) == []
