"""Sending the measured requests: the signed bodies, bursts of them, and the table of results."""

from __future__ import annotations

import contextlib
import json
import os
import statistics
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.ack_data import form_for
from bench.ack_servers import SECRET
from tests.e2e import signing
from tests.e2e.fake_slack import FakeSlack
from tests.e2e.harness import _submission, select_value, ticks

REQUEST_TIMEOUT = 10.0  # seconds; Slack gives up after 3
LABELS = {
    "nominate": "/nominate",
    "eligibility": "eligibility submit",
    "confirm": "Confirm click",
}

Body = tuple[str, str]


def goal(users: int) -> float:
    """The most Cascade's p99 may be, as a multiple of bare Bolt's: 1.5× alone, 2× in a crowd."""
    return 1.5 if users == 1 else 2.0


Check = Callable[[int, str], bool]


def body_for(kind: str, user: str, nid: int, slack: FakeSlack, form: dict[str, Any]) -> Body:
    """The request ``user`` sends for ``kind``, as Slack would sign and send it."""
    if kind == "nominate":
        return signing.command(
            "/nominate",
            "",
            user_id=user,
            trigger_id=f"T.nominate.{user}",
            response_url=slack.response_url(f"cmd-{user}"),
        )
    if kind == "eligibility":
        view = form_for(form, nid)
        values = ticks(view) | select_value("first_choice", "cohort-1", "radio_buttons")
        values |= select_value("second_choice", "either")
        return signing.interaction(_submission(user, view, values))
    return signing.block_action(
        user,
        "review_confirm:cohort-1",
        f"{nid}:cohort-1",
        trigger_id=f"T.confirm.{user}",
        channel_id="CREVIEW",
        response_url=slack.response_url(f"click-{user}"),
    )


def cascade_check(kind: str) -> Check:
    """What a right answer from Cascade looks like (bare Bolt only has to say 200)."""
    if kind == "eligibility":
        return lambda status, text: status == 200 and '"response_action": "update"' in text
    return lambda status, text: status == 200 and text == ""


def bare_check(status: int, _text: str) -> bool:
    return status == 200


def burst(
    url: str, bodies: list[Body], concurrency: int, check: Check, gap: float = 0.0
) -> tuple[list[float], int]:
    """Send ``bodies`` (all at once if ``concurrency`` > 1, else one after another, ``gap``
    seconds apart); seconds to each response, and how many answers were wrong or failed
    (their time counts too: Slack waited for them)."""

    def one(body: Body, start_together: threading.Barrier | None) -> tuple[float, bool]:
        if start_together is not None:
            with contextlib.suppress(threading.BrokenBarrierError):
                start_together.wait(timeout=REQUEST_TIMEOUT)
        start = time.perf_counter()
        try:
            status, _, text = signing.post(
                url, body[0], body[1], secret=SECRET, timeout=REQUEST_TIMEOUT
            )
            ok = check(status, text)
        except OSError:
            ok = False
        return time.perf_counter() - start, ok

    if concurrency == 1:
        results = []
        for body in bodies:
            results.append(one(body, None))
            time.sleep(gap)
    else:
        barrier = threading.Barrier(len(bodies))
        with ThreadPoolExecutor(len(bodies)) as pool:
            results = list(pool.map(lambda b: one(b, barrier), bodies))
    return [s for s, _ in results], sum(not ok for _, ok in results)


@dataclass
class Row:
    """One line of the table: a database, a kind of request, a number of concurrent users."""

    database: str
    kind: str
    users: int
    bare: list[float] = field(default_factory=list)
    cascade: list[float] = field(default_factory=list)
    bad: dict[str, int] = field(default_factory=lambda: {"bare": 0, "cascade": 0})
    notes: list[str] = field(default_factory=list)
    windows: list[tuple[float, float]] = field(default_factory=list)  # Cascade rounds (epoch s)
    users_sent: list[str] = field(default_factory=list)
    cascade_by_user: dict[str, float] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)  # seconds, by payer (see cpu_into)

    @property
    def ratio(self) -> float:
        return _p99(self.cascade) / _p99(self.bare)

    @property
    def passed(self) -> bool:
        return self.ratio <= goal(self.users) and not any(self.bad.values())


