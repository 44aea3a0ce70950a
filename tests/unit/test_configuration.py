"""The programme file: the shipped offer, readable errors, and safe syncing."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from bot.config_file import EXAMPLE, ConfigFileError, load_configuration
from domain.kernel.errors import ConfigConflict
from domain.kernel.outbox import KernelReason
from domain.kernel.people import Person
from domain.nominations.reasons import NominationReason
from handlers.kernel.people import slack_ids
from handlers.nominations import nominate as h
from handlers.nominations.commands import Nominate
from handlers.programme_admin.configuration import sync_configuration
from tests.factories import COORDINATOR, NOW, configuration, full_configuration, programme
from tests.unit.fakes.unit_of_work import FakeUnitOfWork
from tests.unit.test_nomination_handlers import allocate, pending

SHIPPED = Path(__file__).parents[2] / "config" / "programme.example.toml"
SEED = Path(__file__).parents[3] / "shared" / "seeds" / "001_0e005ec1c1168eed.txt"


def test_shipped_configuration_is_the_seed_offer() -> None:
    config = load_configuration(SHIPPED)
    (lsc,) = config.programmes
    assert (lsc.total_places, lsc.per_ics_limit, lsc.timezone) == (30, 5, "Europe/London")
    one, two = lsc.cohorts
    # The seed gives no year: the next one whose dates fall on weekdays (Mon–Tue in 2027).
    assert [(s.start, s.end) for s in one.sessions] == [
        (datetime(2027, 11, 1, 9, 30), datetime(2027, 11, 1, 13, 0)),
        (datetime(2027, 11, 2, 9, 30), datetime(2027, 11, 2, 13, 0)),
    ]
    assert [(s.start, s.end) for s in two.sessions] == [
        (datetime(2027, 11, 29, 13, 30), datetime(2027, 11, 29, 17, 0)),
        (datetime(2027, 11, 30, 13, 30), datetime(2027, 11, 30, 17, 0)),
    ]
    assert lsc.contact.startswith("Jess Done")
    assert len(lsc.criteria) == 4 and len(lsc.confirmations) == 2
    assert {i.name for i in config.ics} >= {"Kent and Medway", "Sussex", "Frimley"}
    if SEED.exists():  # the seed lives beside the repository in the workspace and in CI
        seed = SEED.read_text(encoding="utf-8")
        for criterion in lsc.criteria:
            assert criterion.text in seed, criterion.text


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "programme.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_bad_file_names_the_key_and_the_problem(tmp_path: Path) -> None:
    text = SHIPPED.read_text(encoding="utf-8").replace("per_ics_limit = 5", "per_ics_limit = 0")
    text = text.replace("places = 15                          # optional", 'places = "many"  #')
    with pytest.raises(ConfigFileError) as bad:
        load_configuration(write(tmp_path, text))
    message = str(bad.value)
    assert "2 problem(s)" in message
    assert "programmes['lsc-t4t'].per_ics_limit: must be at least 1" in message
    assert "programmes['lsc-t4t'].cohorts['cohort-1'].places: must be a whole number" in message


def test_missing_file_and_broken_toml_are_explained(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # outside the repository, the example is named in full
    with pytest.raises(ConfigFileError) as missing:
        load_configuration(tmp_path / "nope.toml")
    assert "nope.toml: no such file" in str(missing.value)
    assert f"`cp {EXAMPLE} {tmp_path / 'nope.toml'}`" in str(missing.value)  # what to do
    assert "or set PROGRAMME_CONFIG" in str(missing.value)
    with pytest.raises(ConfigFileError, match="not valid TOML"):
        load_configuration(write(tmp_path, "[[programmes]\nkey="))


def test_unknown_keys_are_refused_so_typos_do_not_pass_silently(tmp_path: Path) -> None:
    text = SHIPPED.read_text(encoding="utf-8").replace("total_places = 30", "total_place = 30")
    with pytest.raises(ConfigFileError, match="total_place: is not a setting Cascade knows"):
        load_configuration(write(tmp_path, text))


def test_config_errors_are_in_plain_words(tmp_path: Path) -> None:
    text = SHIPPED.read_text(encoding="utf-8").replace('key = "cohort-1"', 'key = "Cohort One"')
    with pytest.raises(ConfigFileError) as bad:
        load_configuration(write(tmp_path, text))
    message = str(bad.value)
    assert "should match pattern" not in message and "Input should" not in message
    assert "cohorts['Cohort One'].key: use lowercase letters, digits and dashes" in message


def test_sync_is_idempotent_and_audited() -> None:
    uow = FakeUnitOfWork()
    first = sync_configuration(configuration(), uow, NOW)
    assert "added programme lsc-t4t" in first and "added ICS kent-medway" in first
    assert sync_configuration(configuration(), uow, NOW) == []
    assert sync_configuration(configuration(total_places=40), uow, NOW) == [
        "updated programme lsc-t4t"
    ]
    assert len(uow.audit.notes) == len(first) + 1


def test_sync_refuses_changes_that_would_break_live_data() -> None:
    uow = FakeUnitOfWork()
    sync_configuration(configuration(ics_count=4), uow, NOW)
    for i in range(3):
        allocate(uow, pending(uow, f"U{i}"))
    cohorts = programme().model_dump(mode="json")["cohorts"]
    with pytest.raises(ConfigConflict) as refused:
        sync_configuration(
            configuration(ics_count=1, total_places=2, per_ics_limit=2, cohorts=cohorts[1:]),
            uow,
            NOW,
        )
    message = refused.value.message
    # The file's names for the settings, then the words the coordinators' forms use.
    assert "lsc-t4t (total_places): Places in total: 2 is fewer than the 3 places" in message
    assert "lsc-t4t (per_ics_limit): Nominations per ICS: 2 is fewer than the 3 active" in message
    assert "(cohort:cohort-1): Cohort 1 has participants or preferences" in message
    assert uow.programmes.get("lsc-t4t").total_places == 30  # nothing applied
    with pytest.raises(ConfigConflict, match="Cohort 1: 2 places is fewer than the 3"):
        cohorts[0]["places"] = 2
        sync_configuration(configuration(ics_count=4, cohorts=cohorts), uow, NOW)


def test_sync_refuses_to_remove_an_ics_with_nominations() -> None:
    uow = FakeUnitOfWork()
    sync_configuration(configuration(ics_count=3), uow, NOW)
    h.nominate(
        Nominate(actor=COORDINATOR, programme_key="lsc-t4t", ics_key="ics-00", nominee_id="UX"),
        uow,
        NOW,
    )
    with pytest.raises(ConfigConflict, match="ICS 'ics-00' has nominations"):
        sync_configuration(configuration(ics_count=2), uow, NOW)


def test_check_warns_about_past_and_weekend_sessions_placeholders_and_places(tmp_path) -> None:
    from datetime import UTC

    shipped = load_configuration(SHIPPED)
    now = datetime(2026, 11, 23, tzinfo=UTC)
    warnings = shipped.warnings(now)
    assert warnings and all("placeholder" in w for w in warnings)  # dates and places are fine
    assert any("U0COORD01" in w for w in warnings) and any("C0REVIEW01" in w for w in warnings)
    text = SHIPPED.read_text(encoding="utf-8")
    text = text.replace("2027-11-01T", "2026-11-01T")  # a Sunday, in the past
    text = text.replace("places = 15", "places = 10", 1)  # 10 + 15 is not the 30 places
    config = load_configuration(write(tmp_path, text))
    found = "\n".join(config.warnings(now))
    assert "cohort-1 has a session on Sun 1 Nov 2026, which is in the past" in found
    assert "at a weekend" in found
    assert "cohort places add up to 25, but total_places is 30" in found


def test_a_rescheduled_cohort_reaches_each_participant_and_their_lead_once_per_change() -> None:
    from tests.factories import LEAD_KM

    uow = FakeUnitOfWork()
    sync_configuration(configuration(ics_count=4), uow, NOW)
    moved = [allocate(uow, pending(uow, u, by=LEAD_KM, first="cohort-2")) for u in ("UA", "UB")]
    allocate(uow, pending(uow, "UC", by=LEAD_KM, first="cohort-1"))  # the other cohort
    waiting = pending(uow, "UD", by=LEAD_KM, first="cohort-2")  # no place yet: not told
    assert waiting and all(o.nomination.cohort_key == "cohort-2" for o in moved)
    uow.outbox.items.clear()
    cohorts = programme().model_dump(mode="json")["cohorts"]
    cohorts[1]["sessions"] = [{"start": "2026-12-07T13:30:00", "end": "2026-12-07T17:00:00"}]

    changes = sync_configuration(configuration(ics_count=4, cohorts=cohorts), uow, NOW)

    assert "rescheduled cohort lsc-t4t/cohort-2: 2 participants and their leads told" in changes
    told = sorted(
        (m.recipient, m.reason) for m in uow.outbox.list() if m.reason != KernelReason.HOME
    )
    assert told == [
        ("UA", NominationReason.CALENDAR),
        ("UA", NominationReason.CALENDAR),  # the second cancels the event of session 2, dropped
        ("UA", NominationReason.RESCHEDULED),
        ("UB", NominationReason.CALENDAR),
        ("UB", NominationReason.CALENDAR),
        ("UB", NominationReason.RESCHEDULED),
        ("ULEADKM", NominationReason.RESCHEDULED),  # one message per participant: each names who
        ("ULEADKM", NominationReason.RESCHEDULED),
    ]
    cancels = [
        m.payload.get("dropped") for m in uow.outbox.list() if m.reason is NominationReason.CALENDAR
    ]
    assert cancels.count([[2, "2026-11-30T13:30:00", "2026-11-30T17:00:00"]]) == 2
    assert uow.programmes.revision("lsc-t4t", "cohort-2") == 1
    assert uow.programmes.revision("lsc-t4t", "cohort-1") == 0
    assert sync_configuration(configuration(ics_count=4, cohorts=cohorts), uow, NOW) == []
    assert len(uow.outbox.list()) == len(told)  # the same file again is no news: nothing new

    cohorts[1]["joining"] = "https://meet.example/lsc"  # a second change: told again
    sync_configuration(configuration(ics_count=4, cohorts=cohorts), uow, NOW)
    assert uow.programmes.revision("lsc-t4t", "cohort-2") == 2
    again = [m for m in uow.outbox.list() if m.reason is NominationReason.RESCHEDULED]
    assert len(again) == 8


def test_the_addresses_naming_people_are_listed_with_where_they_are_named() -> None:
    config = full_configuration(coordinators=["UCOORD", "Lead@Sussex.example "])

    assert config.addresses() == {
        "lead@sussex.example": ("lsc-t4t coordinators", "ics sussex leads"),
        "lt@nhs.example": ("role lead-trainer members",),
    }


def test_a_person_named_by_id_and_by_address_is_one_recipient() -> None:
    uow = FakeUnitOfWork()
    uow.people.save(Person(user_id="ULEADSX", email="lead@sussex.example"), NOW)

    assert slack_ids(("ULEADSX", "LEAD@sussex.example", "nobody@nhs.example"), uow) == ["ULEADSX"]
