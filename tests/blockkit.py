"""Block Kit checks shared by the tests: slack_sdk validation plus rules it does not check."""

from __future__ import annotations

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View


def assert_unique_action_ids(blocks: list[dict]) -> None:
    for block in blocks:
        if block.get("type") == "actions":
            ids = [e.get("action_id") for e in block["elements"]]
            assert len(ids) == len(set(ids)), f"repeated action_id in {block}"


def assert_unique_block_ids(blocks: list[dict]) -> None:
    """Slack refuses a view (or message) that names one block_id twice."""
    ids = [block["block_id"] for block in blocks if block.get("block_id")]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    assert not repeated, f"repeated block_id {repeated}"


def valid_view(view: dict) -> None:
    View(**view).validate_json()
    assert len(view["blocks"]) <= 100
    assert_unique_action_ids(view["blocks"])
    assert_unique_block_ids(view["blocks"])


def valid_message(blocks: list[dict]) -> None:
    assert len(blocks) <= 50
    for block in Block.parse_all(blocks):
        block.validate_json()
    assert_unique_action_ids(blocks)
