"""What coordinators may change of a programme's content (its offer, criteria and
confirmations) and of the requirements per role, without dropping what live data uses."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from domain.catalogue import Catalogue
from domain.programme import Confirmation, Criterion, Programme

#: An item as a coordinator typed it: its key (None for a new one) and its text.
Typed = tuple[str | None, str]


def new_key(text: str, taken: set[str]) -> str:
    """A key from the text ('Knows group work' -> 'knows-group-work'), unique among ``taken``."""
    base = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:34].strip("-") or "item"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


def keyed_texts(
    old: Sequence[Criterion | Confirmation], typed: Sequence[Typed]
) -> list[dict[str, str]]:
    """The list as typed: kept items keep their key (history refers to it), new ones get
    one; an item of ``old`` not typed again (its box cleared) is left out."""
    known = {item.key for item in old}
    taken = set(known)
    found: list[dict[str, str]] = []
    for key, text in typed:
        if not text.strip():
            continue
        if key is None or key not in known:
            key = new_key(text, taken)
        taken.add(key)
        found.append({"key": key, "text": text.strip()})
    return found


def offer_refusals(old: Programme, new: Programme, confirmed: int) -> dict[str, str]:
    """Why ``new`` cannot replace ``old``, by item ("criteria:KEY", "confirmations:KEY"):
    a criterion or confirmation nominees have already confirmed stays (it can be reworded)."""
    if confirmed <= 0:
        return {}
    who = f"{confirmed} nominee{'' if confirmed == 1 else 's'}"
    problems: dict[str, str] = {}
    for field, before, after in (
        ("criteria", old.criteria, new.criteria),
        ("confirmations", old.confirmations, new.confirmations),
    ):
        kept = {item.key for item in after}
        for item in before:
            if item.key not in kept:
                problems[f"{field}:{item.key}"] = (
                    f"“{_short(item.text)}” has been confirmed by {who}, so it cannot be "
                    "removed (you can reword it)"
                )
    return problems


def requirement_refusals(
    old: Catalogue, new: Catalogue, history: Mapping[str, str]
) -> dict[str, str]:
    """Why ``new`` cannot replace ``old``, by "requirements:KEY": a requirement with history
    (``history``: its key -> what that history is) stays (it can be changed)."""
    kept = {r.key for r in new.requirements}
    return {
        f"requirements:{r.key}": (
            f"{r.name} has history ({history[r.key]}), so it cannot be removed (you can change it)"
        )
        for r in old.requirements
        if r.key not in kept and r.key in history
    }


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
