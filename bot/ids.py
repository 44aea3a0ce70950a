"""Every callback_id, action_id and block_id Cascade uses, in one place."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class View(StrEnum):
    NOMINATE = "nominate"
    ELIGIBILITY = "eligibility"
    DECLINE = "decline"
    NOTICE = "notice"
    LOG = "log_entry"
    CASCADE_NOT_YET = "cascade_not_yet"
    CASCADE_WORDS = "cascade_words"  # after "Yes": metadata {"answer": id}
    REORDER_WAITLIST = "waitlist_reorder"
    SHARE_OFFER = "share_offer"
    INTEREST = "interest"
    PROGRAMME_SETTINGS = "programme_settings"
    COPY_PROGRAMME = "programme_copy"
    COHORT = "cohort_edit"
    CANCEL_COHORT = "cohort_cancel"
    PICK_ICS = "ics_pick"
    ICS = "ics_edit"
    SIGN_OFF = "step_sign_off"
    PEER_REVIEW = "peer_review"
    REVIEW_SIGN = "peer_review_sign"
    PAIR = "mentoring_pair"
    PATHWAY = "pathway_edit"
    ROLE_HOLDERS = "role_holders"
    LEAVE = "leave_record"
    GROUP_SCHEDULE = "group_session_schedule"
    GROUP_ATTENDANCE = "group_session_attendance"  # metadata: {"session": id}
    DEBRIEF = "debrief_request"
    COHORT_CHANNEL = "cohort_channel"  # metadata: {"programme": key}
    LOG_CIRCLE = "log_circle"  # metadata: {"entry": id or null, "log_type": key or null}
    PUBLISH_CIRCLE = "circle_publish"
    OFFER = "programme_offer"
    POLICY = "policy"  # metadata: {"programme": key, "policy": "reminders" or "mentoring"}
    CATALOGUE = "catalogue_part"  # metadata: {"programme": key, "part": "log_types"}
    AUDIT_LOG = "audit_log"
    REMINDER_PREVIEW = "reminder_preview"


class Action(StrEnum):
    OPEN_ELIGIBILITY = "eligibility_open"
    NOMINEE_DECLINES = "eligibility_nominee_declines"
    CONFIRM_PLACE = "review_confirm"
    MOVE_PLACE = "review_move"
    ASK_TO_MOVE = "ask_move"
    WAITLIST = "review_waitlist"
    DECLINE = "review_decline"
    WITHDRAW = "withdraw"
    HOME_NOMINATE = "home_nominate"
    EXPORT = "home_export"
    LOG_OPEN = "log_open"
    ENTRY_EDIT = "log_entry_edit"
    ENTRY_DELETE = "log_entry_delete"
    SNOOZE = "reminder_snooze"
    CASCADE_YES = "cascade_yes"
    CASCADE_NOT_YET = "cascade_not_yet"
    FOLLOW_UP_CALLED = "follow_up_called"  # value: the nomination's id
    ATTENDANCE = "attendance"
    SHARE_OFFER = "home_share_offer"
    INTERESTED = "offer_interested"
    NOMINATE_INTERESTED = "interest_nominate"
    OFFER_ACCEPT = "offer_accept"
    OFFER_DECLINE = "offer_decline"
    REORDER_WAITLIST = "waitlist_reorder"
    PROGRAMME_SETTINGS = "home_programme_settings"
    EDIT_OFFER = "home_programme_offer"
    EDIT_REQUIREMENTS = "home_requirements"
    EDIT_LOG_TYPES = "home_log_types"
    EDIT_SESSION_KINDS = "home_session_kinds"
    EDIT_CIRCLE_TOPICS = "home_circle_topics"
    EDIT_REMINDER_POLICY = "home_reminder_policy"
    EDIT_MENTORING_POLICY = "home_mentoring_policy"
    AUDIT_LOG = "home_audit_log"
    AUDIT_PAGE = "audit_log_page"  # :older / :newer, in the audit log's modal
    REMINDER_PREVIEW = "home_reminder_preview"
    PREVIEW_PAGE = "reminder_preview_page"  # :previous / :next
    COPY_PROGRAMME = "home_programme_copy"
    ADD_COHORT = "home_cohort_add"
    EDIT_COHORT = "home_cohort_edit"
    CANCEL_COHORT = "home_cohort_cancel"
    MANAGE_ICS = "home_ics"
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
    LEAVE_OPEN = "leave_open"  # Home: "Record leave"
    LEAVE_END = "leave_end"  # value: the leave's id ("I'm back" or "Cancel")
    GROUP_SCHEDULE_OPEN = "home_group_session"
    GROUP_ANSWER = "group_session_answer"  # variants :going / :not-going; value "<id>:going"
    GROUP_CANCEL = "group_session_cancel"  # value: the session's id
    GROUP_ATTENDANCE_OPEN = "group_session_attendance"  # value: the session's id
    DEBRIEF_OPEN = "home_debrief"
    DEBRIEF_TAKE = "debrief_take"  # value: the request's id
    COHORT_CHANNELS = "home_cohort_channels"  # value: the programme's key
    CHANNEL_JOIN = "cohort_channel_join"  # value: "<programme>/<cohort>"
    CIRCLE_LOG_OPEN = "home_circle_log"
    CIRCLE_PUBLISH_OPEN = "home_circle_publish"
    CIRCLE_SIGN_UP = "circle_sign_up"  # value: the circle's id
    CIRCLE_CANCEL_PLACE = "circle_cancel_place"  # value: the circle's id
    CIRCLE_CANCEL = "circle_cancel"  # value: the circle's id
    COVER_ASK = "circle_cover_ask"  # value: the circle's id
    COVER_TAKE = "circle_cover_take"  # value: the request for cover's id
    FACILITATORS_FILTER = "home_facilitators_filter"  # a static select: the filter
    FACILITATORS_PAGE = "home_facilitators_page"  # :previous / :next; value "<filter>|<page>"


class Block(StrEnum):
    OFFER_DESCRIPTION = "offer_description"
    CRITERIA = "criteria:"  # + the criterion's key, or +N for a new one
    CONFIRMATIONS = "confirmations:"
    REQ_NAME = "req_name:"  # + the requirement's key, or +N for a new one
    REQ_ROLE = "req_role:"
    REQ_TYPES = "req_types:"
    REQ_EVERY = "req_every:"
    REQ_HOURS = "req_hours:"
    TYPE_NAME = "type_name:"  # + the log type's key, or +N for a new one
    TYPE_KIND = "type_kind:"
    TYPE_PERSON = "type_person:"
    TYPE_CREDITS = "type_credits:"
    TYPE_CIRCLE = "type_circle:"
    KIND_NAME = "kind_name:"  # + the session kind's key, or +N for a new one
    KIND_TYPE = "kind_type:"
    KIND_ROLES = "kind_roles:"
    KIND_AGENDA = "kind_agenda:"
    POLICY = "policy:"  # + the setting's name
    TOPIC_NAME = "topic_name:"  # + the circle topic's key, or +N for a new one
    AUDIT_PROGRAMME = "audit_programme"
    AUDIT_KIND = "audit_kind"
    AUDIT_PERSON = "audit_person"
    NOMINEE = "nominee"
    ICS = "ics"
    PROGRAMME = "programme"
    NOTE = "note"
    FIRST_CHOICE = "first_choice"
    SECOND_CHOICE = "second_choice"
    REASON = "reason"
    MATERIALS = "materials"  # how the materials are being received
    SUPPORT = "support"  # what support they need
    CRITERION_PREFIX = "criterion:"
    CONFIRMATION_PREFIX = "confirmation:"
    DATE = "date"
    LOG_TYPE = "log_type"
    WITH_USER = "with_user"
    WITH_NAME = "with_name"
    DURATION = "duration"
    PARTICIPANTS = "participants"
    NOTES = "notes"
    ACTION = "action"
    ACTION_DUE = "action_due"
    POSITION = "position"
    CHANNEL = "channel"
    CIRCLES_CHANNEL = "circles_channel"
    NAME = "name"
    PROVIDER = "provider"
    CONTACT = "contact"
    TOTAL_PLACES = "total_places"
    PER_ICS_LIMIT = "per_ics_limit"
    COORDINATORS = "coordinators"
    CLOSE = "close"
    OPENS = "opens"
    OPEN = "open"
    OFFER_DAYS = "offer_working_days"
    PLACES = "places"
    COHORT_NAME = "cohort_name"  # apart from NAME: the new-intake form asks for both
    JOINING = "joining"
    SESSION_DATE = "session_date:"  # + the session's slot, 1 to MOST_SESSIONS
    SESSION_START = "session_start:"
    SESSION_END = "session_end:"
    THEN = "then"
    LEADS = "leads"
    ORGANISATION = "organisation"
    SPONSOR = "sponsor"
    PLACE = "place"
    TRAINER = "trainer"
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
    LEAVE_FROM = "leave_from"
    LEAVE_TO = "leave_to"
    LEAVE_REASON = "leave_reason"
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
    DEBRIEF_KIND = "debrief_kind"
    DEBRIEF_ABOUT = "debrief_about"
    CHANNEL_COHORT = "channel_cohort"
    CHANNEL_NAME = "channel_name"
    CHANNEL_PRIVATE = "channel_private"
    CIRCLE_TOPIC = "circle_topic"
    CIRCLE_SIZE = "circle_size"
    CO_FACILITATORS = "co_facilitators"
    CIRCLE_SETTING = "circle_setting"
    EMBEDDED_IN = "embedded_in"
    CIRCLE_START = "circle_start"
    CIRCLE_END = "circle_end"
    DESCRIPTION = "description"


def variant(action: Action, suffix: str) -> str:
    """An action id made unique inside its block (Slack refuses two equal ids in one block)."""
    return f"{action}:{suffix}"


def any_variant(action: Action) -> re.Pattern[str]:
    """Matches the action and its variants, for registering one listener for all of them."""
    return re.compile(rf"^{re.escape(action)}(:.*)?$")


#: The single action inside each input block is named after its block.
def element(block: str) -> str:
    return f"{block}_input"


EITHER = "either"
MAX_ID = 2**31  # ids are database integers: anything larger names nothing


@dataclass(frozen=True)
class Value:
    """A button's value: the id of what it acts on (a nomination, an entry, a reminder) and,
    for some buttons, a choice ("cohort-2", "yes"). Written ``12`` or ``12:cohort-2``."""

    id: int
    choice: str = ""

    def __str__(self) -> str:
        return f"{self.id}:{self.choice}" if self.choice else str(self.id)

    @classmethod
    def read(cls, text: str) -> Value:
        """0 for a value that names nothing (a forged or damaged one): it is then not found."""
        head, _, choice = text.partition(":")
        number = int(head) if head.isdigit() and len(head) <= 10 else 0
        return cls(number if number < MAX_ID else 0, choice)
