"""Backups of the SQLite database: a consistent copy taken while the bot runs, and a copy put
back (checked first) while it does not. PostgreSQL has its own tools: pg_dump, pg_restore."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from storage.kernel import migrate

SQLITE_HEADER = b"SQLite format 3\x00"
IN_USE_WAIT_SECONDS = 0.5  # a restore waits this long for the database to be its alone
BACKUP_WAIT_SECONDS = 30  # a backup waits for a writer's lock as long as background work does


class BackupError(RuntimeError):
    """A backup or restore that cannot be done; the message says why and what to do."""


@dataclass(frozen=True)
class Copy:
    path: Path
    revision: str
    size: int


def database_file(url: str, command: str) -> Path:
    """The SQLite file DATABASE_URL names; ``command`` does not apply to another database."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        raise BackupError(
            f"`cascade db {command}` is for SQLite, and DATABASE_URL is "
            f"{parsed.get_backend_name()}: use pg_dump and pg_restore instead "
            "(README.md, 'Backups')."
        )
    if not parsed.database or parsed.database == ":memory:":
        raise BackupError("DATABASE_URL names no database file (it is in memory).")
    return Path(parsed.database)


def named_by_time(database: Path, now: datetime, what: str = "") -> Path:
    """backups/<name>[-what]-<UTC time>.db beside the database."""
    return database.parent / "backups" / f"{database.stem}{what}-{now:%Y%m%dT%H%M%SZ}.db"


def backup(database: Path, target: Path) -> Copy:
    """Copy the database as it stands at one moment (SQLite's online backup in one step,
    writers carrying on meanwhile) to ``target``, a file that is checked and self-contained."""
    if not database.is_file():
        raise BackupError(f"There is no database at {database}: check DATABASE_URL.")
    if target.exists():
        raise BackupError(f"{target} exists already: name another file.")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")  # never mistaken for a whole backup
    partial.unlink(missing_ok=True)
    try:
        with closing(_open(database, BACKUP_WAIT_SECONDS)) as source:
            _copy(source, partial)
        revision = check(partial)
        partial.rename(target)
    finally:
        partial.unlink(missing_ok=True)  # what an interrupted or failed copy left
    return Copy(target, revision, target.stat().st_size)


def check(path: Path) -> str:
    """The schema revision of the Cascade database in ``path``, once SQLite finds it whole
    and the revision is one this version of Cascade knows."""
    if not path.is_file():
        raise BackupError(f"{path}: no such file.")
    with path.open("rb") as file:
        if file.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise BackupError(f"{path} is not an SQLite database, so not a backup of Cascade.")
    try:
        with closing(_open(path, BACKUP_WAIT_SECONDS)) as db:
            verdict = [row[0] for row in db.execute("PRAGMA integrity_check(3)")]
            if verdict != ["ok"]:
                raise BackupError(f"{path} is damaged ({'; '.join(verdict)}): try another backup.")
            revision = _revision(db, path)
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is damaged ({exc}): try another backup.") from None
    if not migrate.is_known(revision):
        raise BackupError(
            f"{path} is at schema revision {revision}, which this version of Cascade does not "
            "know (a backup made by a newer version?): restore it with that version."
        )
    return revision


@dataclass(frozen=True)
class Restored:
    revision: str
    kept: Path | None  # the database it replaced, kept as a backup


def restore(source: Path, database: Path, now: datetime) -> Restored:
    """Put the backup ``source`` in the database's place, once it is checked and nothing else
    has the database open (it replaces the content in one transaction); the database it
    replaces is kept beside the backups."""
    revision = check(source)
    if database.exists() and database.resolve() == source.resolve():
        raise BackupError(f"{source} is the database itself: name a backup.")
    existed = database.is_file()
    database.parent.mkdir(parents=True, exist_ok=True)
    with closing(_open(database, IN_USE_WAIT_SECONDS, create=True)) as live:
        try:
            kept = _take_over(live, database, now) if existed else None
            with closing(_open(source, BACKUP_WAIT_SECONDS)) as backup_db:
                backup_db.backup(live)
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise BackupError(f"{database} could not be replaced: {exc}.") from None
            raise BackupError(_in_use(database)) from None
    return Restored(revision, kept)


def _take_over(live: sqlite3.Connection, database: Path, now: datetime) -> Path:
    """Hold the database alone from now on, and keep a copy of it; the copy's path."""
    # Leaving WAL mode needs every other connection closed: a running bot keeps one open.
    if live.execute("PRAGMA journal_mode=DELETE").fetchone()[0] != "delete":
        raise BackupError(_in_use(database))
    live.execute("PRAGMA locking_mode=EXCLUSIVE")  # no one else gets in until we are done
    kept = _free(named_by_time(database, now, "-before-restore"))
    kept.parent.mkdir(parents=True, exist_ok=True)
    _copy(live, kept)
    return kept


def _in_use(database: Path) -> str:
    return (
        f"{database} is in use: stop the bot and any `cascade worker` first "
        "(e.g. `sudo systemctl stop cascade`), then restore again. Nothing was changed."
    )


def _copy(source: sqlite3.Connection, target: Path) -> None:
    with closing(sqlite3.connect(target)) as copy:
        source.backup(copy)  # pages=-1: one step, one consistent moment
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it


def _revision(db: sqlite3.Connection, path: Path) -> str:
    try:
        row = db.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:
        row = None
    if not row:
        raise BackupError(f"{path} is an SQLite database, but not Cascade's (no schema revision).")
    return str(row[0])


def _open(path: Path, wait: float, create: bool = False) -> sqlite3.Connection:
    mode = "rwc" if create else "rw"  # never makes an empty file where one was named
    uri = f"{path.absolute().as_uri()}?mode={mode}"
    return sqlite3.connect(uri, uri=True, timeout=wait, isolation_level=None)


def _free(path: Path) -> Path:
    taken, n = path, 1
    while taken.exists():
        n += 1
        taken = path.with_stem(f"{path.stem}-{n}")
    return taken
