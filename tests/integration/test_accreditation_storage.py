"""Contract tests (fake, SQLite, PostgreSQL) for sign-offs, step requests and accreditations."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from domain.accreditation.mentoring import Pair
from domain.accreditation.pathways import Accreditation, SignOff, Status, StepRequest
from domain.accreditation.peer_review import PeerReview
from domain.accreditation.status import RoleStatus
from domain.kernel.errors import ConcurrentChange
from handlers.accounts.erasure import erase_person
from tests.factories import NOW

DAY = NOW.date()


def sign_off(step: str = "observed", person: str = "UA", **kw) -> SignOff:
    values = {"occurred_on": DAY, "place": "Maidstone", "signed_by": "UB", "signed_at": NOW}
    return SignOff(person, "tutor", step, **values | kw)


def accreditation(person: str = "UA", reference: str = "CASABCDE12345", **kw) -> Accreditation:
    return Accreditation(person, "tutor", DAY, "UCOORD", reference, DAY, **kw)


def test_a_step_is_signed_off_once_and_read_back_in_order(uow) -> None:
    with uow() as u:
        second = u.accreditations.add_sign_off(sign_off("delivered", signed_at=NOW))
        first = u.accreditations.add_sign_off(
            sign_off(review_id=7, signed_at=NOW - timedelta(days=2))
        )
        u.accreditations.add_sign_off(sign_off(person="UC"))
        u.accreditations.add_sign_off(replace(sign_off(), pathway="assessor"))
        u.commit()
    assert first.id is not None and second.id is not None and first.id != second.id
    with pytest.raises(ConcurrentChange), uow() as u:
        u.accreditations.add_sign_off(sign_off(place="Elsewhere", signed_by="UD"))
    with uow() as u:
        assert u.accreditations.sign_offs("UA", "tutor") == [first, second]
        assert [(s.person, s.pathway) for s in u.accreditations.sign_offs()] == [
            ("UA", "tutor"),
            ("UA", "tutor"),
            ("UC", "tutor"),
            ("UA", "assessor"),
        ]
        assert len(u.accreditations.sign_offs(pathway="tutor")) == 3
        (kept,) = u.accreditations.sign_offs("UA", "assessor")
        assert kept.signed_at.tzinfo is not None and kept.occurred_on == DAY
        assert kept.review_id is None and first.review_id == 7


def test_a_sign_off_not_committed_is_not_kept(uow) -> None:
    with uow() as u:
        u.accreditations.add_sign_off(sign_off())
        u.accreditations.ask(StepRequest("UA", "tutor", "observed", NOW))
        u.accreditations.accredit(accreditation())
    with uow() as u:
        assert u.accreditations.sign_offs() == []
        assert u.accreditations.requests() == []
        assert u.accreditations.accreditations() == []


def test_a_step_is_asked_for_once_while_the_request_is_open(uow) -> None:
    later = NOW + timedelta(hours=1)
    with uow() as u:
        assert u.accreditations.ask(StepRequest("UA", "tutor", "observed", later))
        assert not u.accreditations.ask(StepRequest("UA", "tutor", "observed", NOW))
        assert u.accreditations.ask(StepRequest("UB", "tutor", "observed", NOW))
        assert u.accreditations.ask(StepRequest("UA", "assessor", "observed", NOW))
        u.commit()
    with uow() as u:
        assert not u.accreditations.ask(StepRequest("UA", "tutor", "observed", later))
        opened = u.accreditations.requests()
        assert [(r.person, r.pathway, r.asked_at) for r in opened] == [
            ("UB", "tutor", NOW),
            ("UA", "assessor", NOW),
            ("UA", "tutor", later),
        ]
        assert all(r.id is not None for r in opened)
        assert [r.pathway for r in u.accreditations.requests("UA")] == ["assessor", "tutor"]
        u.accreditations.close_requests("UA", "tutor", "observed")
        u.commit()
    with uow() as u:
        assert [r.pathway for r in u.accreditations.requests("UA")] == ["assessor"]
        assert u.accreditations.ask(StepRequest("UA", "tutor", "observed", later))
        u.commit()
    with uow() as u:
        assert [r.pathway for r in u.accreditations.requests("UA")] == ["assessor", "tutor"]


def test_a_person_is_accredited_once_a_pathway_and_found_by_reference(uow) -> None:
    with uow() as u:
        stored = u.accreditations.accredit(accreditation())
        u.accreditations.accredit(replace(accreditation(reference="CASZZZZZ99999"), pathway="x"))
        u.commit()
    assert stored.id is not None and stored.status is Status.ACTIVE
    for twice in (accreditation(reference="CASOTHER00000"), accreditation("UB")):
        with pytest.raises(ConcurrentChange), uow() as u:
            u.accreditations.accredit(twice)  # the same person and pathway; the same reference
    with uow() as u:
        assert u.accreditations.by_reference("CASABCDE12345") == stored
        assert u.accreditations.by_reference("CAS-ABCDE-12345") is None  # normalised first
        assert u.accreditations.by_reference("casabcde12345") is None
        assert [a.pathway for a in u.accreditations.accreditations("UA")] == ["tutor", "x"]
        assert u.accreditations.accreditations("UB") == []
        u.accreditations.set_status(stored.id, Status.AT_RISK, date(2026, 12, 1))
        u.commit()
    with uow() as u:
        (found, _) = u.accreditations.accreditations()
        assert (found.status, found.status_since) == (Status.AT_RISK, date(2026, 12, 1))
        assert isinstance(found.status, Status)


def test_erasing_a_person_replaces_their_id_in_every_record(uow) -> None:
    with uow() as u:
        u.accreditations.add_sign_off(sign_off())  # UA's, signed by UB
        u.accreditations.add_sign_off(sign_off(person="UC", signed_by="UA"))
        u.accreditations.add_sign_off(sign_off(person="UC", step="delivered"))
        u.accreditations.ask(StepRequest("UA", "tutor", "delivered", NOW))
        u.accreditations.accredit(accreditation())
        u.accreditations.accredit(replace(accreditation("UC", "CASX"), confirmed_by="UA"))
        u.commit()
    with uow() as u:
        assert u.accreditations.anonymise("UA", "erased-1") == 5
        u.commit()
    with uow() as u:
        signed = u.accreditations.sign_offs()
        assert [(s.person, s.signed_by) for s in signed] == [
            ("erased-1", "UB"),
            ("UC", "erased-1"),
            ("UC", "UB"),
        ]
        assert [r.person for r in u.accreditations.requests()] == ["erased-1"]
        assert [(a.person, a.confirmed_by) for a in u.accreditations.accreditations()] == [
            ("erased-1", "UCOORD"),
            ("UC", "erased-1"),
        ]
        assert u.accreditations.by_reference("CASABCDE12345").person == "erased-1"
        assert u.accreditations.anonymise("UA", "erased-1") == 0


def test_erasing_a_person_reaches_their_pathways_reviews_and_pairs(uow) -> None:
    with uow() as u:
        u.accreditations.add_sign_off(sign_off())
        u.peer_reviews.add(PeerReview("UA", "UB", None, None, "", None, "", "", None, {}, "", NOW))
        u.pairs.add(Pair("UM", "UA", "UCOORD", NOW))
        u.commit()
    alias = erase_person("UA", uow(), NOW)
    with uow() as u:
        assert [s.person for s in u.accreditations.sign_offs()] == [alias]
        assert [r.trainer for r in u.peer_reviews.list()] == [alias]
        assert [p.mentee for p in u.pairs.active()] == [alias]


def test_steps_in_use_count_each_person_once_and_only_open_requests(uow) -> None:
    with uow() as u:
        u.accreditations.add_sign_off(sign_off("observed", person="UA"))
        u.accreditations.add_sign_off(sign_off("observed", person="UC"))
        u.accreditations.add_sign_off(replace(sign_off("observed"), pathway="assessor"))
        u.accreditations.ask(StepRequest("UA", "tutor", "delivered", NOW))
        u.accreditations.ask(StepRequest("UC", "tutor", "delivered", NOW))
        u.accreditations.ask(StepRequest("UD", "tutor", "observed", NOW))
        u.accreditations.ask(StepRequest("UE", "tutor", "co-trained", NOW))
        u.accreditations.accredit(accreditation())
        u.commit()
    with uow() as u:
        u.accreditations.close_requests("UE", "tutor", "co-trained")
        u.commit()
    with uow(read_only=True) as u:
        assert u.accreditations.in_use("tutor") == {"observed": 3, "delivered": 2}
        assert u.accreditations.in_use("nobody-on-it") == {}
        assert u.accreditations.count_accredited("tutor") == 1
        assert u.accreditations.count_accredited("assessor") == 0


def test_role_statuses_are_stored_changed_forgotten_and_erased(uow) -> None:
    lapsed = RoleStatus("UA", "lead-trainer", Status.LAPSED, DAY)
    with uow() as u:
        u.accreditations.save_role_statuses(
            [
                lapsed,
                RoleStatus("UA", "tutor", Status.AT_RISK, DAY),
                RoleStatus("UB", "tutor", Status.ACTIVE, DAY),
            ]
        )
        u.commit()
    back = replace(lapsed, status=Status.ACTIVE, since=DAY + timedelta(days=3))
    with uow() as u:
        u.accreditations.save_role_statuses([back])  # known already: changed in place
        u.accreditations.drop_role_statuses([("UB", "tutor"), ("UZ", "tutor")])
        u.commit()
    with uow() as u:
        assert u.accreditations.role_statuses("UA") == [
            back,
            RoleStatus("UA", "tutor", Status.AT_RISK, DAY),
        ]
        assert [r.person for r in u.accreditations.role_statuses()] == ["UA", "UA"]
        assert u.accreditations.anonymise("UA", "erased-1") == 2
        u.commit()
    with uow() as u:
        assert u.accreditations.role_statuses("UA") == []
        assert {r.person for r in u.accreditations.role_statuses()} == {"erased-1"}
