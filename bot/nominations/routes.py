"""How each nominations command is carried out (before the ack, stored, or right after it)
and what the person who asked is told."""

from __future__ import annotations

from typing import Any

from bot.home.blocks import home_view
from bot.kernel import forms
from bot.kernel.blocks import cohort_name, notice_view
from bot.kernel.door import (
    Found,
    Route,
    Services,
    after_ack,
    before_ack,
    changes,
    request_key,
    stored,
)
from bot.kernel.ids import Field
from bot.kernel.replies import Open, Reply, Say, Text, Update
from bot.nominations.blocks.eligibility import eligibility_done_view, eligibility_modal
from bot.nominations.blocks.interest import interest_modal, interest_thanks
from bot.nominations.blocks.nominate import help_text, no_ics_message, nominate_modal
from bot.nominations.blocks.review import decision_message, decline_modal, reorder_modal
from bot.nominations.checks import eligibility_missed, nominated, nominating
from bot.nominations.ids import Block
from domain.kernel.errors import DomainError, InvalidTransition
from domain.kernel.programme import Ics, Programme
from handlers.exports.commands import ExportCoordinated
from handlers.exports.exports import export_coordinated
from handlers.nominations.commands import (
    AnswerOffer,
    AskDecision,
    AskEligibility,
    AskHelp,
    AskInterest,
    AskStatus,
    AskToMove,
    AskToNominate,
    AskWaitlistPosition,
    ConfirmEligibility,
    ConfirmPlace,
    Decline,
    ExpressInterest,
    MovePlace,
    Nominate,
    ReorderWaitlist,
    ShareOffer,
    Waitlist,
    Withdraw,
)
from handlers.nominations.decisions import ask_to_move, check_decision, decline, withdraw
from handlers.nominations.eligibility import check_form, start_eligibility
from handlers.nominations.interest import express_interest, interest_form, share_offer
from handlers.nominations.nominate import Outcome
from handlers.nominations.offers import reorder_form, reorder_waitlist
from handlers.nominations.queries import Overview, choices_among, open_programmes, overview

TOO_SLOW = "Slack took too long to open the form. Please try `/nominate` again."
#: The reason the eligibility form's "I can't take part" gives (it withdraws the nomination).
NOMINEE_DECLINED = "the nominee declined"
DECLINED = (
    "You have declined the nomination. Your ICS lead has been told. Thank you for letting us know."
)


def _asked_to_move(cmd: AskToMove, done: Any) -> Say:
    return Say(
        f"Your request to move to {cohort_name(done.programme, cmd.cohort_key)} has gone to "
        "the coordinators. Your place stays where it is until they move it."
    )


def _decision_form(cmd: AskDecision, s: Services) -> Any:
    return check_decision(cmd.actor, cmd.nomination_id, cmd.action, s.uow_factory(read_only=True))


def _withdrawn(cmd: Withdraw, done: Outcome) -> Reply:
    """In the eligibility form, it says the nominee declined; elsewhere, what became of the
    nomination (the Home tab shows that itself)."""
    if cmd.reason == NOMINEE_DECLINED:
        return Update(notice_view("Nomination", DECLINED), elsewhere=Say(DECLINED))
    for_lead = cmd.actor.user_id != done.nomination.nominee_id
    return Say(
        decision_message(done.nomination, done.programme, for_lead=for_lead), unless_home=True
    )


def _nomination_form(cmd: AskToNominate, s: Services) -> tuple[list[Programme], list[Ics]]:
    """The programmes as they are now (one may have closed a moment ago), the ICSs and their
    leads as read a moment ago."""
    now_open = open_programmes(s.uow_factory(read_only=True), s.clock())
    return choices_among(cmd.actor, now_open, s.programmes.every()[1], s.clock())


def _form_or_why(cmd: AskToNominate, found: tuple[list[Programme], list[Ics]]) -> Reply:
    programmes, ics = found
    if not programmes:
        return Text("No programme is taking nominations at the moment.")
    if not ics:
        return Text(no_ics_message(programmes))
    return Open(nominate_modal(programmes, ics, nominee=cmd.nominee_id), instead=TOO_SLOW)


def _help(_cmd: AskHelp, s: Services) -> list[Programme]:
    """For the help's contacts; help still answers when the database is away."""
    try:
        return open_programmes(s.uow_factory(read_only=True), s.clock())
    except DomainError:
        return []


