"""A cohort's sessions edited from Home, end to end: any number of them round-trips through
the form unchanged, a cleared slot is the only way to drop one (and its calendar event is
cancelled for everyone who had it), and dates far ahead are refused beside the field."""

from __future__ import annotations

from datetime import datetime

from icalendar import Calendar

from domain.kernel.programme import Session
from tests.e2e.harness import Harness
from tests.e2e.test_admin import filled, form_from_home
from tests.e2e.test_review import fill_cohort

EDIT = ("home_cohort_edit:cohort-2", "lsc-t4t/cohort-2")
# The mentor programme: two full days, then two half days.
FOUR = (
    Session(start=datetime(2026, 11, 29, 9, 30), end=datetime(2026, 11, 29, 16, 30)),
    Session(start=datetime(2026, 11, 30, 9, 30), end=datetime(2026, 11, 30, 16, 30)),
    Session(start=datetime(2026, 12, 14, 9, 30), end=datetime(2026, 12, 14, 13, 0)),
    Session(start=datetime(2027, 1, 11, 13, 30), end=datetime(2027, 1, 11, 17, 0)),
)


def with_sessions(h: Harness, sessions: tuple[Session, ...]) -> None:
    """Cohort 2 of lsc-t4t runs on ``sessions`` (set up quietly, as the programme file would)."""
    with h.quietly() as factory, factory() as uow:
        old = uow.programmes.lock("lsc-t4t")
        cohorts = tuple(
            co.model_copy(update={"sessions": sessions}) if co.key == "cohort-2" else co
            for co in old.cohorts
        )
        uow.programmes.save(old.model_copy(update={"cohorts": cohorts}))
        uow.commit()


def sessions_of_cohort_2(h: Harness) -> tuple[Session, ...]:
    with h.uow_factory(read_only=True) as uow:
        return uow.programmes.get("lsc-t4t").cohort("cohort-2").sessions


def slots(form: dict) -> list[str]:
    return [
        b["block_id"] for b in form["blocks"] if b.get("block_id", "").startswith("session_date:")
    ]


def test_a_four_session_cohort_round_trips_through_the_form_unchanged(harness: Harness) -> None:
    with_sessions(harness, FOUR)
    fill_cohort(harness, "cohort-2", 2)
    form = form_from_home(harness, *EDIT)
    assert len(slots(form)) == 6  # each session, and two empty slots to add more
    _, answer = harness.submit("UCOORD", form, filled(form))
    assert answer["response_action"] == "update", answer
    assert sessions_of_cohort_2(harness) == FOUR
    harness.drained()
    assert not [m for m in harness.dms_to("UF200") if "has changed" in m["text"]]

    added = {"session_date_5": "2027-02-01", "session_start_5": "13:30", "session_end_5": "17:00"}
    _, answer = harness.submit("UCOORD", form, filled(form, **added))
    assert answer["response_action"] == "update", answer
    fifth = Session(start=datetime(2027, 2, 1, 13, 30), end=datetime(2027, 2, 1, 17, 0))
    assert sessions_of_cohort_2(harness) == (*FOUR, fifth)
    assert len(slots(form_from_home(harness, *EDIT))) == 7


def test_a_cleared_slot_drops_that_session_and_nothing_else(harness: Harness) -> None:
    with_sessions(harness, FOUR)
    form = form_from_home(harness, *EDIT)
    cleared = {"session_date_3": None, "session_start_3": None, "session_end_3": None}
    _, answer = harness.submit("UCOORD", form, filled(form, **cleared))
    assert answer["response_action"] == "update", answer
    assert sessions_of_cohort_2(harness) == (FOUR[0], FOUR[1], FOUR[3])


def weekly(count: int) -> tuple[Session, ...]:
    return tuple(
        Session(start=datetime(2026, 11, 2 + 7 * i, 9, 30), end=datetime(2026, 11, 2 + 7 * i, 12))
        if i < 4
        else Session(start=datetime(2027, 1, i, 9, 30), end=datetime(2027, 1, i, 12))
        for i in range(count)
    )


