"""Where Cascade's time goes: ``--trace`` (timings inside the Cascade child) and ``--profile``.

Bench-only instrumentation, installed in the child before it serves (the app's code is
unchanged; Bolt's and the unit of work's objects are wrapped):

* per request, by user id: when Bolt's ``App.dispatch`` starts and returns (a waitress
  thread), when the listener starts (the same thread) and when it calls ``ack()``;
* every SQL statement: thread, user (in a listener), before or after the ack, duration;
* SQLite's process write lock (``UnitOfWorkFactory._write_lock``): wait and hold per thread.

The child writes it all to a JSON file when it stops; :func:`report` reads it with the
parent's round windows and client-side times and prints one breakdown per table row.

``--profile`` runs py-spy (:func:`spying`) on the Cascade child during the 50-user phases,
sampling the thread that holds the GIL: what the process spends its Python time on.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from slack_bolt import App
from slack_bolt.context.ack.ack import Ack
from slack_bolt.listener.custom_listener import CustomListener
from sqlalchemy import Engine, event

from storage.unit_of_work import UnitOfWorkFactory, WriterLock

_local = threading.local()


def group(name: str) -> str:
    """'listener_3' -> 'listener', 'waitress-12' -> 'waitress', 'send_0' -> 'send'."""
    return re.sub(r"[_-]\d+$", "", name)


def _fingerprint(statement: str) -> str:
    words = " ".join(statement.split())
    words = re.sub(r"\(\s*(%\(\w+\)s|\?|__\[POSTCOMPILE_\w+\])(\s*,\s*[^)]*)?\)", "(…)", words)
    return words[:110]


class Recorder:
    def __init__(self) -> None:
        self.requests: dict[str, dict[str, float]] = defaultdict(dict)
        self.sql: list[tuple[float, str, str, bool, str, float]] = []
        self.lock: list[tuple[float, str, str, bool, float, float]] = []

    # --- where a thread is --------------------------------------------------------------
    @staticmethod
    def _who() -> tuple[str, str, bool]:
        return (
            group(threading.current_thread().name),
            getattr(_local, "user", ""),
            getattr(_local, "acked", False),
        )

    def install(self, factory: UnitOfWorkFactory, engine: Engine) -> None:
        self._wrap_bolt()
        self._time_sql(engine)
        if factory._write_lock is not None:
            factory._write_lock = _TimedLock(self)  # type: ignore[assignment]

    def _wrap_bolt(self) -> None:
        recorder = self
        dispatch, run, ack = App.dispatch, CustomListener.run_ack_function, Ack.__call__

        @functools.wraps(dispatch)
        def timed_dispatch(app: App, req: Any) -> Any:
            user = req.context.user_id or ""
            _local.user, _local.acked = user, False
            recorder.requests[user]["dispatch"] = time.time()
            try:
                return dispatch(app, req)
            finally:
                recorder.requests[user]["returned"] = time.time()
                _local.user = ""

        @functools.wraps(run)
        def timed_run(listener: CustomListener, *, request: Any, response: Any) -> Any:
            user = request.context.user_id or ""
            _local.user, _local.acked = user, False
            recorder.requests[user]["listener"] = time.time()
            try:
                return run(listener, request=request, response=response)
            finally:
                recorder.requests[user]["done"] = time.time()
                _local.user, _local.acked = "", False

        @functools.wraps(ack)
        def timed_ack(self: Ack, *args: Any, **kwargs: Any) -> Any:
            user = getattr(_local, "user", "")
            if user and "ack" not in recorder.requests[user]:
                recorder.requests[user]["ack"] = time.time()
            _local.acked = True
            return ack(self, *args, **kwargs)

        App.dispatch = timed_dispatch  # type: ignore[method-assign]
        CustomListener.run_ack_function = timed_run  # type: ignore[method-assign]
        Ack.__call__ = timed_ack  # type: ignore[method-assign]

    def _time_sql(self, engine: Engine) -> None:
        @event.listens_for(engine, "before_cursor_execute")
        def before(conn: Any, cursor: Any, statement: str, *_: Any) -> None:
            conn.info["bench_started"] = time.perf_counter()

        @event.listens_for(engine, "after_cursor_execute")
        def after(conn: Any, cursor: Any, statement: str, *_: Any) -> None:
            took = time.perf_counter() - conn.info.pop("bench_started", time.perf_counter())
            where, user, acked = self._who()
            self.sql.append((time.time(), where, user, acked, _fingerprint(statement), took))

    def dump(self, path: Path) -> None:
        path.write_text(json.dumps({"requests": self.requests, "sql": self.sql, "lock": self.lock}))


class _TimedLock:
    """SQLite's one-writer lock, timed: how long each thread waited for it and held it."""

    def __init__(self, recorder: Recorder) -> None:
        self.inner, self.recorder = WriterLock(), recorder
        self.held = threading.local()

    def acquire(self, urgent: bool = False, timeout: float = -1) -> bool:
        asked = time.perf_counter()
        got = self.inner.acquire(urgent, timeout)
        self.held.asked, self.held.got = asked, time.perf_counter()
        return got

    def release(self) -> None:
        now = time.perf_counter()
        where, user, acked = Recorder._who()
        wait, hold = self.held.got - self.held.asked, now - self.held.got
        self.inner.release()
        self.recorder.lock.append((time.time(), where, user, acked, wait, hold))

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, *_: Any) -> None:
        self.release()


