"""Accreditation over signed HTTP: a pathway from observation to a certificate, sign-offs
refused to the wrong people, the peer review form, lapsing and re-instatement, mentoring."""

from __future__ import annotations

import io
import json
from datetime import timedelta

import pytest
from pypdf import PdfReader

from domain.accreditation.pathways import display_reference
from domain.kernel.people import Actor
from domain.supervision.entries import Entry, Kind
from handlers.accreditation.peer_reviews import show_review
from handlers.programme_admin.configuration import sync_configuration
from tests.e2e.harness import Harness, eventually, select_value, text_value, user_value
from tests.factories import NOW, accreditation_configuration

HOME = {"type": "home", "id": "VH"}
PATHWAY = "assessor-trainer"


@pytest.fixture
def h(harness: Harness) -> Harness:
    harness.slack.add_user("UAT", name="Alex Assessor")
    harness.slack.add_user("UTOLT", name="Helen Morgan")
    config = accreditation_configuration(coordinators=["UCOORD", "UCOORD2"])
    sync_configuration(config, harness.uow_factory(), NOW)
    return harness


def date_value(block: str, day: str) -> dict:
    return {block: {f"{block}_input": {"type": "datepicker", "selected_date": day}}}


def ticked(block: str) -> dict:
    return {
        block: {f"{block}_input": {"type": "checkboxes", "selected_options": [{"value": "yes"}]}}
    }


def opened_after(h: Harness, before: int, callback_id: str) -> dict:
    """The form opened since ``before`` views were (replies may open notices meanwhile)."""
    while True:
        calls = h.slack.wait_for("views.open", before + 1)
        for index, call in enumerate(calls[before:], before):
            if call.params["view"].get("callback_id") == callback_id:
                return h.opened_view(index)
        before = len(calls)


def ask_next_step(h: Harness, person: str = "ULT") -> None:
    assert h.click(person, "pathway_request", PATHWAY, view=HOME)[0] == 200


def sign_off_observation(h: Harness, signer: str, person: str = "ULT", place: str = "Leeds"):
    before = len(h.slack.calls("views.open"))
    h.click(signer, "pathway_sign_off", f"{person}:{PATHWAY}")
    view = opened_after(h, before, "step_sign_off")
    values = date_value("date", "2026-09-20") | text_value("place", place)
    return h.submit(signer, view, values)[1]


def open_review(h: Harness, assessor: str, trainer: str = "ULT") -> dict:
    before = len(h.slack.calls("views.open"))
    h.click(assessor, "peer_review_open", f"{trainer}:{PATHWAY}")
    return opened_after(h, before, "peer_review")


def review_values(venue: str = "York", **changes) -> dict:
    values = (
        select_value("event", "Assessor Training Event", "radio_buttons")
        | date_value("event_date", "2026-09-28")
        | text_value("venue", venue)
        | select_value("capacity", "Assessor Co-Trainer", "radio_buttons")
        | text_value("other_trainers", "Pat (Assessor Trainer)")
        | text_value("sessions_observed", "Sessions 1–3")
        | select_value("review_kind", "Peer Review", "radio_buttons")
        | text_value("assessor_comments", "Calm, well-paced <!channel> delivery")
    )
    for key, score in (("support", "4"), ("time_keeping", "3"), ("ethos", "4")):
        values |= select_value(f"score:{key}", score, "radio_buttons")
    values |= select_value("score:role_modelling", "4", "radio_buttons")
    return values | changes


def review_id(h: Harness, trainer: str = "ULT") -> int:
    with h.uow_factory(read_only=True) as uow:
        return uow.peer_reviews.list(trainer=trainer)[0].id


def upload_to(h: Harness, user: str) -> tuple[str, bytes]:
    """The file the app uploaded into ``user``'s DM: its name and bytes."""
    for call in h.slack.calls("files.completeUploadExternal"):
        if call.params.get("channel_id") == f"D{user}":
            files = call.params["files"]
            files = json.loads(files) if isinstance(files, str) else files
            file_id = files[0]["id"]
            return call.params.get("initial_comment", ""), h.slack.uploads[file_id]
    raise AssertionError(f"no file was sent to {user}")


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(page.extract_text() for page in reader.pages)


