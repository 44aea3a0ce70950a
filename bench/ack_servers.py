"""The two apps the ack benchmark compares, each served from its own (spawned) child process.

Both sit behind the tests' waitress ``Server`` (127.0.0.1, ephemeral port, 16 threads). The
child puts its URL on ``ready``, serves until ``stop`` is set (or ``LIFETIME`` runs out), then
closes its server and, for Cascade, lets the dispatcher finish what is under way.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event
from typing import Any

from slack_bolt import Ack, App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient
from sqlalchemy import Engine

from bot.outbox.pacer import Pacer
from bot.server import SLACK_PATH, wsgi_app
from bot.settings import Settings
from bot.slack_app import create_cascade
from storage.engine import create_engine_for
from storage.unit_of_work import UnitOfWorkFactory
from tests.e2e.harness import Server
from tests.factories import NOW

SECRET = "bench-signing-secret"
THREADS = 16  # waitress threads, and Cascade's listener threads (Settings.http_threads)
LIFETIME = 1800.0  # a child whose parent died still ends


@dataclass(frozen=True)
class Database:
    """Where Cascade keeps its data: an SQLite file, or a private PostgreSQL schema."""

    kind: str  # "sqlite" | "postgresql"
    url: str
    schema: str | None = None

    def engine(self) -> Engine:
        if self.schema is None:
            return create_engine_for(self.url)
        return create_engine_for(
            self.url, connect_args={"options": f"-c search_path={self.schema}"}
        )


def fixed_now() -> datetime:
    """Cascade's clock: the test data's 'now' (programme open, both cohorts upcoming)."""
    return NOW


def no_sleep(_seconds: float) -> None:
    """The pacer's sleep: nothing waits, so every message the requests cause is sent at once."""


def quiet_queue() -> None:
    """Waitress warns on every queued request; at 50 users both apps queue (16 threads)."""
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)


def serve_cascade(api_url: str, database: Database, ready: Queue, stop: Event) -> None:
    """Child process: Cascade as `create_cascade` builds it, with its outbox dispatcher."""
    quiet_queue()
    engine = database.engine()
    factory = UnitOfWorkFactory(engine)
    settings = Settings(
        slack_bot_token="xoxb-bench",
        slack_signing_secret=SECRET,
        slack_api_url=api_url,
        http_threads=THREADS,
    )
    cascade = create_cascade(settings, factory, clock=fixed_now, pacer=Pacer(sleep=no_sleep))
    server = Server(wsgi_app(cascade.app, factory), threads=THREADS)
    ready.put(server.url + SLACK_PATH)
    try:
        stop.wait(LIFETIME)
    finally:
        server.close()
        cascade.close()
        engine.dispose()


def ack_only(ack: Ack) -> None:
    ack()


def bare_bolt(api_url: str) -> App:
    """A Bolt app with the same secret whose listeners only ack the three kinds of request."""
    app = App(client=WebClient(token="xoxb-bare", base_url=api_url), signing_secret=SECRET)
    app.command("/nominate")(ack_only)
    app.view("eligibility")(ack_only)
    app.action("review_confirm:cohort-1")(ack_only)
    return app


def serve_bare(api_url: str, ready: Queue, stop: Event) -> None:
    """Child process: bare Bolt on the same kind of server."""
    quiet_queue()
    handler: Any = SlackRequestHandler(bare_bolt(api_url))
    server = Server(handler, threads=THREADS)
    ready.put(server.url + SLACK_PATH)
    try:
        stop.wait(LIFETIME)
    finally:
        server.close()
