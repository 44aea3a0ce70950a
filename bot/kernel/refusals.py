"""The one policy for a refusal (a ``DomainError``): how it reaches the person who asked.

- In a form being submitted: beside the block it concerns (the error's ``field``, or the
  block a route names for that field, else the route's default block, else the form's first
  input); a ``ConfigConflict`` puts each of its problems beside its own block, and so does a
  form read wrong in several places (``FormProblems``); a form about something that has since
  moved on (``InvalidTransition``) is replaced by a notice saying so, and so is a refusal in
  a form with no field to show it beside.
- A slash command: in its ack, which only the person who typed it sees.
- A click (or anything else): privately, after the ack.

Listeners never catch: the door (``bot.kernel.door``) and the app's error handler
(``bot.kernel.errors``) both answer with this. Anything else is not a refusal but a fault, which the
error handler answers with a reference the person can quote.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.kernel.blocks import notice_view
from bot.kernel.forms import FormProblems
from bot.kernel.replies import Inline, Reply, Say, Text, Update
from domain.kernel.errors import ConfigConflict, DomainError, InvalidTransition

ALREADY_DONE = "Already done"
NOT_SAVED = "Not saved"


def refusal(
    refused: DomainError,
    body: dict[str, Any],
    *,
    blocks: Mapping[str, str] | None = None,
    default: str | None = None,
) -> Reply:
    """The answer to ``refused`` for this request (``blocks``: a field's block where the two
    names differ; ``default``: the block for a reason that names none of the form's)."""
    if body.get("type") == "view_submission":
        view = body.get("view") or {}
        if isinstance(refused, InvalidTransition):
            return Update(notice_view(ALREADY_DONE, refused.message))
        if isinstance(refused, FormProblems):
            return Inline(dict(refused.errors))
        errors = inline_errors(refused, view, blocks or {}, default)
        if "" in errors:  # no field to show it beside
            return Update(notice_view(NOT_SAVED, refused.message))
        return Inline(errors)
    if body.get("command"):
        return Text(refused.message)
    return Say(refused.message)


def inline_errors(
    refused: DomainError,
    view: dict[str, Any],
    blocks: Mapping[str, str],
    default: str | None = None,
) -> dict[str, str]:
    """Each reason beside the block of the form it concerns."""
    present = [b.get("block_id") for b in view.get("blocks", []) if b.get("type") == "input"]
    fallback = default if default in present else next((b for b in present if b), default or "")

    def block_of(field: str | None) -> str:
        block = blocks.get(field or "", field)
        return str(block if block in present else fallback)

    if isinstance(refused, ConfigConflict) and refused.problems:
        found: dict[str, str] = {}
        for where, why in refused.problems.items():
            block = block_of(where.split(":", 1)[0] if ":" in where else where)
            said = why if why.endswith(".") else f"{why}."
            found[block] = (found.get(block, "") + " " + said).strip()[:2000]
        return found
    return {block_of(refused.field): refused.message}
