"""The one boundary for work after ack(): replies, forms, files for the person who asked.

A failure here is reported to that person with a reference and logged; it never reaches Bolt,
which would take an exception after the ack for an unacknowledged request.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from slack_sdk import WebClient

from bot.acks_first import AcksFirst
from bot.errors import reported


class AfterAck:
    def __init__(self, workers: int = 4, acks_first: AcksFirst | None = None) -> None:
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="after-ack")
        self.acks_first = acks_first or AcksFirst(patience=0)

    def run(
        self,
        body: dict[str, Any],
        client: WebClient,
        work: Callable[..., Any],
        *args: Any,
        **kwargs: Any,
    ) -> None:
        """Now, in this thread (once the requests in flight have their acks): for calls whose
        trigger expires in seconds (opening a form)."""
        self.acks_first.wait_turn()
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
            self.acks_first.wait_turn()
            with reported(body, client):
                work(*args, **kwargs)

        return self.pool.submit(guarded)

    def shutdown(self) -> None:
        self.pool.shutdown(wait=True)
