"""The callback_id, action_id and block_id values of leave: Slack routes by the bare
string, so each is unique across features (tests/unit/test_ids.py)."""

from __future__ import annotations

from enum import StrEnum


class View(StrEnum):
    LEAVE = "leave_record"


class Action(StrEnum):
    LEAVE_OPEN = "leave_open"  # Home: "Record leave"
    LEAVE_END = "leave_end"  # value: the leave's id ("I'm back" or "Cancel")


class Block(StrEnum):
    LEAVE_FROM = "leave_from"
    LEAVE_TO = "leave_to"
    LEAVE_REASON = "leave_reason"
