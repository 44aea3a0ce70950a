"""What Cascade says about a group session: the invitation, the reminder, a cancellation,
and that attending was recorded."""

from __future__ import annotations

from bot.group_sessions.blocks import answer_buttons, on_day, when
from bot.kernel.blocks import Blocks, clip, context, escape, section
from handlers.group_sessions.reads import SessionNow


def details(shown: SessionNow) -> str:
    s = shown.session
    ics = f" · {escape(shown.ics_name)}" if shown.ics_name else ""
    return (
        f"*{escape(s.title)}*\n{shown.kind_name}{ics} · {when(s)}\n"
        f"*Where:* {escape(s.place)}\nOrganised by <@{s.organiser}>"
    )


def _agenda(shown: SessionNow) -> Blocks:
    agenda = shown.session.agenda
    return [section("*Agenda*\n" + escape(clip(agenda, 2900)))] if agenda else []


def invitation_message(shown: SessionNow) -> tuple[str, Blocks]:
    s = shown.session
    text = f"You are invited to {s.title} ({shown.kind_name}), {when(s)}."
    blocks: Blocks = [
        section("You are invited to a group session.\n" + details(shown)),
        *_agenda(shown),
        context(
            f"Attending counts as “{shown.log_type_name}” for your requirements: the organiser "
            "records who came, so you need not log it yourself. A calendar file follows."
        ),
        answer_buttons(s.id or 0),
    ]
    return escape(text), blocks


def soon_message(shown: SessionNow) -> tuple[str, Blocks]:
    s = shown.session
    text = f"Coming up: {s.title}, {when(s)}."
    blocks: Blocks = [
        section("A reminder: you said you are going to\n" + details(shown)),
        *_agenda(shown),
        context("If you can no longer go, please say so, so the organiser knows."),
        answer_buttons(s.id or 0),
    ]
    return escape(text), blocks


def cancelled_message(shown: SessionNow) -> str:
    s = shown.session
    by = f" by <@{s.cancelled_by}>" if s.cancelled_by else ""
    return (
        f"*{escape(s.title)}* ({shown.kind_name}), {when(s)}, was cancelled{by}. "
        "The calendar file that follows takes it out of your calendar."
    )


def attended_message(shown: SessionNow) -> str:
    s = shown.session
    return (
        f"Your attendance at *{escape(s.title)}* on {on_day(s)} was recorded. "
        f"It counts as “{shown.log_type_name}” for your requirements; you need not log it. "
        "`/log-supervision list` shows it."
    )
