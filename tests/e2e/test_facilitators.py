"""A coordinator reaches every facilitator on Home: counts, a filter and pages, each choice
publishing the Home again (issue 23, item 14)."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlencode

from tests.blockkit import valid_view
from tests.e2e import signing
from tests.e2e.harness import Harness, eventually

HOME = {"type": "home", "id": "VHOME"}
PEOPLE = [f"UF{i:03d}" for i in range(60)]


def with_facilitators(harness: Harness) -> None:
    """Sixty LSC facilitators (ULT is the one lead trainer): 61 in all."""
    with harness.quietly() as factory, factory() as uow:
        catalogue = uow.catalogue.lock()
        roles = tuple(
            r.model_copy(update={"members": tuple(PEOPLE)}) if r.key == "lsc-facilitator" else r
            for r in catalogue.roles
        )
        uow.catalogue.save(catalogue.model_copy(update={"roles": roles}))
        uow.commit()


def homes(harness: Harness) -> list[dict]:
    calls = harness.slack.calls("views.publish")
    return [c.params["view"] for c in calls if c.params["user_id"] == "UCOORD"]


def after(harness: Harness, send) -> dict:
    """The coordinator's Home as published again after ``send``."""
    before = len(homes(harness))
    send()
    eventually(lambda: len(homes(harness)) > before, "the Home to be published again")
    home = homes(harness)[-1]
    valid_view(home)
    return home


def elements(home: dict) -> list[dict]:
    found = [e for b in home["blocks"] if b["type"] == "actions" for e in b["elements"]]
    return found + [b["accessory"] for b in home["blocks"] if "accessory" in b]


def pick(harness: Harness, value: str) -> None:
    """Choose an option of the filter (a static select on Home)."""
    body, kind = signing.block_action("UCOORD", "home_facilitators_filter", view=HOME)
    payload = json.loads(parse_qs(body)["payload"][0])
    payload["actions"][0] |= {"type": "static_select", "selected_option": {"value": value}}
    harness.send((urlencode({"payload": json.dumps(payload)}), kind))


def test_every_facilitator_is_reached_through_the_pages_with_the_counts(
    harness: Harness,
) -> None:
    with_facilitators(harness)
    home = harness.open_home("UCOORD")
    valid_view(home)
    assert "*61 facilitators* · *0 need attention*" in str(home)
    seen: list[str] = []
    while True:
        facilitators = str(home).split("Facilitators' requirements")[1]
        seen += re.findall(r"<@(UF\d{3})>", facilitators)
        following = [e for e in elements(home) if e["action_id"].endswith(":next")]
        if not following:
            break
        (next_page,) = following
        click = next_page["action_id"], next_page["value"]
        home = after(harness, lambda c=click: harness.click("UCOORD", *c, view=HOME))
    assert sorted(seen) == PEOPLE and "Showing 61–61 of 61 · page 4 of 4" in str(home)

    home = after(harness, lambda: pick(harness, "role:lead-trainer"))
    assert "1 of 61 facilitators: Lead trainer" in str(home) and "<@ULT>" in str(home)
    assert not re.findall(r"<@UF\d{3}>", str(home))
    (chosen,) = [e for e in elements(home) if e.get("type") == "static_select"]
    assert chosen["initial_option"]["value"] == "role:lead-trainer"
    home = harness.open_home("UCOORD")  # kept when the Home is opened again
    assert "1 of 61 facilitators: Lead trainer" in str(home)


def test_a_forged_or_stale_choice_is_answered_and_changes_nothing(harness: Harness) -> None:
    with_facilitators(harness)
    harness.open_home("UCOORD")
    for value, words in (
        ("ics:nowhere|2", "That ICS is no longer in Cascade"),
        ("<!channel>|1", "not a choice Cascade offers"),
        ("attention|x", "not a choice Cascade offers"),
    ):
        before = len(harness.slack.calls("views.open"))
        harness.click("UCOORD", "home_facilitators_page:next", value, view=HOME)
        notice = harness.slack.wait_for("views.open", before + 1)[-1].params["view"]
        assert words in str(notice)
    before = len(harness.slack.calls("views.open"))
    harness.click("ULEADKM", "home_facilitators_page:next", "everyone|2", view=HOME)
    notice = harness.slack.wait_for("views.open", before + 1)[-1].params["view"]
    assert "Only coordinators" in str(notice)
    assert "*61 facilitators*" in str(harness.open_home("UCOORD"))
