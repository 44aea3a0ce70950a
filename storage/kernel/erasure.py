"""Erasure: a person's id replaced by an alias wherever it stands, in one statement a table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import case, or_, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from storage.kernel.results import rowcount


def replace_user(
    session: Session,
    table: type,
    columns: Sequence[InstrumentedAttribute[Any]],
    user_id: str,
    alias: str,
    **also: Any,
) -> int:
    """``alias`` for ``user_id`` in each of ``columns`` (and the ``also`` values) in the rows
    that name them; returns how many rows changed."""
    statement = (
        update(table)
        .where(or_(*(column == user_id for column in columns)))
        .values(
            {column.key: case((column == user_id, alias), else_=column) for column in columns}
            | also
        )
    )
    return rowcount(session.execute(statement)) or 0
