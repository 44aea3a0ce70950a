"""/accreditation: your pathway, asking for the next step, signing steps off, verifying."""

from __future__ import annotations

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import forms
from bot.accreditation.blocks import pathways as blocks
from bot.accreditation.blocks.peer_review import review_modal
from bot.after_ack import AfterAck
from bot.blocks.eligibility import notice_view
from bot.ids import Action, Block, View
from bot.listeners.flow import open_form, reply, then_ack
from bot.runtime import Clock
from domain.errors import DomainError
from domain.people import Actor
from handlers.accreditation.commands import RequestStep, SignOffStep
from handlers.accreditation.pathways import request_step, sign_off_form, sign_off_step, verify
from handlers.accreditation.peer_reviews import review_form
from handlers.accreditation.views import my_accreditation
from storage.unit_of_work import UnitOfWorkFactory


def register(app: App) -> None:
    app.command("/accreditation")(handle_accreditation_command)
    app.action(Action.REQUEST_STEP)(handle_request_step_action)
    app.action(Action.SIGN_OFF_OPEN)(handle_sign_off_open_action)
    app.action(Action.REVIEW_OPEN)(handle_review_open_action)
    app.view(View.SIGN_OFF)(handle_sign_off_submission)


def handle_accreditation_command(
    ack: Ack,
    command: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    after_ack: AfterAck,
) -> None:
    """`/accreditation [request | review @trainer | verify REF | help]`."""
    verb, _, rest = (command.get("text") or "").strip().partition(" ")
    verb, rest = verb.lower(), rest.strip()
    if verb in ("help", "?"):
        ack(text=blocks.HELP)
    elif verb == "verify":
        _verify(ack, rest, uow_factory)
    elif verb == "request":
        _request(ack, rest, actor, uow_factory, clock)
    elif verb == "review":
        trainer = forms.mentioned_user(rest)
        if trainer is None:
            ack(text="Name the trainer you observed: `/accreditation review @name`.")
            return
        open_form(
            ack,
            command,
            client,
            after_ack,
            lambda: review_form(actor, trainer, None, uow_factory(read_only=True), clock()),
            review_modal,
        )
    elif verb:
        ack(text=f"I didn't recognise `{verb[:30]}`. Try `/accreditation help`.")
    else:
        mine = my_accreditation(actor, uow_factory(read_only=True), clock())
        if not mine.progress:
            ack(text="You are not on an accreditation pathway. " + blocks.HELP)
            return
        found = [
            b
            for p in mine.progress
            for b in blocks.progress_blocks(
                p, mine.signers.get(p.pathway.key, []), mine.accreditations.get(p.pathway.key)
            )
        ]
        ack(text="Your accreditation", blocks=found)


def _verify(ack: Ack, typed: str, uow_factory: UnitOfWorkFactory) -> None:
    if not typed:
        ack(text="Give the certificate's reference: `/accreditation verify CAS-XXXXX-XXXXX`.")
        return
    with uow_factory(read_only=True) as uow:
        catalogue = uow.catalogue.get()
    found = verify(typed, uow_factory(read_only=True))
    name = next((p.name for p in catalogue.pathways if found and p.key == found.pathway), "")
    ack(text=blocks.verify_answer(found, name, typed))


def _request(
    ack: Ack, typed: str, actor: Actor, uow_factory: UnitOfWorkFactory, clock: Clock
) -> None:
    """Ask for the next step of the pathway named (or of the only one you are on)."""
    mine = my_accreditation(actor, uow_factory(read_only=True), clock())
    keys = [p.pathway.key for p in mine.progress if p.next is not None]
    pathway = typed.lower() or (keys[0] if len(keys) == 1 else "")
    if not pathway:
        named = ", ".join(f"`{k}`" for k in keys) or "none open to you"
        ack(text=f"Which pathway? `/accreditation request KEY`, one of: {named}.")
        return
    try:
        step, signers = request_step(
            RequestStep(actor=actor, pathway=pathway[:40]), uow_factory(), clock()
        )
    except DomainError as refused:
        ack(text=refused.message)
        return
    ack(text=_asked(step.name, signers))


def _asked(step: str, signers: list[str]) -> str:
    who = ", ".join(f"<@{p}>" for p in signers[:10])
    return f"I have asked {who} for *{step}*. You will hear here when it is signed off."


def handle_request_step_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    after_ack: AfterAck,
) -> None:
    """ "Request observation" (or the step's own words) on Home or in `/accreditation`."""
    cmd = RequestStep(actor=actor, pathway=forms.action_value(body)[:40] or "-")
    result = then_ack(ack, lambda: request_step(cmd, uow_factory(), clock()))
    reply(after_ack, body, client, result, lambda done: _asked(done[0].name, done[1]))


def _person_and_pathway(body: dict) -> tuple[str, str]:
    person, _, pathway = forms.action_value(body).partition(":")
    return person, pathway


def handle_sign_off_open_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    after_ack: AfterAck,
) -> None:
    """ "Sign off" in the request: the form opens only for someone who may sign it."""
    person, pathway = _person_and_pathway(body)

    def query():
        return person, *sign_off_form(actor, person, pathway, uow_factory(read_only=True), clock())

    open_form(ack, body, client, after_ack, query, lambda r: blocks.sign_off_modal(*r))


def handle_review_open_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    after_ack: AfterAck,
) -> None:
    """ "Fill in the review form" in a request for an observed step."""
    person, pathway = _person_and_pathway(body)

    def query():
        return review_form(actor, person, pathway or None, uow_factory(read_only=True), clock())

    open_form(ack, body, client, after_ack, query, review_modal)


def handle_sign_off_submission(
    ack: Ack, view: dict, actor: Actor, uow_factory: UnitOfWorkFactory, clock: Clock
) -> None:
    """Record the sign-off, or put the problem beside its field."""
    try:
        meta = forms.kept_metadata(view, Block.DATE)
        cmd = forms.command(
            SignOffStep,
            {"occurred_on": Block.DATE, "place": Block.PLACE, "person": Block.DATE},
            actor=actor,
            person=str(meta.get("person") or ""),
            pathway=str(meta.get("pathway") or "")[:40] or "-",
            step=str(meta.get("step") or "")[:40] or "-",
            occurred_on=forms.required_date(view, Block.DATE),
            place=forms.typed(view, Block.PLACE),
        )
        signed = sign_off_step(cmd, uow_factory(), clock())
    except DomainError as refused:
        field = refused.field if refused.field in (Block.DATE, Block.PLACE) else Block.PLACE
        ack(response_action="errors", errors={field: refused.message})
        return
    done = "Signed off." + (
        " That was the last step: they are accredited, and their certificate is on its way."
        if signed.accreditation
        else ""
    )
    ack(response_action="update", view=notice_view("Signed off", done))