def test_the_form_holds_twelve_sessions_and_says_so_rather_than_drop_a_thirteenth(
    harness: Harness,
) -> None:
    with_sessions(harness, weekly(12))
    form = form_from_home(harness, *EDIT)
    assert len(slots(form)) == 12 and "at most 12 sessions" in str(form["blocks"])
    _, answer = harness.submit("UCOORD", form, filled(form))
    assert answer["response_action"] == "update", answer
    assert sessions_of_cohort_2(harness) == weekly(12)

    with_sessions(harness, weekly(13))  # only the programme file can do this
    before = len(harness.slack.calls("views.open"))
    harness.click("UCOORD", *EDIT, view={"type": "home", "id": "VHOME"})
    notice = harness.slack.wait_for("views.open", before + 1)[-1].params["view"]
    assert "has 13 sessions, more than the form holds (12)" in str(notice)


def test_a_dropped_session_is_cancelled_in_the_calendars_of_everyone_who_had_it(
    harness: Harness,
) -> None:
    fill_cohort(harness, "cohort-2", 2)
    harness.drained()
    harness.slack.uploads.clear()
    form = form_from_home(harness, *EDIT)
    cleared = {"session_date_2": None, "session_start_2": None, "session_end_2": None}
    _, answer = harness.submit("UCOORD", form, filled(form, **cleared))
    assert answer["response_action"] == "update", answer
    harness.drained()
    calendars = [Calendar.from_ical(data) for data in harness.slack.uploads.values()]
    published = [c for c in calendars if c["method"] == "PUBLISH"]
    cancels = [c for c in calendars if c["method"] == "CANCEL"]
    assert len(published) == len(cancels) == 2  # each participant gets both
    for calendar in published:
        kept = calendar.walk("VEVENT")
        assert [(str(e["uid"]), int(e["sequence"])) for e in kept] == [
            ("lsc-t4t-cohort-2-1@cascade", 1)
        ]
    for calendar in cancels:
        (gone,) = calendar.walk("VEVENT")
        assert str(gone["uid"]) == "lsc-t4t-cohort-2-2@cascade"
        assert int(gone["sequence"]) == 1 and gone["status"] == "CANCELLED"
        assert gone.decoded("dtstart").isoformat() == "2026-11-30T13:30:00+00:00"


def test_dates_years_ahead_are_refused_beside_their_field(harness: Harness) -> None:
    form = form_from_home(harness, *EDIT)
    far = {"session_date_3": "9999-03-01", "session_start_3": "09:30", "session_end_3": "13:00"}
    _, answer = harness.submit("UCOORD", form, filled(form, **far))
    assert answer == {
        "response_action": "errors",
        "errors": {
            "session_date:3": "That is too far ahead: choose a date at most three years ahead"
            " (by 30 Sep 2029)."
        },
    }
    assert len(sessions_of_cohort_2(harness)) == 2

    form = form_from_home(harness, "home_programme_settings", "lsc-t4t")
    _, answer = harness.submit("UCOORD", form, filled(form, close="9999-12-31"))
    assert list(answer["errors"]) == ["close"] and "three years ahead" in answer["errors"]["close"]
    _, answer = harness.submit("UCOORD", form, filled(form, opens="2030-01-01"))
    assert list(answer["errors"]) == ["opens"] and "three years ahead" in answer["errors"]["opens"]

    with harness.uow_factory(read_only=True) as uow:
        programmes = len(uow.programmes.list())
    form = form_from_home(harness, "home_programme_copy", "lsc-t4t")
    first = {"session_date_1": "2027-03-01", "session_start_1": "09:30", "session_end_1": "13:00"}
    _, answer = harness.submit("UCOORD", form, filled(form, **first, close="9999-01-01"))
    assert list(answer["errors"]) == ["close"] and "three years ahead" in answer["errors"]["close"]
    _, answer = harness.submit("UCOORD", form, filled(form, session_date_1="9999-01-01"))
    assert list(answer["errors"]) == ["session_date:1"]
    with harness.uow_factory(read_only=True) as uow:
        assert uow.programmes.get("lsc-t4t").nominations_close is None
        assert len(uow.programmes.list()) == programmes  # no intake opened
