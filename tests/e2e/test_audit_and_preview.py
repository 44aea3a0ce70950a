"""Coordinators read the audit log and preview the next reminder run from App Home, end to
end: filters, newest first, paging, names not ids, and nobody else may."""

from __future__ import annotations

import json
import re
from datetime import datetime

from handlers.nominations import nominate as h
from handlers.nominations.commands import Nominate
from handlers.programme_admin.commands import EditOffer
from handlers.programme_admin.content import edit_offer
from tests.blockkit import valid_view
from tests.e2e.harness import Harness
from tests.e2e.test_admin import HOME, filled, form_from_home
from tests.e2e.test_reminders import UTC, nominate
from tests.e2e.test_review import fill_cohort
from tests.factories import COORDINATOR

MONDAY = datetime(2026, 10, 5, 8, tzinfo=UTC)


def _updated(harness: Harness, count: int) -> dict:
    return harness.slack.wait_for("views.update", count)[-1].params["view"]


def _page_click(harness: Harness, user: str, view: dict, which: str) -> None:
    button = next(
        e
        for b in view["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"].endswith(which)
    )
    harness.click(user, button["action_id"], button["value"], view={**view, "id": "VLOG"})


def test_a_coordinator_reads_the_audit_log_filtered_newest_first_and_paged(
    harness: Harness,
) -> None:
    fill_cohort(harness, "cohort-1", 6)  # each nomination: three changes of status
    edit = EditOffer(
        actor=COORDINATOR,
        programme_key="lsc-t4t",
        description="Circles & people managers",
        criteria=(("experience", "Experience"), ("knowledge", "Knowledge")),
        confirmations=(("discussed-with-academy", "I have discussed this offer"),),
        shown_criteria=("experience", "knowledge"),
        shown_confirmations=("discussed-with-academy",),
    )
    edit_offer(edit, harness.uow_factory(), harness.clock())

    assert "Audit log" in str(harness.open_home("UCOORD"))
    log = form_from_home(harness, "home_audit_log", "lsc-t4t")
    text = str(log["blocks"])
    pages = int(re.search(r"page 1 of (\d+)", text).group(1))
    assert "entries for Leadership" in text and pages >= 2
    first = next(b for b in log["blocks"] if b["type"] == "section")["text"]["text"]
    assert "edited the offer (programme:lsc-t4t)" in first  # the newest first
    assert "description:" in first and "→ Circles &amp; people managers" in first  # escaped
    assert "nomination of" in text  # a nomination named by its nominee

    _page_click(harness, "UCOORD", log, "older")
    older = _updated(harness, 1)
    valid_view(older)
    assert f"page 2 of {pages}" in str(older["blocks"]) and "Newer" in str(older["blocks"])
    assert json.loads(older["private_metadata"])["page"] == 2

    kind = filled(log, audit_kind={"value": "programme"})
    _, answer = harness.submit("UCOORD", log, kind)
    assert answer["response_action"] == "update"
    valid_view(answer["view"])
    shown = [b for b in answer["view"]["blocks"] if b["type"] == "section"]
    assert len(shown) == 1 and "1 entry for" in str(answer["view"]["blocks"])

    person = filled(log, audit_person="UF100")
    _, answer = harness.submit("UCOORD", log, person)
    lines = [b["text"]["text"] for b in answer["view"]["blocks"] if b["type"] == "section"]
    assert lines and all("nomination of" in line for line in lines)


def test_only_coordinators_read_the_audit_log(harness: Harness) -> None:
    log = form_from_home(harness, "home_audit_log", "lsc-t4t")
    before = len(harness.slack.calls("views.open"))
    harness.click("ULEADKM", "home_audit_log", "lsc-t4t", view=HOME)
    notice = harness.slack.wait_for("views.open", before + 1)[-1].params["view"]
    assert "Only the coordinators" in str(notice)
    _, answer = harness.submit("ULEADKM", log, filled(log))
    assert answer["response_action"] == "errors"
    assert "Only the coordinators" in answer["errors"]["audit_programme"]
    forged = {**log, "private_metadata": json.dumps({"programme_key": "lsc-t4t", "page": 1})}
    pushed = len(harness.slack.calls("views.push"))
    harness.click("ULEADKM", "audit_log_page:older", "2", view={**forged, "id": "VLOG"})
    refusal = harness.slack.wait_for("views.push", pushed + 1)[-1].params["view"]
    assert "Only the coordinators" in str(refusal)
    assert harness.slack.calls("views.update") == []


def test_a_coordinator_previews_the_next_reminder_run_and_nothing_is_sent(
    harness: Harness,
) -> None:
    nominate(harness)
    harness.drained()
    harness.clock.now = MONDAY
    with harness.uow_factory(read_only=True) as uow:
        before = [(m.id, m.state) for m in uow.outbox.list()]
    sent = len(harness.slack.calls("chat.postMessage"))
    before_open = len(harness.slack.calls("views.open"))
    harness.click("UCOORD", "home_reminder_preview", "lsc-t4t", view=HOME)
    waiting = harness.slack.wait_for("views.open", before_open + 1)[-1].params["view"]
    assert "Working out" in str(waiting)
    preview = _updated(harness, 1)
    valid_view(preview)
    text = str(preview["blocks"])
    assert "would send to Uann (eligibility): A gentle reminder" in text, text
    assert "UANN" not in text  # named, not by id
    assert re.search(r"\d+ messages? would be sent\.", text)
    assert len(harness.slack.calls("chat.postMessage")) == sent
    with harness.uow_factory(read_only=True) as uow:
        assert [(m.id, m.state) for m in uow.outbox.list()] == before

    before_open = len(harness.slack.calls("views.open"))
    harness.click("ULEADKM", "home_reminder_preview", "lsc-t4t", view=HOME)
    notice = harness.slack.wait_for("views.open", before_open + 1)[-1].params["view"]
    assert "Only the coordinators" in str(notice)
    assert len(harness.slack.calls("views.update")) == 1


def test_a_long_preview_is_paged_for_coordinators_only(harness: Harness) -> None:
    icss = ["kent-medway", "sussex", *(f"ics-{i:02d}" for i in range(6))]
    for n in range(30):  # unconfirmed nominees: each is reminded on Monday
        made = Nominate(
            actor=COORDINATOR, programme_key="lsc-t4t", ics_key=icss[n % 8], nominee_id=f"UN{n:02d}"
        )
        h.nominate(made, harness.uow_factory(), harness.clock())
    harness.drained()
    harness.clock.now = MONDAY
    harness.click("UCOORD", "home_reminder_preview", "lsc-t4t", view=HOME)
    first = _updated(harness, 1)
    assert "Page 1 of 2" in str(first["blocks"]) and "Next" in str(first["blocks"])
    _page_click(harness, "UCOORD", first, "next")
    second = _updated(harness, 2)
    valid_view(second)
    assert "Page 2 of 2" in str(second["blocks"]) and "Previous" in str(second["blocks"])
    pushed = len(harness.slack.calls("views.push"))
    _page_click(harness, "ULEADKM", first, "next")  # a forged click on a coordinator's view
    refusal = harness.slack.wait_for("views.push", pushed + 1)[-1].params["view"]
    assert "Only the coordinators" in str(refusal)
    assert len(harness.slack.calls("views.update")) == 2
