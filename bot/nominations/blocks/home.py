"""Nominations on the Home tab, by role: the coordinator's dashboard, an ICS lead's nominations,
a nominee's status (put together with the other features' parts by ``bot.home.blocks``)."""

from __future__ import annotations

from bot.follow_up import ids as follow_up_ids
from bot.follow_up.blocks import follow_up_list_blocks
from bot.home import ids as home_ids
from bot.kernel.blocks import (
    Blocks,
    actions,
    button,
    clip,
    cohort_name,
    context,
    divider,
    header,
    section,
    session_lines,
    when,
)
from bot.kernel.ids import Value, variant
from bot.nominations.blocks.eligibility import withdraw_button
from bot.nominations.blocks.review import (
    decision_buttons,
    offer_message,
    preference_text,
    status_text,
)
from bot.nominations.ids import Action
from bot.programme_admin import ids as programme_admin_ids
from bot.programme_admin.blocks import admin_actions
from domain.kernel.programme import Programme
from domain.nominations.nomination import AWAITING, WITHDRAWABLE, Nomination, Status
from handlers.nominations.queries import CoordinatorPanel, LeadPanel, Mine

QUEUE_ON_HOME = 15  # each queued card takes two blocks; the Home tab holds 100


def coordinator_blocks(panel: CoordinatorPanel) -> Blocks:
    p = panel.programme
    fill = " · ".join(
        f"{c.name}: "
        + ("cancelled" if c.cancelled else f"{panel.held.get(c.key, 0)}")
        + (f"/{c.places}" if c.places and not c.cancelled else "")
        for c in p.cohorts
    )
    full = " — *full*" if panel.confirmed >= p.total_places else ""
    ics_lines = "\n".join(
        f"{'🔴' if used >= p.per_ics_limit else '⚪'} {ics.name}: {used}/{p.per_ics_limit}"
        for ics, used in panel.ics_used
    )
    blocks: Blocks = [
        header(clip(p.name, 150)),
        section(
            f"*Places confirmed:* {panel.confirmed - len(panel.offered)}/{p.total_places}{full}"
            + (f" · *{len(panel.offered)} offered*, awaiting an answer" if panel.offered else "")
            + f"\n{fill}\n"
            f"*Pending review:* {len(panel.pending)} · *Waitlisted:* {len(panel.waitlist)}"
            f" · *Awaiting eligibility:* {panel.awaiting}"
        ),
        section(f"*Nominations by ICS*\n{ics_lines}"),
        actions(
            button("Share the offer", programme_admin_ids.Action.SHARE_OFFER, p.key),
            button("Export nominations (CSV)", variant(home_ids.Action.EXPORT, "csv"), p.key),
            button("Export nominations (Excel)", variant(home_ids.Action.EXPORT, "xlsx"), p.key),
        ),
        *admin_actions(p),
        divider(),
        section(
            f"*Review queue* ({len(panel.pending)})"
            + ("" if panel.pending else "\nNothing waiting for review.")
        ),
    ]
    for nomination in panel.pending[:QUEUE_ON_HOME]:
        blocks.append(
            section(
                f"<@{nomination.nominee_id}> · {panel.names.get(nomination.ics_key, '')} · "
                f"prefers {preference_text(nomination, p)}"
            )
        )
        blocks.append(actions(*decision_buttons(nomination, p)))
    if len(panel.pending) > QUEUE_ON_HOME:
        blocks.append(
            context(
                f"{len(panel.pending) - QUEUE_ON_HOME} more in the review "
                "channel; they appear here as the queue goes down."
            )
        )
    blocks += waitlist_blocks(panel)
    blocks += follow_up_blocks(panel)
    blocks.append(divider())
    return blocks


def waitlist_blocks(panel: CoordinatorPanel) -> Blocks:
    """Places offered and awaiting an answer; then the waitlist in the order places are
    offered, each with "Change position"."""
    p, blocks = panel.programme, []
    if panel.offered:
        offers = "\n".join(
            f"• <@{n.nominee_id}> · {cohort_name(p, n.cohort_key)} · until "
            f"{when(n.offer_expires_at, p)}"
            for n in panel.offered
        )
        blocks.append(section(f"*Offered, awaiting an answer*\n{offers}"))
    if not panel.waitlist:
        return [*blocks, section("*Waitlist, in order*\nNobody is waitlisted.")]
    blocks.append(section(f"*Waitlist, in order* ({len(panel.waitlist)})"))
    for i, n in enumerate(panel.waitlist[:QUEUE_ON_HOME], 1):
        lapsed = " · _did not answer an offer_" if n.offer_lapsed else ""
        line = (
            f"{i}. <@{n.nominee_id}> · {panel.names.get(n.ics_key, '')} · "
            f"{preference_text(n, p)}{lapsed}"
        )
        if len(panel.waitlist) > 1:
            move = button("Change position", Action.REORDER_WAITLIST, str(n.id))
            blocks.append(section(line, accessory=move))
        else:
            blocks.append(section(line))
    if len(panel.waitlist) > QUEUE_ON_HOME:
        blocks.append(context(f"{len(panel.waitlist) - QUEUE_ON_HOME} more on the waitlist."))
    return blocks


