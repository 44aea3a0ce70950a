"""What each message says, written at send time from the database as it is then."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from bot.accreditation.render import WRITERS as ACCREDITATION_WRITERS
from bot.blocks.cohorts import cohort_cancelled_message
from bot.blocks.common import apology, day, section
from bot.blocks.eligibility import invitation, not_reached_message
from bot.blocks.interest import interest_message, offer_post
from bot.blocks.reminders import reminder_message
from bot.blocks.review import (
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
from bot.calendar import cancelled_sessions_calendar, cohort_calendar
from bot.circles.render import WRITERS as CIRCLE_WRITERS
from bot.export import entries_csv, nominations_csv, nominations_xlsx
from bot.follow_up.render import WRITERS as FOLLOW_THROUGH_WRITERS
from bot.group_sessions.render import WRITERS as GROUP_SESSION_WRITERS
from bot.home import home_for
from bot.networks.channel_blocks import join_blocks
from bot.networks.render import WRITERS as NETWORK_WRITERS
from bot.outbox.sends import Post, Publish, Send, Update, Upload, Whisper
from bot.people import People
from domain.kernel.outbox import Message, Reason
from domain.kernel.people import Actor
from domain.kernel.programme import Session
from domain.nominations.nomination import Status
from handlers.follow_up.register import register_for
from handlers.nominations.queries import MessageContext, message_context
from handlers.supervision.entries import my_record
from storage.unit_of_work import UnitOfWorkFactory


class Renderer:
    def __init__(self, uow_factory: UnitOfWorkFactory, people: People) -> None:
        self.uow_factory, self.people = uow_factory, people

    def __call__(self, message: Message, now: datetime) -> Send | None:
        """The call to make for ``message``; None when nothing needs saying any more."""
        as_recipient = _AS_RECIPIENT.get(message.reason)
        if as_recipient is not None:  # what the recipient may see, as they may see it now
            actor = self.people.actor(message.recipient)
            return as_recipient(message, actor, self, now)
        ctx = message_context(message.payload, self.uow_factory(read_only=True))
        if message.reason.is_chase:
            text, blocks = reminder_message(message, ctx)
            return Post(message.recipient, text, blocks)
        return _WRITERS[message.reason](message, ctx, now)


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


def _apology(message: Message, ctx: MessageContext, now: datetime) -> Send:
    return Post(message.recipient, apology(**message.payload))


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


def _home(message: Message, actor: Actor, renderer: Renderer, now: datetime) -> Send:
    return Publish(message.recipient, home_for(actor, renderer.uow_factory, now))


def _nominations(message: Message, actor: Actor, renderer: Renderer, now: datetime) -> Send:
    """The register, with everyone named as Slack names them (asked for whoever Cascade
    has not met yet)."""
    register = register_for(
        actor, message.payload["programme"], renderer.uow_factory(read_only=True), now
    )
    programme, rows = register.programme, register.rows
    ids = {i for n, _ in rows for i in (n.nominee_id, n.nominated_by, n.decided_by, n.sponsor) if i}
    names = {i: person for i in sorted(ids) if (person := renderer.people.get(i))}
    excel = message.payload.get("format") == "xlsx"
    write = nominations_xlsx if excel else nominations_csv
    return Upload(
        message.recipient,
        f"{programme.key}-nominations-{now:%Y%m%d-%H%M}.{'xlsx' if excel else 'csv'}",
        write(register, names),
        f"All {len(rows)} nominations for {programme.name}.",
    )


def _entries(message: Message, actor: Actor, renderer: Renderer, now: datetime) -> Send:
    record = my_record(actor, renderer.uow_factory(read_only=True), now)
    return Upload(
        message.recipient,
        f"my-supervision-{now:%Y%m%d}.csv",
        entries_csv(record.entries, record.catalogue),
        f"All your {len(record.entries)} entries, notes included. Only you have this file.",
    )


_AS_RECIPIENT: dict[Reason, Callable[[Message, Actor, Renderer, datetime], Send | None]] = {
    Reason.HOME: _home,
    Reason.NOMINATIONS_EXPORT: _nominations,
    Reason.ENTRIES_EXPORT: _entries,
    **ACCREDITATION_WRITERS,  # pathways, peer reviews, certificates, mentoring
    **FOLLOW_THROUGH_WRITERS,  # the academy told of attendees' answers about cascading
    **GROUP_SESSION_WRITERS,  # group sessions: invitations, calendar files, reminders
    **CIRCLE_WRITERS,  # circles: credits, the calendar, sign-ups, reminders, cover
    **NETWORK_WRITERS,  # debriefs
}

_WRITERS: dict[Reason, Callable[[Message, MessageContext, datetime], Send | None]] = {
    Reason.INVITATION: _invitation,
    Reason.NOT_REACHED: _not_reached,
    Reason.CARD: _card,
    Reason.DECISION: _decision,
    Reason.CALENDAR: _calendar,
    Reason.RESCHEDULED: _rescheduled,
    Reason.COHORT_CANCELLED: _cohort_cancelled,
    Reason.MOVE_ASKED: _move_asked,
    Reason.PLACE_REOFFERED: _place_reoffered,
    Reason.OFFER: _offer,
    Reason.OFFER_POST: _offer_post,
    Reason.INTEREST: _interest,
    Reason.APOLOGY: _apology,
    Reason.REPLY: _reply,
}
