"""What coordinators may change of a programme's content (its offer, criteria and
confirmations) and of the requirements per role, without dropping what live data uses."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence, Set
from typing import Any

from domain.kernel.programme import Confirmation, Criterion, Programme
from domain.programme_admin.catalogue import Catalogue

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
    old: Sequence[Criterion | Confirmation], typed: Sequence[Typed], shown: Collection[str]
) -> list[dict[str, str]]:
    """The list as typed: items already there keep their key (history refers to it), new
    ones get one; an item of ``old`` that was ``shown`` and not typed again (its box
    cleared) is left out, one not shown (past the form's limits, added meanwhile) kept."""
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
    typed_keys = {item["key"] for item in found}
    return found + [
        {"key": item.key, "text": item.text}
        for item in old
        if item.key not in shown and item.key not in typed_keys
    ]


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


def removal_refusals(
    part: str, old: Sequence[Any], kept: Set[str], in_use: Mapping[str, str]
) -> dict[str, str]:
    """Why a list of the catalogue (requirements, log types) cannot keep only the items
    ``kept`` (by key), by "PART:KEY": an item in use (``in_use``: its key -> how) stays; it
    can be changed."""
    return {
        f"{part}:{item.key}": (
            f"{item.name} is in use ({in_use[item.key]}), so it cannot be removed (you can "
            "change it)"
        )
        for item in old
        if item.key not in kept and item.key in in_use
    }


def kind_refusals(
    old: Catalogue, types: Sequence[Mapping[str, Any]], logged: Set[str]
) -> dict[str, str]:
    """A log type with entries (``types`` as typed) keeps its kind (a session has a
    duration, a delivery not) and whether it is a circle (a circle's entries carry its topic
    and co-facilitators)."""
    before = {t.key: t for t in old.log_types}
    problems: dict[str, str] = {}
    for t in types:
        key = t.get("key")
        was = before.get(key) if isinstance(key, str) else None
        if was is None or key not in logged:
            continue
        name = t.get("name") or was.name
        if t.get("kind", was.kind) != was.kind:
            problems[f"log_types:{key}:kind"] = (
                f"{name} has entries logged as a {was.kind.value}, so it stays one"
            )
        if bool(t.get("circle", was.circle)) != was.circle:
            logged_as = "as circles" if was.circle else "that are not circles"
            problems[f"log_types:{key}:circle"] = (
                f"{name} has entries logged {logged_as}, so it stays "
                f"{'one' if was.circle else 'as it is'}"
            )
    return problems


def log_type_refusals(types: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """Log types as typed (before the catalogue checks them), in the form's words, by
    "log_types:KEY:FIELD": only a delivery is a circle; only a type always with someone
    counts for the person it was with."""
    problems: dict[str, str] = {}
    for t in types:
        name, key = t.get("name") or "This type", t.get("key")
        if t.get("circle") and t.get("kind") != "delivery":
            problems[f"log_types:{key}:circle"] = (
                f"{name} is a session: only a delivery can be a circle"
            )
        if t.get("credits_other_as") and not t.get("needs_person"):
            problems[f"log_types:{key}:credits_other_as"] = (
                f"{name} can count for the other person only if it is always with someone: "
                "tick “Always with someone”, or leave this empty"
            )
    return problems


def log_type_uses(catalogue: Catalogue, logged: Set[str]) -> dict[str, str]:
    """What uses each log type: entries logged of it, requirements or session kinds counting
    it, another type crediting as it, mentoring sessions."""
    uses: dict[str, list[str]] = {key: ["entries logged of it"] for key in logged}
    for r in catalogue.requirements:
        for key in r.log_types:
            uses.setdefault(key, []).append(f"counted by {r.name}")
    for kind in catalogue.session_kinds:
        uses.setdefault(kind.log_type, []).append(f"attending {kind.name} counts as it")
    for t in catalogue.log_types:
        if t.credits_other_as:
            uses.setdefault(t.credits_other_as, []).append(f"{t.name} counts as it")
    for key in catalogue.mentoring.session_types:
        uses.setdefault(key, []).append("mentoring sessions")
    return {key: "; ".join(dict.fromkeys(why)) for key, why in uses.items()}


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def capacity_refusals(capacity: int, most_mentees: int) -> dict[str, str]:
    """A mentor's capacity never drops below the mentees one mentor already has."""
    if capacity >= most_mentees:
        return {}
    return {
        "capacity": f"Mentees per mentor: {capacity} is fewer than the {most_mentees} mentees "
        "one mentor already has"
    }
