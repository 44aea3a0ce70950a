"""Schema migrations with Alembic, and the start-up check that the database is up to date."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError

from storage.kernel.engine import DatabaseUnreachable, patiently  # (also imported from here)

MIGRATIONS = Path(__file__).parent.parent / "migrations"


class SchemaOutOfDate(RuntimeError):
    """The database is behind the code; the message says which command fixes it."""


def _config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    config = _config(engine)
    # A schema change waits for its locks.
    with _connected(patiently(engine)) as connection, connection.begin():
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def make_revision(engine: Engine, message: str) -> None:
    """For developers: autogenerate a migration from the tables in storage/tables.py."""
    command.revision(_config(engine), message=message, autogenerate=True)


def current_revision(engine: Engine) -> str | None:
    with _connected(engine) as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _connected(engine: Engine) -> Connection:
    """A connection, or DatabaseUnreachable saying where the database is and why not."""
    try:
        return engine.connect()
    except DBAPIError as exc:
        url = engine.url
        where = f"{url.get_backend_name()} at {url.host or ''}{f':{url.port}' if url.port else ''}"
        where += f"/{url.database}" if url.host else f" {url.database}"
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        raise DatabaseUnreachable(
            f"cannot reach the database ({where}): {reason}. Check DATABASE_URL and that the "
            "database server is running."
        ) from None


def head_revision() -> str | None:
    return _scripts().get_current_head()


def is_known(revision: str) -> bool:
    """True if ``revision`` is one of this code's migrations (not one from a newer version)."""
    return revision in {script.revision for script in _scripts().walk_revisions()}


def _scripts() -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config)


def ensure_up_to_date(engine: Engine) -> None:
    current = current_revision(engine)
    head = head_revision()
    if current != head:
        where = engine.url.render_as_string(hide_password=True)
        raise SchemaOutOfDate(
            f"The database at {where} is at schema revision {current or 'none'}, "
            f"but this version of Cascade needs {head}. Run `cascade db upgrade` "
            "(or `make run`, which does it for you)."
        )