def test_a_full_pathway_ends_with_a_certificate_anyone_can_verify(h: Harness) -> None:
    home = h.open_home("ULT")
    assert "Request to observe" in str(home) and "<@UAT>" in str(home)
    ask_next_step(h)
    h.message_to("UAT", "asks for *Observe an Assessor Training Event*")
    assert sign_off_observation(h, "UAT")["response_action"] == "update"
    h.message_to("ULT", "*Observe an Assessor Training Event* (Assessor Trainer) is signed off")

    ask_next_step(h)  # co-training: the Assessor Trainer's feedback is the peer review form
    h.message_to("UAT", "asks for *Co-train an Assessor Training Event*")
    view = open_review(h, "UAT")
    assert "Sign off: Co-train an Assessor Training Event" in str(view)
    reply = h.submit("UAT", view, review_values("York") | ticked("signs_off"))[1]
    assert reply["response_action"] == "update", reply
    assert "accredited" not in str(reply["view"])  # a step, not the last
    h.message_to("ULT", "filled in an Assessment / Peer Review Form")

    ask_next_step(h)  # the last step: a Trainer of Lead Trainers observes them lead
    h.message_to("UTOLT", "asks for *Lead an Assessor Training Event, observed*")
    view = open_review(h, "UTOLT")
    changes = select_value("capacity", "Assessor Trainer", "radio_buttons")
    reply = h.submit("UTOLT", view, review_values("Harrogate", **changes) | ticked("signs_off"))[1]
    assert reply["response_action"] == "update", reply
    assert "<@ULT> is now accredited as Assessor Trainer" in str(reply["view"])
    h.drained(timeout=30)  # setting two certificates in embedded fonts takes a second or two

    caption, pdf = upload_to(h, "ULT")
    assert "you are accredited as Assessor Trainer" in caption
    text = pdf_text(pdf)
    with h.uow_factory(read_only=True) as uow:
        (accreditation,) = uow.accreditations.accreditations("ULT")
    reference = display_reference(accreditation.reference)
    for words in ("Siân O’Neill", "Assessor Trainer", "28 September 2026", "Helen Morgan"):
        assert words in text, words
    for place in ("Leeds", "York", "Harrogate", reference):
        assert place in text, place
    _, copy = upload_to(h, "UCOORD")  # the coordinator has it too
    assert reference in pdf_text(copy)

    status, answer = h.send_command("/accreditation", "UBEN", f"verify {reference.lower()}")
    assert status == 200 and "Genuine" in answer and "<@ULT>" in answer
    _, answer = h.send_command("/accreditation", "UBEN", "verify CAS-AAAAA-BBBBB")
    assert "No certificate has the reference" in answer
    home = h.open_home("ULT")
    assert "Accredited as Assessor Trainer" in str(home) and "active" in str(home)


def test_a_sign_off_is_refused_to_the_wrong_role_and_to_oneself(h: Harness) -> None:
    ask_next_step(h)
    h.drained()
    before = len(h.slack.calls("views.open"))
    h.click("UTOLT", "pathway_sign_off", f"ULT:{PATHWAY}")  # holds a role, not this step's
    h.click("ULT", "pathway_sign_off", f"ULT:{PATHWAY}")  # their own step
    h.click("UBEN", "peer_review_open", f"ULT:{PATHWAY}")  # a form for a step not theirs
    h.drained()
    eventually(lambda: len(h.slack.calls("views.open")) >= before + 3, "three replies")
    opened = [c.params["view"] for c in h.slack.calls("views.open")[before:]]
    assert {v["callback_id"] for v in opened} == {"notice"}  # told why; no form opened
    told = str(opened)
    assert "Only an Assessor Trainer can sign off “Observe an Assessor Training Event”" in told
    assert "You cannot sign off your own step" in told
    with h.uow_factory(read_only=True) as uow:
        assert not uow.accreditations.sign_offs("ULT")


