"""Global middleware: puts the unit of work factory, clock, notifier and actor in context."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.background import Background
from bot.notifier import Notifier
from bot.runtime import Clock
from domain.people import Actor, Person
from handlers.people import known_person, remember_person
from storage.unit_of_work import UnitOfWorkFactory

log = logging.getLogger(__name__)
PEOPLE_TTL_SECONDS = 600


class People:
    """Who a Slack user is (e-mail, time zone), from a short cache, the database, or Slack."""

    def __init__(self, client: WebClient, uow_factory: UnitOfWorkFactory, clock: Clock) -> None:
        self.client, self.uow_factory, self.clock = client, uow_factory, clock
        self._cache: dict[str, tuple[float, Person]] = {}
        self._lock = threading.Lock()

    def get(self, user_id: str) -> Person | None:
        with self._lock:
            hit = self._cache.get(user_id)
        if hit and hit[0] > time.monotonic():
            return hit[1]
        person = known_person(user_id, self.uow_factory(read_only=True)) or self._ask_slack(user_id)
        if person is not None:
            with self._lock:
                self._cache[user_id] = (time.monotonic() + PEOPLE_TTL_SECONDS, person)
        return person

    def actor(self, user_id: str) -> Actor:
        person = self.get(user_id)
        return person.actor if person else Actor(user_id=user_id)

    def _ask_slack(self, user_id: str) -> Person | None:
        try:
            user = self.client.users_info(user=user_id)["user"]
        except SlackApiError as exc:
            log.info("users.info %s failed: %s", user_id, exc.response.get("error"))
            return None
        profile = user.get("profile") or {}
        person = Person(
            user_id=user_id,
            name=user.get("real_name") or profile.get("real_name") or user.get("name") or "",
            email=profile.get("email"),
            tz=user.get("tz"),
            is_bot=bool(user.get("is_bot")),
        )
        remember_person(person, self.uow_factory(), self.clock())
        return person


def context_middleware(
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    notifier: Notifier,
    people: People,
    background: Background,
) -> Callable[..., Any]:
    def inject_services(
        context: dict[str, Any], body: dict[str, Any], next: Callable[[], None]
    ) -> None:
        log.info("slack %s user=%s", describe(body), context.get("user_id"))
        context["uow_factory"] = uow_factory
        context["clock"] = clock
        context["notifier"] = notifier
        context["people"] = people
        context["background"] = background
        user_id = context.get("user_id")
        if user_id:
            context["actor"] = people.actor(user_id)
        next()

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
