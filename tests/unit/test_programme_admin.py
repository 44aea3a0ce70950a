"""Coordinators change programmes, cohorts and ICSs from Slack: audited, refused when live
data would break, and heard by the people concerned."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from pydantic import ValidationError

from domain.kernel.errors import ConfigConflict, DomainError, InvalidTransition, NotAllowed
from domain.kernel.people import Actor
from domain.kernel.programme import Session
from domain.nominations.nomination import Status
from handlers.nominations.commands import Nominate
from handlers.nominations.nominate import nominate
from handlers.programme_admin.cohorts import cancel_cohort, save_cohort
from handlers.programme_admin.commands import (
    CancelCohort,
    CohortDetails,
    CopyProgramme,
    EditProgramme,
    SaveCohort,
    SaveIcs,
)
from handlers.programme_admin.configuration import sync_configuration
from handlers.programme_admin.programmes import copy_programme, edit_programme, save_ics
from tests.factories import COORDINATOR, LEAD_KM, NOW, configuration, programme
from tests.unit.fakes.unit_of_work import FakeUnitOfWork
from tests.unit.test_nomination_handlers import allocate, pending
from tests.unit.test_offers import full_with_waitlist


@pytest.fixture
def uow() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    sync_configuration(configuration(ics_count=8), uow, NOW)
    return uow


def settings(**changes) -> EditProgramme:
    p = programme()
    data = {
        "actor": COORDINATOR,
        "programme_key": p.key,
        "name": p.name,
        "provider": p.provider,
        "contact": p.contact,
        "total_places": p.total_places,
        "per_ics_limit": p.per_ics_limit,
        "review_channel": p.review_channel,
        "coordinators": ("UCOORD",),
        **changes,
    }
    return EditProgramme(**data)


def details(name="Cohort 3", places=10, day=10, joining="") -> CohortDetails:
    start = datetime(2026, 12, day, 9, 30)
    sessions = (Session(start=start, end=start.replace(hour=13)),)
    return CohortDetails(name=name, places=places, sessions=sessions, joining=joining)


def said(uow, reason: str) -> set[str]:
    return {m.recipient for m in uow.outbox.list() if m.reason.value == reason}


def test_a_coordinator_edits_settings_and_the_audit_keeps_before_and_after(uow) -> None:
    edit_programme(settings(contact="Sam Lee, academy", per_ics_limit=4), uow, NOW)
    saved = uow.programmes.get("lsc-t4t")
    assert (saved.contact, saved.per_ics_limit) == ("Sam Lee, academy", 4)
    assert "coordinator@academy.example" in saved.coordinators  # named by e-mail: kept
    actor, subject, action, _, detail = uow.audit.notes[-1]
    assert (actor, subject, action) == ("UCOORD", "programme:lsc-t4t", "edited settings")
    assert json.loads(detail)["changed"]["per_ics_limit"] == [5, 4]


def test_a_breaking_edit_is_refused_with_each_reason_by_setting(uow) -> None:
    for person in ("UA", "UB", "UC"):
        allocate(uow, pending(uow, person))
    with pytest.raises(ConfigConflict) as refused:
        edit_programme(settings(total_places=2, per_ics_limit=2), uow, NOW)
    assert set(refused.value.problems) == {"total_places", "per_ics_limit"}
    assert "fewer than the 3 places already confirmed" in refused.value.problems["total_places"]
    assert uow.programmes.get("lsc-t4t").total_places == 30  # nothing saved


def test_places_added_in_settings_are_offered_to_the_waitlist(uow) -> None:
    _, (uc, ud) = full_with_waitlist(uow, "UC", "UD")
    uow.programmes.save(programme(total_places=2, cohorts=_uncapped()))
    edit_programme(settings(total_places=3), uow, NOW)
    assert uow.nominations.get(uc).status is Status.OFFERED
    assert uow.nominations.get(ud).status is Status.WAITLISTED


def _uncapped() -> list[dict]:
    return [{**co, "places": None} for co in programme().model_dump(mode="json")["cohorts"]]


def test_only_coordinators_change_a_programme_or_an_ics(uow) -> None:
    with pytest.raises(NotAllowed):
        edit_programme(settings(actor=LEAD_KM), uow, NOW)
    with pytest.raises(NotAllowed):
        save_ics(SaveIcs(actor=LEAD_KM, name="Surrey Heartlands"), uow, NOW)


def test_names_with_slack_markup_are_refused() -> None:
    with pytest.raises(ValidationError):
        settings(name="<!channel> free places")


def test_a_new_intake_copies_the_programme_and_takes_nominations_at_once(uow) -> None:
    cmd = CopyProgramme(
        actor=Actor(user_id="UCOORD2"), source_key="lsc-t4t", name="LSC T4T 2027", cohort=details()
    )
    with pytest.raises(NotAllowed):  # not a coordinator of the programme copied
        copy_programme(cmd, uow, NOW)
    new = copy_programme(cmd.model_copy(update={"actor": COORDINATOR}), uow, NOW)
    assert new.key == "lsc-t4t-2027" and new.criteria == programme().criteria
    assert [co.key for co in new.cohorts] == ["cohort-1"]
    nominated = nominate(
        Nominate(actor=LEAD_KM, programme_key=new.key, ics_key="kent-medway", nominee_id="UA"),
        uow,
        NOW,
    )
    assert nominated.nomination.programme_key == "lsc-t4t-2027"
    again = copy_programme(cmd.model_copy(update={"actor": COORDINATOR}), uow, NOW)
    assert again.key == "lsc-t4t-2027-2"  # keys never collide


def test_a_cohort_is_added_and_sessions_already_gone_are_refused(uow) -> None:
    gone = Session(start=datetime(2026, 9, 1, 9), end=datetime(2026, 9, 1, 12))
    old = CohortDetails(name="Old", sessions=(gone,))
    cmd = SaveCohort(actor=COORDINATOR, programme_key="lsc-t4t", details=old)
    with pytest.raises(DomainError, match="already started") as refused:
        save_cohort(cmd, uow, NOW)
    assert refused.value.field == "sessions"
    programme_now, cohort = save_cohort(cmd.model_copy(update={"details": details()}), uow, NOW)
    assert cohort.key == "cohort-3" and programme_now.cohort("cohort-3").places == 10


def test_sessions_and_nomination_days_years_ahead_are_refused_by_their_setting(uow) -> None:
    far = Session(start=datetime(9999, 1, 4, 9), end=datetime(9999, 1, 4, 12))
    cmd = SaveCohort(
        actor=COORDINATOR,
        programme_key="lsc-t4t",
        details=CohortDetails(name="Far", sessions=(far,)),
    )
    with pytest.raises(DomainError, match="at most three years ahead") as refused:
        save_cohort(cmd, uow, NOW)
    assert refused.value.field == "sessions"
    for setting, field in (
        ("nominations_open", "nominations_open"),
        ("nominations_close", "close"),
    ):
        with pytest.raises(DomainError, match="at most three years ahead") as refused:
            edit_programme(settings(**{setting: date(2030, 1, 1)}), uow, NOW)
        assert refused.value.field == field
    assert uow.programmes.get("lsc-t4t").nominations_close is None


def test_moving_a_cohorts_dates_tells_participants_and_leads_with_a_new_calendar(uow) -> None:
    ua = pending(uow, "UA", by=LEAD_KM)
    allocate(uow, ua)
    cmd = SaveCohort(
        actor=COORDINATOR,
        programme_key="lsc-t4t",
        cohort_key="cohort-1",
        details=details(name="Cohort 1", places=15, day=3, joining="https://meet.example/1"),
    )
    save_cohort(cmd, uow, NOW)
    assert said(uow, "rescheduled") >= {"UA", "ULEADKM"}
    calendars = [m for m in uow.outbox.list() if m.reason.value == "calendar"]
    assert calendars[-2].period.endswith("revision-1")  # a higher SEQUENCE replaces the event
    assert calendars[-1].payload["dropped"][0][0] == 2  # one session now: 2's event cancelled
    smaller = cmd.model_copy(update={"details": details(name="Cohort 1", places=1, day=3)})
    allocate(uow, pending(uow, "UB"), "cohort-1")
    with pytest.raises(ConfigConflict) as refused:
        save_cohort(smaller, uow, NOW)
    assert set(refused.value.problems) == {"cohort:cohort-1"}


def cancel(uow, then: str, move_to: str | None = None, reason: str = "trainer unwell"):
    cmd = CancelCohort(
        actor=COORDINATOR,
        programme_key="lsc-t4t",
        cohort_key="cohort-1",
        then=then,
        move_to=move_to,
        reason=reason,
    )
    return cancel_cohort(cmd, uow, NOW)


def test_cancelling_moves_participants_only_where_they_all_fit(uow) -> None:
    ua, ub = pending(uow, "UA", by=LEAD_KM), pending(uow, "UB")
    allocate(uow, ua)
    allocate(uow, ub)
    uow.programmes.save(
        programme(cohorts=[{**_uncapped()[0], "places": 15}, {**_uncapped()[1], "places": 1}])
    )
    with pytest.raises(ConfigConflict, match="1 free place"):
        cancel(uow, "move", "cohort-2")
    assert uow.programmes.get("lsc-t4t").cohort("cohort-1").cancelled is False
    uow.programmes.save(programme())
    cohort, told = cancel(uow, "move", "cohort-2")
    assert cohort.cancelled and told == 2
    assert {uow.nominations.get(n).cohort_key for n in (ua, ub)} == {"cohort-2"}
    assert said(uow, "rescheduled") >= {"UA", "ULEADKM"}
    assert "cohort-1" not in uow.programmes.get("lsc-t4t").upcoming_cohorts(NOW)
    with pytest.raises(InvalidTransition):
        cancel(uow, "waitlist")


def test_cancelling_can_waitlist_or_release_and_everyone_is_told(uow) -> None:
    ua, ub = pending(uow, "UA", by=LEAD_KM), pending(uow, "UB", ics="sussex")
    allocate(uow, ua)
    allocate(uow, ub)
    cancel(uow, "waitlist")
    assert {uow.nominations.get(n).status for n in (ua, ub)} == {Status.WAITLISTED}
    assert said(uow, "cohort-cancelled") >= {"UA", "UB", "ULEADKM"}
    assert "UA" in said(uow, "calendar")  # its sessions leave their calendar


def test_release_frees_the_places(uow) -> None:
    ua = pending(uow, "UA", by=LEAD_KM)
    allocate(uow, ua)
    cancel(uow, "release", reason="")
    released = uow.nominations.get(ua)
    assert released.status is Status.DECLINED and "Cohort 1 was cancelled" in released.reason


def test_a_coordinator_adds_an_ics_and_changes_its_leads(uow) -> None:
    added = save_ics(
        SaveIcs(actor=COORDINATOR, name="Surrey Heartlands", leads=("UNEW",)), uow, NOW
    )
    assert added.key == "surrey-heartlands"
    changed = save_ics(
        SaveIcs(actor=COORDINATOR, ics_key="sussex", name="Sussex", leads=("UOTHER",)), uow, NOW
    )
    assert changed.leads == ("UOTHER", "lead@sussex.example")
    assert uow.audit.notes[-1][1:3] == ("ics:sussex", "edited ICS")


def test_an_intake_can_open_to_nominations_on_a_later_day(uow) -> None:
    from datetime import date, timedelta

    cmd = CopyProgramme(
        actor=COORDINATOR,
        source_key="lsc-t4t",
        name="LSC T4T 2027",
        nominations_open=date(2026, 10, 5),
        cohort=details(),
    )
    new = copy_programme(cmd, uow, NOW)
    assert not new.is_open(NOW) and new.is_open(NOW + timedelta(days=4))
    early = Nominate(actor=LEAD_KM, programme_key=new.key, ics_key="kent-medway", nominee_id="UA")
    with pytest.raises(DomainError, match="opens to nominations on 5 Oct 2026"):
        nominate(early, uow, NOW)
    assert nominate(early, uow, NOW + timedelta(days=4)).nomination.programme_key == new.key
