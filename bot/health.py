"""GET /healthz (the database, and an outbox that stopped moving) and GET /metrics, served by
the HTTP server and, in Socket Mode, by a small listener of their own (HEALTH_PORT)."""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from bot.error_reports import start_error_reports
from bot.metrics import CONTENT_TYPE, Metrics, waited_seconds
from bot.runtime import Clock, utc_now
from bot.settings import Settings, SettingsError
from storage.kernel.outbox import Backlog
from storage.unit_of_work import UnitOfWorkFactory

log = logging.getLogger(__name__)
Wsgi = Callable[..., Iterable[bytes]]
MONITOR_PATHS = ("/healthz", "/metrics")


@dataclass
class Monitor:
    """What the health check and the metrics read: the figures, the app's clock, and how long
    a due message may wait before the outbox counts as stuck."""

    metrics: Metrics = field(default_factory=Metrics)
    clock: Clock = utc_now
    stuck_after: timedelta = timedelta(minutes=15)

    def health(self, uow_factory: UnitOfWorkFactory) -> tuple[bool, dict[str, Any]]:
        """(healthy, report): the database answers, and whether the outbox is moving."""
        if not uow_factory.ping():
            return False, {"status": "unavailable", "database": "unreachable", "outbox": "unknown"}
        busy = uow_factory.busy()  # writes wait for a lock held elsewhere
        report: dict[str, Any] = {"status": "ok", "database": "busy" if busy else "ok"}
        now = self.clock()
        try:
            figures = backlog(uow_factory, now)
        except Exception:  # gone between the two reads: the next check says so
            log.warning("health: could not read the outbox", exc_info=True)
            report["outbox"] = "unknown"
        else:
            waited = waited_seconds(figures, now)
            stuck = waited > self.stuck_after.total_seconds()
            report |= {
                "outbox": "stuck" if stuck else "ok",
                "outbox_due": figures.due,
                "outbox_oldest_due_seconds": round(waited),
            }
            busy = busy or stuck
        if busy:
            report["status"] = "degraded"
        return True, report


def backlog(uow_factory: UnitOfWorkFactory, now: datetime) -> Backlog:
    with uow_factory(read_only=True) as uow:
        return uow.outbox.backlog(now)


def monitoring_app(uow_factory: UnitOfWorkFactory, monitor: Monitor) -> Wsgi:
    """GET /healthz and GET /metrics; 404 for anything else."""

    def route(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "")
        if path == "/healthz" and method in ("GET", "HEAD"):
            healthy, report = monitor.health(uow_factory)
            status = "200 OK" if healthy else "503 Service Unavailable"
            return _answer(start_response, status, "application/json", json.dumps(report).encode())
        if path == "/metrics" and method in ("GET", "HEAD"):
            return _answer(start_response, "200 OK", CONTENT_TYPE, monitor.metrics.exposition())
        return _answer(start_response, "404 Not Found", "text/plain", b"Not found")

    return route


def _answer(
    start_response: Callable[..., Any], status: str, content_type: str, body: bytes
) -> Iterable[bytes]:
    start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(body)))])
    return [body]


def start_observing(
    settings: Settings, uow_factory: UnitOfWorkFactory, monitor: Monitor
) -> Callable[[], None] | None:
    """Error reports when SENTRY_DSN is set; the health listener when HEALTH_PORT is (what
    stops it is returned)."""
    if settings.sentry_dsn is not None:
        start_error_reports(settings.sentry_dsn.get_secret_value())
    if settings.health_port is None:
        return None
    return serve_health(uow_factory, monitor, settings.health_host, settings.health_port)


def serve_health(
    uow_factory: UnitOfWorkFactory, monitor: Monitor, host: str, port: int
) -> Callable[[], None]:
    """A small listener for /healthz and /metrics on ``host``:``port`` (Socket Mode has no
    HTTP server of its own), on a thread of its own; returns what stops it."""
    from waitress.server import create_server

    try:
        server = create_server(
            monitoring_app(uow_factory, monitor), host=host, port=port, threads=2, ident="cascade"
        )
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE:
            why = f"HEALTH_PORT: cannot listen on {host}:{port} ({exc.strerror})."
            raise SettingsError(why) from None
        raise SettingsError(
            f"HEALTH_PORT {port} is already in use on {host}: stop what uses it, or choose "
            "another port (HEALTH_PORT=0 takes any free one)."
        ) from None
    log.info("health listener on %s:%s (GET /healthz, GET /metrics)", host, server.effective_port)
    thread = threading.Thread(target=_run, args=(server,), name="health", daemon=True)
    thread.start()

    def stop() -> None:
        server.trigger.pull_trigger(server.close)
        thread.join(timeout=5)

    return stop


def _run(server: Any) -> None:
    with contextlib.suppress(OSError):  # closed from another thread: that is how it stops
        server.run()