def _p99(seconds: list[float]) -> float:
    return _quantiles(seconds)[2]


def _quantiles(seconds: list[float]) -> tuple[float, float, float, float]:
    """p50, p95, p99 and max, in milliseconds."""
    ms = sorted(s * 1000 for s in seconds)
    if len(ms) < 2:
        return (ms or [0.0])[0], (ms or [0.0])[0], (ms or [0.0])[0], (ms or [0.0])[0]
    q = statistics.quantiles(ms, n=100, method="inclusive")
    return q[49], q[94], q[98], ms[-1]


def table(rows: list[Row]) -> str:
    head = (
        f"{'database':<10} {'request':<18} {'users':>5} {'n':>4} │ "
        f"{'bare Bolt p50/p95/p99/max':>27} │ {'Cascade p50/p95/p99/max':>27} │ "
        f"{'p99 ×':>6} {'goal':>5}  result"
    )
    lines = [head, "─" * len(head)]
    for row in rows:
        if not row.cascade or not row.bare:
            continue
        bare = "/".join(f"{v:.1f}" for v in _quantiles(row.bare))
        cascade = "/".join(f"{v:.1f}" for v in _quantiles(row.cascade))
        result = "PASS" if row.passed else "FAIL"
        if any(row.bad.values()):
            result += f" ({row.bad['cascade']} Cascade, {row.bad['bare']} bare answers wrong)"
        lines.append(
            f"{row.database:<10} {LABELS[row.kind]:<18} {row.users:>5} {len(row.cascade):>4} │ "
            f"{bare:>27} │ {cascade:>27} │ {row.ratio:>5.2f}× {goal(row.users):>4}×  {result}"
        )
        lines += [f"{'':<10}   note: {note}" for note in row.notes]
    return "\n".join(lines)


def rows_as_json(rows: list[Row]) -> str:
    return json.dumps(
        [
            {
                "database": r.database,
                "kind": r.kind,
                "users": r.users,
                "bare_ms": [round(s * 1000, 3) for s in r.bare],
                "cascade_ms": [round(s * 1000, 3) for s in r.cascade],
                "bad": r.bad,
                "notes": r.notes,
            }
            for r in rows
        ],
        indent=1,
    )


# --- CPU: what each request costs, whoever pays (2 apps, this process, PostgreSQL) ----------
_TICK = os.sysconf("SC_CLK_TCK")


def _process_cpu(pid: int, reaped: bool = False) -> float:
    """CPU seconds (user + system) a process has used, and with ``reaped`` its children that
    ended; 0 once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return 0.0
    return sum(int(f) for f in fields[11 : 15 if reaped else 13]) / _TICK


def _postgres_cpu() -> float:
    """CPU seconds of PostgreSQL: its processes, and the backends that ended (the postmaster
    has reaped them, so they count in its children's time)."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        if "(postgres)" in text:
            total += _process_cpu(int(stat.parent.name), reaped=True)
    return total


@contextlib.contextmanager
def cpu_into(totals: dict[str, float], prefix: str, children: dict[str, int]) -> Iterator[None]:
    """Add the CPU seconds used while the block runs, per payer, to ``totals``."""

    def now() -> dict[str, float]:
        used = {name: _process_cpu(pid) for name, pid in children.items()}
        return used | {"bench process": time.process_time(), "PostgreSQL": _postgres_cpu()}

    before = now()
    yield
    for name, value in now().items():
        totals[f"{prefix} {name}"] = totals.get(f"{prefix} {name}", 0.0) + value - before[name]


def cpu_table(rows: list[Row]) -> str:
    """CPU ms per request: Cascade's rounds include what they caused after the ack."""
    names = sorted({name for row in rows for name in row.cpu})
    head = f"{'database':<10} {'request':<18} {'users':>5} │ " + " │ ".join(
        f"{n:>16}" for n in names
    )
    lines = [head, "─" * len(head)]
    for row in rows:
        if row.cascade:
            values = " │ ".join(
                f"{row.cpu.get(n, 0.0) * 1000 / len(row.cascade):16.1f}" for n in names
            )
            lines.append(f"{row.database:<10} {LABELS[row.kind]:<18} {row.users:>5} │ {values}")
    return "\n".join(lines)
