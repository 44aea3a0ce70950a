"""The Slack side assembled: Web API clients, the Bolt app, and the services behind it."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from bot import features
from bot.addresses import find_named_people
from bot.health import Monitor, backlog
from bot.kernel.acks_first import AcksFirst
from bot.kernel.after_ack import AfterAck
from bot.kernel.door import Services
from bot.kernel.errors import handle_errors
from bot.kernel.inbox import InboxWorker
from bot.kernel.intake import Intake
from bot.kernel.middleware import context_middleware
from bot.logs import request_scope
from bot.metrics import Metrics
from bot.outbox.dispatcher import AWAITED_PATIENCE, Dispatcher, Lanes
from bot.outbox.pacer import Pacer
from bot.outbox.render import Renderer
from bot.outbox.slack import SlackSender
from bot.people import People
from bot.programmes import Programmes
from bot.runtime import Clock, utc_now
from bot.settings import Settings
from domain.kernel.outbox import Lane
from storage.unit_of_work import UnitOfWorkFactory

REQUEST_TIMEOUT = 2.5  # calls made while a person waits (a form's trigger lasts 3 s)
LOOKUP_TIMEOUT = 1.0  # asking Slack who someone is, before an ack: then we go on without it


def build_client(
    settings: Settings, *, for_dispatch: bool = False, lookup: bool = False, patient: bool = False
) -> WebClient:
    """A Web API client for calls made while a person waits: it retries a dropped link, a 5xx
    and a rate limit once. The dispatcher's client retries nothing itself: the dispatcher puts
    a message back (until Slack's Retry-After, or with back-off) and never sleeps on it. A
    ``patient`` one (start-up, the CLI: nobody waits on it) waits out up to five rate limits."""
    retries = (
        []
        if for_dispatch or lookup
        else [
            ConnectionErrorRetryHandler(max_retry_count=1),
            ServerErrorRetryHandler(max_retry_count=1),
            RateLimitErrorRetryHandler(max_retry_count=5 if patient else 1),
        ]
    )
    kwargs: dict[str, Any] = {"base_url": settings.slack_api_url} if settings.slack_api_url else {}
    return WebClient(
        token=settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None,
        # A hung Slack delays the dispatcher's messages (never loses them): it gives up on a
        # call after send_timeout_seconds and tries again later.
        # slack_sdk types timeout as int; urllib takes seconds as a float
        timeout=(
            settings.send_timeout_seconds  # type: ignore[arg-type]
            if for_dispatch
            else LOOKUP_TIMEOUT
            if lookup
            else REQUEST_TIMEOUT
        ),
        retry_handlers=retries,
        **kwargs,
    )


@dataclass
class Cascade:
    """Everything the bot runs: the Bolt app and what sends and learns in the background."""

    app: App
    people: People
    after_ack: AfterAck
    dispatcher: Lanes
    inbox: InboxWorker
    addresses: threading.Thread | None = None  # looking up the people named by address
    monitor: Monitor = field(default_factory=Monitor)  # what /metrics and /healthz report

    def close(self) -> None:
        """Stop once what is under way is done (the rest waits in the database)."""
        self.inbox.stop()
        self.after_ack.shutdown()
        self.dispatcher.stop()


def create_cascade(
    settings: Settings,
    uow_factory: UnitOfWorkFactory,
    *,
    clock: Clock = utc_now,
    pacer: Pacer | None = None,
    dispatch: bool = True,
    settle: float = 0.1,
) -> Cascade:
    """The app and its services; with ``dispatch`` the outbox is sent from this process.
    People the configuration names by e-mail address are looked up in Slack meanwhile (a
    thread of its own: a rate limit never holds up the start)."""
    settings.require_slack()
    client = build_client(settings)
    acks_first = AcksFirst()
    people = People(build_client(settings, lookup=True), uow_factory, clock, acks_first)
    after_ack = AfterAck(
        max(settings.http_threads // 2, 2),
        acks_first,
        now_workers=max(settings.http_threads * 4, 32),
    )
    monitor = watching(settings, uow_factory, clock)
    app = create_app(settings, uow_factory, client, people, after_ack, clock, monitor)
    addresses = threading.Thread(
        target=find_named_people,
        args=(build_client(settings, patient=True), uow_factory, clock()),
        name="addresses",
        daemon=True,
    )
    addresses.start()
    dispatcher = build_dispatcher(
        settings, uow_factory, people, clock, pacer, settle, acks_first, monitor.metrics
    )
    if dispatch and settings.dispatch_in_bot:
        uow_factory.when_messages_committed(dispatcher.wake)
        dispatcher.start()
    inbox = build_inbox_worker(settings, uow_factory, people, clock, acks_first)
    uow_factory.when_requests_committed(inbox.wake)
    inbox.start()
    return Cascade(app, people, after_ack, dispatcher, inbox, addresses, monitor)


def watching(settings: Settings, uow_factory: UnitOfWorkFactory, clock: Clock) -> Monitor:
    """The figures /metrics and /healthz report, the outbox's read at each scrape."""
    monitor = Monitor(clock=clock, stuck_after=timedelta(minutes=settings.outbox_stuck_minutes))
    monitor.metrics.watch_outbox(lambda: backlog(uow_factory, clock()), clock)
    monitor.metrics.watch_database(uow_factory.engine)
    return monitor


def build_dispatcher(
    settings: Settings,
    uow_factory: UnitOfWorkFactory,
    people: People,
    clock: Clock,
    pacer: Pacer | None = None,
    settle: float = 0.1,
    acks_first: AcksFirst | None = None,
    metrics: Metrics | None = None,
) -> Lanes:
    """A dispatcher per lane, sharing one sender (and so one pacer per channel)."""
    sender = SlackSender(
        build_client(settings, for_dispatch=True), Renderer(uow_factory, people), clock, pacer
    )

    def lane(which: Lane, patience: float | None) -> Dispatcher:
        return Dispatcher(
            uow_factory.patient,  # nobody waits on the database for it: it waits its turn
            sender,
            clock,
            real_clock=utc_now,
            every=settings.dispatch_every_seconds,
            lease=timedelta(seconds=settings.outbox_lease_seconds),
            settle=settle,
            acks_first=acks_first,
            lane=which,
            patience=patience,
            metrics=metrics,
        )

    return Lanes(awaited=lane(Lane.AWAITED, AWAITED_PATIENCE), other=lane(Lane.OTHER, None))


def build_inbox_worker(
    settings: Settings,
    uow_factory: UnitOfWorkFactory,
    people: People,
    clock: Clock,
    acks_first: AcksFirst | None = None,
) -> InboxWorker:
    return InboxWorker(
        uow_factory.patient,
        people,
        clock,
        acks_first=acks_first,
        every=settings.dispatch_every_seconds,
        lease=timedelta(seconds=settings.outbox_lease_seconds),
    )


def create_app(
    settings: Settings,
    uow_factory: UnitOfWorkFactory,
    client: WebClient,
    people: People,
    after_ack: AfterAck,
    clock: Clock = utc_now,
    monitor: Monitor | None = None,
) -> App:
    app = CascadeApp(
        after_ack.acks_first,
        monitor,
        name="cascade",  # without a name Bolt reads the whole call stack's source to make one
        client=client,
        # In Socket Mode Slack's requests come over the socket, unsigned: no secret is needed.
        signing_secret=(
            settings.slack_signing_secret.get_secret_value()
            if settings.slack_signing_secret
            else ""
        ),
        # Each listener runs in the thread that received the request and returns once it has
        # acked: what follows the ack goes to AfterAck's pools. Bolt's other way (the listener
        # on a thread of its own, the request's thread looking for the ack every 10 ms) costs
        # each ack a hand-over and up to 10 ms.
        process_before_response=True,
    )
    programmes, intake = Programmes(uow_factory), Intake(uow_factory.one_statement)
    services = Services(uow_factory, clock, people, programmes, intake, after_ack)
    app.use(context_middleware(services))
    app.error(handle_errors)
    features.register(app)
    return app


class CascadeApp(App):
    """Bolt's app, counting each request from its arrival to its ack (over HTTP or Socket
    Mode alike), so that the work acks cause gives way to the acks still to come."""

    def __init__(
        self, acks_first: AcksFirst, monitor: Monitor | None = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.acks_first = acks_first
        self.monitor = monitor or Monitor()

    def dispatch(self, req: BoltRequest) -> BoltResponse:
        """Each log line meanwhile names the request and its user; an ack is counted and
        timed (a counter and a histogram: nothing that waits)."""
        started = time.perf_counter()
        with self.acks_first.acking(), request_scope(req.context.user_id):
            response = super().dispatch(req)
        if response.status == 200:  # not a forged request (401), nor one nobody handles
            self.monitor.metrics.acked(req.body, time.perf_counter() - started)
        return response


def slack_trouble(exc: Exception) -> str:
    """One line for a start that Slack refused (a bad token) or could not be reached."""
    text = str(exc)
    if "invalid_auth" in text or "not_authed" in text or "token_revoked" in text:
        return (
            "Slack refused the bot token. Check SLACK_BOT_TOKEN (the xoxb-… Bot User OAuth "
            "Token on your app's Install App page)."
        )
    return f"cannot reach Slack ({type(exc).__name__}). Check the network and SLACK_API_URL."
