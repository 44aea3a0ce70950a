"""Coordinators change the offer and the requirements from App Home, end to end: inline
refusals beside the item concerned, nothing in use dropped, every change audited, a
non-coordinator refused, and the programme file no longer applied over the change."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from domain.group_sessions.sessions import GroupSession
from domain.kernel.errors import ConfigConflict
from domain.supervision.entries import Entry, Kind
from handlers.programme_admin.configuration import sync_configuration
from storage.tables import AuditRow
from tests.blockkit import assert_unique_block_ids, valid_view
from tests.e2e.harness import Harness
from tests.e2e.test_admin import HOME, filled, form_from_home
from tests.e2e.test_review import fill_cohort
from tests.factories import full_configuration


def _notes(harness: Harness, subject: str) -> list[tuple[str, str, dict]]:
    with harness.uow_factory(read_only=True) as uow:
        rows = uow.session.execute(
            select(AuditRow.actor, AuditRow.action, AuditRow.detail)
            .where(AuditRow.subject == subject)
            .order_by(AuditRow.id)
        ).all()
    return [(actor, action, json.loads(detail)) for actor, action, detail in rows]


def test_a_coordinator_rewords_adds_and_removes_criteria_from_home(harness: Harness) -> None:
    assert "Offer and criteria" in str(harness.open_home("UCOORD"))
    form = form_from_home(harness, "home_programme_offer", "lsc-t4t")
    valid_view(form)
    assert_unique_block_ids(form["blocks"])
    ids = [b.get("block_id") for b in form["blocks"]]
    assert "criteria:experience" in ids and "criteria:+1" in ids

    shouting = filled(form, **{"criteria_+1": "Can run <!channel> online"})
    _, answer = harness.submit("UCOORD", form, shouting)
    assert answer["errors"] == {"criteria:+1": "Please leave out < and >."}

    values = filled(
        form,
        offer_description="Circles for people managers.",
        criteria_knowledge="",  # removed
        criteria_experience="Three years' experience of group facilitation",
        **{"criteria_+1": "Confident online"},
    )
    _, answer = harness.submit("UCOORD", form, values)
    assert answer["response_action"] == "update", answer
    with harness.uow_factory(read_only=True) as uow:
        saved = uow.programmes.get("lsc-t4t")
    assert saved.description == "Circles for people managers."
    assert [(c.key, c.text) for c in saved.criteria] == [
        ("experience", "Three years' experience of group facilitation"),
        ("confident-online", "Confident online"),
    ]
    [(actor, action, detail)] = _notes(harness, "programme:lsc-t4t")
    assert (actor, action) == ("UCOORD", "edited the offer")
    assert set(detail["changed"]) == {"criteria", "description"}


def test_a_criterion_nominees_confirmed_is_kept_with_the_reason(harness: Harness) -> None:
    fill_cohort(harness, "cohort-1", 2)
    form = form_from_home(harness, "home_programme_offer", "lsc-t4t")
    _, answer = harness.submit("UCOORD", form, filled(form, criteria_knowledge=""))
    assert answer["response_action"] == "errors"
    assert answer["errors"] == {
        "criteria:knowledge": "“Knowledge of current thinking in leadership” has been "
        "confirmed by 2 nominees, so it cannot be removed (you can reword it)."
    }
    everything = filled(form, criteria_knowledge="", criteria_experience="")
    _, answer = harness.submit("UCOORD", form, everything)
    assert set(answer["errors"]) == {"criteria:experience"}  # at least one criterion
    with harness.uow_factory(read_only=True) as uow:
        kept = uow.programmes.get("lsc-t4t")
    assert [c.key for c in kept.criteria] == ["experience", "knowledge"]
    assert _notes(harness, "programme:lsc-t4t") == []


def test_someone_who_is_no_coordinator_can_neither_open_nor_submit_the_offer(
    harness: Harness,
) -> None:
    form = form_from_home(harness, "home_programme_offer", "lsc-t4t")
    before = len(harness.slack.calls("views.open"))
    harness.click("ULEADKM", "home_programme_offer", "lsc-t4t", view=HOME)
    notice = harness.slack.wait_for("views.open", before + 1)[-1].params["view"]
    assert "Only the coordinators" in str(notice)
    _, answer = harness.submit("ULEADKM", form, filled(form, offer_description="Mine now"))
    assert answer["response_action"] == "errors"
    assert "Only the coordinators" in str(answer["errors"])
    with harness.uow_factory(read_only=True) as uow:
        assert uow.programmes.get("lsc-t4t").description != "Mine now"


def test_the_programme_file_is_not_applied_over_an_offer_changed_in_slack(
    harness: Harness,
) -> None:
    with harness.uow_factory() as uow:
        earlier = harness.clock() - timedelta(minutes=1)
        uow.applied_files.record("the-file-as-applied", earlier)
        uow.commit()
    form = form_from_home(harness, "home_programme_offer", "lsc-t4t")
    _, answer = harness.submit("UCOORD", form, filled(form, offer_description="From Slack"))
    assert answer["response_action"] == "update", answer
    config = full_configuration(ics_count=8, coordinators=["UCOORD", "UCOORD2"])
    with pytest.raises(ConfigConflict, match="edited the offer, by UCOORD"):
        sync_configuration(config, harness.uow_factory(), harness.clock(), "a-changed-file")
    with harness.uow_factory(read_only=True) as uow:
        assert uow.programmes.get("lsc-t4t").description == "From Slack"


def _option(form: dict, block_id: str, value: str) -> dict:
    block = next(b for b in form["blocks"] if b.get("block_id") == block_id)
    return next(o for o in block["element"]["options"] if o["value"] == value)


def test_a_coordinator_adds_changes_and_removes_requirements_from_home(
    harness: Harness,
) -> None:
    with harness.uow_factory() as uow:  # the programme file, as applied a minute ago
        uow.applied_files.record("the-file-as-applied", harness.clock() - timedelta(minutes=1))
        uow.commit()
    form = form_from_home(harness, "home_requirements", "lsc-t4t")
    valid_view(form)
    new = {
        "req_name_+1": "Circles delivered yearly",
        "req_role_+1": _option(form, "req_role:+1", "lsc-facilitator"),
        "req_types_+1": [_option(form, "req_types:+1", "circle-delivered")],
        "req_every_+1": "12",
    }
    _, answer = harness.submit("UCOORD", form, filled(form, **(new | {"req_every_+1": "0"})))
    assert answer["errors"] == {"req_every:+1": "Please give a number from 1 to 60."}
    _, answer = harness.submit("UCOORD", form, filled(form, **(new | {"req_hours_+1": "10"})))
    assert list(answer["errors"]) == ["req_hours:+1"]
    assert "hours are added up from sessions' durations" in answer["errors"]["req_hours:+1"]
    unnamed_role = {**new, "req_role_+1": None}
    _, answer = harness.submit("UCOORD", form, filled(form, **unnamed_role))
    assert answer["errors"] == {"req_role:+1": "Please choose the role."}

    changes = {**new, "req_name_lt-tutor": "", "req_every_lt-manager": "4"}
    _, answer = harness.submit("UCOORD", form, filled(form, **changes))
    assert answer["response_action"] == "update", answer
    with harness.uow_factory(read_only=True) as uow:
        saved = {r.key: r for r in uow.catalogue.get().requirements}
    assert set(saved) == {"lt-review", "lt-manager", "lsc-supervision", "circles-delivered-yearly"}
    assert saved["lt-manager"].every_months == 4
    assert saved["circles-delivered-yearly"].log_types == ("circle-delivered",)
    [(actor, action, detail)] = _notes(harness, "catalogue:requirements")
    assert (actor, action, list(detail["changed"])) == (
        "UCOORD",
        "edited requirements",
        ["requirements"],
    )
    config = full_configuration(ics_count=8, coordinators=["UCOORD", "UCOORD2"])
    with pytest.raises(ConfigConflict, match="edited requirements, by UCOORD"):
        sync_configuration(config, harness.uow_factory(), harness.clock(), "a-changed-file")


def test_a_requirement_people_were_held_to_is_kept_with_the_reason(harness: Harness) -> None:
    with harness.uow_factory() as uow:
        day = harness.clock().date()
        uow.entries.add(Entry("ULT", "review-group", Kind.SUPERVISION, day, harness.clock()))
        uow.commit()
    form = form_from_home(harness, "home_requirements", "lsc-t4t")
    _, answer = harness.submit("UCOORD", form, filled(form, **{"req_name_lt-review": ""}))
    assert answer["errors"] == {
        "req_name:lt-review": "Review group yearly is in use (entries logged against it), "
        "so it cannot be removed (you can change it)."
    }
    before = len(harness.slack.calls("views.open"))
    harness.click("ULEADKM", "home_requirements", "lsc-t4t", view=HOME)
    notice = harness.slack.wait_for("views.open", before + 1)[-1].params["view"]
    assert "Only the coordinators" in str(notice)
    _, answer = harness.submit("ULEADKM", form, filled(form, **{"req_name_lt-tutor": ""}))
    assert "Only the coordinators" in str(answer["errors"])
    with harness.uow_factory(read_only=True) as uow:
        assert len(uow.catalogue.get().requirements) == 4


def test_a_coordinator_edits_log_types_and_what_is_in_use_stays(harness: Harness) -> None:
    with harness.uow_factory() as uow:
        day = harness.clock().date()
        uow.entries.add(Entry("ULT", "circle-delivered", Kind.DELIVERY, day, harness.clock()))
        uow.commit()
    assert "Log types" in str(harness.open_home("UCOORD"))
    form = form_from_home(harness, "home_log_types", "lsc-t4t")
    valid_view(form)
    session = _option(form, "type_kind:+1", "supervision")
    _, answer = harness.submit(
        "UCOORD",
        form,
        filled(form, **{"type_name_review-group": "", "type_kind_circle-delivered": session}),
    )
    assert answer["response_action"] == "errors"
    assert answer["errors"] == {
        "type_name:review-group": "Good-practice review group is in use (counted by Review "
        "group yearly; counted by Supervision quarterly; attending Good-practice review group "
        "counts as it; attending Supervision day counts as it), so it cannot be removed (you "
        "can change it)."
    }
    _, answer = harness.submit(
        "UCOORD", form, filled(form, **{"type_kind_circle-delivered": session})
    )
    assert answer["errors"] == {
        "type_kind:circle-delivered": "Circle delivered has entries logged as a delivery, so "
        "it stays one."
    }
    _, answer = harness.submit("UCOORD", form, filled(form, **{"type_name_+1": "Webinar"}))
    assert answer["errors"] == {"type_kind:+1": "Please choose."}
    added = {
        "type_name_+1": "Webinar",
        "type_kind_+1": session,
        "type_person_+1": [{"value": "yes"}],
    }
    _, answer = harness.submit(
        "UCOORD", form, filled(form, **added, **{"type_name_line-manager": "1:1s"})
    )
    assert answer["response_action"] == "update", answer
    with harness.uow_factory(read_only=True) as uow:
        catalogue = uow.catalogue.get()
    assert catalogue.log_type("line-manager").name == "1:1s"
    assert catalogue.log_type("line-manager").needs_person  # kept as it was
    webinar = catalogue.log_type("webinar")
    assert (webinar.kind, webinar.needs_person) == (Kind.SUPERVISION, True)
    [(actor, action, _)] = _notes(harness, "catalogue:log_types")
    assert (actor, action) == ("UCOORD", "edited log types")


def test_a_coordinator_sets_what_a_log_type_counts_as_for_the_other_person_and_circles(
    harness: Harness,
) -> None:
    """Every field of a log type from Home (the file was needed for "counts for the other
    person too" and "is a circle"), each refusal in the form's words beside the field."""
    with harness.uow_factory() as uow:
        day = harness.clock().date()
        uow.entries.add(Entry("ULT", "circle-delivered", Kind.DELIVERY, day, harness.clock()))
        uow.commit()
    form = form_from_home(harness, "home_log_types", "lsc-t4t")
    valid_view(form)
    assert_unique_block_ids(form["blocks"])
    assert len(form["blocks"]) <= 100
    one_to_one = _option(form, "type_credits:+1", "line-manager")
    yes = [{"value": "yes"}]
    _, answer = harness.submit(
        "UCOORD",
        form,
        filled(
            form,
            **{
                "type_credits_review-group": one_to_one,  # not always with someone
                "type_circle_line-manager": yes,  # a session
                "type_circle_circle-delivered": yes,  # has entries, not as circles
            },
        ),
    )
    assert answer["response_action"] == "errors"
    assert answer["errors"] == {
        "type_credits:review-group": "Good-practice review group can count for the other "
        "person only if it is always with someone: tick “Always with someone”, or leave this "
        "empty.",
        "type_circle:line-manager": "1:1 supervision with line manager is a session: only a "
        "delivery can be a circle.",
        "type_circle:circle-delivered": "Circle delivered has entries logged that are not "
        "circles, so it stays as it is.",
    }
    changes = {"type_credits_line-manager": one_to_one, "type_circle_tutor-training-delivered": yes}
    _, answer = harness.submit("UCOORD", form, filled(form, **changes))
    assert answer["response_action"] == "update", answer
    with harness.uow_factory(read_only=True) as uow:
        catalogue = uow.catalogue.get()
    assert catalogue.log_type("line-manager").credits_other_as == "line-manager"
    assert catalogue.log_type("tutor-training-delivered").circle
    assert not catalogue.log_type("circle-delivered").circle  # kept as it was
    [(_, _, detail)] = _notes(harness, "catalogue:log_types")
    assert list(detail["changed"]) == ["log_types"]


def test_a_coordinator_edits_session_kinds_and_one_with_sessions_stays(harness: Harness) -> None:
    with harness.uow_factory() as uow:
        now = harness.clock()
        uow.group_sessions.add(
            GroupSession(
                "supervision-day",
                "review-group",
                "Day",
                now + timedelta(days=3),
                now + timedelta(days=3, hours=6),
                "Europe/London",
                "Online",
                "ULT",
                now,
            )
        )
        uow.commit()
    form = form_from_home(harness, "home_session_kinds", "lsc-t4t")
    valid_view(form)
    _, answer = harness.submit("UCOORD", form, filled(form, **{"kind_name_supervision-day": ""}))
    assert answer["errors"] == {
        "kind_name:supervision-day": "Supervision day is in use (1 group session(s) scheduled), "
        "so it cannot be removed (you can change it)."
    }
    new = {
        "kind_name_+1": "Action learning set",
        "kind_type_+1": _option(form, "kind_type:+1", "review-group"),
        "kind_roles_+1": [_option(form, "kind_roles:+1", "lead-trainer")],
    }
    changes = {"kind_name_review-group": "", **new}
    _, answer = harness.submit("UCOORD", form, filled(form, **changes))
    assert answer["response_action"] == "update", answer
    with harness.uow_factory(read_only=True) as uow:
        kinds = {k.key: k for k in uow.catalogue.get().session_kinds}
    assert set(kinds) == {"supervision-day", "action-learning-set"}
    added = kinds["action-learning-set"]
    assert (added.log_type, added.organised_by, added.agenda) == (
        "review-group",
        ("lead-trainer",),
        False,
    )
    assert kinds["supervision-day"].agenda  # kept as it was


def test_a_coordinator_adds_circle_topics(harness: Harness) -> None:
    form = form_from_home(harness, "home_circle_topics", "lsc-t4t")
    valid_view(form)
    _, answer = harness.submit("UCOORD", form, filled(form, **{"topic_name_+1": "<!here> now"}))
    assert answer["errors"] == {"topic_name:+1": "Please leave out < and >."}
    typed = {"topic_name_+1": "Burnout", "topic_name_+2": "Hybrid working"}
    _, answer = harness.submit("UCOORD", form, filled(form, **typed))
    assert answer["response_action"] == "update", answer
    with harness.uow_factory(read_only=True) as uow:
        topics = uow.catalogue.get().circle_topics
    assert [(t.key, t.name) for t in topics] == [
        ("burnout", "Burnout"),
        ("hybrid-working", "Hybrid working"),
    ]
    before = len(harness.slack.calls("views.open"))
    harness.click("ULEADKM", "home_circle_topics", "lsc-t4t", view=HOME)
    notice = harness.slack.wait_for("views.open", before + 1)[-1].params["view"]
    assert "Only the coordinators" in str(notice)


def test_saving_a_form_never_removes_what_it_did_not_show(harness: Harness) -> None:
    form = form_from_home(harness, "home_requirements", "lsc-t4t")
    with harness.uow_factory() as uow:  # added by another coordinator meanwhile
        catalogue = uow.catalogue.lock()
        meanwhile = catalogue.requirements[0].model_copy(update={"key": "meanwhile"})
        uow.catalogue.save(
            catalogue.model_copy(update={"requirements": (*catalogue.requirements, meanwhile)})
        )
        uow.commit()
    _, answer = harness.submit("UCOORD", form, filled(form, **{"req_name_lt-tutor": ""}))
    assert answer["response_action"] == "update", answer
    with harness.uow_factory(read_only=True) as uow:
        keys = [r.key for r in uow.catalogue.get().requirements]
    assert keys == ["lt-review", "lt-manager", "lsc-supervision", "meanwhile"]
    form = form_from_home(harness, "home_programme_offer", "lsc-t4t")
    with harness.uow_factory() as uow:
        old = uow.programmes.lock("lsc-t4t")
        added = old.criteria[0].model_copy(update={"key": "meanwhile"})
        uow.programmes.save(old.model_copy(update={"criteria": (*old.criteria, added)}))
        uow.commit()
    _, answer = harness.submit("UCOORD", form, filled(form, criteria_knowledge=""))
    assert answer["response_action"] == "update", answer
    with harness.uow_factory(read_only=True) as uow:
        kept = [c.key for c in uow.programmes.get("lsc-t4t").criteria]
    assert kept == ["experience", "meanwhile"]
