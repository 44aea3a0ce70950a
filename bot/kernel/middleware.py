"""Global middleware: the services every listener needs, and the actor, in Bolt's context."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import BoltContext, BoltResponse

from bot.kernel.door import Door, Services

log = logging.getLogger(__name__)


def context_middleware(services: Services) -> Callable[..., Any]:
    def inject_services(
        context: BoltContext, body: dict[str, Any], next: Callable[[], None]
    ) -> BoltResponse | None:
        user_id = context.get("user_id")
        if not (isinstance(user_id, str) and user_id):  # Slack always says who: forged
            log.warning("slack %s names no user: acknowledged, not acted on", describe(body))
            return BoltResponse(status=200, body="")  # nobody to act for, nor to tell
        log.info("slack %s user=%s", describe(body), user_id)
        context["uow_factory"] = services.uow_factory
        context["clock"] = services.clock
        context["people"] = services.people
        context["after_ack"] = services.after_ack
        context["programmes"] = services.programmes
        context["intake"] = services.intake
        context["actor"] = services.people.actor(user_id)
        context["door"] = Door(services, context.ack, body, context.client)
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
