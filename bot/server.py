"""Serving the app: Socket Mode for a small install, or HTTP (waitress) behind a load balancer."""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterable
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_bolt.adapter.wsgi.http_request import WsgiHttpRequest

from bot.health import Monitor, monitoring_app
from bot.replays import Replays
from bot.slack_app import CascadeApp
from storage.unit_of_work import UnitOfWorkFactory

log = logging.getLogger(__name__)
SLACK_PATH = "/slack/events"


MAX_BODY = 256 * 1024  # Slack's largest requests (a full modal's state) are far smaller


def wsgi_app(app: App, uow_factory: UnitOfWorkFactory) -> Callable[..., Iterable[bytes]]:
    """POST /slack/events to Bolt; GET /healthz and GET /metrics (bot.health)."""
    slack = _WellFormed(app)
    monitoring = monitoring_app(
        uow_factory, app.monitor if isinstance(app, CascadeApp) else Monitor()
    )
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
        return monitoring(environ, start_response)  # /healthz, /metrics, or 404

    return route


class _WellFormed(SlackRequestHandler):
    """Bolt's WSGI adapter, answering 400 to a body that is not a form or a JSON object (Bolt
    would end in a bare 500). It reads Bolt's own parse of the body: not parsed twice."""

    def dispatch(self, request: WsgiHttpRequest) -> BoltResponse:
        try:
            bolt_request = BoltRequest(
                body=request.get_body(), query=request.query_string, headers=request.get_headers()
            )
        except ValueError:  # not JSON where JSON was due
            return BoltResponse(status=400, body="The request is not well formed.")
        except (AttributeError, TypeError):  # JSON, but not an object: Bolt reads it as one
            return BoltResponse(status=400, body="Expected a JSON object.")
        if not isinstance(bolt_request.body, dict):
            return BoltResponse(status=400, body="Expected a JSON object.")
        return self.app.dispatch(bolt_request)


def malformed(environ: dict[str, Any]) -> tuple[str, str] | None:
    """(status, why) for a body Slack would never send (too large, not UTF-8); None otherwise.

    The body is read here once and handed on to Bolt, which checks the signature and parses it.
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
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return "400 Bad Request", "The request is not UTF-8."
    return None


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
        "HTTP mode: listening on %s:%s (POST %s, GET /healthz, GET /metrics)",
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
