"""Serving the app: Socket Mode for a small install, or HTTP (waitress) behind a load balancer."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.adapter.wsgi import SlackRequestHandler

from bot.replays import Replays
from storage.unit_of_work import UnitOfWorkFactory

log = logging.getLogger(__name__)
SLACK_PATH = "/slack/events"


MAX_BODY = 256 * 1024  # Slack's largest requests (a full modal's state) are far smaller


def wsgi_app(app: App, uow_factory: UnitOfWorkFactory) -> Callable[..., Iterable[bytes]]:
    """POST /slack/events to Bolt; GET /healthz reports on the database."""
    slack = SlackRequestHandler(app)
    replays = Replays()

    def route(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "")
        if path == SLACK_PATH and method == "POST":
            problem = malformed(environ)
            if problem is not None:
                return _answer(start_response, *problem)
            raw = environ["wsgi.input"].getvalue()
            retry = bool(environ.get("HTTP_X_SLACK_RETRY_NUM"))
            return replays(raw, retry, start_response, lambda answer: slack(environ, answer))
        if path == "/healthz" and method in ("GET", "HEAD"):
            healthy = uow_factory.ping()
            busy = healthy and uow_factory.busy()  # writes wait for a lock held elsewhere
            database = "busy" if busy else "ok" if healthy else "unreachable"
            status_word = "degraded" if busy else "ok" if healthy else "unavailable"
            body = json.dumps({"status": status_word, "database": database}).encode()
            status = "200 OK" if healthy else "503 Service Unavailable"
            start_response(
                status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
            )
            return [body]
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"Not found"]

    return route


def malformed(environ: dict[str, Any]) -> tuple[str, str] | None:
    """(status, why) for a body Slack would never send; None when it is well formed.

    Bolt expects a form or a JSON object; anything else would end in a bare 500. The body is
    read here once and handed on to Bolt, which then checks the signature as usual.
    """
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return "400 Bad Request", "Bad Content-Length."
    if length > MAX_BODY:
        return "413 Content Too Large", "That request is too large."
    raw = environ["wsgi.input"].read(length) if length else b""
    environ["wsgi.input"] = io.BytesIO(raw)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return "400 Bad Request", "The request is not UTF-8."
    if environ.get("CONTENT_TYPE", "").startswith("application/json"):
        return None if _is_object(text) else ("400 Bad Request", "Expected a JSON object.")
    payload = parse_qs(text).get("payload")
    if payload and not _is_object(payload[0]):
        return "400 Bad Request", "The payload is not a JSON object."
    return None


def _is_object(text: str) -> bool:
    try:
        return isinstance(json.loads(text), dict)
    except ValueError:
        return False


def _answer(start_response: Callable[..., Any], status: str, text: str) -> Iterable[bytes]:
    body = text.encode()
    start_response(status, [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
    return [body]


def serve_http(
    app: App, uow_factory: UnitOfWorkFactory, port: int, threads: int, host: str = "0.0.0.0"
) -> None:
    """Serve until stopped; ``port`` 0 takes a free one (the log line says which)."""
    from waitress.server import create_server

    server = create_server(
        wsgi_app(app, uow_factory), host=host, port=port, threads=threads, ident="cascade"
    )
    log.info(
        "HTTP mode: listening on %s:%s (POST %s, GET /healthz)",
        host,
        server.effective_port,
        SLACK_PATH,
    )
    server.run()


def socket_mode(app: App, app_token: str) -> SocketModeHandler:
    """Bolt's Socket Mode adapter: Slack's WebSocket, opened with ``apps.connections.open``."""
    return SocketModeHandler(app, app_token)


def serve_socket_mode(app: App, app_token: str) -> None:
    log.info("Socket Mode: connecting to Slack (no public URL needed)")
    socket_mode(app, app_token).start()
