"""Start-up time and idle memory of the real bot, run as production runs it: `python app.py`.

Run:  .venv/bin/python -m bench.startup [--runs 5] [--idle 10] [--requests 100]

Each run starts ``app.py`` in HTTP mode as a subprocess (SLACK_BOT_TOKEN=xoxb-x,
SLACK_SIGNING_SECRET=s, SLACK_API_URL=a ``FakeSlack`` in this process, DATABASE_URL=an SQLite
file migrated beforehand with ``storage.kernel.migrate.upgrade``,
PROGRAMME_CONFIG=config/programme.example.toml, HOST=127.0.0.1, PORT=0) and measures:

  log      seconds from starting the process until its log says ``listening on 127.0.0.1:<port>``
  healthz  seconds from starting the process until ``GET /healthz`` answers 200
  idle     resident memory (VmRSS in /proc/<pid>/status) after start-up and ``--idle`` s idle
  busy     VmRSS after ``--requests`` signed ``/nominate help`` commands (10 at a time)

then stops it with Ctrl-C (SIGINT, which runs the bot's clean-up), falling back to SIGTERM and
SIGKILL. It prints a table with the median of the runs and the goal: idle memory ≤ 120 MB.
Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import os
import queue
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import log, revision
from storage.kernel.engine import create_engine_for
from storage.kernel.migrate import upgrade
from tests.e2e import signing
from tests.e2e.fake_slack import FakeSlack

ROOT = Path(__file__).resolve().parent.parent
SECRET = "s"
GOAL_MB = 120.0
START_LIMIT = 60.0  # seconds: a start slower than this is a failure
LISTENING = re.compile(r"listening on 127\.0\.0\.1:(\d+)")
HELP_USERS = [f"U0HELP{i:02d}" for i in range(20)]


@dataclass
class Run:
    number: int
    log_seconds: float | None = None
    health_seconds: float | None = None
    idle_mb: float | None = None
    busy_mb: float | None = None
    peak_mb: float | None = None
    answers: list[int] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    stopped: str = ""
    problems: list[str] = field(default_factory=list)


def memory(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM of ``pid`` in MB (MiB: kB / 1024)."""
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = int(value.split()[0]) / 1024
    return found


def environment(api_url: str, db_url: str) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_"))}
    return keep | {
        "SLACK_BOT_TOKEN": "xoxb-x",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": api_url,
        "DATABASE_URL": db_url,
        "PROGRAMME_CONFIG": "config/programme.example.toml",
        "HOST": "127.0.0.1",
        "PORT": "0",
        "PYTHONUNBUFFERED": "1",
    }