def test_the_review_form_refuses_every_bad_field_then_both_sign_it(h: Harness) -> None:
    before = len(h.slack.calls("views.open"))  # a peer review outside any pathway
    assert h.send_command("/accreditation", "UAT", "review <@UBEN|ben>") == (200, "")
    view = opened_after(h, before, "peer_review")
    assert not any(b.get("block_id") == "signs_off" for b in view["blocks"])
    reply = h.submit("UAT", view, date_value("event_date", "2026-12-25"))[1]
    assert reply["response_action"] == "errors"
    errors = reply["errors"]
    assert errors["event_date"] == "The date cannot be in the future."
    for block in ("event", "venue", "capacity", "sessions_observed", "review_kind"):
        assert block in errors, block
    for key in ("support", "time_keeping", "ethos", "role_modelling"):
        assert "from 1 to 4" in errors[f"score:{key}"]
    assert errors["assessor_comments"] == "Add your comments and observations of the event."
    forged = review_values() | select_value("score:ethos", "9", "radio_buttons")
    forged |= ticked("send_to_manager")  # a copy for the manager, but no manager chosen
    errors = h.submit("UAT", view, forged)[1]["errors"]
    assert set(errors) == {"score:ethos", "manager"}
    fine = review_values() | user_value("manager", "UPAT") | ticked("send_to_manager")
    assert h.submit("UAT", view, fine)[1]["response_action"] == "update"

    copy = h.message_to("UBEN", "filled in an Assessment / Peer Review Form")
    assert "&lt;!channel&gt;" in str(copy["blocks"]) and "<!channel>" not in str(copy)
    h.message_to("UPAT", "A copy of <@UAT>'s Assessment / Peer Review Form")
    reviewed = review_id(h, "UBEN")
    before = len(h.slack.calls("views.open"))
    h.click("UCAT", "peer_review_sign", str(reviewed))  # not the trainer observed
    h.click("UBEN", "peer_review_sign", str(reviewed))
    sign = opened_after(h, before, "peer_review_sign")
    h.submit("UBEN", sign, text_value("trainer_comments", "Agreed; will work on time keeping"))
    h.message_to("UAT", "<@UBEN> added their comments and signed")
    with h.uow_factory(read_only=True) as uow:
        review = uow.peer_reviews.get(reviewed)
        assert review.assessor_signed_at and review.trainer_signed_at
        assert review.trainer_comments == "Agreed; will work on time keeping"
        assert review.manager == "UPAT"
    opened = [c.params["view"] for c in h.slack.calls("views.open")[before:]]
    assert [v["callback_id"] for v in opened].count("peer_review_sign") == 1  # not UCAT's
    assert "This review form is not yours to see." in str(opened)
    h.drained()
    shown = show_review(Actor(user_id="UCOORD"), reviewed, h.uow_factory(read_only=True))
    assert shown.copy_given and shown.sent_to_manager  # recorded once delivered


def accredit_directly(h: Harness) -> None:
    """ULT accredited through the use cases (the full pathway is tested above)."""
    from handlers.accreditation.commands import SignOffStep, SubmitPeerReview
    from handlers.accreditation.pathways import sign_off_step
    from handlers.accreditation.peer_reviews import submit_review

    with h.quietly() as factory:
        sign = SignOffStep(
            actor=Actor(user_id="UAT"),
            person="ULT",
            pathway=PATHWAY,
            step="observe",
            occurred_on=NOW.date(),
            place="Leeds",
        )
        sign_off_step(sign, factory(), NOW)
        for signer, step in (("UAT", "co-train"), ("UTOLT", "lead")):
            review = SubmitPeerReview(
                actor=Actor(user_id=signer),
                trainer="ULT",
                event="Assessor Training Event",
                event_date=NOW.date(),
                venue="York",
                capacity="Assessor Trainer",
                sessions_observed="All",
                review_kind="Peer Review",
                scores={"support": 4, "time_keeping": 4, "ethos": 4, "role_modelling": 4},
                assessor_comments="Good",
                pathway=PATHWAY,
                step=step,
                signs_off=True,
            )
            submit_review(review, factory(), NOW)


def test_an_accreditation_lapses_and_is_reinstated_when_evidence_is_logged(
    h: Harness, jobs
) -> None:
    accredit_directly(h)
    later = NOW + timedelta(days=92 + 31)  # supervision due 3 months on; lapsed 30 days after
    h.clock.now = later
    jobs(later)
    lapsed = h.message_to("ULT", "accreditation has lapsed")
    assert "Supervision with your line manager" in lapsed["text"]
    h.message_to("UCOORD", "<@ULT>'s Assessor Trainer accreditation has lapsed")
    home = h.open_home("ULT")
    assert "lapsed" in str(home)

    before = len(h.slack.calls("views.open"))
    h.send_command("/log-supervision", "ULT")
    view = opened_after(h, before, "log_entry")
    values = date_value("date", later.date().isoformat()) | select_value("log_type", "line-manager")
    values |= user_value("with_user", "UPAT")
    values |= {"duration": {"duration_input": {"type": "number_input", "value": "45"}}}
    assert h.submit("ULT", view, values)[1]["response_action"] == "update"
    h.message_to("ULT", "accreditation is re-instated")
    h.message_to("UCOORD", "<@ULT>'s Assessor Trainer accreditation is re-instated")


