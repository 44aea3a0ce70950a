"""The ack figures: named by what Slack and Cascade call a request, bounded whatever arrives."""

from __future__ import annotations

from prometheus_client.parser import text_string_to_metric_families

from bot.metrics import MAX_NAMES, Metrics, request_kind


def test_each_request_is_named_by_kind_and_never_by_what_a_person_typed() -> None:
    assert request_kind({"command": "/nominate", "text": "my private words"}) == (
        "command",
        "/nominate",
    )
    click = {"type": "block_actions", "actions": [{"action_id": "review_waitlist", "value": "7"}]}
    assert request_kind(click) == ("action", "review_waitlist")
    submitted = {"type": "view_submission", "view": {"callback_id": "log", "state": {}}}
    assert request_kind(submitted) == ("view", "log")
    assert request_kind({"type": "event_callback", "event": {"type": "app_home_opened"}}) == (
        "event",
        "app_home_opened",
    )
    # Odd shapes name nothing rather than fail on the ack's path.
    assert request_kind({"type": "block_actions", "actions": "x"}) == ("action", "?")
    assert request_kind({"type": "view_submission", "view": ["x"]}) == ("view", "?")
    assert request_kind({"type": 5}) == ("other", "?")


def test_far_more_names_than_the_app_has_are_counted_as_other() -> None:
    metrics = Metrics()
    for n in range(MAX_NAMES + 50):
        metrics.acked({"type": "block_actions", "actions": [{"action_id": f"a{n}"}]}, 0.01)
    samples = [
        s
        for family in text_string_to_metric_families(metrics.exposition().decode())
        for s in family.samples
        if s.name == "cascade_acks_total"
    ]
    assert len(samples) == MAX_NAMES + 1
    assert sum(s.value for s in samples) == MAX_NAMES + 50
    assert next(s for s in samples if s.labels["name"] == "other").value == 50
