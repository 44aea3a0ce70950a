"""Peer review records over signed HTTP: a form submitted twice (a double click on Submit)
is one review, one copy for the trainer and, when it signs off a step, one sign-off."""

from __future__ import annotations

from tests.e2e.harness import Harness
from tests.e2e.test_accreditation import (
    ask_next_step,
    h,  # noqa: F401 - the fixture these tests use (hence F811 on their argument)
    open_review,
    review_values,
    sign_off_observation,
    ticked,
)

COPY = "filled in an Assessment / Peer Review Form"


def copies_to(app: Harness, trainer: str) -> int:
    app.drained()
    return sum(COPY in str((m.get("text"), m.get("blocks"))) for m in app.dms_to(trainer))


def test_a_form_submitted_twice_is_stored_once_and_sent_once(h: Harness) -> None:  # noqa: F811
    view = open_review(h, "UAT")
    first = h.submit("UAT", view, review_values())[1]
    again = h.submit("UAT", view, review_values())[1]  # the same view: Slack's same view id
    assert first["response_action"] == again["response_action"] == "update", again
    assert first == again  # the same thanks, for the same review
    assert copies_to(h, "ULT") == 1
    with h.uow_factory(read_only=True) as uow:
        assert len(uow.peer_reviews.list(trainer="ULT")) == 1

    another = open_review(h, "UAT")  # a new form, from the same assessor, is a new review
    assert h.submit("UAT", another, review_values("Leeds"))[1]["response_action"] == "update"
    assert copies_to(h, "ULT") == 2
    with h.uow_factory(read_only=True) as uow:
        assert [r.venue for r in uow.peer_reviews.list(trainer="ULT")] == ["Leeds", "York"]


def test_a_sign_off_form_submitted_twice_signs_the_step_once(h: Harness) -> None:  # noqa: F811
    ask_next_step(h)
    sign_off_observation(h, "UAT")
    ask_next_step(h)
    view = open_review(h, "UAT")
    for _ in range(2):
        reply = h.submit("UAT", view, review_values() | ticked("signs_off"))[1]
        assert reply["response_action"] == "update", reply
    assert copies_to(h, "ULT") == 1
    with h.uow_factory(read_only=True) as uow:
        (review,) = uow.peer_reviews.list(trainer="ULT")
        signed = [s for s in uow.accreditations.sign_offs("ULT") if s.review_id is not None]
        assert [s.review_id for s in signed] == [review.id]
