"""What nominations' messages say, written at send time from the database as it is then
(each from the nomination's ``MessageContext``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from functools import partial

from bot.kernel.blocks import cohort_name, day, escape, section
from bot.networks.channel_blocks import join_blocks
from bot.nominations.blocks.eligibility import invitation, not_reached_message
from bot.nominations.blocks.interest import interest_message, offer_post
from bot.nominations.blocks.review import (
    contact_line,
    decision_message,
    full_notice,
    leave_waitlist_blocks,
    move_asked_notice,
    offer_message,
    place_reoffered_notice,
    rescheduled_message,
    review_card,
    status_text,
)
from bot.nominations.calendar import cancelled_sessions_calendar, cohort_calendar
from bot.nominations.export import nominations_csv, nominations_xlsx
from bot.outbox.sends import Post, Send, Update, Upload, Whisper
from bot.outbox.sources import FactWriter, Sources, Writer
from domain.kernel.outbox import KernelReason, Message, Reason
from domain.kernel.people import Actor
from domain.kernel.programme import Programme, Session
from domain.nominations.nomination import Nomination, Status
from domain.nominations.reasons import NominationReason
from handlers.follow_up.register import register_for
from handlers.kernel.looks import shown
from handlers.nominations.queries import MessageContext, message_context


def _invitation(message: Message, ctx: MessageContext, now: datetime) -> Send:
    text, blocks = invitation(ctx.named_nomination(), ctx.named_programme(), ctx.named_ics(), now)
    return Post(message.recipient, text, blocks)


def _not_reached(message: Message, ctx: MessageContext, now: datetime) -> Send:
    return Post(
        message.recipient, not_reached_message(ctx.named_nomination(), message.payload["error"])
    )


def _card(message: Message, ctx: MessageContext, now: datetime) -> Send | None:
    """Posted once the nominee has confirmed eligibility; after that, updated in place."""
    n = ctx.named_nomination()
    text, blocks = review_card(n, ctx.named_programme(), ctx.named_ics())
    if ctx.card is not None:
        return Update(*ctx.card, text, blocks)
    if n.eligibility_confirmed_at is None:
        return None  # withdrawn before the review: there is no card to show
    return Post(message.recipient, text, blocks)


def _decision(message: Message, ctx: MessageContext, now: datetime) -> Send:
    """The outcome this message announces (later changes are announced by their own)."""
    told = replace(
        ctx.named_nomination(),
        status=Status(message.payload["status"]),
        cohort_key=message.payload.get("cohort"),
    )
    for_lead = message.recipient != told.nominee_id
    lapsed = bool(message.payload.get("lapsed"))
    text = decision_message(told, ctx.named_programme(), for_lead=for_lead, lapsed=lapsed)
    if told.status is Status.WAITLISTED and not for_lead:
        return Post(message.recipient, text, leave_waitlist_blocks(text, told))
    channel = ctx.channel  # their cohort has a channel already: they are asked here too
    if told.status is Status.CONFIRMED and not for_lead and channel:
        return Post(message.recipient, text, [section(text), *join_blocks(channel)])
    return Post(message.recipient, text)


def _offer(message: Message, ctx: MessageContext, now: datetime) -> Send | None:
    """Asked only while the place is still offered to them (else nothing needs saying)."""
    if ctx.named_nomination().status is not Status.OFFERED:
        return None
    text, blocks = offer_message(ctx.named_nomination(), ctx.named_programme())
    return Post(message.recipient, text, blocks)


def _calendar(message: Message, ctx: MessageContext, now: datetime) -> Send | None:
    """The cohort's sessions as they are now (so also after it was rescheduled)."""
    programme = ctx.named_programme()
    cohort = programme.cohort(message.payload["cohort"])
    if "dropped" in message.payload:
        return _dropped_sessions(message, ctx, now)
    left = message.payload.get("left")
    moved = (programme.cohort(left), ctx.revisions.get(left, 0)) if left else None
    return Upload(
        message.recipient,
        f"{programme.key}-{cohort.key}.ics",
        cohort_calendar(programme, cohort, ctx.revisions.get(cohort.key, 0), now, moved),
        f"Calendar for {programme.name}, {cohort.name}"
        + (" (cancelled)" if cohort.cancelled else "")
        + (f" (your {moved[0].name} sessions are cancelled)" if moved else ""),
    )


def _dropped_sessions(message: Message, ctx: MessageContext, now: datetime) -> Send | None:
    """The events of sessions the cohort dropped, cancelled (but none it has again now)."""
    programme = ctx.named_programme()
    cohort = programme.cohort(message.payload["cohort"])
    dropped = tuple(
        (number, Session(start=datetime.fromisoformat(start), end=datetime.fromisoformat(end)))
        for number, start, end in message.payload["dropped"]
        if number > len(cohort.sessions)
    )
    if not dropped:
        return None
    revision = ctx.revisions.get(cohort.key, 0)
    days = ", ".join(day(s.start) for _, s in dropped)
    return Upload(
        message.recipient,
        f"{programme.key}-{cohort.key}-cancelled.ics",
        cancelled_sessions_calendar(programme, cohort, revision, now, dropped),
        f"Cancelled sessions of {programme.name}, {cohort.name}: {days}",
    )


def _rescheduled(message: Message, ctx: MessageContext, now: datetime) -> Send:
    told = replace(ctx.named_nomination(), cohort_key=message.payload["cohort"])
    for_lead = message.recipient != told.nominee_id
    left = message.payload.get("left")
    text = rescheduled_message(told, ctx.named_programme(), for_lead=for_lead, left=left)
    return Post(message.recipient, text)


