"""People the programme file names only by e-mail address are found in Slack when Cascade
starts, so they are reached before they ever open Cascade."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from storage.unit_of_work import UnitOfWorkFactory
from tests.conftest import sqlite_copy
from tests.e2e.fake_slack import FakeSlack
from tests.e2e.harness import Clock, Harness
from tests.e2e.test_interest import interested
from tests.factories import NOW


def test_a_lead_named_only_by_address_is_asked_to_nominate_before_opening_cascade(
    harness: Harness,
) -> None:
    # Sussex's lead is "lead@sussex.example" in the programme file; ULEADSX has that address
    # in Slack and has never used Cascade.
    answer = interested(harness, "UDAN", "sussex", note="my manager agreed")

    assert answer["response_action"] == "update" and "Sussex" in str(answer["view"])
    ask = harness.message_to("ULEADSX", "would like to be nominated")
    assert "my manager agreed" in str(ask["blocks"])
    assert not [c for c in harness.slack.calls("chat.postMessage") if not c.ok]


@pytest.fixture
def start(slack: FakeSlack, configured_sqlite: Path, tmp_path: Path) -> Iterator:
    started: list[Harness] = []

    def run() -> Harness:
        engine = sqlite_copy(configured_sqlite, tmp_path / "e2e.db")
        started.append(Harness(slack, UnitOfWorkFactory(engine), Clock(NOW)))
        return started[-1]

    yield run
    for harness in started:
        harness.close()
        harness.uow_factory.engine.dispose()


def test_start_up_goes_on_past_an_address_slack_does_not_know_and_a_rate_limit(
    slack: FakeSlack, start
) -> None:
    slack.add_user("ULT", name="Siân", email="sian@trust.example")  # not lt@nhs.example
    slack.fail_next("users.lookupByEmail", "ratelimited", status=429, retry_after=0)

    harness = start()

    assert harness.health()["status"] == "ok"
    lookups = [c.params["email"] for c in slack.calls("users.lookupByEmail")]
    assert lookups == ["lead@sussex.example", "lead@sussex.example", "lt@nhs.example"]  # 429: again
    with harness.uow_factory(read_only=True) as uow:
        assert uow.people.by_emails(["lead@sussex.example"]) == {"lead@sussex.example": "ULEADSX"}
        assert uow.people.by_email("lt@nhs.example") is None
