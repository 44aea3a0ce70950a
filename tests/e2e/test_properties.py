"""Whatever arrives, signed, from "Slack": never a 500, never a trace, never a forbidden change.

Hypothesis makes up command text, button values and whole view submissions (values of any
shape, metadata of any kind) and sends them over real HTTP to the running app.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.nominations.nomination import HOLDS_PLACE
from tests import feature_ids
from tests.e2e import signing
from tests.e2e.harness import Harness, _submission

EXAMPLES = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PEOPLE = st.sampled_from(["UCOORD", "ULEADKM", "UANN", "UBEN", "UNOBODY"])
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3)
    ),
    max_leaves=8,
)
IDS = st.one_of(
    st.integers(-5, 50).map(str),
    st.text(max_size=40),
    st.just("1" * 30),
    st.builds(lambda i, c: f"{i}:{c}", st.integers(0, 20), st.text(max_size=12)),
)


def answered_safely(status: int, text: str) -> None:
    assert status < 500, (status, text)
    assert "Traceback" not in text and "sqlalchemy" not in text.lower()


def rules_hold(harness: Harness) -> None:
    """Whatever happened: no ICS over its limit, no cohort or programme over its places."""
    with harness.uow_factory(read_only=True) as uow:
        programme = uow.programmes.get("lsc-t4t")
        used = uow.nominations.count_active_by_ics("lsc-t4t")
        held = uow.nominations.count_holding_place("lsc-t4t")
    assert all(count <= programme.per_ics_limit for count in used.values())
    assert sum(held.values()) <= programme.total_places
    for cohort in programme.cohorts:
        assert held.get(cohort.key, 0) <= (cohort.places or programme.total_places)
    assert HOLDS_PLACE  # (the statuses counted above)


@EXAMPLES
@given(user=PEOPLE, command=st.sampled_from(["/nominate", "/log-supervision"]), text=st.text())
def test_any_command_text(harness: Harness, user: str, command: str, text: str) -> None:
    answered_safely(*harness.send_command(command, user, text))


@EXAMPLES
@given(
    user=PEOPLE, action=st.sampled_from([a.value for a in feature_ids.members("Action")]), value=IDS
)
def test_any_button_value(harness: Harness, user: str, action: str, value: str) -> None:
    if action in ("review_confirm", "attendance", "log_open"):
        action += ":" + value.partition(":")[2][:20]
    answered_safely(*harness.click(user, action, value, channel="C1"))
    rules_hold(harness)


@EXAMPLES
@given(
    user=PEOPLE,
    callback=st.sampled_from([v.value for v in feature_ids.members("View")]),
    values=JSON,
    metadata=st.one_of(st.text(max_size=40), JSON.map(json.dumps)),
)
def test_any_view_submission(harness, user: str, callback: str, values, metadata: str) -> None:
    view = {"type": "modal", "callback_id": callback, "private_metadata": metadata, "blocks": []}
    payload = _submission(user, view, {})
    payload["view"]["state"] = {"values": values}
    status, text = harness.send(signing.interaction(payload))
    answered_safely(status, text)
    if text.strip():
        assert json.loads(text).get("response_action") in ("errors", "update", "clear", None)
    rules_hold(harness)
