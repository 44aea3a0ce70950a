"""The one boundary for work after ack(): replies, forms, files for the person who asked.

A failure here is reported to that person with a reference and logged; it never reaches Bolt,
which would take an exception after the ack for an unacknowledged request.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from slack_sdk import WebClient

from bot.errors import reported


class AfterAck:
    def __init__(self, workers: int = 4) -> None:
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="after-ack")

    def run(
        self,
        body: dict[str, Any],
        client: WebClient,
        work: Callable[..., Any],
        *args: Any,
        **kwargs: Any,
    ) -> None:
        """Now, in this thread: for calls whose trigger expires in seconds (opening a form)."""
        with reported(body, client):
            work(*args, **kwargs)

    def later(
        self,
        body: dict[str, Any],
        client: WebClient,
        work: Callable[..., Any],
        *args: Any,
        **kwargs: Any,
    ) -> Future:
        """On its own pool, so a slow Slack never holds a listener thread (private replies)."""

        def guarded() -> None:
            with reported(body, client):
                work(*args, **kwargs)

        return self.pool.submit(guarded)

    def shutdown(self) -> None:
        self.pool.shutdown(wait=True)
