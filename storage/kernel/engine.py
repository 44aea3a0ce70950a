"""Engines for SQLite (embedded default) and PostgreSQL (several bot instances)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError

SQLITE_BUSY_TIMEOUT_MS = 30_000  # background work waits its turn
REQUEST_WAIT_MS = 1_500  # a person's request waits this long for a lock, inside Slack's 3 s
# Connections kept open: a burst's request threads, the forms opening after their acks and the
# background workers each hold one at once; one opened afresh (and closed again) for each
# transaction beyond the pool cost SQLite its pragmas and PostgreSQL a log-in, every time.
POOL_SIZE = 32
NO_TRANSACTION = "none"  # no BEGIN at all: see one_statement
CONNECT_TIMEOUT = 5  # seconds: a PostgreSQL server that never answers (a firewall dropping)
WHAT_TO_WRITE = (
    "write sqlite:///data/cascade.db (a file) or "
    "postgresql+psycopg://user:password@host:5432/name (postgres://… works too)"
)


class DatabaseUnreachable(RuntimeError):
    """The database cannot be reached; the message names where (never who or a password)."""


def database_url(url: str) -> str:
    """``url`` as Cascade opens it. PostgreSQL as hosts spell it (``postgres://``,
    ``postgresql://``) goes through psycopg 3, the driver Cascade installs. A URL Cascade
    cannot use is a ValueError saying what to write (it never repeats the URL: a password)."""
    scheme, separator, rest = url.partition("://")
    backend, _, driver = scheme.lower().partition("+")
    if not separator or not backend.isidentifier():
        raise ValueError(f"this is not a database URL: {WHAT_TO_WRITE}")
    if backend in ("postgres", "postgresql") and driver in ("", "psycopg"):
        url = f"postgresql+psycopg://{rest}"
    elif backend != "sqlite" or driver not in ("", "pysqlite"):
        known = backend in ("postgres", "postgresql", "sqlite")
        why = (
            f"{scheme} needs the driver {driver}, which Cascade does not install"
            if known
            else f"{backend} is not a database Cascade can use"
        )
        raise ValueError(f"{why}: {WHAT_TO_WRITE}")
    try:
        make_url(url)
    except ArgumentError:
        raise ValueError(f"this is not a database URL: {WHAT_TO_WRITE}") from None
    return url


def create_engine_for(url: str, **kwargs: Any) -> Engine:
    """An engine with the settings each database needs to stay correct under concurrency.

    Statement parameters are never put in error messages: they can hold private notes.
    """
    url = database_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, parsed.database, **kwargs)
    # A person waits on most transactions: giving up on a lock in time (rather than answering
    # Slack too late) is each connection's own setting, so their transactions spend no round
    # trip on it. Work nobody waits on (``patiently``) lifts it for its own transaction.
    connect_args = dict(kwargs.pop("connect_args", {}))
    options = connect_args.get("options") or parsed.query.get("options") or ""  # e.g. search_path
    options = " ".join(options) if isinstance(options, tuple) else options  # given twice in a URL
    connect_args["options"] = f"{options} -c lock_timeout={REQUEST_WAIT_MS}".strip()
    if "connect_timeout" not in parsed.query:  # libpq would wait for the system's (minutes)
        connect_args.setdefault("connect_timeout", CONNECT_TIMEOUT)
    engine = create_engine(
        url,
        pool_pre_ping=True,
        pool_size=POOL_SIZE // 2,
        max_overflow=POOL_SIZE,
        hide_parameters=True,
        connect_args=connect_args,
        **kwargs,
    )

    @event.listens_for(engine, "begin")
    def _bounded_wait(connection: Any) -> None:
        options = connection.get_execution_options()
        if options.get("patient"):
            connection.exec_driver_sql("SET LOCAL lock_timeout = 0")  # waits its turn
        elif (wait := options.get("lock_wait_ms")) and wait != REQUEST_WAIT_MS:
            connection.exec_driver_sql(f"SET LOCAL lock_timeout = {int(wait)}")

    return engine


def _sqlite_engine(url: str, database: str | None, **kwargs: Any) -> Engine:
    if database and database != ":memory:":  # (``:memory:`` has a pool of its own)
        try:
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseUnreachable(
                f"cannot make the folder for the SQLite database {database} "
                f"({exc.strerror}). Check DATABASE_URL."
            ) from None
        kwargs.setdefault("pool_size", POOL_SIZE)
        kwargs.setdefault("max_overflow", POOL_SIZE)
    engine = create_engine(
        url,
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        hide_parameters=True,
        **kwargs,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, record: Any) -> None:
        # Let SQLAlchemy emit BEGIN itself (below), so writes can take the lock up front.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
        record.info["busy_timeout"] = SQLITE_BUSY_TIMEOUT_MS

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # A transaction that reads then writes must hold the write lock from its first read,
        # or two of them can both read the same count (SQLite ignores FOR UPDATE).
        options = connection.get_execution_options()
        wait = int(options.get("lock_wait_ms") or SQLITE_BUSY_TIMEOUT_MS)
        if connection.info.get("busy_timeout") != wait:  # kept by the connection till changed
            connection.exec_driver_sql(f"PRAGMA busy_timeout={wait}")
            connection.info["busy_timeout"] = wait
        begin = options.get("sqlite_begin", "IMMEDIATE")
        if begin != NO_TRANSACTION:  # each statement is a transaction of its own
            connection.exec_driver_sql(f"BEGIN {begin}")

    return engine


def read_only(engine: Engine) -> Engine:
    """The same engine, for transactions that only read (no write lock on SQLite)."""
    return engine.execution_options(sqlite_begin="DEFERRED")


def patiently(engine: Engine) -> Engine:
    """The same engine, for work nobody waits on (sending, planning, migrating): it waits for
    locks as long as it takes (on SQLite, up to SQLITE_BUSY_TIMEOUT_MS)."""
    return engine.execution_options(patient=True)


def one_statement(engine: Engine) -> Engine:
    """For a person's request whose statements are each atomic on their own (storing the
    requests that arrived together, after reading what they are checked against): no BEGIN
    and no COMMIT, two round trips fewer (and, under load, two waits fewer for Python's lock
    after each); on SQLite a lock is waited for at most REQUEST_WAIT_MS."""
    if engine.dialect.name == "postgresql":
        return engine.execution_options(isolation_level="AUTOCOMMIT")
    return in_a_hurry(engine).execution_options(sqlite_begin=NO_TRANSACTION)


def in_a_hurry(engine: Engine) -> Engine:
    """The same engine, for a person's request: waits for a lock at most REQUEST_WAIT_MS."""
    return engine.execution_options(lock_wait_ms=REQUEST_WAIT_MS)


def is_busy(engine: Engine) -> bool:
    """True while another writer holds SQLite's write lock (for the health check)."""
    if engine.dialect.name != "sqlite":
        return False
    try:
        with engine.execution_options(lock_wait_ms=50).connect() as connection:
            connection.begin()  # BEGIN IMMEDIATE: takes (and at once gives back) the write lock
            connection.rollback()
    except OperationalError:
        return True
    return False
