"""What the benchmarks share: a database per run, the code measured, progress lines."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, text

from storage.kernel import crypto
from storage.kernel.engine import create_engine_for
from storage.kernel.migrate import upgrade

PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
# Private words are encrypted as in production: a key made for this run, which the processes a
# benchmark starts inherit (their imports set it up again).
crypto.use_keys(os.environ.setdefault("CASCADE_DATA_KEY", crypto.new_key()))


@dataclass(frozen=True)
class Database:
    """Where Cascade keeps its data: an SQLite file, or a private PostgreSQL schema."""

    kind: str  # "sqlite" | "postgresql"
    url: str
    schema: str | None = None

    def engine(self) -> Engine:
        if self.schema is None:
            return create_engine_for(self.url)
        return create_engine_for(
            self.url, connect_args={"options": f"-c search_path={self.schema}"}
        )


@contextmanager
def database(kind: str, folder: Path, pg_url: str = PG_URL) -> Iterator[Database]:
    """A migrated, empty database: an SQLite file, or a private schema dropped afterwards."""
    if kind == "sqlite":
        db = Database("sqlite", f"sqlite:///{folder / 'bench.db'}")
        engine = db.engine()
        upgrade(engine)
        engine.dispose()
        yield db
        return
    admin = create_engine_for(pg_url)
    schema = f"cascade_bench_{uuid.uuid4().hex[:8]}"
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        db = Database("postgresql", pg_url, schema)
        engine = db.engine()
        upgrade(engine)
        engine.dispose()
        yield db
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def revision() -> str:
    """The commit measured, and whether the work tree differs from it."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=5
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            timeout=5,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return f"{head}{' + uncommitted changes' if dirty else ''}" if head else "unknown"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
