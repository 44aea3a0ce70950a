"""Contract tests (fake, SQLite, PostgreSQL): what a unit of work does not commit is gone,
in every repository, as in a real transaction."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from domain.kernel.outbox import Message
from domain.kernel.people import Person
from domain.kernel.programme import Ics
from domain.nominations.nomination import Nomination
from domain.nominations.reasons import NominationReason
from domain.supervision.facilitators import FacilitatorsChoice
from domain.supervision.reasons import SupervisionReason
from tests.factories import NOW

LATER = NOW + timedelta(minutes=10)


def message(
    recipient="UA", reason=NominationReason.DECISION, subject="nomination:1", period="p", **kw
):
    return Message(recipient, reason, subject, period, kw.pop("due_at", NOW), **kw)


def test_what_was_not_committed_is_gone_and_what_was_is_kept(uow) -> None:
    """The fake's transactions behave like the real ones: every repository rolls back."""
    from domain.networks.cohort_channel import CohortChannel

    asked = CohortChannel("lsc", "cohort-1", "kept", True, "UC", NOW)
    with uow() as u:
        u.cohort_channels.ask(asked)
        u.outbox.add([message(reason=SupervisionReason.REQUIREMENT, subject="kept")], NOW)
        u.commit()
    with uow() as u:
        u.cohort_channels.ask(replace(asked, cohort_key="cohort-2", name="dropped"))
        u.cohort_channels.join("lsc", "cohort-1", "UANN", NOW)
        u.outbox.add(
            [message(reason=SupervisionReason.REQUIREMENT, subject="dropped")], NOW
        )  # no commit
    with uow(read_only=True) as u:
        assert [c.name for c in u.cohort_channels.list("lsc")] == ["kept"]
        assert u.cohort_channels.members("lsc", "cohort-1") == frozenset()
        assert [key[2] for key in u.outbox.pending_keys()] == ["kept"]


def test_nothing_a_rolled_back_unit_of_work_wrote_is_kept(uow) -> None:

    with uow() as u:
        u.nominations.add(Nomination("lsc-t4t", "sussex", "UN", "ULEADSX", NOW))
        u.commit()
    with uow() as u:
        (nomination,) = u.nominations.list()
        u.nominations.set_card(nomination.id, "CREVIEW", "1.5")
        u.programmes.rescheduled("lsc-t4t", "cohort-1")
        u.ics.save(Ics(key="avon", name="Avon"))
        u.people.save(Person(user_id="UA", email="ann@nhs.example"), NOW)
        u.people.opened_home("UB", NOW)
        u.people.choose_facilitators("UC", FacilitatorsChoice(filter="attention"), NOW)
        u.outbox.add([message("UD")], NOW)
        # no commit: the use case was refused
    with uow(read_only=True) as u:
        assert u.nominations.card(nomination.id) is None
        assert u.programmes.revision("lsc-t4t", "cohort-1") == 0
        assert "avon" not in {i.key for i in u.ics.list()}
        assert u.people.get("UA") is None and u.people.by_email("ann@nhs.example") is None
        assert u.people.using_home(["UB", "UC"]) == set()
        assert u.people.facilitators_choice("UC") == FacilitatorsChoice()
        assert u.outbox.list() == []
