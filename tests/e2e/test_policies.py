"""Coordinators change the reminder and mentoring policies from App Home, end to end: each
problem beside its setting in the form's words, a capacity below what a mentor already has
refused, the change saved and audited, nobody else allowed."""

from __future__ import annotations

from datetime import time

from sqlalchemy import select

from domain.accreditation.mentoring import Pair
from storage.tables import AuditRow
from tests.e2e.harness import Harness
from tests.e2e.test_admin import HOME, filled, form_from_home


def test_a_coordinator_changes_the_reminder_policy_from_home(harness: Harness) -> None:
    assert "Reminder policy" in str(harness.open_home("UCOORD"))
    form = form_from_home(harness, "home_reminder_policy", "lsc-t4t")
    late = filled(form, **{"policy_working_start": "18:00"})
    _, answer = harness.submit("UCOORD", form, late)
    assert answer["errors"] == {
        "policy:working_start": "“Reminders from” must be before “Reminders until”."
    }
    _, answer = harness.submit(
        "UCOORD", form, filled(form, **{"policy_cohort_before_days": "a week"})
    )
    assert answer["errors"] == {
        "policy:cohort_before_days": "Please give whole numbers separated by commas, such as 7, 1."
    }
    _, answer = harness.submit("UCOORD", form, filled(form, **{"policy_snooze_days": "0"}))
    assert list(answer["errors"]) == ["policy:snooze_days"]
    changes = {"policy_cohort_before_days": "14, 7, 1", "policy_working_end": "16:30"}
    _, answer = harness.submit("UCOORD", form, filled(form, **changes))
    assert answer["response_action"] == "update", answer
    with harness.uow_factory(read_only=True) as uow:
        policy = uow.catalogue.get().reminders
        notes = uow.session.execute(
            select(AuditRow.actor, AuditRow.action).where(AuditRow.subject == "catalogue:reminders")
        ).all()
    assert (policy.cohort_before_days, policy.working_end) == ((14, 7, 1), time(16, 30))
    assert policy.working_days == (0, 1, 2, 3, 4)  # kept as it was
    assert notes == [("UCOORD", "edited the reminder policy")]


def test_the_mentoring_capacity_stays_at_least_what_a_mentor_has(harness: Harness) -> None:
    with harness.uow_factory() as uow:
        for mentee in ("UANN", "UBEN"):
            uow.pairs.add(Pair("ULT", mentee, "UCOORD", harness.clock()))
        uow.commit()
    form = form_from_home(harness, "home_mentoring_policy", "lsc-t4t")
    _, answer = harness.submit("UCOORD", form, filled(form, **{"policy_capacity": "1"}))
    assert answer["errors"] == {
        "policy:capacity": "Mentees per mentor: 1 is fewer than the 2 mentees one mentor "
        "already has."
    }
    _, answer = harness.submit("UCOORD", form, filled(form, **{"policy_capacity": "2"}))
    assert answer["response_action"] == "update", answer
    with harness.uow_factory(read_only=True) as uow:
        assert uow.catalogue.get().mentoring.capacity == 2

    before = len(harness.slack.calls("views.open"))
    harness.click("ULEADKM", "home_mentoring_policy", "lsc-t4t", view=HOME)
    notice = harness.slack.wait_for("views.open", before + 1)[-1].params["view"]
    assert "Only the coordinators" in str(notice)
    _, answer = harness.submit("ULEADKM", form, filled(form, **{"policy_capacity": "9"}))
    assert "Only the coordinators" in str(answer["errors"])
