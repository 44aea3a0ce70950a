"""Who looked at my record (issue 26, part 4): a coordinator's list of facilitators and a
lead's nominees are noted when shown, and each person sees on their Home who was shown theirs."""

from __future__ import annotations

from tests.e2e.harness import Harness
from tests.e2e.test_reminders import nominate

LOOKED = "Who has looked at your record"


def test_a_facilitator_sees_the_coordinator_who_was_shown_their_record(harness: Harness) -> None:
    assert LOOKED not in str(harness.open_home("ULT"))  # nobody yet; their own look is none
    coordinators = str(harness.open_home("UCOORD"))
    assert "<@ULT>" in coordinators  # ULT is on the list of facilitators
    harness.open_home("UCOORD")  # published again the same day: noted once
    home = str(harness.open_home("ULT"))
    assert LOOKED in home
    assert home.count("<@UCOORD> · the list of facilitators on Home") == 1
    with harness.uow_factory(read_only=True) as uow:
        assert [look.viewer for look in uow.audit.looks_at("ULT", 10)] == ["UCOORD"]
        assert uow.audit.looks_at("UCOORD", 10) == []  # the coordinator's own list is no look


def test_a_nominee_sees_the_lead_who_was_shown_their_nomination(harness: Harness) -> None:
    nominate(harness)  # ULEADKM nominates UANN
    assert "<@UANN>" in str(harness.open_home("ULEADKM"))
    home = str(harness.open_home("UANN"))
    assert "<@ULEADKM> · your ICS's nominations on Home" in home


def test_the_accreditation_export_is_a_look_at_everyone_in_it(harness: Harness) -> None:
    from handlers.programme_admin.configuration import sync_configuration
    from tests.e2e.test_accreditation import ask_next_step
    from tests.factories import NOW, accreditation_configuration

    config = accreditation_configuration(coordinators=["UCOORD", "UCOORD2"])
    sync_configuration(config, harness.uow_factory(), NOW)
    ask_next_step(harness)  # ULT asks for their first step: they are on a pathway
    harness.drained()
    harness.click("UCOORD", "home_accreditation_export:csv", "csv")
    harness.slack.wait_for("files.completeUploadExternal")
    harness.drained()
    with harness.uow_factory(read_only=True) as uow:
        looks = uow.audit.looks_at("ULT", 10)
    assert [(look.viewer, look.what) for look in looks] == [
        ("UCOORD", "the accreditation export (a file)")
    ]