def test_a_lead_trainer_named_in_the_file_lapses_and_is_reinstated(h: Harness, jobs) -> None:
    """Not accredited on a pathway: the review group a year ago, and 60 days more."""
    from tests.e2e.test_supervision import log

    later = NOW + timedelta(days=366 + 62)
    with h.uow_factory() as uow:
        for log_type, kind, day, fields in (
            ("review-group", Kind.SUPERVISION, NOW.date(), {"duration_minutes": 120}),
            ("tutor-training-delivered", Kind.DELIVERY, later.date(), {"participants": 8}),
            ("line-manager", Kind.SUPERVISION, later.date(), {"duration_minutes": 30}),
        ):
            uow.entries.add(Entry("ULT", log_type, kind, day, NOW, **fields))  # type: ignore[arg-type]
        uow.commit()
    h.clock.now = later
    jobs(later)
    lapsed = h.message_to("ULT", "Your Lead trainer accreditation has lapsed")
    assert "Review group yearly" in lapsed["text"] and "/log-supervision" in lapsed["text"]
    h.message_to("UCOORD", "<@ULT>'s Lead trainer accreditation has lapsed")
    assert "*Lead trainer* · status :red_circle: lapsed" in str(h.open_home("ULT"))
    coordinator = str(h.open_home("UCOORD"))
    assert "Roles held without a pathway:" in coordinator and "1 lapsed" in coordinator
    assert "<@ULT> — Lead trainer: :red_circle: lapsed" in coordinator

    reply = log(h, log_type="review-group", day=later.date().isoformat(), duration=90)
    assert reply["response_action"] == "update"
    h.message_to("ULT", "Your Lead trainer accreditation is re-instated")
    h.message_to("UCOORD", "<@ULT>'s Lead trainer accreditation is re-instated")


def pair_form(h: Harness, user: str = "UCOORD") -> dict:
    before = len(h.slack.calls("views.open"))
    h.click(user, "home_mentoring_pair", "", view=HOME)
    return opened_after(h, before, "mentoring_pair")


def test_a_mentor_who_is_the_line_manager_needs_a_recorded_reason(h: Harness) -> None:
    from tests.e2e.test_supervision import log

    log(h, user="UCAT", with_user="UBEN")  # UCAT's 1:1 supervision is with UBEN
    view = pair_form(h)
    pair = user_value("mentor", "UBEN") | user_value("mentee", "UCAT")
    reply = h.submit("UCOORD", view, pair)[1]
    assert reply["response_action"] == "errors"
    assert (
        "is <@UCAT>'s line manager (from their 1:1 supervision logs)" in reply["errors"]["reason"]
    )
    reason = "No one else in the ICS mentors; agreed with HR"
    reply = h.submit("UCOORD", view, pair | text_value("reason", reason))[1]
    assert reply["response_action"] == "update"
    h.message_to("UCAT", "<@UBEN> is your mentor")
    h.message_to("UBEN", "<@UCAT> is your mentee")
    with h.uow_factory(read_only=True) as uow:
        (paired,) = uow.pairs.active(mentee="UCAT")
        assert paired.override_reason == reason
        assert any(reason in (n or "") for n in _audit_details(uow))

    # Set in the form rather than known from logs: refused the same way, with its source.
    reply = h.submit(
        "UCOORD",
        pair_form(h),
        user_value("mentor", "UDAN")
        | user_value("mentee", "UPAT")
        | user_value("line_manager", "UDAN"),
    )[1]
    assert "(as you set it)" in reply["errors"]["reason"]
    reply = h.submit(
        "UCOORD", pair_form(h), user_value("mentor", "UBEN") | user_value("mentee", "UPAT")
    )[1]
    assert reply["response_action"] == "update"  # not UPAT's manager: paired at once
    reply = h.submit(
        "UCOORD", pair_form(h), user_value("mentor", "UBEN") | user_value("mentee", "UANN")
    )[1]
    assert "the most one mentor takes (2)" in reply["errors"]["mentor"]

    before = len(h.slack.calls("views.open"))
    h.click("UBEN", "home_mentoring_pair", "", view=HOME)  # not a coordinator: told, no form
    (notice,) = h.slack.wait_for("views.open", before + 1)[before:]
    assert "Only coordinators can pair mentors" in str(notice.params["view"])
    assert notice.params["view"].get("callback_id") != "mentoring_pair"


def test_a_mentoring_session_counts_for_both_and_quiet_pairs_are_nudged(h: Harness, jobs) -> None:
    from tests.e2e.test_supervision import log

    view = pair_form(h)
    h.submit("UCOORD", view, user_value("mentor", "UBEN") | user_value("mentee", "UCAT"))
    log(h, user="UBEN", log_type="mentoring-given", with_user="UCAT")
    home = h.open_home("UCAT")  # UCAT's requirement is met by UBEN's log
    assert "Mentoring, every 2 months: met" in str(home)
    later = NOW + timedelta(days=40)
    h.clock.now = later
    jobs(later)
    h.message_to("UBEN", "have not logged a mentoring session since")
    h.message_to("UCAT", "have not logged a mentoring session since")


