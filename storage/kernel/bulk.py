"""Many new rows at once, skipping those whose unique key is already there.

SQLAlchemy's executemany suits a handful of rows. For a planning run's tens of thousands it
spends its time per row in Python (and, with psycopg, sends one statement per row), so this
uses each database's own bulk path: on PostgreSQL, COPY into a scratch table and then one
INSERT … SELECT; on SQLite, the driver's executemany of ready tuples. Values go through the
columns' own types, so rows are stored exactly as the ORM would store them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from functools import partial
from typing import Any

from sqlalchemy import JSON, Connection, DateTime, Table
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.types import TypeDecorator


def insert_new(
    connection: Connection,
    table: Table,
    given: Sequence[str],
    rows: Sequence[Sequence[Any]],
    shared: Mapping[str, Any],
    key: Sequence[str],
) -> None:
    """Insert ``rows`` (each a tuple of the ``given`` columns' values; each also gets the
    ``shared`` values); a row whose ``key`` columns match an existing row is skipped."""
    if not rows:
        return
    if connection.dialect.name == "postgresql":
        _copy(connection, table, rows, given, shared, key)
    else:
        _executemany(connection, table, rows, given, shared, key)


def _converters(connection: Connection, table: Table, names: Sequence[str]) -> dict:
    """Each column's conversion, remembered per value: a planning run's rows share a few
    hundred due times and payloads, converted once each instead of once per row."""
    dialect = connection.dialect
    convert = {name: table.c[name].type.bind_processor(dialect) or _same for name in names}
    if dialect.name == "postgresql":  # COPY's text format: a JSON value is its JSON text
        for name in names:
            kind = table.c[name].type
            if isinstance(kind, JSON):
                convert[name] = _json_text
            elif isinstance(kind, TypeDecorator) and isinstance(kind.impl_instance, JSON):
                convert[name] = partial(_decorated_json, kind.process_bind_param, dialect)
    for name in names:
        kind = getattr(table.c[name].type, "impl_instance", table.c[name].type)
        if isinstance(kind, DateTime) and dialect.name == "sqlite":
            # What the sqlite3 driver would do to a datetime itself (its adapter), done once.
            convert[name] = _remembered(convert[name], _sqlite_text)
        elif isinstance(kind, JSON | DateTime):
            convert[name] = _remembered(convert[name])
    return convert


def _remembered(convert: Callable[[Any], Any], then: Callable[[Any], Any] | None = None):
    seen: dict[Any, Any] = {}

    def converted(value: Any) -> Any:
        # Dicts are not hashable: the same object (a shared payload) is known by its id while
        # the rows that hold it, and so this call, are alive.
        key = id(value) if isinstance(value, dict | list) else value
        found = seen.get(key, _MISSING)
        if found is _MISSING:
            found = seen[key] = then(convert(value)) if then else convert(value)
        return found

    return converted


def _sqlite_text(value: Any) -> Any:
    return value.isoformat(" ") if isinstance(value, datetime) else value


def _json_text(value: Any) -> str | None:
    return None if value is None else json.dumps(value)


def _same(value: Any) -> Any:
    return value


_MISSING = object()


def _executemany(connection, table, rows, given, shared, key) -> None:
    names = [*given, *shared]
    statement = sqlite_insert(table).on_conflict_do_nothing(index_elements=list(key))
    compiled = statement.compile(dialect=connection.dialect, column_keys=names)
    convert = _converters(connection, table, names)
    fixed = {name: convert[name](value) for name, value in shared.items()}
    # The parameters in the order the SQL wants them: a value every row shares, or a column.
    place = {name: i for i, name in enumerate(given)}
    positions = compiled.positiontup
    assert positions is not None  # SQLite's parameters are positional (qmark)
    plan = [(place.get(n, -1), fixed.get(n, _MISSING), convert[n]) for n in positions]
    tuples = [
        tuple([value if value is not _MISSING else way(row[i]) for i, value, way in plan])
        for row in rows
    ]
    connection.exec_driver_sql(str(compiled), tuples)


def _copy(connection, table, rows, given, shared, key) -> None:
    quote = connection.dialect.identifier_preparer.quote
    scratch = quote(f"{table.name}_new")
    columns = ", ".join(quote(name) for name in given)
    convert = _converters(connection, table, [*given, *shared])
    cursor = connection.connection.driver_connection.cursor()
    # Same columns as the table, none of its constraints; emptied by every commit.
    cursor.execute(
        f"CREATE TEMP TABLE IF NOT EXISTS {scratch} ON COMMIT DELETE ROWS "
        f"AS SELECT * FROM {quote(table.name)} WITH NO DATA"
    )
    ways = [convert[name] for name in given]
    with cursor.copy(f"COPY {scratch} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([way(value) for way, value in zip(ways, row, strict=True)])
    extra = "".join(f", {quote(name)}" for name in shared)
    values = "".join(f", %({name})s" for name in shared)
    cursor.execute(
        f"INSERT INTO {quote(table.name)} ({columns}{extra}) "
        f"SELECT {columns}{values} FROM {scratch} "
        f"ON CONFLICT ({', '.join(quote(name) for name in key)}) DO NOTHING",
        {name: convert[name](value) for name, value in shared.items()},
    )
    cursor.execute(f"DELETE FROM {scratch}")  # the next batch in this transaction starts empty


def _decorated_json(bind: Callable[[Any, Any], Any], dialect: Any, value: Any) -> Any:
    """A JSON column's value through its decorator (words sealed), as COPY's JSON text."""
    return _json_text(bind(value, dialect))
