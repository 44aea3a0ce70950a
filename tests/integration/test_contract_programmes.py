"""Contract tests (fake, SQLite, PostgreSQL) for what the programme file configures: programmes
and their cohorts, ICSs and the catalogue. The ``uow`` fixture has applied one programme
(lsc-t4t, cohorts cohort-1 and cohort-2), three ICSs and the catalogue."""

from __future__ import annotations

import pytest

from domain.kernel.errors import NotFound
from domain.kernel.programme import Ics


def test_programmes_are_saved_listed_by_key_and_removed(uow) -> None:
    with uow() as u:
        lsc = u.programmes.get("lsc-t4t")
        u.programmes.save(
            lsc.model_copy(update={"key": "abc", "name": "A first", "per_ics_limit": 2})
        )
        u.commit()
    with uow() as u:
        assert [p.key for p in u.programmes.list()] == ["abc", "lsc-t4t"]
        abc = u.programmes.get("abc")
        assert (abc.name, abc.per_ics_limit, abc.cohorts) == ("A first", 2, lsc.cohorts)
        assert u.programmes.lock("abc") == abc
        u.programmes.save(abc.model_copy(update={"name": "A changed"}))  # saved again: replaced
        u.commit()
    with uow() as u:
        assert [p.name for p in u.programmes.list()] == ["A changed", lsc.name]
        u.programmes.remove("abc")
        u.programmes.remove("no-such-programme")  # nothing to remove: nothing happens
        u.commit()
    with uow() as u:
        assert [p.key for p in u.programmes.list()] == ["lsc-t4t"]
        with pytest.raises(NotFound) as missing:
            u.programmes.get("abc")
        assert missing.value.field == "programme"
        with pytest.raises(NotFound):
            u.programmes.lock("abc")


def test_a_cohorts_revision_counts_its_reschedules_and_goes_with_the_cohort(uow) -> None:
    with uow() as u:
        assert u.programmes.revision("lsc-t4t", "cohort-1") == 0
        assert u.programmes.rescheduled("lsc-t4t", "cohort-1") == 1
        assert u.programmes.rescheduled("lsc-t4t", "cohort-1") == 2
        u.commit()
    with uow() as u:
        assert u.programmes.revision("lsc-t4t", "cohort-1") == 2
        assert u.programmes.revision("lsc-t4t", "cohort-2") == 0
        assert u.programmes.revision("no-such-programme", "cohort-1") == 0
        u.programmes.lock_cohort("lsc-t4t", "cohort-2")
        with pytest.raises(NotFound) as missing:
            u.programmes.lock_cohort("lsc-t4t", "cohort-9")
        assert missing.value.field == "cohort"
        with pytest.raises(NotFound):
            u.programmes.lock_cohort("no-such-programme", "cohort-1")
    with uow() as u:  # the programme file drops cohort 1, as the configuration sync does
        lsc = u.programmes.get("lsc-t4t")
        u.programmes.save(lsc.model_copy(update={"cohorts": lsc.cohorts[1:]}))
        u.programmes.remove_cohort("lsc-t4t", "cohort-1")
        u.commit()
    with uow() as u:
        assert [c.key for c in u.programmes.get("lsc-t4t").cohorts] == ["cohort-2"]
        assert u.programmes.revision("lsc-t4t", "cohort-1") == 0
        with pytest.raises(NotFound):
            u.programmes.lock_cohort("lsc-t4t", "cohort-1")
        u.programmes.save(lsc)  # and takes it back: counted afresh
        u.commit()
    with uow() as u:
        assert u.programmes.revision("lsc-t4t", "cohort-1") == 0
        u.programmes.lock_cohort("lsc-t4t", "cohort-1")


def test_a_removed_programmes_cohorts_go_with_it(uow) -> None:
    with uow() as u:
        lsc = u.programmes.get("lsc-t4t")
        u.programmes.save(lsc.model_copy(update={"key": "abc"}))
        assert u.programmes.rescheduled("abc", "cohort-1") == 1
        u.commit()
    with uow() as u:
        u.programmes.remove("abc")
        u.commit()
    with uow() as u:
        assert u.programmes.revision("abc", "cohort-1") == 0
        with pytest.raises(NotFound):
            u.programmes.lock_cohort("abc", "cohort-1")
        u.programmes.save(lsc.model_copy(update={"key": "abc"}))  # the same key again: afresh
        u.commit()
    with uow() as u:
        assert u.programmes.revision("abc", "cohort-1") == 0


def test_icss_are_saved_listed_by_name_and_removed(uow) -> None:
    avon = Ics(key="avon", name="Avon", leads=("UAVON", "lead@avon.example"))
    with uow() as u:
        assert [i.key for i in u.ics.list()] == ["ics-00", "kent-medway", "sussex"]  # by name
        u.ics.save(avon)
        u.ics.save(Ics(key="sussex", name="Sussex", leads=("UNEW",)))  # replaced
        u.commit()
    with uow() as u:
        assert [i.name for i in u.ics.list()] == ["Avon", "ICS 00", "Kent and Medway", "Sussex"]
        assert u.ics.get("avon") == avon
        assert u.ics.lock("sussex") == Ics(key="sussex", name="Sussex", leads=("UNEW",))
        u.ics.remove("avon")
        u.ics.remove("nowhere")  # nothing to remove: nothing happens
        u.commit()
    with uow() as u:
        assert "avon" not in {i.key for i in u.ics.list()}
        with pytest.raises(NotFound) as missing:
            u.ics.get("avon")
        assert missing.value.field == "ics"
        with pytest.raises(NotFound):
            u.ics.lock("avon")


def test_the_catalogue_is_saved_whole_and_read_back(uow) -> None:
    with uow() as u:
        applied = u.catalogue.get()
        assert [t.key for t in applied.log_types][:2] == ["line-manager", "review-group"]
        assert u.catalogue.lock() == applied
        fewer = applied.model_copy(update={"requirements": ()})
        u.catalogue.save(fewer)
        u.commit()
    with uow() as u:
        assert u.catalogue.get() == fewer and u.catalogue.lock() == fewer
        u.catalogue.save(applied)  # not committed
    with uow() as u:
        assert u.catalogue.get() == fewer
