"""What coordinators may change of the offer and the requirements: nothing in use dropped."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from domain.circles.calendar import Circle
from domain.kernel.errors import ConfigConflict, DomainError, NotAllowed
from domain.kernel.reminders import ReminderPolicy
from domain.programme_admin.catalogue import Catalogue
from domain.programme_admin.programme_content import (
    capacity_refusals,
    keyed_texts,
    kind_refusals,
    log_type_refusals,
    log_type_uses,
    offer_refusals,
    removal_refusals,
)
from domain.supervision.entries import Kind
from handlers.programme_admin.audit_log import AuditQuery, audit_page
from handlers.programme_admin.catalogue import edit_catalogue
from handlers.programme_admin.commands import EditCatalogue, EditOffer, EditPolicy
from handlers.programme_admin.configuration import sync_configuration
from handlers.programme_admin.content import edit_offer
from handlers.programme_admin.policy import edit_policy
from tests.factories import (
    COORDINATOR,
    LEAD_KM,
    NOW,
    catalogue_config,
    full_configuration,
    programme,
)
from tests.unit.fakes.unit_of_work import FakeUnitOfWork


def _uow() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    sync_configuration(full_configuration(ics_count=2), uow, NOW)
    return uow


def _offer(**changes: object) -> EditOffer:
    values: dict = {
        "actor": COORDINATOR,
        "programme_key": "lsc-t4t",
        "description": "About",
        "criteria": (("experience", "Experience"), ("knowledge", "Knowledge")),
        "confirmations": (("discussed-with-academy", "Discussed"),),
        "shown_criteria": ("experience", "knowledge"),
        "shown_confirmations": ("discussed-with-academy",),
    }
    return EditOffer(**(values | changes))


def test_kept_items_keep_their_key_and_new_ones_get_a_unique_one() -> None:
    old = programme().criteria
    typed = [("knowledge", "Knows"), (None, "Experience"), ("experience", ""), (None, "Knows")]
    assert keyed_texts(old, typed, shown=("experience", "knowledge")) == [
        {"key": "knowledge", "text": "Knows"},
        {"key": "experience-2", "text": "Experience"},  # "experience" is still taken
        {"key": "knows", "text": "Knows"},
    ]


def test_removing_a_criterion_is_refused_only_once_nominees_confirmed() -> None:
    old = programme()
    new = old.model_copy(update={"criteria": old.criteria[:1], "confirmations": ()})
    assert offer_refusals(old, new, 0) == {}
    problems = offer_refusals(old, new, 1)
    assert set(problems) == {"criteria:knowledge", "confirmations:discussed-with-academy"}
    assert "confirmed by 1 nominee," in problems["criteria:knowledge"]


def test_an_item_in_use_may_change_but_not_go() -> None:
    old = Catalogue(**catalogue_config())
    changed = [
        r.model_copy(update={"every_months": 6}) for r in old.requirements if r.key != "lt-tutor"
    ]
    new = old.model_copy(update={"requirements": tuple(changed)})
    part = "requirements"
    kept = {r.key for r in new.requirements}
    assert removal_refusals(part, old.requirements, kept, {"lt-review": "x"}) == {}
    assert removal_refusals(part, old.requirements, kept, {"lt-tutor": "x"}) == {
        "requirements:lt-tutor": "Tutor training yearly is in use (x), so it cannot be removed "
        "(you can change it)"
    }


def test_a_log_type_is_in_use_where_entries_requirements_or_sessions_name_it() -> None:
    catalogue = Catalogue(**catalogue_config())
    uses = log_type_uses(catalogue, {"circle-delivered"})
    assert uses["circle-delivered"] == "entries logged of it"
    assert "counted by Review group yearly" in uses["review-group"]
    assert "attending Good-practice review group counts as it" in uses["review-group"]
    assert uses["mentoring-given"] == "mentoring sessions"  # the policy's default types


def test_a_log_type_with_entries_keeps_its_kind_and_whether_it_is_a_circle() -> None:
    old = Catalogue(**catalogue_config())
    flipped = [
        {**t.model_dump(), "kind": "supervision", "circle": True}
        if t.key == "circle-delivered"
        else t.model_dump()
        for t in old.log_types
    ]
    assert kind_refusals(old, flipped, set()) == {}
    assert kind_refusals(old, flipped, {"circle-delivered"}) == {
        "log_types:circle-delivered:kind": "Circle delivered has entries logged as a delivery, "
        "so it stays one",
        "log_types:circle-delivered:circle": "Circle delivered has entries logged that are "
        "not circles, so it stays as it is",
    }


def test_only_a_delivery_is_a_circle_and_only_a_type_with_someone_counts_for_them() -> None:
    typed = [
        {"key": "a", "name": "Webinar", "kind": "supervision", "circle": True},
        {"key": "b", "name": "Buddy", "kind": "supervision", "credits_other_as": "b"},
        {"key": "c", "name": "Peer", "kind": "supervision", "needs_person": True,
         "credits_other_as": "c"},
        {"key": "d", "name": "Circle", "kind": "delivery", "circle": True},
    ]  # fmt: skip
    assert log_type_refusals(typed) == {
        "log_types:a:circle": "Webinar is a session: only a delivery can be a circle",
        "log_types:b:credits_other_as": "Buddy can count for the other person only if it is "
        "always with someone: tick “Always with someone”, or leave this empty",
    }


def test_the_offer_is_saved_and_audited_by_a_coordinator_only() -> None:
    uow = _uow()
    with pytest.raises(NotAllowed):
        edit_offer(_offer(actor=LEAD_KM), uow, NOW)
    with pytest.raises(DomainError) as refused:
        edit_offer(_offer(criteria=(("experience", ""),)), uow, NOW)
    assert refused.value.field == "criteria"  # a programme needs a criterion
    saved = edit_offer(_offer(criteria=(("experience", "Experience"),)), uow, NOW)
    assert [x.key for x in saved.criteria] == ["experience"]
    assert [x.key for x in uow.programmes.get("lsc-t4t").criteria] == ["experience"]
    notes = uow.audit.notes
    mine = [(who, what) for who, subject, what, _, _ in notes if subject != "configuration"]
    assert mine == [(COORDINATOR.user_id, "edited the offer")]


def _requirements(*rows: dict) -> EditCatalogue:
    shown = tuple(r["key"] for r in catalogue_config()["requirements"])
    return EditCatalogue(
        actor=COORDINATOR, programme_key="lsc-t4t", part="requirements", rows=rows, shown=shown
    )


def test_requirements_refused_where_they_cannot_count() -> None:
    uow = _uow()
    row = {
        "slot": "+1",
        "name": "Deliveries in hours",
        "role": "lead-trainer",
        "log_types": ("tutor-training-delivered",),
        "every_months": 12,
        "hours": 10,
    }
    with pytest.raises(DomainError) as refused:
        edit_catalogue(_requirements(row), uow, NOW)
    assert refused.value.field == "requirements:+1:hours"
    with pytest.raises(DomainError) as refused:
        edit_catalogue(_requirements(row | {"hours": None, "every_months": 99}), uow, NOW)
    assert refused.value.field == "requirements:+1:every_months"  # the row and its input
    assert uow.catalogue.value == Catalogue(**catalogue_config())


def test_removing_a_requirement_people_were_reminded_of_is_refused() -> None:
    uow = _uow()
    everything_but_one = [
        {**r.model_dump(), "slot": r.key}
        for r in uow.catalogue.value.requirements
        if r.key != "lt-review"
    ]
    uow.outbox.sent_periods = lambda reason: {("ULT", "requirement:lt-review"): {"p"}}
    with pytest.raises(ConfigConflict) as refused:
        edit_catalogue(_requirements(*everything_but_one), uow, NOW)
    assert refused.value.problems == {
        "requirements:lt-review": "Review group yearly is in use (1 people reminded), so it "
        "cannot be removed (you can change it)"
    }
    uow.outbox.sent_periods = lambda reason: {}
    saved = edit_catalogue(_requirements(*everything_but_one), uow, NOW)
    assert "lt-review" not in {r.key for r in saved.requirements}
    notes = [(who, s, what) for who, s, what, _, _ in uow.audit.notes if s != "configuration"]
    assert notes == [("UCOORD", "catalogue:requirements", "edited requirements")]


def test_a_log_type_is_added_renamed_and_one_in_use_kept() -> None:
    uow = _uow()
    types = [{**t.model_dump(), "slot": t.key} for t in uow.catalogue.value.log_types]
    renamed = [t | {"name": "Circles"} if t["key"] == "circle-delivered" else t for t in types]
    added = {"key": None, "slot": "+1", "name": "Webinar", "kind": "delivery"}
    cmd = EditCatalogue(
        actor=COORDINATOR,
        programme_key="lsc-t4t",
        part="log_types",
        rows=(*renamed, added),
        shown=tuple(t["key"] for t in types),
    )
    saved = edit_catalogue(cmd, uow, NOW)
    assert saved.log_type("circle-delivered").name == "Circles"
    assert saved.log_type("webinar").kind is Kind.DELIVERY
    without = [t for t in renamed if t["key"] != "review-group"]
    cmd = cmd.model_copy(update={"rows": tuple(without)})
    with pytest.raises(ConfigConflict) as refused:
        edit_catalogue(cmd, uow, NOW)
    assert "counted by Review group yearly" in refused.value.problems["log_types:review-group"]
    with pytest.raises(NotAllowed):
        edit_catalogue(cmd.model_copy(update={"actor": LEAD_KM}), uow, NOW)


def test_a_circle_topic_circles_are_about_stays() -> None:
    uow = _uow()
    uow.catalogue.value = Catalogue(
        **catalogue_config(), circle_topics=[{"key": "burnout", "name": "Burnout"}]
    )
    circle = Circle("UA", "burnout", NOW, NOW + timedelta(hours=1), "Europe/London", "Online", 12)
    uow.circles.add(circle)
    cmd = EditCatalogue(
        actor=COORDINATOR,
        programme_key="lsc-t4t",
        part="circle_topics",
        rows=(),
        shown=("burnout",),
    )
    with pytest.raises(ConfigConflict) as refused:
        edit_catalogue(cmd, uow, NOW)
    assert refused.value.problems == {
        "circle_topics:burnout": "Burnout is in use (circles published), so it cannot be "
        "removed (you can change it)"
    }
    renamed = ({"key": "burnout", "slot": "burnout", "name": "Burnout and fatigue"},)
    saved = edit_catalogue(cmd.model_copy(update={"rows": renamed}), uow, NOW)
    assert saved.topic_name("burnout") == "Burnout and fatigue"


def test_a_mentor_capacity_never_drops_below_what_one_mentor_has() -> None:
    assert capacity_refusals(3, 3) == {}
    assert capacity_refusals(2, 3) == {
        "capacity": "Mentees per mentor: 2 is fewer than the 3 mentees one mentor already has"
    }


def test_a_policy_is_changed_checked_and_audited() -> None:
    uow = _uow()
    cmd = EditPolicy(
        actor=COORDINATOR, programme_key="lsc-t4t", policy="reminders", values={"snooze_days": 3}
    )
    assert edit_policy(cmd, uow, NOW) == ReminderPolicy(snooze_days=3)
    assert uow.catalogue.value.reminders.snooze_days == 3
    backwards = {"working_start": time(18), "working_end": time(9)}
    with pytest.raises(DomainError) as refused:
        edit_policy(cmd.model_copy(update={"values": backwards}), uow, NOW)
    assert refused.value.field == "working_start"
    with pytest.raises(NotAllowed):
        edit_policy(cmd.model_copy(update={"actor": LEAD_KM}), uow, NOW)
    notes = [(s, what) for _, s, what, _, detail in uow.audit.notes if s != "configuration"]
    assert notes == [("catalogue:reminders", "edited the reminder policy")]


def test_the_audit_log_shows_a_programme_and_what_programmes_share_and_nothing_else() -> None:
    uow = _uow()
    for subject in ("programme:lsc-t4t", "programme:other", "leave:3", "catalogue:log_types"):
        uow.audit.note("UCOORD", subject, f"changed {subject}", NOW)
    page = audit_page(COORDINATOR, AuditQuery(programme_key="lsc-t4t"), uow)
    subjects = {e.subject for e in page.entries}
    assert {"programme:lsc-t4t", "catalogue:log_types", "configuration"} <= subjects
    assert not subjects & {"programme:other", "leave:3"}
    only = audit_page(COORDINATOR, AuditQuery(programme_key="lsc-t4t", kind="catalogue"), uow)
    assert [e.subject for e in only.entries] == ["catalogue:log_types"]
    with pytest.raises(NotAllowed):
        audit_page(LEAD_KM, AuditQuery(programme_key="lsc-t4t"), uow)


def test_items_a_form_could_not_show_stay_as_they_are() -> None:
    old = programme().criteria
    assert keyed_texts(old, [("experience", "Experience")], shown=("experience",)) == [
        {"key": "experience", "text": "Experience"},
        {"key": "knowledge", "text": old[1].text},
    ]
    uow = _uow()
    first, *others = uow.catalogue.value.requirements
    cmd = _requirements({**first.model_dump(), "slot": first.key, "name": "Reviews"})
    saved = edit_catalogue(cmd.model_copy(update={"shown": (first.key,)}), uow, NOW)
    assert [r.key for r in saved.requirements] == [first.key, *(r.key for r in others)]
    assert saved.requirements[0].name == "Reviews" and saved.requirements[1:] == tuple(others)
