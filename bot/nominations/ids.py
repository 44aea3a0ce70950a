"""The callback_id, action_id and block_id values of nominations: Slack routes by the bare
string, so each is unique across features (tests/unit/test_ids.py)."""

from __future__ import annotations

from enum import StrEnum

EITHER = "either"  # the second choice of cohort: either is fine


class View(StrEnum):
    NOMINATE = "nominate"
    ELIGIBILITY = "eligibility"
    DECLINE = "decline"
    REORDER_WAITLIST = "waitlist_reorder"
    SHARE_OFFER = "share_offer"
    INTEREST = "interest"


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
    INTERESTED = "offer_interested"
    NOMINATE_INTERESTED = "interest_nominate"
    OFFER_ACCEPT = "offer_accept"
    OFFER_DECLINE = "offer_decline"
    REORDER_WAITLIST = "waitlist_reorder"


class Block(StrEnum):
    NOMINEE = "nominee"
    PROGRAMME = "programme"
    NOTE = "note"
    FIRST_CHOICE = "first_choice"
    SECOND_CHOICE = "second_choice"
    CRITERION_PREFIX = "criterion:"
    CONFIRMATION_PREFIX = "confirmation:"
    POSITION = "position"
    ORGANISATION = "organisation"
    SPONSOR = "sponsor"
