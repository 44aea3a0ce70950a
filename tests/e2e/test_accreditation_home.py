"""Accreditation on Home over signed HTTP: peer review forms seen again, and the
coordinator's list of everyone, what needs attention first."""

from __future__ import annotations

from datetime import timedelta

from domain.accreditation.pathways import Accreditation, SignOff, Status, StepRequest
from domain.kernel.people import Actor
from tests.blockkit import valid_view
from tests.e2e import test_accreditation
from tests.e2e.harness import Harness, eventually, text_value
from tests.e2e.test_accreditation import (
    HOME,
    PATHWAY,
    opened_after,
    review_id,
    review_values,
)
from tests.factories import NOW

h = test_accreditation.h  # the fixture: a pathway, its roles and two coordinators


def submit_form(h: Harness, assessor: str, trainer: str) -> None:
    before = len(h.slack.calls("views.open"))
    h.send_command("/accreditation", assessor, f"review <@{trainer}|someone>")
    view = opened_after(h, before, "peer_review")
    assert h.submit(assessor, view, review_values())[1]["response_action"] == "update"


def sign_form(h: Harness, trainer: str, reviewed: int) -> None:
    before = len(h.slack.calls("views.open"))
    h.click(trainer, "peer_review_sign", str(reviewed), view=HOME)
    sign = opened_after(h, before, "peer_review_sign")
    h.submit(trainer, sign, text_value("trainer_comments", "Agreed <@UBEN>"))
    h.drained()


def buttons(view: dict, action_id: str) -> list[str]:
    """The values of the ``action_id`` buttons a view shows."""
    found = []
    for block in view["blocks"]:
        elements = [block.get("accessory") or {}, *block.get("elements", [])]
        found += [e.get("value") for e in elements if e.get("action_id") == action_id]
    return found


def click_view(h: Harness, user: str, value: str) -> dict:
    """Click "View" on Home: the one modal opened in reply."""
    before = len(h.slack.calls("views.open"))
    assert h.click(user, "peer_review_view", value, view=HOME)[0] == 200
    eventually(lambda: len(h.slack.calls("views.open")) > before, "a modal")
    return h.opened_view(before)


def test_a_signed_review_form_can_be_seen_again_from_home(h: Harness) -> None:
    submit_form(h, "UAT", "ULT")
    reviewed = review_id(h, "ULT")
    home = h.open_home("ULT")
    assert buttons(home, "peer_review_sign") == [str(reviewed)]  # still to sign
    sign_form(h, "ULT", reviewed)

    for reader in ("ULT", "UAT"):  # the trainer, and the assessor who wrote it
        home = h.open_home(reader)
        valid_view(home)
        assert buttons(home, "peer_review_view") == [str(reviewed)], reader
        assert buttons(home, "peer_review_sign") == []
        form = click_view(h, reader, str(reviewed))
        assert form["title"]["text"] == "Peer review form" and "submit" not in form
        shown = str(form["blocks"])
        assert "Calm, well-paced &lt;!channel&gt; delivery" in shown
        assert "Agreed &lt;@UBEN&gt;" in shown and "Assessed trainer: signed" in shown
    assert click_view(h, "UCOORD", str(reviewed))["title"]["text"] == "Peer review form"


def test_viewing_a_form_is_refused_clearly_to_others_and_forged_values(h: Harness) -> None:
    submit_form(h, "UAT", "ULT")
    reviewed = review_id(h, "ULT")
    h.drained()
    for user, value, told in [
        ("UBEN", str(reviewed), "This review form is not yours to see."),
        ("UBEN", "garbage", "That review form no longer exists."),
        ("ULT", "99999999999999999999", "That review form no longer exists."),
        ("ULT", "<!channel>", "That review form no longer exists."),
        ("ULT", str(reviewed + 1), "That review form no longer exists."),
    ]:
        refused = click_view(h, user, value)
        assert refused["callback_id"] == "notice" and told in str(refused["blocks"]), value
        assert "Calm, well-paced" not in str(refused)