def _status(cmd: AskStatus, s: Services) -> Overview:
    return overview(cmd.actor, s.uow_factory(read_only=True))


def _status_text(_cmd: AskStatus, found: Overview) -> Text:
    return Text("Where your nominations stand", blocks=home_view(found)["blocks"][:50])


def _eligibility_form(cmd: AskEligibility, s: Services) -> dict[str, Any]:
    found = start_eligibility(
        cmd.actor, cmd.nomination_id, s.uow_factory(read_only=True), s.clock(), s.programmes.get
    )
    upcoming = found.programme.upcoming_cohorts(s.clock())
    return eligibility_modal(found.nomination, found.programme, upcoming)


def _eligibility_checked(cmd: ConfirmEligibility, s: Services) -> Found:
    """What the form alone can be checked for, against the programme as read a moment ago
    (the one the form names); recorded right after the ack."""
    named = forms.metadata(s.body.get("view") or {}).get("programme")
    programme = s.programmes.get(named, cmd.nomination_id)
    if programme is None:
        raise InvalidTransition("This nomination no longer exists.")
    check_form(cmd, programme, s.clock())
    return Found(programme)


def _share(cmd: ShareOffer, s: Services) -> Any:
    """Posted through the outbox: Slack's retry of the form posts it once."""
    return share_offer(cmd, s.uow_factory(), s.clock(), request_key(s.body))


def _shared(cmd: ShareOffer, _programme: Any) -> Update:
    done = f"The offer is on its way to <#{cmd.channel}>."
    return Update(notice_view("Offer shared", done))


def _exported(_cmd: ExportCoordinated, names: list[str]) -> Text:
    return Text(f"The nominations for {', '.join(names)} are on their way to your DMs.")


NOMINATION_ROUTES: dict[type, Route] = {
    # /nominate and its form: the nomination is checked as it is stored, made after the ack.
    AskHelp: before_ack(_help, lambda _cmd, programmes: Text(help_text(programmes))),
    AskStatus: before_ack(_status, _status_text),
    ExportCoordinated: before_ack(changes(export_coordinated), _exported),
    AskToNominate: after_ack(_nomination_form, _form_or_why),
    Nominate: stored(nominating, nominated, default=Block.NOMINEE),
    # The nominee: eligibility and cohorts (checked in the form, recorded after the ack).
    AskEligibility: after_ack(_eligibility_form, lambda _cmd, form: Open(form)),
    ConfirmEligibility: stored(
        _eligibility_checked,
        lambda _cmd, done: Update(eligibility_done_view(done.checked)),
        default=Block.FIRST_CHOICE,
        explain=eligibility_missed,
    ),
    Withdraw: before_ack(changes(withdraw), _withdrawn),
    # The coordinators' decisions on the review card: stored, carried out after the ack.
    ConfirmPlace: stored(),
    MovePlace: stored(),
    Waitlist: stored(),
    AskToMove: before_ack(changes(ask_to_move), _asked_to_move),
    AskDecision: after_ack(
        _decision_form, lambda _cmd, found: Open(decline_modal(found.nomination))
    ),
    Decline: before_ack(changes(decline), default=Field.REASON),
    # Places offered from the waitlist, and its order.
    AnswerOffer: stored(),
    AskWaitlistPosition: after_ack(
        lambda cmd, s: reorder_form(cmd.actor, cmd.nomination_id, s.uow_factory(read_only=True)),
        lambda _cmd, found: Open(reorder_modal(*found)),
    ),
    ReorderWaitlist: before_ack(changes(reorder_waitlist), default=Block.POSITION),
    # Spreading the offer: shared to a channel, "I'm interested", the lead asked.
    ShareOffer: before_ack(_share, _shared, default=Field.CHANNEL),
    AskInterest: after_ack(
        lambda cmd, s: interest_form(cmd.programme_key, s.uow_factory(read_only=True), s.clock()),
        lambda _cmd, found: Open(interest_modal(*found)),
    ),
    ExpressInterest: before_ack(
        changes(express_interest),
        lambda _cmd, asked: Update(interest_thanks(asked.programme, asked.ics, asked.leads)),
        default=Field.ICS,
    ),
}
