"""Contract tests (fake, SQLite, PostgreSQL) for nominations and their attendance."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from domain.kernel.errors import NotFound
from domain.kernel.inbox import Request
from domain.nominations.nomination import Nomination, StateChanged, Status
from domain.nominations.preference import Preference
from tests.factories import NOW

LATER = NOW + timedelta(minutes=10)


def nomination(nominee: str, ics: str = "kent-medway", **kw) -> Nomination:
    return Nomination("lsc-t4t", ics, nominee, "ULEADKM", NOW, **kw)


def test_a_nominations_standing_counts_nominations_and_requests_still_waiting(uow) -> None:
    """What a nomination arriving now is checked against: the ICSs' active nominations and
    the nominate requests acknowledged but not yet carried out (read from their payloads)."""

    def waiting(key: str, nominee: str, ics: str, programme: str = "lsc-t4t") -> Request:
        payload = {"programme_key": programme, "ics_key": ics, "nominee_id": nominee}
        return Request(key, "nominate", "ULEADKM", payload, NOW)

    with uow() as u:
        for n in (
            nomination("UA"),
            nomination("UB", status=Status.WITHDRAWN),
            nomination("UC", "sussex", status=Status.CONFIRMED, cohort_key="cohort-1"),
        ):
            u.nominations.add(n)
        u.inbox.accept(
            [
                waiting("K1", "UW1", "kent-medway"),
                waiting("K2", "UW2", "sussex"),
                waiting("K3", "UW3", "kent-medway", programme="other"),
                Request("K4", "waitlist", "UCOORD", {"nomination_id": 1}, NOW),
            ]
        )
        u.commit()
    with uow() as u:
        standing = u.nominations.standing(
            "lsc-t4t", ["kent-medway", "sussex", "surrey"], ["UA", "UB", "UW2", "UW3", "UX"]
        )
        assert standing.programme.key == "lsc-t4t" and standing.programme.per_ics_limit == 5
        assert standing.used == {"kent-medway": 2, "sussex": 2}
        assert standing.taken == {"UA", "UW2"}
        # Slack's retry of a request still waiting is not counted against itself
        again = u.nominations.standing("lsc-t4t", ["sussex"], ["UW2"], besides=["K2"])
        assert again.used == {"sussex": 1} and again.taken == set()
        with pytest.raises(NotFound):
            u.nominations.standing("no-such-programme", ["sussex"], ["UA"])


def test_nominations_count_what_the_rules_count(uow) -> None:
    with uow() as u:
        for n in (
            nomination("UA"),
            nomination("UB", status=Status.CONFIRMED, cohort_key="cohort-1"),
            nomination("UC", status=Status.WITHDRAWN),
            nomination("UD", "sussex", status=Status.ATTENDED, cohort_key="cohort-2"),
            nomination("UE", "sussex", preference=Preference("cohort-2"), status=Status.WAITLISTED),
        ):
            u.nominations.add(n)
        u.commit()
    with uow() as u:
        assert u.nominations.count_active("lsc-t4t") == 4
        assert u.nominations.count_active("lsc-t4t", "kent-medway") == 2
        assert u.nominations.count_active_by_ics("lsc-t4t") == {"kent-medway": 2, "sussex": 2}
        assert u.nominations.count_holding_place("lsc-t4t") == {"cohort-1": 1, "cohort-2": 1}
        assert u.nominations.active_for("lsc-t4t", "UC") is None
        assert u.nominations.active_for("lsc-t4t", "UA").nominee_id == "UA"
        assert u.nominations.referencing_cohort("lsc-t4t", "cohort-2") == 2
        assert u.nominations.nominating("lsc-t4t", "kent-medway", "UC") == (2, False)
        assert u.nominations.nominating("lsc-t4t", "sussex", "UA") == (2, True)
        assert u.nominations.nominating("other", "sussex", "UA") == (0, False)
        waiting = u.nominations.list("lsc-t4t", statuses=frozenset({Status.WAITLISTED}))
        assert [n.nominee_id for n in waiting] == ["UE"]
        assert [n.nominee_id for n in u.nominations.list(ics_key="sussex")] == ["UD", "UE"]
        first = u.nominations.list(nominee_id="UA")[0].id
        assert u.nominations.card(first) is None
        u.nominations.set_card(first, "CREVIEW", "1.5")
        assert u.nominations.card(first) == ("CREVIEW", "1.5")


def test_attendance_per_session_organisation_and_sponsor_are_kept(uow) -> None:
    with uow() as u:
        held = nomination("UA", status=Status.ATTENDED, cohort_key="cohort-1")
        u.nominations.add(replace(held, organisation="Kent Community Trust", sponsor="USPON"))
        u.commit()
        nid = held.id or u.nominations.active_for("lsc-t4t", "UA").id
    with uow() as u:
        u.attendance.record(nid, {1: True, 2: False}, "UCOORD", NOW)
        u.commit()
    with uow() as u:
        u.attendance.record(nid, {1: True, 2: True}, "UCOORD", LATER)  # corrected
        u.commit()
    with uow() as u:
        assert u.attendance.of([nid, 999]) == {nid: {1: True, 2: True}}
        kept = u.nominations.get(nid)
        assert (kept.organisation, kept.sponsor) == ("Kent Community Trust", "USPON")


def test_a_nomination_is_saved_with_its_events_and_a_missing_one_is_not_found(uow) -> None:
    with uow() as u:
        added = nomination("UA", note="Keen", preference=Preference("cohort-1", "cohort-2"))
        u.nominations.add(added)
        u.commit()
    with uow() as u:
        held = u.nominations.lock(added.id)
        assert held == u.nominations.get(added.id)
        assert (held.note, held.preference, held.updated_at) == (
            "Keen",
            Preference("cohort-1", "cohort-2"),
            NOW,  # not given: when it was made
        )
        changed = replace(
            held,
            status=Status.CONFIRMED,
            cohort_key="cohort-1",
            decided_by="UCOORD",
            decided_at=LATER,
            updated_at=LATER,
            waitlist_rank=3,
        )
        changed.events.append(
            StateChanged(added.id, "UCOORD", LATER, Status.NOMINATED, Status.CONFIRMED, "Fits")
        )
        u.nominations.save(changed)
        assert changed.events == []  # recorded in the audit log
        u.commit()
    with uow() as u:
        kept = u.nominations.get(added.id)
        assert kept == replace(changed, id=added.id)
        assert (kept.status, kept.cohort_key, kept.decided_at, kept.waitlist_rank) == (
            Status.CONFIRMED,
            "cohort-1",
            LATER,
            3,
        )
        _, (event,) = u.audit.read({f"nomination:{added.id}"}, ())
        assert (event.actor, event.action, event.from_status, event.to_status, event.detail) == (
            "UCOORD",
            "status",
            "nominated",
            "confirmed",
            "Fits",
        )
        for read in (u.nominations.get, u.nominations.lock):
            with pytest.raises(NotFound):
                read(999)
        with pytest.raises(NotFound):
            u.nominations.save(replace(kept, id=999))


def test_erasing_a_nominee_clears_what_was_written_about_them_and_keeps_the_counts(uow) -> None:
    with uow() as u:
        for n in (
            nomination("UA", note="About UA", reason="Declined: about UA", decided_by="UB"),
            replace(nomination("UB", note="About UB"), nominated_by="UA"),
            nomination("UC", note="About UC", decided_by="UA", status=Status.WITHDRAWN),
        ):
            u.nominations.add(n)
        u.commit()
    with uow() as u:
        assert u.nominations.anonymise("UA", "erased-1") == 1  # the nominations about them
        u.commit()
    with uow() as u:
        rows = [
            (n.nominee_id, n.nominated_by, n.decided_by, n.note, n.reason)
            for n in u.nominations.list()
        ]
        assert rows == [
            ("erased-1", "ULEADKM", "UB", "", ""),
            ("UB", "erased-1", None, "About UB", ""),
            ("UC", "ULEADKM", "erased-1", "About UC", ""),
        ]
        assert u.nominations.count_active("lsc-t4t") == 2
        assert u.nominations.anonymise("UNOBODY", "erased-2") == 0
