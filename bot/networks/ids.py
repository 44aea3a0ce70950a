"""The callback_id, action_id and block_id values of networks: Slack routes by the bare
string, so each is unique across features (tests/unit/test_ids.py)."""

from __future__ import annotations

from enum import StrEnum


class View(StrEnum):
    DEBRIEF = "debrief_request"
    COHORT_CHANNEL = "cohort_channel"  # metadata: {"programme": key}


class Action(StrEnum):
    DEBRIEF_OPEN = "home_debrief"
    DEBRIEF_TAKE = "debrief_take"  # value: the request's id
    COHORT_CHANNELS = "home_cohort_channels"  # value: the programme's key
    CHANNEL_JOIN = "cohort_channel_join"  # value: "<programme>/<cohort>"


class Block(StrEnum):
    DEBRIEF_KIND = "debrief_kind"
    DEBRIEF_ABOUT = "debrief_about"
    CHANNEL_COHORT = "channel_cohort"
    CHANNEL_NAME = "channel_name"
    CHANNEL_PRIVATE = "channel_private"
