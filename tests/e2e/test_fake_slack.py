"""The fake Slack refuses what Slack refuses, so a view Slack would not show fails the tests."""

from __future__ import annotations

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from tests.blockkit import valid_view
from tests.e2e.fake_slack import FakeSlack

TWICE = {
    "type": "modal",
    "title": {"type": "plain_text", "text": "Twice"},
    "blocks": [
        {
            "type": "input",
            "block_id": "name",
            "label": {"type": "plain_text", "text": label},
            "element": {"type": "plain_text_input", "action_id": f"name_input_{label}"},
        }
        for label in ("Intake", "Cohort")
    ],
}


@pytest.mark.parametrize(
    ("method", "target"),
    [
        ("views_open", {"trigger_id": "T.1"}),
        ("views_push", {"trigger_id": "T.2"}),
        ("views_update", {"view_id": "V1"}),
        ("views_publish", {"user_id": "UANN"}),
    ],
)
def test_a_view_with_a_repeated_block_id_is_refused_as_slack_refuses_it(
    slack: FakeSlack, method: str, target: dict
) -> None:
    client = WebClient(base_url=slack.api_url, token="xoxb-test")
    view = {**TWICE, "type": "home"} if method == "views_publish" else TWICE
    with pytest.raises(SlackApiError) as refused:
        getattr(client, method)(view=view, **target)
    assert refused.value.response["error"] == "invalid_arguments"
    assert "duplicate block_id" in str(refused.value.response["response_metadata"])
    assert not slack.calls(method.replace("_", "."))[-1].ok


def test_the_shared_view_check_finds_a_repeated_block_id() -> None:
    with pytest.raises(AssertionError, match="repeated block_id"):
        valid_view(TWICE)


def test_a_trigger_used_after_its_lifetime_is_expired_as_slack_says(slack: FakeSlack) -> None:
    """The opening-day bench counts forms opened too late: the fake ages triggers as Slack."""
    client = WebClient(base_url=slack.api_url, token="xoxb-test")
    view = {**TWICE, "blocks": TWICE["blocks"][:1]}
    now = [100.0]
    slack.trigger_lifetime, slack.clock = 3.0, lambda: now[0]
    fresh, stale = slack.issue_trigger("T.fresh"), slack.issue_trigger("T.stale")
    now[0] += 2.9
    client.views_open(trigger_id=fresh, view=view)
    now[0] += 0.2  # 3.1 s after the click
    with pytest.raises(SlackApiError) as refused:
        client.views_open(trigger_id=stale, view=view)
    assert refused.value.response["error"] == "expired_trigger_id"
    assert slack.expired_triggers == ["T.stale"]
