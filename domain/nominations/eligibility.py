"""Eligibility: every criterion and every confirmation of the programme must be ticked."""

from __future__ import annotations

from collections.abc import Collection

from domain.kernel.errors import EligibilityIncomplete
from domain.kernel.programme import Programme


def check_eligibility(
    programme: Programme, criteria: Collection[str], confirmations: Collection[str]
) -> None:
    """Raise, naming everything that is not ticked, criteria first."""
    missing_criteria = [c for c in programme.criteria if c.key not in criteria]
    missing_confirmations = [c for c in programme.confirmations if c.key not in confirmations]
    if not (missing_criteria or missing_confirmations):
        return
    parts = []
    if missing_criteria:
        parts.append(
            "To take part you need to meet every criterion. Not ticked: "
            + "; ".join(_short(c.text) for c in missing_criteria)
        )
    if missing_confirmations:
        parts.append("Please confirm: " + "; ".join(_short(c.text) for c in missing_confirmations))
    raise EligibilityIncomplete(
        ". ".join(parts),
        missing=tuple(c.key for c in missing_criteria + missing_confirmations),
        field="criteria" if missing_criteria else "confirmations",
    )


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
