"""The callback_id, action_id and block_id values of accounts: Slack routes by the bare
string, so each is unique across features (tests/unit/test_ids.py)."""

from __future__ import annotations

from enum import StrEnum


class View(StrEnum):
    ERASE_PICK = "erase_pick"
    ERASE_CONFIRM = "erase_confirm"  # metadata: {"person": user id}


class Action(StrEnum):
    ERASE_OPEN = "home_erase"


class Block(StrEnum):
    ERASE_PERSON = "erase_person"
