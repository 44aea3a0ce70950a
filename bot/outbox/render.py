"""What each message says, written at send time from the database as it is then."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot.accreditation.render import WRITERS as ACCREDITATION_WRITERS
from bot.circles.render import WRITERS as CIRCLE_WRITERS
from bot.export import entries_csv, nominations_csv, nominations_xlsx
from bot.follow_up.render import WRITERS as FOLLOW_THROUGH_WRITERS
from bot.group_sessions.render import WRITERS as GROUP_SESSION_WRITERS
from bot.home.tab import home_for
from bot.kernel.blocks import apology, section
from bot.networks.render import WRITERS as NETWORK_WRITERS
from bot.nominations.blocks.review import full_notice, status_text
from bot.nominations.render import WRITERS as NOMINATION_WRITERS
from bot.outbox.sends import Post, Publish, Send, Upload, Whisper
from bot.people import People
from bot.reminders.messages import reminder_message
from domain.kernel.outbox import Message, Reason
from domain.kernel.people import Actor
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


def _apology(message: Message, ctx: MessageContext, now: datetime) -> Send:
    return Post(message.recipient, apology(**message.payload))


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
    **NOMINATION_WRITERS,  # invitations, the review card, decisions, offers, calendars
    Reason.APOLOGY: _apology,
    Reason.REPLY: _reply,
}
