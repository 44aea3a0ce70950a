"""Work after the ack (DMs, card updates, files) runs here, so acks never queue behind it.

State changes are committed *before* the ack; only telling people happens afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from slack_sdk import WebClient

from bot.errors import reported


class Background:
    def __init__(self, workers: int = 8) -> None:
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="after-ack")

    def submit(
        self, body: dict[str, Any], client: WebClient, work: Callable[..., Any], *args: Any
    ) -> Future:
        """Run ``work(*args)``; a failure is reported to the person who made the request."""

        def guarded() -> None:
            with reported(body, client):
                work(*args)

        return self.pool.submit(guarded)

    def shutdown(self) -> None:
        self.pool.shutdown(wait=True)
