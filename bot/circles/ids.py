"""The callback_id, action_id and block_id values of circles: Slack routes by the bare
string, so each is unique across features (tests/unit/test_ids.py)."""

from __future__ import annotations

from enum import StrEnum


class View(StrEnum):
    LOG_CIRCLE = "log_circle"  # metadata: {"entry": id or null, "log_type": key or null}
    PUBLISH_CIRCLE = "circle_publish"


class Action(StrEnum):
    CIRCLE_LOG_OPEN = "home_circle_log"
    CIRCLE_PUBLISH_OPEN = "home_circle_publish"
    CIRCLE_SIGN_UP = "circle_sign_up"  # value: the circle's id
    CIRCLE_CANCEL_PLACE = "circle_cancel_place"  # value: the circle's id
    CIRCLE_CANCEL = "circle_cancel"  # value: the circle's id
    COVER_ASK = "circle_cover_ask"  # value: the circle's id
    COVER_TAKE = "circle_cover_take"  # value: the request for cover's id


class Block(StrEnum):
    CIRCLE_TOPIC = "circle_topic"
    CIRCLE_SIZE = "circle_size"
    CO_FACILITATORS = "co_facilitators"
    CIRCLE_SETTING = "circle_setting"
    EMBEDDED_IN = "embedded_in"
    CIRCLE_START = "circle_start"
    CIRCLE_END = "circle_end"
    DESCRIPTION = "description"