def reader(stream: object, lines: queue.Queue[str], kept: list[str]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        kept.append(line.rstrip())
        lines.put(line)


def healthy(base: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def help_requests(base: str, count: int, run: Run) -> None:
    def one(i: int) -> tuple[int, float, str]:
        body = signing.command(
            "/nominate", "help", user_id=HELP_USERS[i % len(HELP_USERS)], trigger_id=f"T.h{i}"
        )
        started = time.perf_counter()
        try:
            status, _, text = signing.post(f"{base}/slack/events", *body, secret=SECRET)
        except OSError as exc:
            status, text = 0, type(exc).__name__
        return status, time.perf_counter() - started, text

    with ThreadPoolExecutor(max_workers=10) as pool:
        for status, seconds, text in pool.map(one, range(count)):
            run.answers.append(status)
            run.latencies.append(seconds)
            if status == 200 and "/nominate status" not in text:
                run.problems.append(f"a help answer without the commands: {text[:80]!r}")


def stop(process: subprocess.Popen[str], run: Run) -> None:
    """Ctrl-C first (the bot's clean-up runs), then SIGTERM, then SIGKILL."""
    for sig, wait in ((signal.SIGINT, 15.0), (signal.SIGTERM, 5.0), (signal.SIGKILL, 5.0)):
        if process.poll() is not None:
            break
        started = time.monotonic()
        process.send_signal(sig)
        try:
            process.wait(wait)
        except subprocess.TimeoutExpired:
            continue
        run.stopped = f"{sig.name}: exit {process.returncode} in {time.monotonic() - started:.1f} s"
        return
    run.stopped = run.stopped or f"exit {process.returncode}"


def one_run(number: int, slack: FakeSlack, db_url: str, args: argparse.Namespace) -> Run:
    run = Run(number)
    lines: queue.Queue[str] = queue.Queue()
    kept: list[str] = []
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "app.py"],
        cwd=ROOT,
        env=environment(slack.api_url, db_url),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    threading.Thread(target=reader, args=(process.stdout, lines, kept), daemon=True).start()
    try:
        port = None
        deadline = started + START_LIMIT
        while port is None and time.monotonic() < deadline and process.poll() is None:
            try:
                line = lines.get(timeout=0.05)
            except queue.Empty:
                continue
            if match := LISTENING.search(line):
                port = int(match.group(1))
                run.log_seconds = time.monotonic() - started
        if port is None:
            run.problems.append("no 'listening on' line: " + " | ".join(kept[-5:]))
            return run
        base = f"http://127.0.0.1:{port}"
        while not healthy(base):
            if time.monotonic() > deadline or process.poll() is not None:
                run.problems.append("GET /healthz never answered 200")
                return run
            time.sleep(0.01)
        run.health_seconds = time.monotonic() - started
        time.sleep(args.idle)
        run.idle_mb = memory(process.pid)["VmRSS"]
        help_requests(base, args.requests, run)
        time.sleep(1.0)  # what the requests started in the background (learning people) ends
        seen = memory(process.pid)
        run.busy_mb, run.peak_mb = seen["VmRSS"], seen["VmHWM"]
    finally:
        stop(process, run)
        errors = [ln for ln in kept if " ERROR " in ln or "Traceback" in ln]
        if errors:
            run.problems.append(f"{len(errors)} error line(s) in its log, first: {errors[0]}")
    return run


def fmt(value: float | None, pattern: str) -> str:
    return "—" if value is None else format(value, pattern)


def median(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def table(runs: list[Run], args: argparse.Namespace) -> str:
    head = (
        f"{'run':<8}{'log s':>8}{'healthz s':>11}{'idle MB':>9}{'busy MB':>9}{'peak MB':>9}"
        f"{'200s':>6}{'p50 ms':>8}{'max ms':>8}   stopped"
    )
    rows = [head]
    for r in runs:
        ok = sum(s == 200 for s in r.answers)
        p50 = statistics.median(r.latencies) * 1000 if r.latencies else None
        top = max(r.latencies) * 1000 if r.latencies else None
        rows.append(
            f"{r.number:<8}{fmt(r.log_seconds, '.2f'):>8}{fmt(r.health_seconds, '.2f'):>11}"
            f"{fmt(r.idle_mb, '.1f'):>9}{fmt(r.busy_mb, '.1f'):>9}{fmt(r.peak_mb, '.1f'):>9}"
            f"{ok:>6}{fmt(p50, '.0f'):>8}{fmt(top, '.0f'):>8}   {r.stopped}"
        )
    rows.append(
        f"{'median':<8}{fmt(median([r.log_seconds for r in runs]), '.2f'):>8}"
        f"{fmt(median([r.health_seconds for r in runs]), '.2f'):>11}"
        f"{fmt(median([r.idle_mb for r in runs]), '.1f'):>9}"
        f"{fmt(median([r.busy_mb for r in runs]), '.1f'):>9}"
        f"{fmt(median([r.peak_mb for r in runs]), '.1f'):>9}"
    )
    idle = median([r.idle_mb for r in runs])
    verdict = "no measurement" if idle is None else "PASS" if idle <= GOAL_MB else "FAIL"
    rows.append(
        f"\nidle = VmRSS after start-up and {args.idle:.0f} s idle; busy = VmRSS after "
        f"{args.requests} signed `/nominate help` (10 at a time) and 1 s; peak = VmHWM then."
    )
    rows.append(f"goal: idle memory ≤ {GOAL_MB:.0f} MB: {verdict} (median {fmt(idle, '.1f')} MB)")
    for r in runs:
        rows += [f"run {r.number}: {p}" for p in r.problems]
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--idle", type=float, default=10.0, help="seconds idle before measuring")
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args(argv)
    if not (1 <= args.runs <= 20 and 0 <= args.idle <= 120 and 0 <= args.requests <= 1000):
        parser.error("need 1 ≤ --runs ≤ 20, 0 ≤ --idle ≤ 120, 0 ≤ --requests ≤ 1000")
    with FakeSlack() as slack, tempfile.TemporaryDirectory() as tmp:
        for user in HELP_USERS:
            slack.add_user(user, name=user.title())
        db_url = f"sqlite:///{Path(tmp) / 'startup.db'}"
        engine = create_engine_for(db_url)
        upgrade(engine)
        engine.dispose()
        runs = []
        for number in range(1, args.runs + 1):
            log(f"run {number} of {args.runs}")
            runs.append(one_run(number, slack, db_url, args))
    print(
        f"Start-up and memory of `python app.py` (HTTP mode, SQLite), {args.runs} runs; "
        f"code {revision()}\n"
    )
    print(table(runs, args))
    idle = median([r.idle_mb for r in runs])
    return 0 if idle is not None and idle <= GOAL_MB and not any(r.problems for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
