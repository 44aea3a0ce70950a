"""Slack retries a request it thinks went unanswered (``X-Slack-Retry-Num``). A retry of one
already handled gets the same answer, without doing it twice."""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

KEEP_SECONDS = 600  # Slack retries within minutes
MOST = 5_000  # answers kept at once (a few kB each)
WAIT_SECONDS = 2.5  # a retry of one still in progress waits this long for its answer


@dataclass
class _Answer:
    done: threading.Event = field(default_factory=threading.Event)
    status: str = "500 Internal Server Error"
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
    at: float = field(default_factory=time.monotonic)


class Replays:
    def __init__(self) -> None:
        self._answers: OrderedDict[str, _Answer] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(
        self,
        raw: bytes,
        retry: bool,
        start_response: Callable[..., Any],
        handle: Callable[[Callable[..., Any]], Iterable[bytes]],
    ) -> Iterable[bytes]:
        key = hashlib.sha256(raw).hexdigest()
        with self._lock:
            self._forget_old()
            known = self._answers.get(key)
            if known is None:
                known = self._answers[key] = _Answer()
                mine = True
            else:
                mine = False
        if not mine and retry and known.done.wait(timeout=WAIT_SECONDS):
            start_response(known.status, known.headers)
            return [known.body]
        answer = known if mine else _Answer()

        def keep(status: str, headers: list[tuple[str, str]], *rest: Any) -> Any:
            answer.status, answer.headers = status, list(headers)
            return start_response(status, headers, *rest)

        answer.body = b"".join(handle(keep))
        answer.done.set()
        return [answer.body]

    def _forget_old(self) -> None:
        too_old = time.monotonic() - KEEP_SECONDS
        while self._answers and (
            len(self._answers) > MOST or next(iter(self._answers.values())).at < too_old
        ):
            self._answers.popitem(last=False)
