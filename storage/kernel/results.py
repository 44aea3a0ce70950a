"""What a statement's result says, where SQLAlchemy's typing does not."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import CursorResult, Result


def rowcount(result: Result[Any]) -> int:
    """The rows an UPDATE or DELETE matched. ``Session.execute`` is typed to return a
    ``Result`` whatever it runs; for such a statement it is a ``CursorResult``, which counts."""
    return cast("CursorResult[Any]", result).rowcount
