"""The one door in: every listener reads its request into a command and submits it here.

Each feature's table of ``Route``s (collected at start-up: ``bot/features.py``) says how its
commands are carried out:

- ``before_ack``: the use case runs while Slack waits, because the reply belongs in the ack
  (a form's inline errors, the form's next page, a slash command's text);
- ``stored``: the request is stored (the inbox, with the feature's check of it, if any) and
  acknowledged; the use case is carried out right after the ack, and what it comes to is told;
- ``after_ack``: a reading whose reply (usually a form to open) follows the ack at once.

A refusal, wherever it comes from, gets the one policy's reply (``bot.kernel.refusals``);
anything else is a fault for the app's error handler. Listeners never catch.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any

from slack_bolt import Ack
from slack_bolt.context.respond import Respond
from slack_sdk import WebClient

from bot.kernel import forms, trigger
from bot.kernel.after_ack import AfterAck
from bot.kernel.intake import Intake
from bot.kernel.refusals import refusal
from bot.kernel.replies import (
    DONE,
    Done,
    Inline,
    Open,
    Reply,
    Say,
    Text,
    Update,
    say_privately,
    user_of,
)
from bot.people import People
from bot.programmes import Programmes
from bot.runtime import Clock
from domain.kernel.errors import DomainError
from handlers.kernel.commands import Command
from handlers.kernel.inbox import Accepted
from storage.unit_of_work import UnitOfWorkFactory


@dataclass(frozen=True)
class Services:
    """What a route may use: made once at start-up; each request's door holds a copy with
    that request's ``body`` (a route that needs the form's metadata or the request's key)."""

    uow_factory: UnitOfWorkFactory
    clock: Clock
    people: People
    programmes: Programmes
    intake: Intake
    after_ack: AfterAck
    body: dict[str, Any] = field(default_factory=dict)  # the request's own (the door's copy)


class When(Enum):
    BEFORE_ACK = "before the ack"
    STORED = "stored, carried out after the ack"
    AFTER_ACK = "right after the ack"


Run = Callable[[Any, Services], Any]
Replier = Callable[[Any, Any], Reply]


def _done(_command: Any, _result: Any) -> Reply:
    return DONE


@dataclass(frozen=True)
class Route:
    """How one kind of command is carried out and replied to."""

    when: When
    run: Run | None = None  # stored: the check made as it is stored (with others arriving)
    reply: Replier = _done
    blocks: Mapping[str, str] = field(default_factory=dict)  # a field -> its block in the form
    default: str | None = None  # the block for a reason that names none of the form's
    explain: Callable[[DomainError, dict[str, Any]], dict[str, str] | None] | None = None

    def refused(self, refused: DomainError, body: dict[str, Any]) -> Reply:
        """The one policy's reply, with this form's own placing of reasons (if it has one)."""
        if self.explain is not None and body.get("type") == "view_submission":
            placed = self.explain(refused, body.get("view") or {})
            if placed:
                return Inline(placed)
        return refusal(refused, body, blocks=self.blocks, default=self.default)


def before_ack(run: Run, reply: Replier = _done, **how: Any) -> Route:
    return Route(When.BEFORE_ACK, run, reply, **how)


def stored(check: Run | None = None, reply: Replier = _done, **how: Any) -> Route:
    return Route(When.STORED, check, reply, **how)


def after_ack(run: Run, reply: Replier) -> Route:
    return Route(When.AFTER_ACK, run, reply)


@dataclass(frozen=True)
class Found:
    """A stored route's check that read what its reply needs: the request is stored (with
    ``check``, the inbox's check of it, if any) and the reply is given ``found``."""

    found: Any
    check: Any = None


def changes(use_case: Callable[[Any, Any, Any], Any]) -> Run:
    """A use case ``(command, uow, now)`` that changes something."""
    return lambda command, s: use_case(command, s.uow_factory(), s.clock())


# Every feature's routes, by command (the composition root adds each feature's table).
ROUTES: dict[type[Command], Route] = {}


def install(table: Mapping[type[Command], Route]) -> None:
    ROUTES.update(table)