def follow_up_blocks(panel: CoordinatorPanel) -> Blocks:
    """After a cohort: record attendance; then who has started cascading."""
    p, blocks = panel.programme, []
    if panel.to_mark:
        blocks.append(section(f"*Record attendance* ({len(panel.to_mark)} to mark)"))
        for n in panel.to_mark[:10]:
            blocks.append(section(f"<@{n.nominee_id}> · {cohort_name(p, n.cohort_key)}"))
            blocks.append(
                actions(
                    button(
                        "Attended",
                        variant(follow_up_ids.Action.ATTENDANCE, "yes"),
                        str(Value(n.id or 0, "yes")),
                        style="primary",
                    ),
                    button(
                        "Did not attend",
                        variant(follow_up_ids.Action.ATTENDANCE, "no"),
                        str(Value(n.id or 0, "no")),
                    ),
                    *missed_buttons(n, p),
                )
            )
    return blocks + follow_up_list_blocks(p, panel.follow_up)


def missed_buttons(n: Nomination, p: Programme) -> Blocks:
    """For a cohort of several sessions: attended all but one ("Missed part 2")."""
    sessions = len(p.cohort(n.cohort_key or "").sessions)
    if sessions < 2:
        return []
    return [
        button(
            f"Missed part {part}",
            variant(follow_up_ids.Action.ATTENDANCE, f"missed-{part}"),
            str(Value(n.id or 0, f"missed-{part}")),
        )
        for part in range(1, sessions + 1)
    ]


def lead_blocks(panel: LeadPanel) -> Blocks:
    p = panel.programme
    lines = (
        "\n".join(f"• <@{n.nominee_id}>: {status_text(n, p)}" for n in panel.nominations)
        or "No nominations yet."
    )
    blocks: Blocks = [
        header(clip(f"{panel.ics.name}: {p.name}", 150)),
        section(
            f"*{panel.used} of {p.per_ics_limit}* nominations used · *{panel.left}* left\n{lines}"
        ),
    ]
    if panel.left:
        blocks.append(
            actions(button("Nominate someone", Action.HOME_NOMINATE, p.key, style="primary"))
        )
    blocks.append(divider())
    return blocks


def mine_blocks(mine: Mine) -> Blocks:
    n, p = mine.nomination, mine.programme
    blocks: Blocks = [
        header(clip(p.name, 150)),
        section(
            f"*Your status:* {status_text(n, p)}\n"
            f"Nominated by <@{n.nominated_by}> for {mine.ics.name}."
        ),
    ]
    if n.status in AWAITING:
        blocks.append(section("*Next step:* confirm the eligibility criteria and choose a cohort."))
        blocks.append(
            actions(
                button("Confirm eligibility", Action.OPEN_ELIGIBILITY, str(n.id), style="primary"),
                withdraw_button(n),
            )
        )
    elif n.status is Status.PENDING_REVIEW:
        blocks.append(
            section(
                f"*Your preference:* {preference_text(n, p)}\n*Next step:* the "
                "coordinator will confirm your place and cohort."
            )
        )
        blocks.append(actions(withdraw_button(n)))
    elif n.status is Status.WAITLISTED:
        blocks.append(
            section(
                f"*Your preference:* {preference_text(n, p)}\n*Next step:* if a place in a "
                "cohort you chose frees up, it is offered to you here and in a message."
            )
        )
        blocks.append(actions(withdraw_button(n, "Leave the waitlist")))
    elif n.status is Status.OFFERED:
        blocks += offer_message(n, p)[1]
    elif n.status is Status.CONFIRMED:
        cohort = p.cohort(n.cohort_key or "")
        dates = "\n".join(f"• {line}" for line in session_lines(cohort))
        blocks.append(section(f"*{cohort_name(p, n.cohort_key)}*\n{dates}\n{p.delivery}."))
        asks = [
            button(
                f"Ask to move to {other.name}",
                variant(Action.ASK_TO_MOVE, other.key),
                str(Value(n.id or 0, other.key)),
            )
            for other in p.cohorts
            if other.key != n.cohort_key
        ]
        blocks.append(actions(*asks, withdraw_button(n, "I can no longer attend")))
    if n.status in WITHDRAWABLE or n.status in (Status.ATTENDED, Status.DID_NOT_ATTEND):
        blocks.append(divider())
    return blocks
