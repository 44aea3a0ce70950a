"""Reading Slack payloads (view state, button values, command text) into plain values."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from bot.ids import EITHER, Block, Value, element

_MENTION = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$")


def mentioned_user(text: str) -> str | None:
    """The user id in an escaped mention such as ``<@U123|ann>``."""
    match = _MENTION.match(text.strip())
    return match.group(1) if match else None


def metadata(view: dict[str, Any]) -> dict[str, Any]:
    try:
        value = json.loads(view.get("private_metadata") or "{}")
    except json.JSONDecodeError:
        return {}
    return value if isinstance(value, dict) else {}


def _value(view: dict[str, Any], block: str) -> dict[str, Any]:
    return ((view.get("state") or {}).get("values") or {}).get(block, {}).get(element(block), {})


def selected(view: dict[str, Any], block: str) -> str | None:
    state = _value(view, block)
    chosen = state.get("selected_option") or {}
    return state.get("selected_user") or chosen.get("value")


def typed(view: dict[str, Any], block: str) -> str:
    return (_value(view, block).get("value") or "").strip()


def ticked(view: dict[str, Any], prefix: str) -> frozenset[str]:
    """Keys of the single-checkbox input blocks named ``prefix + key`` that are ticked."""
    values = (view.get("state") or {}).get("values") or {}
    return frozenset(
        block[len(prefix) :]
        for block, state in values.items()
        if block.startswith(prefix) and state.get(element(block), {}).get("selected_options")
    )


def second_choice(view: dict[str, Any]) -> tuple[str | None, bool]:
    choice = selected(view, Block.SECOND_CHOICE)
    return (None, True) if choice == EITHER else (choice, False)


def action_value(body: dict[str, Any]) -> str:
    return (body.get("actions") or [{}])[0].get("value") or ""


def clicked(body: dict[str, Any]) -> Value:
    """The typed value of the button that was clicked."""
    return Value.read(action_value(body))


def in_private_reply(body: dict[str, Any]) -> bool:
    """A button in an ephemeral message (such as the `/nominate status` answer)."""
    return bool((body.get("container") or {}).get("is_ephemeral"))


def from_home(body: dict[str, Any]) -> bool:
    return (body.get("view") or {}).get("type") == "home"


def picked_date(view: dict[str, Any], block: str) -> date | None:
    raw = _value(view, block).get("selected_date")
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def number(view: dict[str, Any], block: str) -> int | str | None:
    """A whole number, None when empty, or the text typed when it is not a whole number."""
    raw = (_value(view, block).get("value") or "").strip()
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        return raw
