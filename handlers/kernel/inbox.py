"""Requests accepted before the ack and carried out right after it (see domain/kernel/inbox.py).

``accept`` stores a command before the ack; ``carry_out`` runs its use case afterwards, in the
use case's own transaction, which also removes the request. A refusal is removed together
with the message that tells the person why.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from domain.kernel import events as e
from domain.kernel.errors import Busy, ConcurrentChange, DomainError, NoPlacesLeft, Unavailable
from domain.kernel.inbox import Request
from domain.kernel.people import Actor
from handlers.kernel.announce import announce
from handlers.kernel.commands import Command
from handlers.kernel.ports import UnitOfWork

# The unit of work is the one the kernel was handed: the composition root's, which holds
# every feature's repositories (the kernel's type says too little for a feature's function).
UseCase = Callable[[Any, Any, datetime], Any]
TRANSIENT = (Busy, Unavailable, ConcurrentChange)  # nothing changed: try again shortly


@dataclass(frozen=True)
class Kind:
    command: type[Command]
    use_case: UseCase
    # How a refusal reads to the person, who may have moved on since their form said yes.
    refused: Callable[[Any, DomainError], str] = lambda _command, why: why.message


# Each feature's requests carried out after the ack, by the name stored with them (the
# composition root adds each feature's table at start-up: bot/features.py).
KINDS: dict[str, Kind] = {}


def request_for(
    command: Command,
    key: str,
    now: datetime,
    *,
    reply_channel: str | None = None,
    private_reply: bool = False,
) -> Request:
    """The request to store for ``command``; ``key`` is the same for Slack's retries of it."""
    return Request(
        key=key[:200],
        kind=_kind_of(type(command)),
        actor_id=command.actor.user_id,
        payload=command.model_dump(mode="json", exclude={"actor"}),
        received_at=now,
        reply_channel=reply_channel,
        private_reply=private_reply,
    )


@dataclass(frozen=True)
class Accepted:
    """A request stored before its ack (``new``: False if Slack's retry found it stored), with
    what its check found (``handlers.nominations.nominate.Checked`` for a nomination)."""

    new: bool
    checked: Any = None


# What is checked as a request is stored, all those of a kind arriving together at once:
# (the checks, the transaction storing them, now, the keys being stored) → each one's outcome.
Check = Callable[[list[Any], Any, datetime, list[str]], list[Any]]  # uow: as UseCase
CHECKS: dict[type, Check] = {}


def install(kinds: dict[str, Kind], checks: dict[type, Check] | None = None) -> None:
    """Add a feature's requests (and the checks made as they are stored)."""
    KINDS.update(kinds)
    CHECKS.update(checks or {})


def _kind_of(command: type[Command]) -> str:
    """The name a command is stored under (a command no feature stores is a programming error)."""
    for name, kind in KINDS.items():
        if kind.command is command:
            return name
    raise KeyError(f"no feature carries out {command.__name__} after the ack")


def accept_all(
    requests: list[Request], uow: UnitOfWork, checks: list[Any] | None = None
) -> list[Accepted | DomainError]:
    """Store requests (committed before their acks) in one statement. A request with a
    check (``checks[i]``, one of CHECKS' kinds) is stored only if the rules take it, as the
    database and the requests before it stand: else its refusal is returned instead."""
    outcomes: list[Any] = [None] * len(requests)
    with uow:
        for kind, indices in _by_kind(checks or []).items():
            now = max(requests[i].received_at for i in indices)
            keys = [requests[i].key for i in indices]
            found = CHECKS[kind]([checks[i] for i in indices], uow, now, keys)  # type: ignore[index]
            for i, outcome in zip(indices, found, strict=True):
                outcomes[i] = outcome
        taken = [i for i, o in enumerate(outcomes) if not isinstance(o, DomainError)]
        stored = uow.inbox.accept([requests[i] for i in taken])
        uow.commit()
    for i, new in zip(taken, stored, strict=True):
        outcomes[i] = Accepted(new, outcomes[i])
    return outcomes


def _by_kind(checks: list[Any]) -> dict[type, list[int]]:
    kinds: dict[type, list[int]] = {}
    for i, check in enumerate(checks):
        if check is not None:
            kinds.setdefault(type(check), []).append(i)
    return kinds


def accept(
    command: Command, key: str, uow: UnitOfWork, now: datetime, check: Any = None, **where: Any
) -> Accepted:
    """Store one request (see ``request_for``) if its ``check`` passes; its refusal raised."""
    (outcome,) = accept_all([request_for(command, key, now, **where)], uow, [check])
    if isinstance(outcome, DomainError):
        raise outcome
    return outcome


def carry_out(
    request: Request, uow_factory: Callable[[], UnitOfWork], now: datetime, actor: Actor
) -> Any:
    """Run the request's use case (which removes it as it commits); a refusal is removed with
    its explanation. A transient failure (busy, unavailable) is raised: try again later."""
    if not KINDS:  # a process without the composition root would refuse every request
        raise RuntimeError(
            "the features' tables are not installed (bot.features.install() at start-up)"
        )
    kind = KINDS.get(request.kind)
    try:
        command = kind.command.model_validate({**request.payload, "actor": actor}) if kind else None
    except ValidationError:
        command = None
    if kind is None or command is None:  # stored by another version of Cascade, or forged
        refused = DomainError("That request could not be read.")
        answer(uow_factory(), request, now, refused)
        return refused
    uow = uow_factory()
    uow.completes, uow.completed = request.id, False
    try:
        outcome = kind.use_case(command, uow, now)
    except TRANSIENT:
        raise
    except DomainError as refused:
        if not isinstance(refused, NoPlacesLeft):  # its waitlist offer keeps the error's kind
            refused = DomainError(kind.refused(command, refused), field=refused.field)
        answer(uow_factory(), request, now, refused)
        return refused
    finally:
        completed, uow.completes = uow.completed, None
    if not completed or request.private_reply:  # it changed nothing, or they asked to hear
        answer(uow_factory(), request, now, outcome if request.private_reply else None)
    return outcome


def answer(uow: UnitOfWork, request: Request, now: datetime, outcome: Any = None) -> None:
    """Done with the request: removed, with what the person is to hear (a refusal's reason,
    or where the nomination stands), in one transaction."""
    with uow:
        uow.inbox.remove(request.id or 0)
        told = _reply_for(request, outcome)
        if told is not None:
            announce(uow, now, told)
        uow.commit()


def _reply_for(request: Request, outcome: Any) -> e.RequestReplied | None:
    named = request.payload.get("nomination_id")
    nomination_id = named if isinstance(named, int) else 0
    request_id, actor = request.id or 0, request.actor_id
    if isinstance(outcome, DomainError):
        can_waitlist = isinstance(outcome, NoPlacesLeft) and outcome.can_waitlist
        return e.RequestReplied(
            request_id,
            actor,
            nomination_id=nomination_id,
            channel=request.reply_channel,
            refusal=outcome.message,
            can_waitlist=can_waitlist,
        )
    if outcome is not None and getattr(outcome, "nomination", None) is not None:
        return e.RequestReplied(
            request_id, actor, outcome.nomination.id or 0, channel=request.reply_channel
        )
    return None