class Door:
    """The door for one request (the middleware makes one for each)."""

    def __init__(
        self, services: Services, ack: Ack, body: dict[str, Any], client: WebClient
    ) -> None:
        self.services = replace(services, body=body)
        self.ack, self.body, self.client = ack, body, client

    def submit(self, command: Command) -> None:
        """Carry out ``command`` as its route says, and reply."""
        route = ROUTES[type(command)]
        if route.when is When.AFTER_ACK:
            self.ack()
            self.services.after_ack.run(self.body, self.client, self._after, route, command)
            return
        try:
            said = route.reply(command, self._carry_out(route, command))
        except DomainError as refused:
            said = route.refused(refused, self.body)
        self.reply(said)

    def _carry_out(self, route: Route, command: Command) -> Any:
        s = self.services
        if route.when is When.STORED:
            check = route.run(command, s) if route.run is not None else None
            found = check if isinstance(check, Found) else None
            accepted = store(self.body, command, s.intake, s.clock, found.check if found else check)
            return replace(accepted, checked=found.found) if found else accepted
        assert route.run is not None
        return route.run(command, s)

    def reply(self, said: Reply) -> None:
        """Acknowledge with ``said``, or acknowledge and then say it."""
        if isinstance(said, Done):
            self.ack()
        elif isinstance(said, Text):
            self.ack(text=said.text, blocks=said.blocks)
        elif isinstance(said, Update) and self.body.get("type") == "view_submission":
            self.ack(response_action="update", view=said.view)
        elif isinstance(said, Update):  # a button: the form it was clicked in, if any
            view = self.body.get("view") or {}
            if view.get("type") != "modal" or not isinstance(view.get("id"), str):
                self.reply(said.elsewhere or DONE)
                return
            self.ack()
            self.services.after_ack.run(
                self.body, self.client, trigger.update_view, self.client, view["id"], said.view
            )
        elif isinstance(said, Inline):
            self.ack(response_action="errors", errors=said.errors)
        elif isinstance(said, Say):
            self.ack()
            if self._heard(said):
                self.services.after_ack.later(
                    self.body,
                    self.client,
                    say_privately,
                    self.client,
                    self.body,
                    said.text,
                    said.blocks,
                )
        else:
            self.ack()
            self.services.after_ack.run(self.body, self.client, self._open, said)

    def _after(self, route: Route, command: Command) -> None:
        """A reading after the ack, and its reply (a refusal is said privately: a slash
        command's, as its reply)."""
        assert route.run is not None
        try:
            said = route.reply(command, route.run(command, self.services))
            if isinstance(said, Open):
                self._open(said)
                return
        except DomainError as refused:
            said = Text(refused.message) if self.body.get("command") else Say(refused.message)
        url = self.body.get("response_url") if self.body.get("command") else None
        if isinstance(said, Update):  # a click in a form: that form shows another view
            clicked_in = str((self.body.get("view") or {}).get("id") or "")
            trigger.update_view(self.client, clicked_in, said.view)
        elif isinstance(said, Text) and isinstance(url, str):  # Slack's own, for this command
            respond = Respond(response_url=url, proxy=self.client.proxy, ssl=self.client.ssl)
            respond(text=said.text, blocks=said.blocks, response_type="ephemeral")
        elif isinstance(said, Text) or (isinstance(said, Say) and self._heard(said)):
            say_privately(self.client, self.body, said.text, said.blocks)

    def _heard(self, said: Say) -> bool:
        """Whether ``said`` is said here (Home shows some changes itself)."""
        return not (said.unless_home and forms.from_home(self.body))

    def _open(self, said: Open) -> None:
        """Open the form (a trigger gone is told, as a refusal), then fill it in if it waits."""
        opened = trigger.open_view(self.client, self.body, said.view, instead=said.instead)
        if said.then is not None:
            trigger.update_view(self.client, opened, said.then())


def store(
    body: dict, command: Command, intake: Intake, clock: Clock, check: Any = None
) -> Accepted:
    """Store the request for the inbox worker if its ``check`` passes (a refusal is raised)."""
    channel = (body.get("channel") or {}).get("id")
    return intake.accept(
        command,
        request_key(body),
        clock(),
        reply_channel=channel if isinstance(channel, str) else None,
        private_reply=forms.in_private_reply(body),
        check=check,
    )


def request_key(body: dict) -> str:
    """The same request (Slack's retry of it) has the same key; another click, another key:
    a form's id and version, a click's user, button and time (else the whole body's hash)."""
    view = body.get("view") if body.get("type") == "view_submission" else None
    action = (body.get("actions") or [None])[0]
    parts: list[Any] = []
    if isinstance(view, dict):
        parts = ["view", view.get("id"), view.get("hash")]
    elif isinstance(action, dict):
        parts = ["click", user_of(body), action.get("action_id"), action.get("action_ts")]
    if not all(isinstance(p, str) and p for p in parts):
        parts = [json.dumps(body, sort_keys=True, separators=(",", ":"), default=str)]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
