"""What a person waits for (their Home, the answer to their click) never queues behind paced
channel posts: opening day's 200 review cards go out one a second, and Home still appears."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.outbox.pacer import Pacer
from domain.kernel.outbox import Message, State
from domain.nominations.reasons import NominationReason
from storage.unit_of_work import UnitOfWorkFactory
from tests.conftest import sqlite_copy
from tests.e2e import signing
from tests.e2e.fake_slack import FakeSlack
from tests.e2e.harness import Clock, Harness, eventually
from tests.factories import NOW

POSTS = 40


@pytest.fixture
def gate() -> Iterator[threading.Event]:
    opened = threading.Event()
    yield opened
    opened.set()  # whatever happened, nothing stays stuck in the pacer


@pytest.fixture
def busy(slack: FakeSlack, configured_sqlite: Path, tmp_path, gate) -> Iterator[Harness]:
    """The app with a pacer that holds every second post to a channel until ``gate`` opens:
    a backlog of channel posts that does not move."""
    engine = sqlite_copy(configured_sqlite, tmp_path / "busy.db")
    factory = UnitOfWorkFactory(engine)
    pacer = Pacer(interval=3600.0, sleep=lambda _seconds: gate.wait(30))
    running = Harness(slack, factory, Clock(NOW), pacer=pacer)
    slack.reset()
    yield running
    gate.set()
    running.close()
    engine.dispose()


def offer_posts(h_: Harness) -> None:
    """``POSTS`` posts of the offer waiting for the review channel (paced, one at a time)."""
    with h_.uow_factory() as uow:
        uow.outbox.add(
            [
                Message("CREVIEW", NominationReason.OFFER_POST, "programme:lsc-t4t", f"p{i}", NOW,
                        {"programme": "lsc-t4t"})
                for i in range(POSTS)
            ],
            NOW,
        )  # fmt: skip
        uow.commit()


def posted_to_review(h_: Harness) -> int:
    return sum(c.params.get("channel") == "CREVIEW" for c in h_.slack.calls("chat.postMessage"))


def test_home_is_published_while_channel_posts_wait_their_turn(busy: Harness) -> None:
    offer_posts(busy)
    busy.cascade.dispatcher.wake()
    eventually(lambda: posted_to_review(busy) >= 1, "the first post to go out")
    status, _ = busy.send(
        signing.event(
            {"type": "app_home_opened", "user": "UCOORD", "tab": "home", "channel": "DC"},
            event_id="EvBusyHome",
        )
    )
    assert status == 200

    def published() -> bool:
        calls = busy.slack.calls("views.publish")
        return any(c.params["user_id"] == "UCOORD" for c in calls)

    eventually(published, "the coordinator's Home while the posts are held", timeout=10)
    assert posted_to_review(busy) < POSTS  # the backlog is still there: Home did not wait
    with busy.uow_factory(read_only=True) as uow:
        waiting = [
            m
            for m in uow.outbox.list()
            if m.reason is NominationReason.OFFER_POST and m.state in (State.PENDING, State.CLAIMED)
        ]
    assert waiting
