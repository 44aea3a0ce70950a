"""The coordinators' review card, the decline-reason modal, and decision messages."""

from __future__ import annotations

import json
from typing import Any

from bot.kernel.blocks import (
    Blocks,
    actions,
    button,
    cohort_name,
    confirm_dialog,
    context,
    escape,
    modal,
    plain,
    schedule,
    section,
    when,
)
from bot.kernel.ids import Field, Value, element, variant
from bot.nominations.blocks.eligibility import withdraw_button
from bot.nominations.ids import Action, Block, View
from domain.kernel.programme import Ics, Programme
from domain.nominations.nomination import Nomination, Status


def preference_text(nomination: Nomination, programme: Programme) -> str:
    pref = nomination.preference
    if pref is None:
        return "not chosen yet"
    words = cohort_name(programme, pref.first)
    if pref.either:
        return words + ", or either"
    return words + (f", then {cohort_name(programme, pref.second)}" if pref.second else " only")


def decision_buttons(nomination: Nomination, programme: Programme) -> list[dict[str, Any]]:
    """Confirm (preferred cohort), Confirm in each other cohort, Waitlist, Decline."""
    nid = str(nomination.id)
    first = nomination.preference.first if nomination.preference else None
    buttons = []
    ordered = sorted(programme.cohorts, key=lambda c: c.key != first)
    for cohort in ordered:
        label = f"Confirm ({cohort.name})" if cohort.key == first else f"Confirm in {cohort.name}"
        buttons.append(
            button(
                label,
                variant(Action.CONFIRM_PLACE, cohort.key),
                str(Value(nomination.id or 0, cohort.key)),
                style="primary" if cohort.key == first else None,
            )
        )
    if nomination.status is Status.PENDING_REVIEW:
        buttons.append(button("Waitlist", Action.WAITLIST, nid))
    buttons.append(button("Decline", Action.DECLINE, nid, style="danger"))
    return buttons


def review_card(nomination: Nomination, programme: Programme, ics: Ics) -> tuple[str, Blocks]:
    """The card in the review channel; buttons only while a decision is still open."""
    summary = f"Nomination: <@{nomination.nominee_id}> ({ics.name}) for {programme.name}"
    fields = [
        f"*Nominee*\n<@{nomination.nominee_id}>",
        f"*ICS*\n{ics.name}",
        f"*Nominated by*\n<@{nomination.nominated_by}>",
        f"*Preference*\n{preference_text(nomination, programme)}",
        f"*Eligibility confirmed*\n{when(nomination.eligibility_confirmed_at, programme)}",
        f"*Status*\n{status_text(nomination, programme)}",
    ]
    blocks: Blocks = [
        section(
            f"*{programme.name}*: nomination #{nomination.id}",
            fields=[{"type": "mrkdwn", "text": f} for f in fields],
        ),
    ]
    if nomination.note:
        blocks.append(context(f"Note from the lead: {escape(nomination.note)}"))
    if nomination.status in (Status.PENDING_REVIEW, Status.WAITLISTED):
        blocks.append(
            actions(*decision_buttons(nomination, programme), block_id=f"review:{nomination.id}")
        )
    else:
        blocks.append(
            context(
                f"{status_text(nomination, programme)} · "
                f"{when(nomination.decided_at or nomination.updated_at, programme)}"
            )
        )
        if moves := move_buttons(nomination, programme):
            blocks.append(actions(*moves, block_id=f"move:{nomination.id}"))
    return summary, blocks


def move_asked_notice(
    nomination: Nomination, programme: Programme, wanted: str
) -> tuple[str, Blocks]:
    """For the review channel: a participant asks to move; the button does it."""
    text = (
        f"<@{nomination.nominee_id}> asks to move from "
        f"{cohort_name(programme, nomination.cohort_key)} to {cohort_name(programme, wanted)}"
    )
    if nomination.status is not Status.CONFIRMED or nomination.cohort_key == wanted:
        return text, [
            section(
                f":twisted_rightwards_arrows: {text}. (Already settled: "
                f"{status_text(nomination, programme)}.)"
            )
        ]
    moves = [b for b in move_buttons(nomination, programme) if b["action_id"].endswith(wanted)]
    return text, [
        section(f":twisted_rightwards_arrows: {text} ({programme.name})."),
        actions(*moves, block_id=f"ask-move:{nomination.id}"),
    ]


