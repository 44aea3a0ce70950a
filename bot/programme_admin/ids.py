"""The callback_id, action_id and block_id values of programme admin: Slack routes by the bare
string, so each is unique across features (tests/unit/test_ids.py)."""

from __future__ import annotations

from enum import StrEnum


class View(StrEnum):
    PROGRAMME_SETTINGS = "programme_settings"
    COPY_PROGRAMME = "programme_copy"
    COHORT = "cohort_edit"
    CANCEL_COHORT = "cohort_cancel"
    PICK_ICS = "ics_pick"
    ICS = "ics_edit"
    OFFER = "programme_offer"
    POLICY = "policy"  # metadata: {"programme": key, "policy": "reminders" or "mentoring"}
    CATALOGUE = "catalogue_part"  # metadata: {"programme": key, "part": "log_types"}
    AUDIT_LOG = "audit_log"


class Action(StrEnum):
    SHARE_OFFER = "home_share_offer"
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
    COPY_PROGRAMME = "home_programme_copy"
    ADD_COHORT = "home_cohort_add"
    EDIT_COHORT = "home_cohort_edit"
    CANCEL_COHORT = "home_cohort_cancel"
    MANAGE_ICS = "home_ics"


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
    CIRCLES_CHANNEL = "circles_channel"
    PROVIDER = "provider"
    CONTACT = "contact"
    TOTAL_PLACES = "total_places"
    PER_ICS_LIMIT = "per_ics_limit"
    COORDINATORS = "coordinators"
    CLOSE = "close"
    OPENS = "opens"
    OPEN = "open"
    OFFER_DAYS = "offer_working_days"
    COHORT_NAME = "cohort_name"  # apart from NAME: the new-intake form asks for both
    JOINING = "joining"
    SESSION_DATE = "session_date:"  # + the session's slot, 1 to MOST_SESSIONS
    SESSION_START = "session_start:"
    SESSION_END = "session_end:"
    THEN = "then"
    LEADS = "leads"
