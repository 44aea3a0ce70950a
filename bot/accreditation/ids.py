"""The callback_id, action_id and block_id values of accreditation: Slack routes by the bare
string, so each is unique across features (tests/unit/test_ids.py)."""

from __future__ import annotations

from enum import StrEnum


class View(StrEnum):
    SIGN_OFF = "step_sign_off"
    PEER_REVIEW = "peer_review"
    REVIEW_SIGN = "peer_review_sign"
    PAIR = "mentoring_pair"
    PATHWAY = "pathway_edit"
    ROLE_HOLDERS = "role_holders"


class Action(StrEnum):
    REQUEST_STEP = "pathway_request"  # value: the pathway's key
    SIGN_OFF_OPEN = "pathway_sign_off"  # value: "<person>:<pathway>"
    REVIEW_OPEN = "peer_review_open"  # value: "<person>:<pathway>" (or "<person>:")
    REVIEW_SIGN_OPEN = "peer_review_sign"  # value: the review's id
    PAIR_OPEN = "home_mentoring_pair"
    PAIR_END = "mentoring_pair_end"  # value: the pair's id
    ACCREDITATION_EXPORT = "home_accreditation_export"  # value: "csv" or "xlsx"
    REVIEW_VIEW = "peer_review_view"  # value: the review's id
    EDIT_PATHWAY = "home_pathway_edit"  # value: the pathway's key ("" for a new one)
    ROLE_HOLDERS = "home_role_holders"


class Block(StrEnum):
    EVENT = "event"
    EVENT_DATE = "event_date"
    VENUE = "venue"
    CAPACITY = "capacity"
    OTHER_TRAINERS = "other_trainers"
    SESSIONS_OBSERVED = "sessions_observed"
    REVIEW_KIND = "review_kind"
    SCORE_PREFIX = "score:"  # + the criterion's key
    ASSESSOR_COMMENTS = "assessor_comments"
    TRAINER_COMMENTS = "trainer_comments"
    MANAGER = "manager"
    SEND_TO_MANAGER = "send_to_manager"
    SIGNS_OFF = "signs_off"
    MENTOR = "mentor"
    MENTEE = "mentee"
    LINE_MANAGER = "line_manager"
    GRANTS_ROLE = "grants_role"
    OPEN_TO = "open_to"
    LAPSE_DAYS = "lapse_after_days"
    STEP_NAME = "step_name:"  # + the step's row, 1 to STEPS_IN_FORM
    STEP_SIGNERS = "step_signers:"
    STEP_EVIDENCE = "step_evidence:"
    STEP_ASKS = "step_asks:"
    ROLE_PREFIX = "role:"  # + the role's key
