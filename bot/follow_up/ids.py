"""The callback_id, action_id and block_id values of follow up: Slack routes by the bare
string, so each is unique across features (tests/unit/test_ids.py)."""

from __future__ import annotations

from enum import StrEnum


class View(StrEnum):
    CASCADE_NOT_YET = "cascade_not_yet"
    CASCADE_WORDS = "cascade_words"  # after "Yes": metadata {"answer": id}


class Action(StrEnum):
    SNOOZE = "reminder_snooze"
    CASCADE_YES = "cascade_yes"
    CASCADE_NOT_YET = "cascade_not_yet"
    FOLLOW_UP_CALLED = "follow_up_called"  # value: the nomination's id
    ATTENDANCE = "attendance"


class Block(StrEnum):
    MATERIALS = "materials"  # how the materials are being received
    SUPPORT = "support"  # what support they need
