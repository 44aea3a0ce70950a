"""Small Block Kit pieces and date formatting shared by the builders."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from bot.kernel.ids import NOTICE
from bot.kernel.ids import element as action_of
from domain.kernel.programme import Cohort, Programme

Blocks = list[dict[str, Any]]
SECTION_TEXT = 3000  # Slack's limit for a section's text


def escape(typed: str) -> str:
    """Text a person typed (a note, a reason, a name), made safe to show others: Slack reads
    ``<!channel>``, ``<@U…>`` and ``<https://…|label>`` in messages, so &, < and > are escaped.
    Every builder passes people's text through here; the programme's own texts are trusted."""
    return typed.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def text(value: str, kind: str = "mrkdwn") -> dict[str, Any]:
    return (
        {"type": kind, "text": value}
        if kind == "mrkdwn"
        else {"type": "plain_text", "text": value, "emoji": True}
    )


def plain(value: str, limit: int = 75) -> dict[str, Any]:
    return {"type": "plain_text", "text": clip(value, limit), "emoji": True}


def clip(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def section(value: str, **extra: Any) -> dict[str, Any]:
    return {"type": "section", "text": text(clip(value, 3000)), **extra}


def packed(lines: list[str]) -> list[dict[str, Any]]:
    """The lines in as few sections as Slack's limit on a section's text allows (each line
    at most that long)."""
    chunks: list[list[str]] = [[]]
    for line in lines:
        if chunks[-1] and len("\n".join([*chunks[-1], line])) > SECTION_TEXT:
            chunks.append([])
        chunks[-1].append(line)
    return [section("\n".join(chunk)) for chunk in chunks if chunk]


def header(value: str) -> dict[str, Any]:
    return {"type": "header", "text": plain(value, 150)}


def context(value: str) -> dict[str, Any]:
    return {"type": "context", "elements": [text(clip(value, 3000))]}


def divider() -> dict[str, Any]:
    return {"type": "divider"}


def button(
    label: str,
    action_id: str,
    value: str = "",
    *,
    style: str | None = None,
    confirm: dict[str, Any] | None = None,
) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "button", "text": plain(label), "action_id": action_id}
    if value:
        element["value"] = value
    if style:
        element["style"] = style
    if confirm:
        element["confirm"] = confirm
    return element


def confirm_dialog(title: str, body: str, yes: str, no: str = "Cancel") -> dict[str, Any]:
    return {
        "title": plain(title, 100),
        "text": text(clip(body, 300)),
        "confirm": plain(yes, 30),
        "deny": plain(no, 30),
        "style": "danger",
    }


def actions(*elements: dict[str, Any], block_id: str | None = None) -> dict[str, Any]:
    block: dict[str, Any] = {"type": "actions", "elements": list(elements)[:25]}
    if block_id:
        block["block_id"] = block_id
    return block


def modal(
    callback_id: str,
    title: str,
    blocks: Blocks,
    *,
    submit: str | None = None,
    close: str = "Cancel",
    metadata: str = "",
) -> dict[str, Any]:
    view: dict[str, Any] = {
        "type": "modal",
        "callback_id": callback_id,
        "title": plain(title, 24),
        "close": plain(close, 24),
        "blocks": blocks[:100],
        "private_metadata": metadata,
    }
    if submit:
        view["submit"] = plain(submit, 24)
    return view


def notice_view(title: str, message: str, extra: Blocks | None = None) -> dict[str, Any]:
    """A small modal that only says something (a refusal, what became of a request)."""
    return modal(NOTICE, title, [section(message), *(extra or [])], close="Close")


def input_block(
    block_id: str, label: str, element: dict[str, Any], *, optional: bool = False
) -> dict[str, Any]:
    """An input block whose one element's action_id is named after the block."""
    return {
        "type": "input",
        "block_id": block_id,
        "label": plain(label, 2000),
        "element": {"action_id": action_of(block_id), **element},
        "optional": optional,
    }


def text_element(value: str, limit: int, *, multiline: bool = False) -> dict[str, Any]:
    """A text input of at most ``limit`` characters, filled in with ``value`` (if any)."""
    el: dict[str, Any] = {"type": "plain_text_input", "multiline": multiline, "max_length": limit}
    if value:
        el["initial_value"] = value[:limit]
    return el


def text_input(
    block: str,
    label: str,
    initial: str,
    limit: int,
    optional: bool = False,
    *,
    multiline: bool = False,
) -> dict[str, Any]:
    """An input block holding a text input (see ``text_element``)."""
    element = text_element(initial, limit, multiline=multiline)
    return input_block(block, label, element, optional=optional)


def number_element(value: int | None) -> dict[str, Any]:
    """A whole-number input, filled in with ``value`` (if any)."""
    el: dict[str, Any] = {"type": "number_input", "is_decimal_allowed": False}
    if value is not None:
        el["initial_value"] = str(value)
    return el


def meta(programme: str | None, item: str | None = None) -> str:
    """A form's private_metadata naming the programme (and the cohort, criterion...) it edits."""
    return json.dumps({"programme": programme, "item": item})


def option(label: str, value: str) -> dict[str, Any]:
    return {"text": plain(label), "value": value}


def day(moment: datetime) -> str:
    return f"{moment:%a} {moment.day} {moment:%b %Y}"


def session_lines(cohort: Cohort) -> list[str]:
    return [f"{day(s.start)}, {s.start:%H:%M}–{s.end:%H:%M}" for s in cohort.sessions]


def schedule(cohort: Cohort) -> str:
    """The cohort's sessions, a line each, then its joining details (if any are set yet)."""
    dates = "\n".join(f"• {line}" for line in session_lines(cohort))
    return dates + (f"\n*Joining details:* {escape(cohort.joining)}" if cohort.joining else "")


def cohort_summary(cohort: Cohort) -> str:
    """'Cohort 2: 29 & 30 Nov, 13:30–17:00' (short enough for an option label)."""
    days = " & ".join(str(s.start.day) for s in cohort.sessions)
    first = cohort.sessions[0]
    return f"{cohort.name}: {days} {first.start:%b}, {first.start:%H:%M}–{first.end:%H:%M}"


def cohort_name(programme: Programme, key: str | None) -> str:
    for cohort in programme.cohorts:
        if cohort.key == key:
            return cohort.name
    return key or "—"


def when(moment: datetime | None, programme: Programme) -> str:
    if moment is None:
        return "—"
    local = moment.astimezone(programme.tz)
    return f"{day(local)} {local:%H:%M}"


_WHAT = {
    "home": "show your Home tab",
    "nominations-export": "send you the nominations file",
    "entries-export": "send you your entries file",
    "channel-invite": "add you to your cohort's channel",
}


_FOR_GOOD = {  # refusals trying again will not change
    "user_is_restricted": "Slack does not let guest accounts be added",
    "user_is_ultra_restricted": "Slack does not let guest accounts be added",
    "ura_max_channels": "your guest account is in as many channels as Slack allows",
}


def apology(what: str, reference: str, error: str) -> str:
    """When Slack refused something a person asked for: what, why, and a reference to quote."""
    if error in _FOR_GOOD:
        return (
            f"Sorry: I could not {_WHAT.get(what, 'do that')}, because {_FOR_GOOD[error]}. "
            f"Please ask your coordinator (reference `{reference}`)."
        )
    return (
        f"Sorry, something went wrong on our side: I could not {_WHAT.get(what, 'do that')} "
        f"(Slack said {error}; reference `{reference}`). Please try again; if it keeps "
        "happening, send the reference to your coordinator."
    )