def _audit_details(uow) -> list[str]:
    """The audit log's details as Cascade reads them (they are stored encrypted)."""
    from sqlalchemy import select

    from storage.tables import AuditRow

    return list(uow.session.execute(select(AuditRow.detail)).scalars())


def test_forged_input_gets_a_clear_answer_never_a_500(h: Harness) -> None:
    for action, value in [
        ("pathway_sign_off", "garbage"),
        ("pathway_sign_off", "<!channel>:assessor-trainer"),
        ("peer_review_open", ":"),
        ("peer_review_sign", "99999999999999999999"),
        ("pathway_request", "no-such-pathway"),
        ("mentoring_pair_end", "-1"),
    ]:
        assert h.click("UBEN", action, value, view=HOME)[0] == 200, action
    for text in ("request <!channel>", "verify", "review nobody", "frobnicate"):
        status, answer = h.send_command("/accreditation", "UBEN", text)
        assert status == 200 and answer, text
    view = open_review(h, "UAT")  # a form whose hidden trainer is swapped for a mention
    forged = {**view, "private_metadata": '{"trainer": "<!channel>", "pathway": "x"}'}
    reply = h.submit("UAT", forged, review_values())[1]
    assert reply["response_action"] == "errors"
    sign = {
        "type": "modal", "callback_id": "step_sign_off", "blocks": [],
        "private_metadata": '{"person": "ULT", "pathway": "assessor-trainer", "step": "lead"}',
    }  # fmt: skip
    reply = h.submit("UBEN", sign, date_value("date", "2026-09-01") | text_value("place", "X"))[1]
    assert reply["response_action"] == "errors"  # not theirs to sign, nor that step's turn
    with h.uow_factory(read_only=True) as uow:
        assert not uow.accreditations.sign_offs() and not uow.peer_reviews.list()


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("2026-02-30", "That is not a real date."),
        ("2026-9-20", "That is not a real date."),
        (None, "Please pick a date."),
        ("2026-10-02", "The date cannot be in the future."),
        ("2023-09-30", "at most three years ago"),
    ],
)
def test_a_sign_off_without_a_real_date_is_refused_beside_it_never_dated_today(
    h: Harness, day, message
) -> None:
    ask_next_step(h)
    h.drained()
    before = len(h.slack.calls("views.open"))
    h.click("UAT", "pathway_sign_off", f"ULT:{PATHWAY}")
    view = opened_after(h, before, "step_sign_off")
    reply = h.submit("UAT", view, date_value("date", day) | text_value("place", "Leeds"))[1]
    assert reply["response_action"] == "errors" and list(reply["errors"]) == ["date"]
    assert message in reply["errors"]["date"]
    with h.uow_factory(read_only=True) as uow:
        assert not uow.accreditations.sign_offs("ULT")


def test_a_review_with_an_unreadable_event_date_is_refused_beside_it(h: Harness) -> None:
    view = open_review(h, "UAT")
    reply = h.submit("UAT", view, review_values() | date_value("event_date", "2026-02-30"))[1]
    assert reply["response_action"] == "errors"
    assert reply["errors"] == {"event_date": "That is not a real date."}
    with h.uow_factory(read_only=True) as uow:
        assert not uow.peer_reviews.list()


def test_sign_off_and_review_forms_with_damaged_metadata_change_nothing(h: Harness) -> None:
    ask_next_step(h)
    h.drained()
    before = len(h.slack.calls("views.open"))
    h.click("UAT", "pathway_sign_off", f"ULT:{PATHWAY}")
    sign = {**opened_after(h, before, "step_sign_off"), "private_metadata": "x"}
    reply = h.submit("UAT", sign, date_value("date", "2026-09-20") | text_value("place", "Leeds"))
    assert reply[1]["response_action"] == "errors" and list(reply[1]["errors"]) == ["date"]
    assert "nothing was saved" in reply[1]["errors"]["date"]
    review = {**open_review(h, "UAT"), "private_metadata": "[1]"}
    reply = h.submit("UAT", review, review_values())
    assert reply[1]["response_action"] == "errors" and list(reply[1]["errors"]) == ["event"]
    assert "nothing was saved" in reply[1]["errors"]["event"]
    with h.uow_factory(read_only=True) as uow:
        assert not uow.accreditations.sign_offs("ULT") and not uow.peer_reviews.list()
