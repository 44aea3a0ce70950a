"""The callback_id, action_id and block_id values of reminders: Slack routes by the bare
string, so each is unique across features (tests/unit/test_ids.py)."""

from __future__ import annotations

from enum import StrEnum


class View(StrEnum):
    REMINDER_PREVIEW = "reminder_preview"


class Action(StrEnum):
    REMINDER_PREVIEW = "home_reminder_preview"
    PREVIEW_PAGE = "reminder_preview_page"  # :previous / :next