def move_buttons(nomination: Nomination, programme: Programme) -> list[dict[str, Any]]:
    """A confirmed place can move to another cohort (the card says when one is full)."""
    if nomination.status is not Status.CONFIRMED:
        return []
    return [
        button(
            f"Move to {cohort.name}",
            variant(Action.MOVE_PLACE, cohort.key),
            str(Value(nomination.id or 0, cohort.key)),
            confirm=confirm_dialog(
                f"Move to {cohort.name}?",
                f"<@{nomination.nominee_id}> keeps their place, in {cohort.name} instead. "
                "They and their lead are told, with a new calendar file.",
                "Move",
            ),
        )
        for cohort in programme.cohorts
        if cohort.key != nomination.cohort_key
    ]


def status_text(nomination: Nomination, programme: Programme) -> str:
    label = nomination.status.label
    if nomination.cohort_key and nomination.holds_place:
        label += f" — {cohort_name(programme, nomination.cohort_key)}"
    if nomination.status is Status.OFFERED:
        label += (
            f" — {cohort_name(programme, nomination.cohort_key)}, "
            f"until {when(nomination.offer_expires_at, programme)}"
        )
        return label
    if nomination.decided_by and nomination.status not in (Status.PENDING_REVIEW,):
        who = "Cascade" if nomination.decided_by == "cascade" else f"<@{nomination.decided_by}>"
        if nomination.status not in (Status.NOMINATED, Status.AWAITING_ELIGIBILITY):
            label += f" by {who}"
    if nomination.reason and nomination.status in (Status.DECLINED, Status.WITHDRAWN):
        label += f" ({escape(nomination.reason)})"
    return label


def reorder_modal(nomination: Nomination, position: int, count: int) -> dict[str, Any]:
    """Give a waitlisted nomination another place in the queue, with a reason (audited)."""
    options = [
        {
            "text": plain(f"{i}" + (" (first to be offered a place)" if i == 1 else "")),
            "value": str(i),
        }
        for i in range(1, min(count, 100) + 1)
    ]
    current = options[position - 1] if 0 < position <= len(options) else None
    select: dict[str, Any] = {
        "type": "static_select",
        "action_id": element(Block.POSITION),
        "options": options,
    }
    if current is not None:
        select["initial_option"] = current
    return modal(
        View.REORDER_WAITLIST,
        "Waitlist position",
        [
            section(
                f"<@{nomination.nominee_id}> is number {position} of {count} on the waitlist. "
                "Freed places are offered in this order."
            ),
            {
                "type": "input",
                "block_id": Block.POSITION,
                "label": plain("New position"),
                "element": select,
            },
            {
                "type": "input",
                "block_id": Field.REASON,
                "label": plain("Reason (kept in the audit log)"),
                "element": {
                    "type": "plain_text_input",
                    "action_id": element(Field.REASON),
                    "min_length": 3,
                    "max_length": 500,
                },
            },
        ],
        submit="Move",
        metadata=json.dumps({"nomination": nomination.id}),
    )


def decline_modal(nomination: Nomination) -> dict[str, Any]:
    return modal(
        View.DECLINE,
        "Decline nomination",
        [
            section(
                f"Decline the nomination of <@{nomination.nominee_id}>? The nominee and their "
                "ICS lead will see the reason."
            ),
            {
                "type": "input",
                "block_id": Field.REASON,
                "label": plain("Reason", 2000),
                "element": {
                    "type": "plain_text_input",
                    "action_id": element(Field.REASON),
                    "multiline": True,
                    "min_length": 3,
                    "max_length": 1000,
                },
            },
        ],
        submit="Decline",
        metadata=json.dumps({"nomination": nomination.id}),
    )


def full_notice(message: str, nomination_id: int, can_waitlist: bool) -> Blocks:
    """What a coordinator sees when a confirmation does not fit: nothing changed, waitlist?"""
    blocks = [section(f":no_entry: {message} Nothing was changed.")]
    if can_waitlist:
        blocks.append(actions(button("Waitlist instead", Action.WAITLIST, str(nomination_id))))
    return blocks


