"""What each reminder says, with buttons that act. Plain data in, (text, blocks) out."""

from __future__ import annotations

from datetime import date, datetime

from bot.follow_up import ids as follow_up_ids
from bot.kernel.blocks import (
    Blocks,
    actions,
    button,
    cohort_name,
    context,
    day,
    escape,
    schedule,
    section,
)
from bot.kernel.ids import variant
from bot.nominations import ids as nominations_ids
from bot.outbox.sends import Post, Send
from bot.outbox.sources import Sources
from bot.supervision import ids as supervision_ids
from domain.follow_up.reasons import FollowUpReason
from domain.kernel.outbox import Message, Period
from domain.nominations.reasons import NominationReason
from domain.supervision.entries import Kind
from domain.supervision.reasons import SupervisionReason
from handlers.nominations.queries import MessageContext, message_context

FOOTER = "Cascade only sends reminders in working hours, about what is really due."


def write_chase(reminder: Message, sources: Sources, now: datetime) -> Send:
    """A chase, written from what it names as the database holds it now."""
    ctx = message_context(reminder.payload, sources.uow_factory(read_only=True))
    text, blocks = reminder_message(reminder, ctx)
    return Post(reminder.recipient, text, blocks)


def reminder_message(reminder: Message, ctx: MessageContext) -> tuple[str, Blocks]:
    text, buttons = _WRITERS[reminder.reason](reminder, ctx)
    if reminder.reason.snoozable:
        buttons.append(button("Remind me next week", follow_up_ids.Action.SNOOZE, str(reminder.id)))
    blocks = [section(text)]
    if buttons:
        blocks.append(actions(*buttons))
    blocks.append(context(FOOTER))
    return text, blocks


def _eligibility(r: Message, ctx: MessageContext):
    name = ctx.programme.name if ctx.programme else "the programme"
    return (
        f"A gentle reminder: you were nominated for *{name}*. Please confirm the "
        "eligibility criteria and choose your cohort, or let us know it is not for you.",
        [
            button(
                "Confirm eligibility",
                nominations_ids.Action.OPEN_ELIGIBILITY,
                str(r.payload["nomination"]),
                style="primary",
            )
        ],
    )


def _eligibility_lead(r: Message, ctx: MessageContext):
    return (
        f"<@{r.payload['nominee']}> has not yet confirmed their eligibility for "
        f"*{ctx.programme.name if ctx.programme else 'the programme'}*. You may want to "
        "check in with them.",
        [],
    )


def _review_digest(r: Message, ctx: MessageContext):
    count = len(r.payload["nominations"])
    return (
        f"{count} nomination{'s' if count != 1 else ''} for *{ctx.named_programme().name}* "
        f"have waited more than {r.payload.get('days', 3)} working days for review. "
        "Open Cascade's *Home* tab to "
        "confirm, waitlist or decline them.",
        [],
    )


def _cohort_soon(r: Message, ctx: MessageContext):
    p = ctx.named_programme()
    cohort = p.cohort(r.payload["cohort"])
    return (
        f"*{p.name}*, {cohort.name}, starts on {day(cohort.first_start)}.\n"
        f"{schedule(cohort)}\n{p.delivery}.",
        [],
    )


def _record_attendance(r: Message, ctx: MessageContext):
    name = cohort_name(ctx.named_programme(), r.payload["cohort"])
    return (
        f"{name} of *{ctx.named_programme().name}* has finished. Please record who attended on "
        "Cascade's *Home* tab.",
        [],
    )


def _cascade_check(r: Message, ctx: MessageContext):
    nid, p = str(r.payload["nomination"]), ctx.named_programme()
    return (
        f"Since the *{p.name}* training, have you started delivering or "
        f"cascading {p.cascaded_words}?",
        [
            button("Yes, I have", follow_up_ids.Action.CASCADE_YES, nid, style="primary"),
            button("Not yet", follow_up_ids.Action.CASCADE_NOT_YET, nid),
        ],
    )


def _cascade_late(r: Message, ctx: MessageContext):
    return (
        f"<@{r.payload['nominee']}> has not yet started cascading *{ctx.named_programme().name}* "
        f"after {r.payload.get('asked', r.payload['ask'] - 1)} asks. They may need support.",
        [],
    )


def _implementation(r: Message, ctx: MessageContext):
    p = ctx.named_programme()
    session = p.implementation_session or f"{p.provider} will be in touch with the date"
    return (
        f"People from {ctx.named_ics().name} have attended *{p.name}*. You are invited "
        f"to the session on local implementation models at ICS level: {session}.",
        [],
    )


def _requirement(r: Message, ctx: MessageContext):
    requirement = next(q for q in ctx.catalogue.requirements if q.key == r.payload["requirement"])
    due = date.fromisoformat(r.payload["due"])
    stage = Period.parse(r.period).stage
    if stage == "start":
        when = "It is not met yet" if requirement.hours else "Nothing is logged for it yet"
    elif stage.startswith("before") or stage == "due":
        when = f"It is due on {due:%a %-d %b %Y}"
    else:
        when = f"It has been overdue since {due:%a %-d %b %Y}"
    kinds = {ctx.catalogue.log_type(t).kind for t in requirement.log_types}
    kind = Kind.DELIVERY if kinds == {Kind.DELIVERY} else Kind.SUPERVISION
    label = "Log a delivery" if kind is Kind.DELIVERY else "Log supervision"
    stops = "Logging it stops these reminders."
    if requirement.hours:  # one session may not be enough
        stops = (
            f"It needs {requirement.hours} hours logged in any {requirement.every_months} "
            "months; your Home tab shows how many you have."
        )
    return (
        f"*{requirement.name}*. {when}. {stops}",
        [
            button(
                label, variant(supervision_ids.Action.LOG_OPEN, kind), kind.value, style="primary"
            )
        ],
    )


def _requirement_late(r: Message, ctx: MessageContext):
    requirement = next(q for q in ctx.catalogue.requirements if q.key == r.payload["requirement"])
    due = date.fromisoformat(r.payload["due"])
    return (
        f"For your information: <@{r.payload['person']}>'s requirement "
        f"*{requirement.name}* has been overdue since {due:%a %-d %b %Y}.",
        [],
    )


def _action_due(r: Message, ctx: MessageContext):
    return (
        f"Your agreed action is due on {_day_of_action(r):%a %-d %b}: "
        f"_{escape(r.payload['action'])}_",
        [
            button(
                "Log supervision",
                variant(supervision_ids.Action.LOG_OPEN, Kind.SUPERVISION),
                Kind.SUPERVISION.value,
            )
        ],
    )


def _day_of_action(r: Message) -> date:
    return Period.parse(r.period).day or r.due_at.date()


_WRITERS = {
    NominationReason.ELIGIBILITY: _eligibility,
    NominationReason.ELIGIBILITY_LEAD: _eligibility_lead,
    NominationReason.REVIEW_DIGEST: _review_digest,
    NominationReason.COHORT_SOON: _cohort_soon,
    NominationReason.RECORD_ATTENDANCE: _record_attendance,
    FollowUpReason.CASCADE_CHECK: _cascade_check,
    FollowUpReason.CASCADE_LATE: _cascade_late,
    NominationReason.IMPLEMENTATION: _implementation,
    SupervisionReason.REQUIREMENT: _requirement,
    SupervisionReason.REQUIREMENT_LATE: _requirement_late,
    SupervisionReason.ACTION_DUE: _action_due,
}
