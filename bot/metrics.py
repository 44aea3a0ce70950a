"""Cascade's figures in Prometheus's format: counted where they happen (acks, failed sends,
reminders planned, database errors), and the outbox read from the database at scrape time."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from prometheus_client.registry import Collector
from sqlalchemy import event
from sqlalchemy.engine import Engine

from storage.kernel.outbox import Backlog

log = logging.getLogger(__name__)
# An ack is due within 3 s; most take a few milliseconds.
ACK_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0)
MAX_NAMES = 300  # (kind, name) pairs counted apart, at most (the app has far fewer)
CONTENT_TYPE = CONTENT_TYPE_LATEST


class Metrics:
    """One registry per running app (tests run several apps in one process)."""

    def __init__(self) -> None:
        disable_created_metrics()  # the *_created series: noise for a scraper
        self.registry = CollectorRegistry()
        r = self.registry
        self.acks = Counter(
            "cascade_acks", "Requests from Slack acknowledged, by kind and name", ["kind", "name"],
            registry=r,
        )  # fmt: skip
        self.ack_seconds = Histogram(
            "cascade_ack_seconds", "Seconds from a request's arrival to its ack", ["kind"],
            buckets=ACK_BUCKETS, registry=r,
        )  # fmt: skip
        self.sends_failed = Counter(
            "cascade_sends_failed", "Outbox messages given up on (Slack refused them)", registry=r
        )
        self.reminders_planned = Counter(
            "cascade_reminders_planned", "Reminders added to the outbox by planning", registry=r
        )
        self.database_errors = Counter(
            "cascade_database_errors", "Errors raised by the database driver", ["error"],
            registry=r,
        )  # fmt: skip
        # Each (kind, name)'s counter and histogram, looked up once: an ack costs a dict
        # look-up, an increment and an observation.
        self._series: dict[tuple[str, str], tuple[Any, Any]] = {}
        self._series_lock = threading.Lock()

    def acked(self, body: dict[str, Any], seconds: float) -> None:
        """Count one ack (a counter and a histogram: nothing slower on the ack's path)."""
        key = request_kind(body)
        series = self._series.get(key) or self._new_series(*key)
        series[0].inc()
        series[1].observe(seconds)

    def _new_series(self, kind: str, name: str) -> tuple[Any, Any]:
        with self._series_lock:
            if len(self._series) >= MAX_NAMES:  # far more names than the app has: not kept apart
                return self.acks.labels(kind, "other"), self.ack_seconds.labels(kind)
            series = (self.acks.labels(kind, name), self.ack_seconds.labels(kind))
            self._series[(kind, name)] = series
        return series

    def watch_outbox(self, backlog: Callable[[], Backlog], now: Callable[[], datetime]) -> None:
        self.registry.register(OutboxFigures(backlog, now))

    def watch_database(self, engine: Engine) -> None:
        """Count each error the engine's driver raises (a lost link, a lock wait, …)."""

        def count(context: Any) -> None:
            self.database_errors.labels(type(context.sqlalchemy_exception).__name__).inc()

        event.listen(engine, "handle_error", count)

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


class OutboxFigures(Collector):
    """The outbox's depth and its oldest due message, read with one query per scrape."""

    def __init__(self, backlog: Callable[[], Backlog], now: Callable[[], datetime]) -> None:
        self.backlog, self.now = backlog, now

    def collect(self) -> Iterable[Metric]:
        try:
            figures = self.backlog()
        except Exception:  # the database is away: /healthz says so; the rest still reports
            log.warning("metrics: could not read the outbox", exc_info=True)
            return
        yield GaugeMetricFamily(
            "cascade_outbox_pending", "Outbox messages waiting to be sent", figures.pending
        )
        yield GaugeMetricFamily(
            "cascade_outbox_due", "Outbox messages due by now and not sent yet", figures.due
        )
        yield GaugeMetricFamily(
            "cascade_outbox_oldest_due_seconds",
            "How long the longest-waiting due message has waited (0: none waits)",
            waited_seconds(figures, self.now()),
        )


def waited_seconds(figures: Backlog, now: datetime) -> float:
    if figures.oldest_due_at is None:
        return 0.0
    return max((now - figures.oldest_due_at).total_seconds(), 0.0)


def request_kind(body: dict[str, Any]) -> tuple[str, str]:
    """(kind, name) of a request: command, action, view, event, options, shortcut, or other;
    the name is Slack's or ours (a command, action_id, callback_id or event type), never text
    a person typed."""
    if body.get("command"):
        return "command", _name(body.get("command"))
    kind = body.get("type")
    if kind == "block_actions":
        actions = body.get("actions")
        first = actions[0] if isinstance(actions, list) and actions else None
        return "action", _name(_field(first, "action_id"))
    if kind in ("view_submission", "view_closed"):
        return "view", _name(_field(body.get("view"), "callback_id"))
    if kind == "event_callback":
        return "event", _name(_field(body.get("event"), "type"))
    if kind == "block_suggestion":
        return "options", _name(body.get("action_id"))
    if kind in ("shortcut", "message_action"):
        return "shortcut", _name(body.get("callback_id"))
    return "other", _name(kind)


def _field(part: object, key: str) -> object:
    return part.get(key) if isinstance(part, dict) else None


def _name(value: object) -> str:
    return value[:60] if isinstance(value, str) and value else "?"