def decision_message(
    nomination: Nomination, programme: Programme, *, for_lead: bool, lapsed: bool = False
) -> str:
    who = f"<@{nomination.nominee_id}>'s nomination" if for_lead else "Your nomination"
    name = programme.name
    if lapsed:
        whose = f"<@{nomination.nominee_id}> was" if for_lead else "You were"
        stays = f"<@{nomination.nominee_id}> stays" if for_lead else "You stay"
        return (
            f"{whose} offered a place on *{name}*, but it was not accepted in time, so it has "
            f"gone to the next person on the waitlist. {stays} on the waitlist; a coordinator "
            "can still offer a place." + contact_line(programme)
        )
    if nomination.status is Status.OFFERED:
        return (
            f":hourglass_flowing_sand: A place on *{name}* has freed up in "
            f"*{cohort_name(programme, nomination.cohort_key)}* and is offered to "
            f"<@{nomination.nominee_id}>: it is theirs if they accept it by "
            f"{when(nomination.offer_expires_at, programme)}."
        )
    if nomination.status is Status.CONFIRMED:
        cohort = programme.cohort(nomination.cohort_key or "")
        attached = "" if for_lead else " A calendar file follows."
        return (
            f":tada: {who} for *{name}* is confirmed: *{cohort.name}*.\n{schedule(cohort)}\n"
            f"{programme.delivery}.{attached}"
        )
    if nomination.status is Status.WAITLISTED:
        return (
            f"{who} for *{name}* is on the waitlist. If a place in a cohort you chose "
            "frees up, it will be offered to you, with a few working days to accept it."
        )
    if nomination.status is Status.DECLINED:
        return f"{who} for *{name}* was declined. Reason: {escape(nomination.reason)}"
    if nomination.status is Status.WITHDRAWN:
        return f"{who} for *{name}* has been withdrawn."
    return f"{who} for *{name}*: {nomination.status.label}."


def rescheduled_message(
    nomination: Nomination, programme: Programme, *, for_lead: bool, left: str | None = None
) -> str:
    """The cohort's dates or joining details changed, or (``left``: the cohort it was in) the
    place moved to another cohort; told as the cohort is now."""
    cohort = programme.cohort(nomination.cohort_key or "")
    attached = "" if for_lead else " An updated calendar file follows: it replaces the old one."
    if left:
        whose = f"<@{nomination.nominee_id}>'s place" if for_lead else "Your place"
        said = (
            f":twisted_rightwards_arrows: {whose} on *{programme.name}* has moved from "
            f"*{cohort_name(programme, left)}* to *{cohort.name}*. It runs:"
        )
    else:
        whose = f"<@{nomination.nominee_id}>'s cohort" if for_lead else "Your cohort"
        said = (
            f":calendar: {whose} for *{programme.name}*, *{cohort.name}*, has changed. It now runs:"
        )
    return f"{said}\n{schedule(cohort)}\n{programme.delivery}.{attached}"


def place_reoffered_notice(
    freed_by: str, promoted: Nomination, programme: Programme
) -> tuple[str, Blocks]:
    """For the review channel: a place was freed and offered to the waitlist."""
    text = f"A freed place was offered to <@{promoted.nominee_id}>"
    until = (
        f" They have until {when(promoted.offer_expires_at, programme)} to accept it."
        if promoted.offer_expires_at
        else ""
    )
    whose = f"A place held by <@{freed_by}>" if freed_by else "A place added by a coordinator"
    return text, [
        section(
            f":arrows_counterclockwise: {whose} is free. It is offered to "
            f"<@{promoted.nominee_id}>, first on the waitlist whose preference fits.{until}"
        )
    ]


def offer_message(nomination: Nomination, programme: Programme) -> tuple[str, Blocks]:
    """For the person offered a freed place: the dates, the deadline, Accept or Decline."""
    cohort = programme.cohort(nomination.cohort_key or "")
    deadline = when(nomination.offer_expires_at, programme)
    text = f"A place on {programme.name} is free for you: please answer by {deadline}"
    nid = str(nomination.id)
    decline = confirm_dialog(
        "Decline the place?",
        "You will leave the waitlist, and the place goes to the next person.",
        "Decline",
    )
    return text, [
        section(
            f":tada: A place on *{programme.name}* has freed up in *{cohort.name}*, and it is "
            f"yours if you want it.\n{schedule(cohort)}\n{programme.delivery}."
        ),
        context(
            f"Please answer by *{deadline}*; after that the place goes to the next person on "
            "the waitlist." + contact_line(programme)
        ),
        actions(
            button("Accept the place", Action.OFFER_ACCEPT, nid, style="primary"),
            button("Decline", Action.OFFER_DECLINE, nid, style="danger", confirm=decline),
        ),
    ]


def leave_waitlist_blocks(message: str, nomination: Nomination) -> Blocks:
    """A waitlisted person's message, with the button to leave the waitlist."""
    return [section(message), actions(withdraw_button(nomination, "Leave the waitlist"))]


def contact_line(programme: Programme) -> str:
    return f" Questions: {escape(programme.contact)}." if programme.contact else ""
