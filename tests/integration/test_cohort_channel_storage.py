"""Contract tests (fake, SQLite, PostgreSQL) for cohort channels: one channel per cohort and
one cohort per name, whoever asks at the same moment; creation recorded once; choices kept."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import timedelta

from domain.networks.cohort_channel import CohortChannel
from tests.factories import NOW
from tests.integration.test_concurrency import hammer

ASKED = CohortChannel("lsc", "cohort-1", "lsc-cohort-1", True, "UCOORD", NOW)


def test_a_channel_is_asked_for_once_created_once_and_read_back(uow) -> None:
    with uow() as u:
        assert u.cohort_channels.ask(ASKED) is True
        assert u.cohort_channels.ask(replace(ASKED, name="another")) is False  # same cohort
        assert u.cohort_channels.ask(replace(ASKED, cohort_key="cohort-2")) is False  # same name
        assert u.cohort_channels.ask(replace(ASKED, cohort_key="cohort-2", name="two")) is True
        u.commit()
    with uow() as u:
        assert u.cohort_channels.created("lsc", "cohort-1", "C1", NOW) is True
        assert u.cohort_channels.created("lsc", "cohort-1", "C9", NOW) is False
        assert u.cohort_channels.created("lsc", "cohort-9", "C9", NOW) is False
        u.commit()
    with uow(read_only=True) as u:
        assert u.cohort_channels.get("lsc", "cohort-1") == replace(
            ASKED, channel_id="C1", created_at=NOW
        )
        assert u.cohort_channels.named("two").cohort_key == "cohort-2"
        assert u.cohort_channels.named("nothing") is None
        assert [c.name for c in u.cohort_channels.list("lsc")] == ["lsc-cohort-1", "two"]
        assert u.cohort_channels.list("other") == []


def test_a_refused_request_is_forgotten_but_never_a_created_channel(uow) -> None:
    with uow() as u:
        u.cohort_channels.ask(ASKED)
        u.cohort_channels.ask(replace(ASKED, cohort_key="cohort-2", name="two"))
        u.cohort_channels.created("lsc", "cohort-2", "C2", NOW)
        u.cohort_channels.forget("lsc", "cohort-1")
        u.cohort_channels.forget("lsc", "cohort-2")
        u.commit()
    with uow(read_only=True) as u:
        assert u.cohort_channels.get("lsc", "cohort-1") is None
        assert u.cohort_channels.get("lsc", "cohort-2").channel_id == "C2"


def test_choices_to_join_are_kept_once_and_counted_and_erasure_replaces_the_ids(uow) -> None:
    with uow() as u:
        u.cohort_channels.ask(ASKED)
        u.cohort_channels.ask(replace(ASKED, cohort_key="cohort-2", name="two"))
        assert u.cohort_channels.join("lsc", "cohort-1", "UANN", NOW) is True
        assert u.cohort_channels.join("lsc", "cohort-1", "UANN", NOW + timedelta(1)) is False
        assert u.cohort_channels.join("lsc", "cohort-1", "UBEN", NOW) is True
        assert u.cohort_channels.join("lsc", "cohort-2", "UCAT", NOW) is True
        u.commit()
    with uow() as u:
        assert u.cohort_channels.members("lsc", "cohort-1") == {"UANN", "UBEN"}
        assert u.cohort_channels.count_members("lsc") == {"cohort-1": 2, "cohort-2": 1}
        assert u.cohort_channels.anonymise("UANN", "erased-1") == 1
        assert u.cohort_channels.anonymise("UCOORD", "erased-2") == 2
        u.commit()
    with uow(read_only=True) as u:
        assert u.cohort_channels.members("lsc", "cohort-1") == {"erased-1", "UBEN"}
        assert u.cohort_channels.get("lsc", "cohort-1").asked_by == "erased-2"


def test_many_asking_at_once_leave_one_channel_per_cohort_and_one_cohort_per_name(
    uow_factory,
) -> None:
    asked: Counter[bool] = Counter()

    def attempt(i: int) -> None:
        # Half ask for cohort-1 under their own name, half for other cohorts under one name.
        wanted = (
            replace(ASKED, name=f"name-{i}")
            if i % 2
            else replace(ASKED, cohort_key=f"cohort-{i + 10}", name="shared")
        )
        with uow_factory.patient() as u:
            asked[u.cohort_channels.ask(wanted)] += 1
            u.commit()

    assert hammer(12, attempt) == Counter({"ok": 12})
    assert asked == Counter({True: 2, False: 10})
    with uow_factory(read_only=True) as u:
        channels = u.cohort_channels.list("lsc")
        assert len([c for c in channels if c.cohort_key == "cohort-1"]) == 1
        assert len([c for c in channels if c.name == "shared"]) == 1
