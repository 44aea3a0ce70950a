"""Eligibility: every criterion and every confirmation of the programme must be ticked."""

from __future__ import annotations

from collections.abc import Collection

from domain.errors import EligibilityIncomplete
from domain.programme import Programme


def check_eligibility(
    programme: Programme, criteria: Collection[str], confirmations: Collection[str]
) -> None:
    """Raise with the list of what is missing; criteria are checked before confirmations."""
    missing = tuple(c.text for c in programme.criteria if c.key not in criteria)
    if missing:
        raise EligibilityIncomplete(
            "To take part you need to meet every criterion. Not ticked: "
            + "; ".join(_short(t) for t in missing),
            missing=missing,
            field="criteria",
        )
    missing = tuple(c.text for c in programme.confirmations if c.key not in confirmations)
    if missing:
        raise EligibilityIncomplete(
            "Please confirm: " + "; ".join(_short(t) for t in missing),
            missing=missing,
            field="confirmations",
        )


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
