"""How fast Cascade acknowledges Slack requests, next to a bare Bolt app on the same server.

Run:  .venv/bin/python -m bench.ack_latency [--requests 300] [--concurrency 8]

Both apps run in a child process behind waitress on 127.0.0.1 (ephemeral ports), as a server
would; this process plays Slack: it sends the signed requests and answers the Web API calls
with the local fake from the tests. It reports
p50 / p95 / p99 / max of the time to the HTTP response (the ack) for:
  bare-bolt     a command listener that only calls ack()
  help          `/nominate help` (ack with text, no database)
  status        `/nominate status` (ack after a read of the caller's nominations)
  confirm       a coordinator's Confirm click (ack, then the locked write runs after it)
Slack's limit is 3 s; the goal is "close to bare Bolt".
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from slack_bolt import App

from bot.server import wsgi_app
from bot.settings import Settings
from bot.slack_app import build_client, create_app
from handlers import commands as c
from handlers import nominations as h
from handlers.configuration import sync_configuration
from handlers.eligibility import confirm_eligibility
from storage.engine import create_engine_for
from storage.migrate import upgrade
from storage.unit_of_work import UnitOfWorkFactory
from tests.e2e import signing
from tests.e2e.fake_slack import FakeSlack
from tests.e2e.harness import Server
from tests.factories import ALL_CONFIRMATIONS, ALL_CRITERIA, COORDINATOR, NOW, configuration

SECRET = "bench-secret"


def serve(wsgi) -> tuple[str, Server]:
    server = Server(wsgi, threads=16)
    return f"{server.url}/slack/events", server


def bare_bolt(slack: FakeSlack) -> App:
    settings = Settings(
        slack_bot_token="xoxb-b", slack_signing_secret=SECRET, slack_api_url=slack.api_url
    )
    app = App(client=build_client(settings), signing_secret=SECRET)
    app.command("/nominate")(lambda ack: ack())
    return app


def pending_nominations(factory: UnitOfWorkFactory, count: int) -> list[int]:
    from domain.people import Actor

    ids = []
    for i in range(count):
        made = h.nominate(
            c.Nominate(
                actor=COORDINATOR,
                programme_key="lsc-t4t",
                ics_key=f"ics-{i // 5:02d}",
                nominee_id=f"UB{i}",
            ),
            factory(),
            NOW,
        )
        confirm_eligibility(
            c.ConfirmEligibility(
                actor=Actor(user_id=f"UB{i}"),
                nomination_id=made.nomination.id,
                criteria=ALL_CRITERIA,
                confirmations=ALL_CONFIRMATIONS,
                first_choice="cohort-1",
            ),
            factory(),
            NOW,
        )
        ids.append(made.nomination.id)
    return ids


def measure(url: str, bodies: list[tuple[str, str]], concurrency: int) -> list[float]:
    def one(body: tuple[str, str]) -> float:
        start = time.perf_counter()
        status, _, _ = signing.post(url, body[0], body[1], secret=SECRET)
        assert status == 200, status
        return time.perf_counter() - start

    with ThreadPoolExecutor(concurrency) as pool:
        return list(pool.map(one, bodies))


def report(name: str, seconds: list[float]) -> None:
    ms = sorted(s * 1000 for s in seconds)
    q = statistics.quantiles(ms, n=100)
    print(
        f"{name:<10} n={len(ms):<5} p50={q[49]:7.1f} ms  p95={q[94]:7.1f} ms  "
        f"p99={q[98]:7.1f} ms  max={ms[-1]:7.1f} ms"
    )


def run_servers(api_url: str, database: str, urls: multiprocessing.Queue) -> None:
    """The child process: Cascade and a bare Bolt app, each behind its own waitress server."""
    factory = UnitOfWorkFactory(create_engine_for(database))
    settings = Settings(
        slack_bot_token="xoxb-c",
        slack_signing_secret=SECRET,
        slack_api_url=api_url,
        http_threads=16,
    )
    cascade_url, _cascade = serve(
        wsgi_app(create_app(settings, factory, clock=lambda: NOW), factory)
    )
    slack = type("Api", (), {"api_url": api_url})()
    bare_url, _bare = serve(wsgi_app(bare_bolt(slack), factory))
    urls.put((cascade_url, bare_url))
    threading.Event().wait()  # serve until the parent terminates us


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    with FakeSlack() as slack, tempfile.TemporaryDirectory() as tmp:
        for user in ("UCOORD", "ULEADKM"):
            slack.add_user(user)
        database = f"sqlite:///{Path(tmp) / 'bench.db'}"
        engine = create_engine_for(database)
        upgrade(engine)
        factory = UnitOfWorkFactory(engine)
        sync_configuration(
            configuration(
                ics_count=80, total_places=1000, per_ics_limit=5, cohorts=_open_cohorts()
            ),
            factory(),
            NOW,
        )
        ids = pending_nominations(factory, min(args.requests, 300))
        context = multiprocessing.get_context("spawn")
        urls = context.Queue()
        child = context.Process(target=run_servers, args=(slack.api_url, database, urls))
        child.start()
        try:
            cascade_url, bare_url = urls.get(timeout=60)
            n = args.requests
            print(f"{n} requests each, {args.concurrency} at a time\n")
            report("bare-bolt", measure(bare_url, [signing.command(text="")] * n, args.concurrency))
            report(
                "help",
                measure(
                    cascade_url,
                    [signing.command(text="help", user_id="ULEADKM")] * n,
                    args.concurrency,
                ),
            )
            report(
                "status",
                measure(
                    cascade_url,
                    [signing.command(text="status", user_id="ULEADKM")] * n,
                    args.concurrency,
                ),
            )
            clicks = [
                signing.block_action(
                    "UCOORD", "review_confirm:cohort-1", f"{i}:cohort-1", channel_id="CREVIEW"
                )
                for i in ids
            ]
            report("confirm", measure(cascade_url, clicks, args.concurrency))
            slack.wait_for("files.completeUploadExternal", len(clicks), timeout=120)
        finally:
            child.terminate()
            child.join(10)


def _open_cohorts() -> list[dict]:
    from tests.factories import programme

    cohorts = programme().model_dump(mode="json")["cohorts"]
    return [{**co, "places": None} for co in cohorts]


if __name__ == "__main__":
    main()
