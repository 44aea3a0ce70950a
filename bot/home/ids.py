"""The callback_id, action_id and block_id values of home: Slack routes by the bare
string, so each is unique across features (tests/unit/test_ids.py)."""

from __future__ import annotations

from enum import StrEnum


class Action(StrEnum):
    EXPORT = "home_export"
    FACILITATORS_FILTER = "home_facilitators_filter"  # a static select: the filter
    FACILITATORS_PAGE = "home_facilitators_page"  # :previous / :next; value "<filter>|<page>"
