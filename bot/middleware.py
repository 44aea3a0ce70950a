"""Global middleware: the services every listener needs, and the actor, in Bolt's context."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import BoltResponse

from bot.after_ack import AfterAck
from bot.intake import Intake
from bot.people import People
from bot.programmes import Programmes
from bot.runtime import Clock
from storage.unit_of_work import UnitOfWorkFactory

log = logging.getLogger(__name__)


def context_middleware(
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    people: People,
    after_ack: AfterAck,
    programmes: Programmes,
    intake: Intake,
) -> Callable[..., Any]:
    def inject_services(
        context: dict[str, Any], body: dict[str, Any], next: Callable[[], None]
    ) -> BoltResponse | None:
        user_id = context.get("user_id")
        if not (isinstance(user_id, str) and user_id):  # Slack always says who: forged
            log.warning("slack %s names no user: acknowledged, not acted on", describe(body))
            return BoltResponse(status=200, body="")  # nobody to act for, nor to tell
        log.info("slack %s user=%s", describe(body), user_id)
        context["uow_factory"] = uow_factory
        context["clock"] = clock
        context["people"] = people
        context["after_ack"] = after_ack
        context["programmes"] = programmes
        context["intake"] = intake
        context["actor"] = people.actor(user_id)
        next()
        return None

    return inject_services


def describe(body: dict[str, Any]) -> str:
    """One short, content-free name for a request: never form values or message text."""
    if body.get("command"):
        return f"command={body['command']}"
    kind = body.get("type", "?")
    if kind == "block_actions":
        return "action=" + ",".join(a.get("action_id", "?") for a in body.get("actions", []))
    if kind in ("view_submission", "view_closed"):
        return f"{kind}={(body.get('view') or {}).get('callback_id')}"
    if kind == "event_callback":
        return f"event={(body.get('event') or {}).get('type')} id={body.get('event_id')}"
    return f"type={kind}"
