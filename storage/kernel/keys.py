"""CASCADE_DATA_KEY at start-up and when it changes: the check that it opens the data, and the
rotation that moves every sealed value to the newest key."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import Column, Engine, insert, select, update
from sqlalchemy.exc import IntegrityError

from storage.kernel import crypto
from storage.tables import Base, DataKeyCheckRow

CHECK = "Cascade's data key"
BATCH = 500  # rows re-sealed per transaction: never a long lock


def sealed_columns() -> Iterator[Column[object]]:
    """Every column whose values are sealed (the schema says which)."""
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, crypto.SealedText | crypto.SealedJSON):
                yield column


def check(engine: Engine) -> None:
    """Refuse a missing key, or one that is not the key the data was sealed with (one clear
    line: ``crypto.DataKeyError``). The first start with a key seals what an older Cascade
    stored in plain text, then keeps a sealed check for the starts after it."""
    with engine.connect() as connection:
        sealed = connection.execute(select(DataKeyCheckRow.sealed)).scalar()
    if sealed is not None:
        if crypto.unseal(sealed) != CHECK:  # no key, or another key: unseal says which
            raise crypto.DataKeyError("the data key check did not read back as written")
        return
    rotate(engine)  # words stored before encryption are sealed now, once
    try:
        with engine.begin() as connection:
            connection.execute(insert(DataKeyCheckRow).values(id=1, sealed=crypto.seal(CHECK)))
    except IntegrityError:  # another instance starting at the same moment stored it first
        check(engine)


def rotate(engine: Engine) -> dict[str, int]:
    """Re-seal every sealed value (and seal any stored before encryption) under the newest
    key, in small transactions; how many values, per table.column."""
    crypto.seal(CHECK)  # no key: say so before reading anything
    counts: dict[str, int] = {}
    for column in [*sealed_columns()]:
        table = column.table
        (key,) = table.primary_key.columns  # every table with sealed words has a one-column id
        done, last = 0, None
        while True:
            query = select(key, column).where(column.is_not(None)).order_by(key).limit(BATCH)
            if last is not None:
                query = query.where(key > last)
            with engine.begin() as connection:
                rows = connection.execute(query).all()
                for ident, value in rows:
                    connection.execute(
                        update(table).where(key == ident).values({column.name: value})
                    )
            if not rows:
                break
            done, last = done + len(rows), rows[-1][0]
        counts[f"{table.name}.{column.name}"] = done
    with engine.begin() as connection:
        connection.execute(update(DataKeyCheckRow).values(sealed=crypto.seal(CHECK)))
    return counts
