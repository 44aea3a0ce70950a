"""The callback_id, action_id and block_id values of group sessions: Slack routes by the bare
string, so each is unique across features (tests/unit/test_ids.py)."""

from __future__ import annotations

from enum import StrEnum


class View(StrEnum):
    GROUP_SCHEDULE = "group_session_schedule"
    GROUP_ATTENDANCE = "group_session_attendance"  # metadata: {"session": id}


class Action(StrEnum):
    GROUP_SCHEDULE_OPEN = "home_group_session"
    GROUP_ANSWER = "group_session_answer"  # variants :going / :not-going; value "<id>:going"
    GROUP_CANCEL = "group_session_cancel"  # value: the session's id
    GROUP_ATTENDANCE_OPEN = "group_session_attendance"  # value: the session's id


class Block(StrEnum):
    GROUP_KIND = "group_kind"
    GROUP_TITLE = "group_title"
    GROUP_DATE = "group_date"
    GROUP_START = "group_start"
    GROUP_END = "group_end"
    GROUP_PLACE = "group_place"
    GROUP_AGENDA = "group_agenda"
    GROUP_INVITEES = "group_invitees"
    GROUP_ROLES = "group_roles"
    GROUP_ICS = "group_ics"
    GROUP_ATTENDED = "group_attended:"  # + the checkbox group's number (ten people each)
    GROUP_OTHERS = "group_others"
