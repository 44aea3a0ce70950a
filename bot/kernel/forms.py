"""Reading Slack payloads (view state, button values, command text) into plain values."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from datetime import date, time
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from bot.kernel.ids import MAX_ID, Value, element
from domain.kernel.errors import DomainError

T = TypeVar("T", bound=BaseModel)
K = TypeVar("K")
_MENTION = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$")
_DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")  # as Slack's datepicker sends it
NOT_A_DATE = "That is not a real date."
NO_DATE = "Please pick a date."
DAMAGED = (
    "Sorry, this form came back damaged, so nothing was saved. Please close it and open it "
    "again from Slack."
)


class FormProblems(DomainError):
    """A form read wrong in several places at once: ``errors``, each reason by its block."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        super().__init__(next(iter(errors.values()), "Please check the form."))
        self.errors = dict(errors)


def mentioned_user(text: str) -> str | None:
    """The user id in an escaped mention such as ``<@U123|ann>``."""
    match = _MENTION.match(text.strip())
    return match.group(1) if match else None


def _metadata(view: dict[str, Any]) -> dict[str, Any] | None:
    """The form's metadata; None when it is missing or does not parse (damaged or forged)."""
    raw = view.get("private_metadata")
    try:
        value = json.loads(raw) if isinstance(raw, str) and raw else None
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def metadata(view: dict[str, Any]) -> dict[str, Any]:
    """The form's metadata; empty when damaged (what it names is then found nowhere)."""
    return _metadata(view) or {}


def _plain_id(value: Any) -> int | None:
    """An id as the builders write it (a JSON number that is a whole, positive id)."""
    plain = isinstance(value, int) and not isinstance(value, bool) and 0 < value < MAX_ID
    return value if plain else None


def _plain_key(value: Any) -> str | None:
    """A key (an ICS's, a cohort's) as the builders write it."""
    return value if isinstance(value, str) and 0 < len(value) <= 100 else None


def metadata_id(view: dict[str, Any], key: str) -> int:
    """An id kept in the form's metadata; 0 (found nowhere) when it is not a plain id."""
    return _plain_id(metadata(view).get(key)) or 0


def edited_id(view: dict[str, Any], key: str, field: str) -> int | None:
    """The id of what the form edits, None when it adds one (the builder wrote null); metadata
    damaged or forged is refused beside ``field``, never read as "add a new one"."""
    return _edited(view, key, field, _plain_id)


def edited_key(view: dict[str, Any], key: str, field: str) -> str | None:
    """As ``edited_id``, for what is named by a key."""
    return _edited(view, key, field, _plain_key)


def kept_metadata(view: dict[str, Any], field: str) -> dict[str, Any]:
    """The form's metadata, for a form that cannot do without it (whose step, whose review):
    damaged or forged, it is refused beside ``field``."""
    meta = _metadata(view)
    if meta is None:
        raise DomainError(DAMAGED, field=field)
    return meta


def _edited(
    view: dict[str, Any], key: str, field: str, read: Callable[[Any], K | None]
) -> K | None:
    meta = kept_metadata(view, field)
    if key in meta and meta[key] is None:
        return None
    found = read(meta.get(key))
    if found is None:
        raise DomainError(DAMAGED, field=field)
    return found


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
    """The date picked, None when none was; one that is not a real date (a forged or damaged
    form) is refused beside its field, never read as no date."""
    raw = _value(view, block).get("selected_date")
    if raw is None or raw == "":
        return None
    try:
        if isinstance(raw, str) and _DAY.match(raw):
            return date.fromisoformat(raw)
    except ValueError:
        pass
    raise DomainError(NOT_A_DATE, field=block)


def required_date(view: dict[str, Any], block: str) -> date:
    """The date picked in a field that must have one: none, or not a real one, is refused
    beside it (never taken to be today)."""
    day = picked_date(view, block)
    if day is None:
        raise DomainError(NO_DATE, field=block)
    return day


def required_dates(view: dict[str, Any], *blocks: str) -> dict[str, date]:
    """The dates picked in fields that must each have one, by block; every field's problem
    at once (``FormProblems``) when any is missing or not a real date."""
    found, wrong = {}, {}
    for block in blocks:
        try:
            found[block] = required_date(view, block)
        except DomainError as refused:
            wrong[block] = refused.message
    if wrong:
        raise FormProblems(wrong)
    return found


def picked_time(view: dict[str, Any], block: str) -> time | None:
    """The time picked (local: Slack's time picker sends ``HH:mm``), None when none was; a
    value it never sends (``09:00+05:00``, which compares with no local time) is refused."""
    raw = _text(_value(view, block).get("selected_time"))
    if not raw:
        return None
    try:
        picked = time.fromisoformat(raw)
    except ValueError:
        picked = None
    if picked is None or picked.tzinfo is not None:
        raise DomainError("Please choose a time from the list.", field=block)
    return picked


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


def command(model: type[T], fields: Mapping[str, str], **values: Any) -> T:
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


def offered(model: type[T], refusal: str, **values: Any) -> T:
    """The command a choice Cascade offered stands for (a button's value, an option); one it
    never offers (forged, or left from an older Home tab) is refused with ``refusal``."""
    try:
        return model(**values)
    except ValidationError:
        raise DomainError(refusal) from None


def typed_id(view: dict[str, Any]) -> str | None:
    """The view's own id (Slack's), which makes a repeated submission recognisable."""
    return _text(view.get("id"))
