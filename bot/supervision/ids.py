"""The callback_id, action_id and block_id values of supervision: Slack routes by the bare
string, so each is unique across features (tests/unit/test_ids.py)."""

from __future__ import annotations

from enum import StrEnum


class View(StrEnum):
    LOG = "log_entry"


class Action(StrEnum):
    LOG_OPEN = "log_open"
    ENTRY_EDIT = "log_entry_edit"
    ENTRY_DELETE = "log_entry_delete"


class Block(StrEnum):
    WITH_USER = "with_user"
    WITH_NAME = "with_name"
    DURATION = "duration"
    PARTICIPANTS = "participants"
    ACTION = "action"
    ACTION_DUE = "action_due"
