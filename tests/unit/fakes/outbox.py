"""The in-memory fake of the outbox."""

from __future__ import annotations

import builtins
import copy
import logging
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from domain.kernel.outbox import CHASES, Lane, Message, Reason, State


class FakeOutbox:
    """Keeps messages by key, like the unique index; claims and settles like the real one."""

    def __init__(self) -> None:
        self.items: dict[int, Message] = {}
        self.claims: dict[int, str] = {}
        self.dirty: set[int] = set()
        self.settled_at: dict[int, datetime] = {}

    def _by_key(self, message: Message) -> Message | None:
        return next((m for m in self.items.values() if m.key == message.key), None)

    def add(self, messages: Iterable[Message], now: datetime) -> None:
        before = {m.key for m in self.items.values()}
        for message in messages:
            known = self._by_key(message)
            if message.reason.one_off and message.key in before:  # as the real one reports it
                lost = ", ".join(message.key)
                logging.getLogger("cascade.outbox.lost").error("outbox: key taken: %s", lost)
            if known is None:
                copied = copy.deepcopy(message)
                copied.id = len(self.items) + 1
                self.items[copied.id] = copied
                self.settled_at[copied.id] = now
            elif message.reason.coalesces:
                self._rearm(known, message)

    def _rearm(self, known: Message, message: Message) -> None:
        if known.state is State.CLAIMED:
            self.dirty.add(known.id or 0)
        elif known.state is State.PENDING:
            known.due_at = min(known.due_at, message.due_at)
        else:
            known.state, known.due_at, known.attempts, known.last_error = (
                State.PENDING,
                message.due_at,
                0,
                "",
            )
        known.payload = copy.deepcopy(message.payload)

    def pending_keys(self) -> dict[tuple[str, str, str, str], int]:
        return {
            m.key: i
            for i, m in self.items.items()
            if m.state is State.PENDING and m.reason in CHASES
        }

    def cancel(self, ids: Iterable[int], now: datetime) -> None:
        for i in ids:
            if self.items[i].state is State.PENDING:
                self.items[i].state = State.CANCELLED

    def cancel_to(self, recipient: str, now: datetime) -> int:
        waiting = [
            m for m in self.items.values() if m.recipient == recipient and m.state is State.PENDING
        ]
        for m in waiting:
            m.state = State.CANCELLED
        return len(waiting)

    def claim(
        self,
        now: datetime,
        lease_until: datetime,
        limit: int,
        claimer: str,
        lane: Lane | None = None,
    ) -> builtins.list[Message]:
        due = sorted(
            (
                m
                for m in self.items.values()
                if (lane is None or m.reason.lane is lane)
                and (
                    (m.state is State.PENDING and m.due_at <= now)
                    or (
                        m.state is State.CLAIMED
                        and m.lease_until is not None
                        and m.lease_until < now
                    )
                )
            ),
            key=lambda m: (m.due_at, m.id),
        )[:limit]
        for m in due:
            m.state, m.lease_until, m.attempts = State.CLAIMED, lease_until, m.attempts + 1
            self.claims[m.id or 0] = claimer
        return copy.deepcopy(due)

    def get(self, message_id: int) -> Message | None:
        return copy.deepcopy(self.items.get(message_id))

    def failures(self, since: datetime) -> dict[str, int]:
        counts: dict[str, int] = {}
        for i, m in self.items.items():
            if m.state is State.FAILED and self.settled_at[i] >= since:
                counts[m.last_error or "unknown"] = counts.get(m.last_error or "unknown", 0) + 1
        return counts

    def count_sent(self, reason: Reason, subject: str, period_prefix: str = "") -> int:
        return sum(
            1
            for m in self.items.values()
            if m.reason == reason
            and m.subject == subject
            and m.state is State.SENT
            and m.period.startswith(period_prefix)
        )

    def count_sent_by_subject(self, reason: Reason, subjects: Iterable[str]) -> dict[str, int]:
        wanted, counts = set(subjects), dict[str, int]()
        for m in self.items.values():
            if m.reason == reason and m.subject in wanted and m.state is State.SENT:
                counts[m.subject] = counts.get(m.subject, 0) + 1
        return counts

    def where_posted(self, reason: Reason, subject: str) -> dict[str, str | None]:
        found: dict[str, str | None] = {}
        for m in self.items.values():
            if m.reason == reason and m.subject == subject:
                found[m.recipient] = found.get(m.recipient) or m.sent_ts
        return found

    def sent_periods(self, reason: Reason) -> dict[tuple[str, str], set[str]]:
        found: dict = {}
        for m in self.items.values():
            if m.reason == reason and m.state is State.SENT:
                found.setdefault((m.recipient, m.subject), set()).add(m.period)
        return found

    def forget(self, user_id: str, alias: str) -> None:
        self.items = {i: m for i, m in self.items.items() if m.recipient != user_id}
        for m in self.items.values():
            m.payload = {k: alias if v == user_id else v for k, v in m.payload.items()}

    def recipients_due(self, now: datetime) -> set[str]:
        return {
            m.recipient
            for m in self.items.values()
            if m.state is State.PENDING and m.due_at <= now and m.reason in CHASES
        }

    def list(
        self, *, recipient: str | None = None, reason: Reason | None = None
    ) -> builtins.list[Message]:
        return [
            copy.deepcopy(m)
            for _, m in sorted(self.items.items())
            if (recipient is None or m.recipient == recipient)
            and (reason is None or m.reason == reason)
        ]

    def _settle(
        self, message_id: int, claimer: str, now: datetime, state: State, **values: Any
    ) -> bool:
        m = self.items[message_id]
        if m.state is not State.CLAIMED or self.claims.get(message_id) != claimer:
            return False
        for key, value in values.items():
            setattr(m, key, value)
        m.state, m.lease_until = state, None
        self.claims.pop(message_id, None)
        self.settled_at[message_id] = now
        if message_id in self.dirty:  # a refresh was asked for meanwhile: again, at once
            self.dirty.discard(message_id)
            m.state, m.due_at, m.attempts = State.PENDING, now, 0
        return True

    def sent(self, message_id: int, claimer: str, ts: str | None, now: datetime) -> bool:
        return self._settle(message_id, claimer, now, State.SENT, sent_ts=ts)

    def retry(
        self, message_id: int, claimer: str, due_at: datetime, error: str, now: datetime
    ) -> bool:
        return self._settle(
            message_id, claimer, now, State.PENDING, due_at=due_at, last_error=error
        )

    def defer(self, message_id: int, claimer: str, due_at: datetime, now: datetime) -> bool:
        attempts = self.items[message_id].attempts - 1
        return self._settle(
            message_id, claimer, now, State.PENDING, due_at=due_at, attempts=attempts
        )

    def fail(self, message_id: int, claimer: str, error: str, now: datetime) -> bool:
        return self._settle(message_id, claimer, now, State.FAILED, last_error=error)
