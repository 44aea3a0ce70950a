"""`cascade db backup` and `cascade db restore`, run for real on SQLite files."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from bot.cli import main
from domain.kernel.errors import Busy
from handlers.kernel.inbox import accept
from handlers.nominations.commands import Waitlist
from storage.kernel.engine import create_engine_for
from storage.kernel.migrate import upgrade
from storage.unit_of_work import UnitOfWorkFactory
from tests.conftest import sqlite_copy
from tests.factories import COORDINATOR, NOW

ROOT = Path(__file__).parents[2]


def keys(path: Path) -> set[str]:
    with sqlite3.connect(path) as db:
        return {row[0] for row in db.execute("SELECT key FROM inbox")}


def use(monkeypatch, database: Path) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{database}")


class Burst:
    """Threads storing waitlist requests as the listeners do before their acks: a key is in
    ``acked`` once its request is committed (when Slack would get its ack)."""

    def __init__(self, factory: UnitOfWorkFactory, threads: int = 6) -> None:
        self.factory, self.acked, self.stop = factory, [], threading.Event()
        self.threads = [threading.Thread(target=self._store, args=(t,)) for t in range(threads)]
        for thread in self.threads:
            thread.start()

    def _store(self, t: int) -> None:
        i = 0
        while not self.stop.is_set():
            key, i = f"T{t}-{i}", i + 1
            command = Waitlist(actor=COORDINATOR, nomination_id=1)
            try:
                accept(command, key, self.factory.one_statement(), NOW, reply_channel="CREVIEW")
            except Busy:  # told "Cascade is busy": never acknowledged as stored
                continue
            self.acked.append(key)

    def until(self, count: int) -> None:
        deadline = time.monotonic() + 60
        while len(self.acked) < count and time.monotonic() < deadline:
            time.sleep(0.01)
        assert len(self.acked) >= count, "the burst stalled"

    def end(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join()


def ballast(engine, megabytes: int) -> None:
    """Pages enough that a backup takes a while, so requests are stored while it runs."""
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE ballast (b BLOB)")
        for _ in range(megabytes):
            connection.exec_driver_sql("INSERT INTO ballast VALUES (randomblob(1048576))")


def test_a_backup_taken_mid_burst_restores_every_acknowledged_request(
    migrated_sqlite: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    live, copy, restored = tmp_path / "live.db", tmp_path / "copy.db", tmp_path / "restored.db"
    engine = sqlite_copy(migrated_sqlite, live)
    ballast(engine, 40)
    burst = Burst(UnitOfWorkFactory(engine))
    try:
        burst.until(100)
        before = set(burst.acked)  # acknowledged before the backup began
        use(monkeypatch, live)
        assert main(["db", "backup", str(copy)]) == 0
        during = len(burst.acked) - len(before)
        burst.until(len(burst.acked) + 50)  # and the burst carries on after it
    finally:
        burst.end()
    engine.dispose()
    assert during > 0, "no request was stored while the backup ran: not a mid-burst backup"

    use(monkeypatch, restored)
    assert main(["db", "restore", str(copy)]) == 0
    assert f"Restored {restored} from {copy} (schema revision" in capsys.readouterr().out
    found = keys(restored)
    assert before <= found  # every acknowledged change
    assert found <= keys(live)
    assert len(found) < len(burst.acked)  # a snapshot of one moment, not the end of the burst
    with sqlite3.connect(restored) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_restore_refuses_while_the_database_is_in_use_and_keeps_the_replaced_one(
    migrated_sqlite: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    live, copy = tmp_path / "live.db", tmp_path / "copy.db"
    engine = sqlite_copy(migrated_sqlite, live)
    factory = UnitOfWorkFactory(engine)
    accept(Waitlist(actor=COORDINATOR, nomination_id=1), "OLD", factory.one_statement(), NOW)
    use(monkeypatch, live)
    assert main(["db", "backup", str(copy)]) == 0
    accept(Waitlist(actor=COORDINATOR, nomination_id=1), "NEW", factory.one_statement(), NOW)
    capsys.readouterr()

    assert main(["db", "restore", str(copy)]) == 2  # the "bot" still has its connections open
    err = capsys.readouterr().err
    assert f"{live} is in use: stop the bot" in err and "Nothing was changed" in err
    assert keys(live) == {"OLD", "NEW"}

    engine.dispose()  # the bot stopped
    assert main(["db", "restore", str(copy)]) == 0
    out = capsys.readouterr().out
    kept = Path(re.search(r"The database it replaced is kept as (\S+)\.\n", out).group(1))
    assert kept.parent == tmp_path / "backups" and kept.name.startswith("live-before-restore-")
    assert keys(live) == {"OLD"} and keys(kept) == {"OLD", "NEW"}
    again = UnitOfWorkFactory(create_engine_for(f"sqlite:///{live}"))  # the bot starts again
    assert accept(Waitlist(actor=COORDINATOR, nomination_id=1), "NEW", again(), NOW).new


def test_restore_refuses_what_is_not_a_backup_it_can_use(
    migrated_sqlite: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    live = tmp_path / "live.db"
    sqlite_copy(migrated_sqlite, live).dispose()
    use(monkeypatch, live)
    text = tmp_path / "notes.txt"
    text.write_text("not a database\n" * 100)
    newer = tmp_path / "newer.db"
    sqlite_copy(migrated_sqlite, newer).dispose()
    with sqlite3.connect(newer) as db:
        db.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE t (x)")
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(migrated_sqlite.read_bytes()[:4096] + os.urandom(65536))

    for backup, why in (
        (text, "is not an SQLite database"),
        (newer, "is at schema revision 9999_from_the_future, which this version of Cascade"),
        (other, "is an SQLite database, but not Cascade's"),
        (damaged, "is damaged"),
        (tmp_path / "missing.db", "no such file"),
    ):
        assert main(["db", "restore", str(backup)]) == 2, backup
        err = capsys.readouterr().err
        assert why in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert keys(live) == set() and not (tmp_path / "backups").exists()  # untouched


def test_an_older_backup_is_restored_and_the_upgrade_named(tmp_path, monkeypatch, capsys) -> None:
    old = tmp_path / "old.db"
    engine = create_engine_for(f"sqlite:///{old}")
    upgrade(engine, "0018")
    engine.dispose()
    use(monkeypatch, tmp_path / "data" / "cascade.db")  # nothing there yet
    assert main(["db", "restore", str(old)]) == 0
    out = capsys.readouterr().out
    assert "(schema revision 0018)" in out and "Run `cascade db upgrade`" in out
    assert "kept as" not in out  # there was nothing to keep


def test_the_command_names_its_backup_by_the_time_and_postgresql_is_pointed_elsewhere(
    migrated_sqlite: Path, tmp_path: Path
) -> None:
    (tmp_path / "data").mkdir()
    sqlite_copy(migrated_sqlite, tmp_path / "data" / "cascade.db").dispose()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_"))},
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": "sqlite:///data/cascade.db",
    }

    def cascade(*args: str, **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "bot.cli", *args],
            cwd=tmp_path,
            env=env | extra,
            capture_output=True,
            text=True,
            timeout=60,
        )

    done = cascade("db", "backup")
    assert done.returncode == 0, done.stderr
    (made,) = (tmp_path / "data" / "backups").iterdir()
    assert re.fullmatch(r"cascade-\d{8}T\d{6}Z\.db", made.name)
    assert f"to data/backups/{made.name} (schema revision" in done.stdout

    postgres = "postgresql+psycopg://cascade@db.internal/cascade"
    for action in (["backup"], ["restore", str(made)]):
        done = cascade("db", *action, DATABASE_URL=postgres)
        assert done.returncode == 2 and "Traceback" not in done.stderr
        assert f"`cascade db {action[0]}` is for SQLite" in done.stderr
        assert "use pg_dump and pg_restore" in done.stderr
