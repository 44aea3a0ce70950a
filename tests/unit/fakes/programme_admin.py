"""The in-memory fake of the programme file last applied."""

from __future__ import annotations

from datetime import datetime


class FakeAppliedFiles:
    def __init__(self) -> None:
        self.value: tuple[str, datetime] | None = None

    def last(self) -> tuple[str, datetime] | None:
        return self.value

    def record(self, sha256: str, now: datetime) -> None:
        self.value = (sha256, now)
