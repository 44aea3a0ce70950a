"""At most one message a second to the same channel (Slack's chat.postMessage pace)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class Pacer:
    def __init__(
        self,
        interval: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval, self.clock, self.sleep = interval, clock, sleep
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, channel: str) -> None:
        with self._lock:
            ready = self._last.get(channel, float("-inf")) + self.interval
            pause = max(ready - self.clock(), 0.0)
            self._last[channel] = self.clock() + pause
        if pause:
            self.sleep(pause)
