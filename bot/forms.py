"""Reading Slack payloads (view state, button values, command text) into plain values."""

from __future__ import annotations

import json
import re
from datetime import date, time
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from bot.ids import EITHER, Block, Value, element
from domain.errors import DomainError

T = TypeVar("T", bound=BaseModel)
_MENTION = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$")


def mentioned_user(text: str) -> str | None:
    """The user id in an escaped mention such as ``<@U123|ann>``."""
    match = _MENTION.match(text.strip())
    return match.group(1) if match else None


def metadata(view: dict[str, Any]) -> dict[str, Any]:
    raw = view.get("private_metadata")
    try:
        value = json.loads(raw) if isinstance(raw, str) and raw else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def metadata_id(view: dict[str, Any], key: str) -> int:
    """An id kept in the form's metadata; 0 (found nowhere) when it is not a plain id."""
    return Value.read(str(metadata(view).get(key))).id


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _values(view: dict[str, Any]) -> dict[str, Any]:
    """Slack's state.values; a forged one of another shape reads as an empty form."""
    return _dict(_dict(view.get("state")).get("values"))


def _value(view: dict[str, Any], block: str) -> dict[str, Any]:
    return _dict(_dict(_values(view).get(block)).get(element(block)))


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def selected(view: dict[str, Any], block: str) -> str | None:
    state = _value(view, block)
    return (
        _text(state.get("selected_user"))
        or _text(state.get("selected_conversation"))
        or _text(_dict(state.get("selected_option")).get("value"))
    )


def typed(view: dict[str, Any], block: str) -> str:
    return (_text(_value(view, block).get("value")) or "").strip()


def ticked(view: dict[str, Any], prefix: str) -> frozenset[str]:
    """Keys of the single-checkbox input blocks named ``prefix + key`` that are ticked."""
    return frozenset(
        block[len(prefix) :]
        for block in _values(view)
        if block.startswith(prefix) and _value(view, block).get("selected_options")
    )


def second_choice(view: dict[str, Any]) -> tuple[str | None, bool]:
    choice = selected(view, Block.SECOND_CHOICE)
    return (None, True) if choice == EITHER else (choice, False)


def _clicked(body: dict[str, Any]) -> dict[str, Any]:
    actions = body.get("actions")
    return _dict(actions[0]) if isinstance(actions, list) and actions else {}


def action_value(body: dict[str, Any]) -> str:
    return _text(_clicked(body).get("value")) or ""


def picked_option(body: dict[str, Any]) -> str:
    """The value of the option chosen in a select outside a form (on Home, say)."""
    return _text(_dict(_clicked(body).get("selected_option")).get("value")) or ""


def action_id(body: dict[str, Any]) -> str:
    """Which button was clicked (for one listener of several buttons)."""
    return _text(_clicked(body).get("action_id")) or ""


def clicked(body: dict[str, Any]) -> Value:
    """The typed value of the button that was clicked."""
    return Value.read(action_value(body))


def in_private_reply(body: dict[str, Any]) -> bool:
    """A button in an ephemeral message (such as the `/nominate status` answer)."""
    return bool((body.get("container") or {}).get("is_ephemeral"))


def from_home(body: dict[str, Any]) -> bool:
    return (body.get("view") or {}).get("type") == "home"


def picked_date(view: dict[str, Any], block: str) -> date | None:
    raw = _text(_value(view, block).get("selected_date"))
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def picked_time(view: dict[str, Any], block: str) -> time | None:
    raw = _text(_value(view, block).get("selected_time"))
    try:
        return time.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def picked_users(view: dict[str, Any], block: str) -> tuple[str, ...]:
    users = _value(view, block).get("selected_users")
    return tuple(u for u in users if isinstance(u, str)) if isinstance(users, list) else ()


def blocks(view: dict[str, Any]) -> list[str]:
    """The ids of the form's input blocks, as submitted."""
    return [block for block in _values(view) if isinstance(block, str)]


def chosen(view: dict[str, Any], block: str) -> tuple[str, ...]:
    """The values picked in a multi-select (none for a forged or empty one)."""
    options = _value(view, block).get("selected_options")
    if not isinstance(options, list):
        return ()
    return tuple(v for o in options if isinstance(v := _dict(o).get("value"), str))


def ticked_one(view: dict[str, Any], block: str) -> bool:
    """A single checkbox (its block) is ticked."""
    return bool(_value(view, block).get("selected_options"))


def number(view: dict[str, Any], block: str) -> int | str | None:
    """A whole number, None when empty, or the text typed when it is not a whole number."""
    raw = (_text(_value(view, block).get("value")) or "").strip()
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        return raw


_PLAIN = {
    "string_too_long": "This is too long: at most {max_length} characters.",
    "string_pattern_mismatch": "Please choose a person from the list.",
    "string_too_short": "Please fill this in.",
    "missing": "Please fill this in.",
}


def command(model: type[T], fields: dict[str, str], **values: Any) -> T:
    """The command, or the first problem with the form as a DomainError on its block (forms
    only let people type what is allowed, so this is a forged or damaged submission)."""
    try:
        return model(**values)
    except ValidationError as invalid:
        problem = invalid.errors()[0]
        name = str(problem["loc"][0]) if problem["loc"] else ""
        words = _PLAIN.get(problem["type"], "Please check this field.")
        raise DomainError(
            words.format(**(problem.get("ctx") or {})), field=fields.get(name)
        ) from None


def typed_id(view: dict[str, Any]) -> str | None:
    """The view's own id (Slack's), which makes a repeated submission recognisable."""
    return _text(view.get("id"))