@contextmanager
def spying(pid: int, out: Path) -> Iterator[None]:
    """py-spy on the Cascade child: the thread holding the GIL, 250 times a second."""
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(spy).exists():
        print("py-spy is not installed: no profile", file=sys.stderr)
        yield
        return
    command = [spy, "record", "--pid", str(pid), "--rate", "250", "--threads", "--gil"]
    command += ["--nonblocking", "--format", "raw", "--output", str(out)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)  # let it attach
    try:
        yield
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
        print(f"profile written to {out}", file=sys.stderr)


# --- the parent's side: one breakdown per row ---------------------------------------------
def _ms(values: list[float]) -> str:
    if not values:
        return "-"
    ms = sorted(v * 1000 for v in values)
    p99 = statistics.quantiles(ms, n=100, method="inclusive")[98] if len(ms) > 1 else ms[0]
    return f"{statistics.median(ms):7.1f} / {p99:7.1f}"


def report(path: Path, rows: list[Any]) -> str:
    """Per row: the ack path in parts (p50 / p99 ms), then what ran in its windows."""
    data = json.loads(path.read_text())
    requests, sql, locks = data["requests"], data["sql"], data["lock"]
    out = []
    for row in rows:
        if not row.windows:
            continue
        users = row.users_sent
        times = [requests.get(u, {}) for u in users]
        parts: dict[str, list[float]] = defaultdict(list)
        for user, t in zip(users, times, strict=True):
            if {"dispatch", "listener", "ack", "returned"} <= t.keys():
                parts["client (parent) total"].append(row.cascade_by_user[user])
                parts["waitress queue + HTTP"].append(
                    row.cascade_by_user[user] - (t["returned"] - t["dispatch"])
                )
                parts["dispatch → listener start"].append(t["listener"] - t["dispatch"])
                parts["listener → ack()"].append(t["ack"] - t["listener"])
                parts["ack() → response"].append(t["returned"] - t["ack"])
                parts["after ack in listener"].append(t["done"] - t["ack"])
        chosen = set(users)
        inside = [s for s in sql if _within(s[0], row.windows)]
        held = [lk for lk in locks if _within(lk[0], row.windows)]
        lock_wait = defaultdict(float)
        sql_before = defaultdict(float)
        for _, _, user, acked, wait, _ in held:
            if user in chosen and not acked:
                lock_wait[user] += wait
        for _, _, user, acked, _, took in inside:
            if user in chosen and not acked:
                sql_before[user] += took
        parts["  of which write-lock wait"] = [lock_wait[u] for u in users if u in lock_wait]
        parts["  of which SQL (sum)"] = [sql_before[u] for u in users]
        out.append(f"\n{row.database} · {row.kind} · {row.users} user(s): p50 / p99 ms")
        out += [f"  {name:<32} {_ms(values)}" for name, values in parts.items()]
        out += _sql_table(inside, chosen, len(users)) + _lock_table(held)
    return "\n".join(out)


def _within(t: float, windows: list[tuple[float, float]]) -> bool:
    return any(start <= t <= end for start, end in windows)


def _sql_table(inside: list[list[Any]], users: set[str], n: int) -> list[str]:
    totals: Counter[tuple[str, str]] = Counter()
    counts: Counter[tuple[str, str]] = Counter()
    for _, where, user, acked, statement, took in inside:
        phase = "before ack" if user in users and not acked else f"after ack/{where}"
        totals[phase, statement] += took
        counts[phase, statement] += 1
    lines = [f"  top SQL in the rounds (ms per request over {n} requests, count, phase):"]
    for (phase, statement), took in totals.most_common(12):
        lines.append(
            f"    {took * 1000 / n:7.2f} ms {counts[phase, statement]:6d}×  {phase:<22} {statement}"
        )
    return lines


def _lock_table(held: list[list[Any]]) -> list[str]:
    if not held:
        return []
    by: dict[str, list[list[Any]]] = defaultdict(list)
    for lk in held:
        by[
            lk[1] + ("" if lk[1] != "listener" else (" after ack" if lk[3] else " before ack"))
        ].append(lk)
    lines = ["  SQLite write lock by thread: times taken, held p50/p99/total ms, waited total ms"]
    for where, items in sorted(by.items(), key=lambda kv: -sum(x[5] for x in kv[1])):
        holds = [x[5] for x in items]
        lines.append(
            f"    {where:<20} {len(items):6d}×  held {_ms(holds)} / {sum(holds) * 1000:8.0f}"
            f"   waited {sum(x[4] for x in items) * 1000:9.0f}"
        )
    return lines
