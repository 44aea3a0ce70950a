"""Shared fixtures: databases for the integration and e2e tests."""

from __future__ import annotations

import logging
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from storage.kernel import crypto
from storage.kernel.engine import create_engine_for
from storage.kernel.migrate import upgrade
from storage.tables import Base

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
# The tests' data key (made for them, never a real one): this process's, and the processes they
# start inherit it.
DATA_KEY = "Zm9yLXRoZS10ZXN0cy1vbmx5LW5vdC1hLXJlYWwta2U="
os.environ["CASCADE_DATA_KEY"] = DATA_KEY
crypto.use_keys(DATA_KEY)
LOST = "cascade.outbox.lost"  # the logger a one-off message whose key was taken is told to


class _Kept(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def lost_messages() -> Iterator[list[logging.LogRecord]]:
    """Every test fails if a one-off message (an answer, an apology) was not stored because
    its key was taken; a test that means to lose one empties the list it is given."""
    kept, logger = _Kept(), logging.getLogger(LOST)
    logger.addHandler(kept)
    yield kept.records
    logger.removeHandler(kept)
    if kept.records:
        pytest.fail("messages lost: " + "; ".join(r.getMessage() for r in kept.records))


def postgres_url() -> str:
    return os.environ.get("TEST_DATABASE_URL", DEFAULT_PG)


@pytest.fixture(scope="session")
def postgres_schema() -> Iterator[tuple[str, dict]]:
    """A private schema in the PostgreSQL test database, migrated once per test run."""
    url = postgres_url()
    admin = create_engine_for(url)
    try:
        with admin.connect() as connection:
            connection.execute(text("select 1"))
    except Exception as exc:
        admin.dispose()
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL at {url} is unreachable and CI is set: {exc}")
        pytest.skip(f"PostgreSQL at {url} is unreachable: {exc}")
    schema = f"cascade_test_{uuid.uuid4().hex[:8]}"
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    options = {"connect_args": {"options": f"-c search_path={schema}"}}
    engine = create_engine_for(url, **options)
    upgrade(engine)
    engine.dispose()
    yield url, options
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite file migrated once per test run: each test starts from a copy of it, which
    takes a millisecond where running every migration again takes a quarter of a second."""
    path = tmp_path_factory.mktemp("template") / "migrated.db"
    engine = create_engine_for(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()  # the last connection closing folds the write-ahead log into the file
    return path


def sqlite_copy(template: Path, path: Path) -> Engine:
    """An engine on a fresh copy of ``template`` at ``path``."""
    shutil.copyfile(template, path)
    return create_engine_for(f"sqlite:///{path}")


def clean(engine: Engine) -> None:
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path) -> Iterator[Engine]:
    """A migrated, empty database: an SQLite file, or a private PostgreSQL schema."""
    if request.param == "sqlite":
        engine = sqlite_copy(request.getfixturevalue("migrated_sqlite"), tmp_path / "cascade.db")
    else:
        url, options = request.getfixturevalue("postgres_schema")
        engine = create_engine_for(url, **options)
        clean(engine)
    yield engine
    engine.dispose()