def test_home_lists_the_newest_five_forms_and_how_many_more(h: Harness) -> None:
    from handlers.accreditation.commands import SubmitPeerReview
    from handlers.accreditation.peer_reviews import submit_review

    with h.quietly() as factory:
        for n in range(7):
            assessor, trainer = ("UAT", "ULT") if n % 2 else ("ULT", "UBEN")
            review = SubmitPeerReview(
                actor=Actor(user_id=assessor),
                trainer=trainer,
                event="Tutor Training Event",
                event_date=NOW.date(),
                venue=f"Venue {n} <b>",
                capacity="Lead Trainer",
                sessions_observed="All",
                review_kind="Peer Review",
                scores={"support": 4, "time_keeping": 4, "ethos": 4, "role_modelling": 4},
                assessor_comments="Good",
            )
            submit_review(review, factory(), NOW + timedelta(minutes=n))
    with h.uow_factory(read_only=True) as uow:
        mine = [r.id for r in uow.peer_reviews.list() if "ULT" in (r.trainer, r.assessor)]
    home = h.open_home("ULT")
    valid_view(home)
    assert buttons(home, "peer_review_view") == [str(i) for i in mine[:5]]  # newest first
    text = str(home["blocks"])
    assert "…and 2 more" in text and "Venue 6 &lt;b&gt;" in text and "<b>" not in text


def _set_up_everyone(h: Harness) -> None:
    """25 people in progress, 2 waiting, 4 accredited; the lapsed and at-risk ones sort last."""
    with h.quietly() as factory, factory() as uow:
        a = uow.accreditations
        for n in range(25):
            person = f"UP{n:02d}"
            a.add_sign_off(SignOff(person, PATHWAY, "observe", NOW.date(), "Leeds", "UAT", NOW))
        for person, days in (("UWAITNEW", 2), ("UWAITOLD", 20)):
            a.ask(StepRequest(person, PATHWAY, "observe", NOW - timedelta(days=days)))
        for n, (person, status) in enumerate(
            [
                ("UA0", Status.ACTIVE),
                ("UA1", Status.ACTIVE),
                ("UZZRISK", Status.AT_RISK),
                ("UZZZLAPSED", Status.LAPSED),
            ]
        ):
            done = Accreditation(person, PATHWAY, NOW.date(), "UCOORD", f"REF{n}", NOW.date())
            saved = a.accredit(done)
            a.set_status(saved.id, status, NOW.date())
        uow.commit()


def test_the_coordinator_sees_counts_and_who_needs_attention_first(h: Harness) -> None:
    _set_up_everyone(h)
    home = h.open_home("UCOORD")
    valid_view(home)
    heading = {"type": "plain_text", "text": "Accreditation and mentoring", "emoji": True}
    start = next(i for i, b in enumerate(home["blocks"]) if b.get("text") == heading)
    part = home["blocks"][start:]
    text = "\n".join(b["text"]["text"] for b in part if b["type"] == "section")
    summary = (
        "31 on a pathway · 4 accredited: 2 active, 1 at risk, 1 lapsed · 2 waiting for a sign-off"
    )
    assert summary in text
    order = ["<@UZZZLAPSED>", "<@UZZRISK>", "<@UWAITOLD>", "<@UWAITNEW>", "<@UP00>"]
    places = [text.index(who) for who in order]
    assert places == sorted(places), places
    assert "<@UA0>" not in text and "<@UP15>" in text and "<@UP16>" not in text  # capped
    assert "…and 11 more (in the export)" in text
    assert all(len(b.get("text", {}).get("text", "")) <= 3000 for b in part)
    exports = [e.get("action_id") for b in part for e in b.get("elements", [])]
    assert "home_accreditation_export:csv" in exports


def test_long_lists_are_split_within_slack_s_limit_on_a_section() -> None:
    from bot.accreditation.blocks.home import packed

    lines = [f"• <@UP{n:02d}> " + "x" * 290 for n in range(25)]
    blocks = packed(lines)
    assert len(blocks) == 3 and all(len(b["text"]["text"]) <= 3000 for b in blocks)
    assert "\n".join(b["text"]["text"] for b in blocks) == "\n".join(lines)  # nothing lost
