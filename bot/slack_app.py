"""create_app: the Bolt app with its middleware, listeners and error handler."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from bot.background import Background
from bot.errors import handle_errors
from bot.listeners import register_all
from bot.middleware import People, context_middleware
from bot.notifier import Notifier
from bot.runtime import Clock, utc_now
from bot.settings import Settings
from storage.unit_of_work import UnitOfWorkFactory


def build_client(settings: Settings) -> WebClient:
    """A Web API client that retries rate limits (honouring Retry-After), 5xx and dropped links."""
    kwargs = {"base_url": settings.slack_api_url} if settings.slack_api_url else {}
    return WebClient(
        token=settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=2),
            RateLimitErrorRetryHandler(max_retry_count=3),
            ServerErrorRetryHandler(max_retry_count=2),
        ],
        **kwargs,
    )


def create_app(
    settings: Settings,
    uow_factory: UnitOfWorkFactory,
    *,
    clock: Clock = utc_now,
    client: WebClient | None = None,
    background: Background | None = None,
) -> App:
    settings.require_slack()
    client = client or build_client(settings)
    app = App(
        client=client,
        signing_secret=settings.slack_signing_secret.get_secret_value(),
        listener_executor=ThreadPoolExecutor(
            max_workers=settings.http_threads, thread_name_prefix="listener"
        ),
    )
    notifier = Notifier(client)
    people = People(client, uow_factory, clock)
    background = background or Background(workers=max(settings.http_threads // 2, 2))
    app.use(context_middleware(uow_factory, clock, notifier, people, background))
    app.error(handle_errors)
    register_all(app)
    return app
