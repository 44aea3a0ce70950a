"""Contract tests (fake, SQLite, PostgreSQL) for people and the audit log."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from domain.kernel.audit import Look
from domain.kernel.people import Person
from domain.nominations.nomination import StateChanged, Status
from domain.supervision.facilitators import FacilitatorsChoice
from tests.factories import NOW

LATER = NOW + timedelta(minutes=10)


def test_people_are_found_by_id_or_address(uow) -> None:
    with uow() as u:
        u.people.save(Person(user_id="UA", email="Ann@NHS.example", tz="Europe/London"), NOW)
        u.commit()
    with uow() as u:
        u.people.save(Person(user_id="UB", email="ben@nhs.example"), NOW)
        u.commit()
    with uow() as u:
        assert u.people.get("UA").tz == "Europe/London" and u.people.get("UC") is None
        assert u.people.by_email(" ann@nhs.example ").user_id == "UA"
        assert u.people.zones() == {"UA": "Europe/London"}
        found = u.people.by_emails(["ANN@nhs.example", "nobody@nhs.example", "ben@nhs.example"])
        assert found == {"ann@nhs.example": "UA", "ben@nhs.example": "UB"}
        strangers = {f"UX{i:05d}" for i in range(6_000)}  # more than one query's worth
        assert u.people.unknown({"UA", "UB", *strangers}) == strangers
        u.people.opened_home("UB", NOW)
        u.people.opened_home("UB", LATER)  # again: still one person
        u.commit()
    with uow() as u:
        assert (
            u.people.using_home(["UA", "UB", "UC"]) == {"UB"} and u.people.using_home([]) == set()
        )


def test_an_account_deactivated_in_slack_is_kept_apart_from_what_slack_says(uow) -> None:
    with uow() as u:
        u.people.save(Person(user_id="UA", name="Ann"), NOW)
        u.people.mark_left("UA", NOW)
        u.people.mark_left("UNEVER", NOW)  # never met: nothing goes to them either
        u.commit()
    with uow() as u:
        assert u.people.left(["UA", "UB", "UNEVER"]) == {"UA", "UNEVER"}
        assert u.people.left([]) == set()
        u.people.save(Person(user_id="UA", name="Ann Smith"), LATER)  # learnt again: still gone
        u.people.mark_left("UNEVER", None)  # reactivated
        u.commit()
    with uow() as u:
        assert u.people.left(["UA", "UNEVER"]) == {"UA"}
        assert u.people.get("UA").name == "Ann Smith"


def test_who_was_shown_a_record_is_kept_once_a_day_per_view_newest_first(uow) -> None:
    with uow() as u:
        u.audit.looked("UCOORD", ["UA", "UB"], "the list of facilitators", NOW)
        u.audit.looked("UCOORD", ["UA"], "the list of facilitators", LATER)  # same day: kept once
        u.audit.looked("ULEAD", ["UA"], "your ICS's nominations", LATER)
        u.audit.looked("UCOORD", [], "nothing", NOW)
        u.commit()
    with uow() as u:
        assert u.audit.looks_at("UA", 10) == [
            Look("ULEAD", "your ICS's nominations", LATER),
            Look("UCOORD", "the list of facilitators", NOW),
        ]
        assert u.audit.looks_at("UA", 1) == [Look("ULEAD", "your ICS's nominations", LATER)]
        assert u.audit.looks_at("UZ", 10) == []
        noted = u.audit.noted_looks(
            "UCOORD", ["UA", "UB", "UC"], "the list of facilitators", NOW.date()
        )
        assert noted == {"UA", "UB"}
        assert (
            u.audit.noted_looks("UCOORD", ["UA"], "the list of facilitators", date(2030, 1, 1))
            == set()
        )


def test_a_coordinators_choice_of_facilitators_is_kept_with_their_home(uow) -> None:
    chosen = FacilitatorsChoice(filter="ics:kent-medway", page=3)
    with uow() as u:
        u.people.opened_home("UA", NOW)
        u.people.choose_facilitators("UA", FacilitatorsChoice(filter="attention"), NOW)
        u.people.choose_facilitators("UA", chosen, LATER)  # the latest wins
        u.people.choose_facilitators("UB", FacilitatorsChoice(filter="role:lead-trainer"), NOW)
        u.commit()
    with uow() as u:
        assert u.people.facilitators_choice("UA") == chosen
        assert u.people.facilitators_choice("UB").role == "lead-trainer"
        assert u.people.facilitators_choice("UC") == FacilitatorsChoice()
        assert u.people.using_home(["UA", "UB", "UC"]) == {"UA", "UB"}
        u.people.delete("UA")
        u.commit()
    with uow() as u:
        assert u.people.facilitators_choice("UA") == FacilitatorsChoice()


def test_the_applied_file_and_the_edits_made_in_slack_since(uow) -> None:
    with uow() as u:
        assert u.applied_files.last() is None or u.applied_files.last()[0] != "abc"
        u.applied_files.record("abc", NOW)
        u.audit.note("cascade", "configuration", "added programme x", LATER)
        u.audit.note("UCOORD", "nomination:1", "status", LATER)
        u.audit.note("UCOORD", "ics:sussex", "edited ICS", LATER)
        u.audit.note("UCOORD", "programme:lsc-t4t", "edited settings", NOW - timedelta(hours=1))
        u.commit()
    with uow() as u:
        assert u.applied_files.last() == ("abc", NOW)
        assert u.audit.edits_since(NOW) == [("UCOORD", "edited ICS", LATER)]


def test_the_audit_log_is_read_by_subject_and_person_newest_first_in_pages(uow) -> None:
    with uow() as u:
        for minute in range(5):
            at = NOW + timedelta(minutes=minute)
            u.audit.note("UCOORD", "programme:lsc-t4t", f"edit {minute}", at, '{"changed": {}}')
        u.audit.note("UANN", "nomination:7", "withdrew", LATER)
        u.audit.note("UCOORD", "ics:sussex", "edited ICS", LATER + timedelta(minutes=1))
        u.audit.note("UCOORD", "leave:3", "recorded leave", LATER)  # not asked for
        u.audit.note("UCOORD", "programme:other", "edited settings", LATER)
        u.commit()
    with uow() as u:
        subjects = {"programme:lsc-t4t", "nomination:7"}
        total, first = u.audit.read(subjects, ("ics:",), limit=3)
        assert total == 7
        assert [e.action for e in first] == ["edited ICS", "withdrew", "edit 4"]
        total, last = u.audit.read(subjects, ("ics:",), offset=6, limit=3)
        assert [(e.action, e.actor, e.detail) for e in last] == [
            ("edit 0", "UCOORD", '{"changed": {}}')
        ]
        total, about = u.audit.read(subjects, (), person="UBEN", about=["nomination:7"])
        assert (total, [e.action for e in about]) == (1, ["withdrew"])
        total, by = u.audit.read(subjects, ("ics:",), person="UANN")
        assert (total, by[0].subject, by[0].kind) == (1, "nomination:7", "nomination")
        assert u.audit.read(set(), ()) == (0, [])


def test_status_changes_are_recorded_and_erasing_someone_keeps_the_entries(uow) -> None:
    def at(minute: int) -> datetime:
        return NOW + timedelta(minutes=minute)

    with uow() as u:
        u.audit.record(StateChanged(7, "UA", at(1), None, Status.NOMINATED, "Keen"))
        u.audit.record(StateChanged(8, "UB", at(2), Status.NOMINATED, Status.WITHDRAWN, "Moved"))
        u.audit.note("UA", "leave:3", "recorded leave", at(3), "Off sick")
        u.audit.note("UB", "nomination:7", "edited", at(4), "For UA")
        u.audit.note("UA", "programme:lsc-t4t", "edited settings", at(5), '{"changed": {}}')
        u.commit()
    everything = ({"nomination:7", "nomination:8", "leave:3", "programme:lsc-t4t"}, ())
    with uow() as u:
        total, entries = u.audit.read(*everything)
        assert total == 5
        assert [(e.at, e.subject, e.action, e.from_status, e.to_status) for e in entries[3:]] == [
            (at(2), "nomination:8", "status", "nominated", "withdrawn"),
            (at(1), "nomination:7", "status", None, "nominated"),
        ]
        u.audit.anonymise("UA", "erased-1", ["nomination:7", "leave:3"])  # UA's own records
        u.commit()
    with uow() as u:
        total, entries = u.audit.read(*everything)
        assert [(e.actor, e.subject, e.action, e.detail) for e in entries] == [
            ("erased-1", "programme:lsc-t4t", "edited settings", '{"changed": {}}'),
            ("UB", "nomination:7", "edited", ""),
            ("erased-1", "leave:3", "recorded leave", ""),
            ("UB", "nomination:8", "status", "Moved"),
            ("erased-1", "nomination:7", "status", ""),
        ]
        u.audit.anonymise("UB", "erased-2")  # no records of theirs named: every detail kept
        u.commit()
    with uow() as u:
        _, entries = u.audit.read(*everything)
        assert [(e.actor, e.detail) for e in entries][:2] == [
            ("erased-1", '{"changed": {}}'),
            ("erased-2", ""),
        ]
        assert entries[3].detail == "Moved"


def test_the_edits_made_in_slack_since_are_in_the_order_made(uow) -> None:
    with uow() as u:
        u.audit.note("UB", "catalogue:roles", "edited role holders", LATER + timedelta(minutes=2))
        u.audit.note("UA", "ics:sussex", "edited ICS", LATER)
        u.audit.note("cascade", "ics:sussex", "applied the file", LATER)  # not made in Slack
        u.audit.note("UA", "leave:3", "recorded leave", LATER)  # not in the programme file
        u.audit.note("UC", "programme:lsc-t4t", "edited settings", LATER + timedelta(minutes=1))
        u.commit()
    with uow() as u:
        assert u.audit.edits_since(NOW) == [
            ("UA", "edited ICS", LATER),
            ("UC", "edited settings", LATER + timedelta(minutes=1)),
            ("UB", "edited role holders", LATER + timedelta(minutes=2)),
        ]


def test_entries_made_at_the_same_moment_are_read_newest_written_first(uow) -> None:
    """One use case notes and changes a status at the same ``now``: the log shows them in the
    order they were written, status changes and notes alike."""
    with uow() as u:
        u.audit.note("UCOORD", "nomination:7", "first", NOW)
        u.audit.record(StateChanged(7, "UCOORD", NOW, Status.NOMINATED, Status.WITHDRAWN))
        u.audit.note("UCOORD", "nomination:7", "last", NOW)
        u.commit()
    with uow() as u:
        _, entries = u.audit.read({"nomination:7"}, ())
        assert [e.action for e in entries] == ["last", "status", "first"]
