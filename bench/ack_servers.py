"""The two apps the ack benchmark compares, each served from its own (spawned) child process.

Both sit behind the tests' waitress ``Server`` (127.0.0.1, ephemeral port, 16 threads; see
``BenchServer`` for the one change). The
child puts its URL on ``ready``, serves until ``stop`` is set (or ``LIFETIME`` runs out), then
closes its server and, for Cascade, lets the dispatcher finish what is under way.
"""

from __future__ import annotations

import logging
import sys
import threading
from datetime import datetime
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event
from pathlib import Path
from typing import Any

from slack_bolt import Ack, App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient
from waitress.server import create_server

from bench.common import Database
from bot.outbox.pacer import Pacer
from bot.people import People
from bot.runtime import settle_memory
from bot.server import SLACK_PATH, wsgi_app
from bot.settings import Settings
from bot.slack_app import build_client, build_dispatcher, create_cascade
from storage.unit_of_work import UnitOfWorkFactory
from tests.e2e.harness import Server
from tests.factories import NOW

SECRET = "bench-signing-secret"
THREADS = 16  # waitress threads (Settings.http_threads); Cascade's listeners run in them
LIFETIME = 1800.0  # a child whose parent died still ends


class BenchServer(Server):
    """The tests' ``Server`` (waitress, 127.0.0.1, ephemeral port), with a loop that sleeps.

    The harness passes ``asyncore_loop_timeout=0.02``, which waitress casts to ``int``: 0, so
    its loop never blocks and an idle server burns a whole CPU (on 2 CPUs, two servers would
    leave nothing for the rest). With waitress's own 1 s, closing takes up to a second.
    """

    def __init__(self, wsgi: Any, threads: int = THREADS) -> None:
        self.server = create_server(
            wsgi, host="127.0.0.1", port=0, threads=threads, asyncore_loop_timeout=1
        )
        self.url = f"http://127.0.0.1:{self.server.effective_port}"
        self.closing = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()


def fixed_now() -> datetime:
    """Cascade's clock: the test data's 'now' (programme open, both cohorts upcoming)."""
    return NOW


def no_sleep(_seconds: float) -> None:
    """The pacer's sleep: nothing waits, so every message the requests cause is sent at once."""


def quiet_queue() -> None:
    """Waitress warns on every queued request; at 50 users both apps queue (16 threads)."""
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)


VARIANTS = {
    "shipped": "Cascade as create_cascade builds it: the dispatcher sends from the bot process",
    "worker": "DISPATCH_IN_BOT=false, and the dispatcher in its own process (cascade worker),"
    " looking every second",
    "fast-switch": "as shipped, with sys.setswitchinterval(0.0005) (the GIL changes hands sooner)",
}


def settings_for(api_url: str, variant: str) -> Settings:
    return Settings(
        slack_bot_token="xoxb-bench",
        slack_signing_secret=SECRET,
        slack_api_url=api_url,
        http_threads=THREADS,
        dispatch_in_bot=variant != "worker",
        dispatch_every_seconds=1.0 if variant == "worker" else 5.0,
    )


def serve_cascade(
    api_url: str, database: Database, variant: str, trace: str | None, ready: Queue, stop: Event
) -> None:
    """Child process: Cascade as `create_cascade` builds it (with its outbox dispatcher unless
    ``variant`` says otherwise); with ``trace`` (a file name), timed by `bench.ack_trace`."""
    quiet_queue()
    if variant == "fast-switch":
        sys.setswitchinterval(0.0005)
    engine = database.engine()
    factory = UnitOfWorkFactory(engine)
    recorder = None
    if trace:
        from bench.ack_trace import Recorder

        recorder = Recorder()
        recorder.install(factory, engine)
    settings = settings_for(api_url, variant)
    cascade = create_cascade(settings, factory, clock=fixed_now, pacer=Pacer(sleep=no_sleep))
    settle_memory()  # as app.py does before serving
    server = BenchServer(wsgi_app(cascade.app, factory))
    ready.put(server.url + SLACK_PATH)
    try:
        stop.wait(LIFETIME)
    finally:
        server.close()
        cascade.close()
        engine.dispose()
        if recorder is not None and trace:
            recorder.dump(Path(trace))


def serve_worker(api_url: str, database: Database, ready: Queue, stop: Event) -> None:
    """Child process for the "worker" variant: only the dispatcher, as `cascade worker` runs it."""
    engine = database.engine()
    factory = UnitOfWorkFactory(engine)
    settings = settings_for(api_url, "worker")
    people = People(build_client(settings), factory, fixed_now)
    dispatcher = build_dispatcher(settings, factory, people, fixed_now, Pacer(sleep=no_sleep))
    dispatcher.start()
    ready.put("")
    try:
        stop.wait(LIFETIME)
    finally:
        dispatcher.stop()
        engine.dispose()


def ack_only(ack: Ack) -> None:
    ack()


def bare_bolt(api_url: str, secret: str = SECRET) -> App:
    """A Bolt app with the same secret whose listeners only ack the benchmarks' requests."""
    app = App(client=WebClient(token="xoxb-bare", base_url=api_url), signing_secret=secret)
    app.command("/nominate")(ack_only)
    app.view("nominate")(ack_only)
    app.view("eligibility")(ack_only)
    app.action("eligibility_open")(ack_only)
    app.action("review_confirm:cohort-1")(ack_only)
    app.action("review_confirm:cohort-2")(ack_only)
    app.event("app_home_opened")(ack_only)
    return app


def serve_bare(api_url: str, ready: Queue, stop: Event, secret: str = SECRET) -> None:
    """Child process: bare Bolt on the same kind of server."""
    quiet_queue()
    handler: Any = SlackRequestHandler(bare_bolt(api_url, secret))
    server = BenchServer(handler)
    ready.put(server.url + SLACK_PATH)
    try:
        stop.wait(LIFETIME)
    finally:
        server.close()
