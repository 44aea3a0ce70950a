"""The coordinator's list of facilitators on Home: counts, a filter and pages, so that
everyone can be reached and no text goes over Slack's limits (issue 23, item 14)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.supervision.facilitators import facilitators_blocks
from domain.kernel.errors import DomainError, NotAllowed
from domain.kernel.outbox import KernelReason
from domain.kernel.people import Actor
from domain.nominations.nomination import Nomination, Status
from domain.programme_admin.configuration import Configuration
from domain.supervision.facilitators import FacilitatorsChoice
from handlers.programme_admin.configuration import sync_configuration
from handlers.supervision.commands import LogEntry, ShowFacilitators
from handlers.supervision.entries import log_entry
from handlers.supervision.facilitators import PAGE_SIZE, facilitators_page, show_facilitators
from tests.blockkit import valid_view
from tests.factories import COORDINATOR, NOW, catalogue_config, ics_list, programme
from tests.unit.fakes.unit_of_work import FakeUnitOfWork

PEOPLE = [f"U{i:03d}" for i in range(60)]
LATE = PEOPLE[:12]  # their quarterly supervision was 200 days ago
LEADS = PEOPLE[:5]  # also lead trainers
IN_KENT = PEOPLE[::3]  # nominated by Kent and Medway


@pytest.fixture
def uow() -> FakeUnitOfWork:
    catalogue = catalogue_config()
    catalogue["roles"] = [
        {"key": "lsc-facilitator", "name": "LSC facilitator", "members": PEOPLE},
        {"key": "lead-trainer", "name": "Lead trainer", "members": LEADS},
    ]
    config = Configuration(programmes=(programme(),), ics=ics_list(4), **catalogue)
    uow = FakeUnitOfWork()
    sync_configuration(config, uow, NOW)
    for person in LATE:
        entry = LogEntry(
            actor=Actor(user_id=person),
            log_type="review-group",
            occurred_on=NOW.date() - timedelta(days=200),
            duration_minutes=60,
        )
        log_entry(entry, uow, NOW)
    for person in IN_KENT:
        uow.nominations.add(
            Nomination("lsc-t4t", "kent-medway", person, "ULEADKM", NOW, status=Status.CONFIRMED)
        )
    return uow


def choose(uow: FakeUnitOfWork, filter: str = "everyone", page: int = 1) -> None:
    cmd = ShowFacilitators(actor=COORDINATOR, choice=FacilitatorsChoice(filter=filter, page=page))
    show_facilitators(cmd, uow, NOW)


def every_page(uow: FakeUnitOfWork, filter: str = "everyone") -> list[str]:
    """Everyone shown, page after page, as a coordinator pressing Next sees them."""
    choose(uow, filter)
    seen: list[str] = []
    while True:
        page = facilitators_page(COORDINATOR, uow, NOW)
        seen += [f.user_id for f in page.people]
        valid_view({"type": "home", "blocks": facilitators_blocks(page)})
        if page.choice.page >= page.pages:
            return seen
        choose(uow, filter, page.choice.page + 1)


def test_every_facilitator_is_reachable_page_by_page_with_the_counts(uow) -> None:
    first = facilitators_page(COORDINATOR, uow, NOW)
    assert (first.total, first.attention, first.matching, first.pages) == (60, 12, 60, 3)
    assert len(first.people) == PAGE_SIZE and first.choice == FacilitatorsChoice()
    assert "*60 facilitators* · *12 need attention*" in str(facilitators_blocks(first))
    seen = every_page(uow)
    assert sorted(seen) == PEOPLE and len(seen) == 60
    assert set(seen[:12]) == set(LATE)  # those needing attention first
    page = facilitators_page(COORDINATOR, uow, NOW)
    assert "Showing 41–60 of 60" in str(facilitators_blocks(page))


def test_the_filters_show_needs_attention_an_ics_or_a_role(uow) -> None:
    assert sorted(every_page(uow, "attention")) == LATE
    assert sorted(every_page(uow, "ics:kent-medway")) == IN_KENT
    assert sorted(every_page(uow, "role:lead-trainer")) == LEADS
    page = facilitators_page(COORDINATOR, uow, NOW)
    assert (page.total, page.attention, page.matching) == (60, 12, 5)
    shown = str(facilitators_blocks(page))
    assert "5 of 60 facilitators: Lead trainer" in shown and "Kent and Medway" in shown


def test_the_choice_is_kept_for_the_coordinator_and_the_home_published_again(uow) -> None:
    def homes() -> list[str]:
        return [m.recipient for m in uow.outbox.list() if m.reason is KernelReason.HOME]

    assert "UCOORD" not in homes()
    choose(uow, "ics:kent-medway", 2)
    assert uow.people.facilitators_choice("UCOORD") == FacilitatorsChoice(
        filter="ics:kent-medway", page=2
    )
    assert homes().count("UCOORD") == 1
    assert uow.people.facilitators_choice("UOTHER") == FacilitatorsChoice()
    page = facilitators_page(COORDINATOR, uow, NOW)  # 20 in Kent: page 2 is the last
    assert (page.choice.page, page.pages, len(page.people)) == (1, 1, 20)


def test_a_page_beyond_the_last_shows_the_last(uow) -> None:
    choose(uow, "everyone", 9)
    page = facilitators_page(COORDINATOR, uow, NOW)
    assert page.choice.page == 3 and len(page.people) == 20


def test_only_coordinators_choose_and_only_what_exists(uow) -> None:
    with pytest.raises(NotAllowed):
        cmd = ShowFacilitators(actor=Actor(user_id="U001"), choice=FacilitatorsChoice())
        show_facilitators(cmd, uow, NOW)
    with pytest.raises(NotAllowed):
        facilitators_page(Actor(user_id="U001"), uow, NOW)
    for gone in ("ics:nowhere", "role:nobody"):
        with pytest.raises(DomainError, match="no longer"):
            choose(uow, gone)
    assert uow.people.facilitators_choice("UCOORD") == FacilitatorsChoice()


def test_long_lines_never_make_a_section_over_slacks_limit(uow) -> None:
    page = facilitators_page(COORDINATOR, uow, NOW)
    many = [page.people[0]] * 200  # a page far longer than Home ever shows
    blocks = facilitators_blocks(type(page)(**{**page.__dict__, "people": many}))
    valid_view({"type": "home", "blocks": blocks})
    texts = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    assert all(len(t) <= 3000 for t in texts) and sum(t.count("<@U0") for t in texts) == 200