def _cohort_cancelled(message: Message, ctx: MessageContext, now: datetime) -> Send:
    for_lead = message.recipient != ctx.named_nomination().nominee_id
    cohort, why = message.payload["cohort"], message.payload.get("why", "")
    text = cohort_cancelled_message(
        ctx.named_nomination(), ctx.named_programme(), cohort, why, for_lead=for_lead
    )
    return Post(message.recipient, text)


def _move_asked(message: Message, ctx: MessageContext, now: datetime) -> Send:
    text, blocks = move_asked_notice(
        ctx.named_nomination(), ctx.named_programme(), message.payload["cohort"]
    )
    return Post(message.recipient, text, blocks)


def _place_reoffered(message: Message, ctx: MessageContext, now: datetime) -> Send:
    text, blocks = place_reoffered_notice(
        message.payload["freed_by"], ctx.named_nomination(), ctx.named_programme()
    )
    return Post(message.recipient, text, blocks)


def _offer_post(message: Message, ctx: MessageContext, now: datetime) -> Send | None:
    """The offer, while it is still open to nominations (else there is nothing to share)."""
    if not ctx.named_programme().is_open(now):
        return None
    text, blocks = offer_post(ctx.named_programme(), now)
    return Post(message.recipient, text, blocks)


def _interest(message: Message, ctx: MessageContext, now: datetime) -> Send:
    person, note = message.payload["person"], message.payload.get("note", "")
    text, blocks = interest_message(ctx.named_programme(), ctx.named_ics(), person, note)
    return Post(message.recipient, text, blocks)


def _reply(message: Message, ctx: MessageContext, now: datetime) -> Send:
    """What became of a request acknowledged earlier: why it was not done, or (asked from a
    private reply) where the nomination stands now."""
    refusal = message.payload.get("refusal")
    if refusal:
        waitlist = int(message.payload.get("waitlist") or 0)
        text, blocks = refusal, full_notice(refusal, waitlist, can_waitlist=bool(waitlist))
    else:
        n = ctx.named_nomination()
        text = f"<@{n.nominee_id}>: {status_text(n, ctx.named_programme())}"
        blocks = [section(text)]
    channel = message.payload.get("channel")
    if channel:
        return Whisper(channel, message.recipient, text, blocks)
    return Post(message.recipient, text, blocks)


def _nominations(message: Message, actor: Actor, sources: Sources, now: datetime) -> Send:
    """The register, with everyone named as Slack names them (asked for whoever Cascade
    has not met yet)."""
    register = register_for(
        actor, message.payload["programme"], sources.uow_factory(read_only=True), now
    )
    programme, rows = register.programme, register.rows
    nominees = [n.nominee_id for n, _ in rows]
    reading = partial(sources.uow_factory, read_only=True)
    what = "the nominations register (a file)"
    shown(actor.user_id, nominees, what, reading, sources.uow_factory.patient, now)
    ids = {i for n, _ in rows for i in (n.nominee_id, n.nominated_by, n.decided_by, n.sponsor) if i}
    names = {i: person for i in sorted(ids) if (person := sources.people.get(i))}
    excel = message.payload.get("format") == "xlsx"
    write = nominations_xlsx if excel else nominations_csv
    return Upload(
        message.recipient,
        f"{programme.key}-nominations-{now:%Y%m%d-%H%M}.{'xlsx' if excel else 'csv'}",
        write(register, names),
        f"All {len(rows)} nominations for {programme.name}.",
    )


WITH_CONTEXT: dict[Reason, Callable[[Message, MessageContext, datetime], Send | None]] = {
    KernelReason.REPLY: _reply,
    NominationReason.INVITATION: _invitation,
    NominationReason.NOT_REACHED: _not_reached,
    NominationReason.CARD: _card,
    NominationReason.DECISION: _decision,
    NominationReason.CALENDAR: _calendar,
    NominationReason.RESCHEDULED: _rescheduled,
    NominationReason.COHORT_CANCELLED: _cohort_cancelled,
    NominationReason.MOVE_ASKED: _move_asked,
    NominationReason.PLACE_REOFFERED: _place_reoffered,
    NominationReason.OFFER: _offer,
    NominationReason.OFFER_POST: _offer_post,
    NominationReason.INTEREST: _interest,
}


def _from_facts(write: Callable[[Message, MessageContext, datetime], Send | None]) -> FactWriter:
    """A writer reading the nomination, programme and ICS the message names."""

    def from_facts(message: Message, sources: Sources, now: datetime) -> Send | None:
        return write(
            message, message_context(message.payload, sources.uow_factory(read_only=True)), now
        )

    return from_facts


WRITERS: dict[Reason, FactWriter] = {r: _from_facts(w) for r, w in WITH_CONTEXT.items()}
FOR_RECIPIENT: dict[Reason, Writer] = {NominationReason.NOMINATIONS_EXPORT: _nominations}


def cohort_cancelled_message(
    nomination: Nomination, programme: Programme, cohort_key: str, why: str, *, for_lead: bool
) -> str:
    """A cancelled cohort: what became of the place (back on the waitlist, or released)."""
    whose = f"<@{nomination.nominee_id}>'s place" if for_lead else "Your place"
    said = (
        f":warning: *{cohort_name(programme, cohort_key)}* of *{programme.name}* has been "
        f"cancelled" + (f": {escape(why)}" if why else ".")
    )
    if nomination.status is Status.WAITLISTED:
        who = f"<@{nomination.nominee_id}> is" if for_lead else "You are"
        then = (
            f" {who} back on the waitlist: when a place in another cohort is free, it is "
            "offered first to the people waiting, in order."
        )
    else:
        then = f" {whose} has been released. We are sorry."
    attached = "" if for_lead else " The calendar file that follows removes its sessions."
    return f"{said}{then}{attached}{contact_line(programme)}"
