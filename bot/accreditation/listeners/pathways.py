"""/accreditation: your pathway, asking for the next step, signing steps off, verifying."""

from __future__ import annotations

from slack_bolt import App

from bot.accreditation.blocks.pathways import HELP
from bot.accreditation.ids import Action, View
from bot.kernel import forms
from bot.kernel.door import Door
from bot.kernel.ids import Field
from bot.kernel.replies import Text
from domain.kernel.people import Actor
from handlers.accreditation.commands import (
    AskReviewForm,
    AskSignOffForm,
    RequestNextStep,
    RequestStep,
    ShowAccreditation,
    SignOffStep,
    VerifyCertificate,
)

#: The command's fields, by the form block that holds each.
FIELDS = {
    "occurred_on": Field.DATE,
    "place": Field.PLACE,
    "person": Field.DATE,
    "pathway": Field.PLACE,
    "step": Field.PLACE,
}


def register(app: App) -> None:
    app.command("/accreditation")(handle_accreditation_command)
    app.action(Action.REQUEST_STEP)(handle_request_step_action)
    app.action(Action.SIGN_OFF_OPEN)(handle_sign_off_open_action)
    app.action(Action.REVIEW_OPEN)(handle_review_open_action)
    app.view(View.SIGN_OFF)(handle_sign_off_submission)


def handle_accreditation_command(command: dict, actor: Actor, door: Door) -> None:
    """`/accreditation [request | review @trainer | verify REF | help]`."""
    verb, _, rest = (command.get("text") or "").strip().partition(" ")
    verb, rest = verb.lower(), rest.strip()
    if verb in ("help", "?"):
        door.reply(Text(HELP))
    elif verb == "verify" and not rest:
        door.reply(
            Text("Give the certificate's reference: `/accreditation verify CAS-XXXXX-XXXXX`.")
        )
    elif verb == "verify":
        door.submit(VerifyCertificate(actor=actor, reference=rest))
    elif verb == "request":
        door.submit(RequestNextStep(actor=actor, pathway=rest[:40]))
    elif verb == "review" and (trainer := forms.mentioned_user(rest)):
        door.submit(AskReviewForm(actor=actor, trainer=trainer))
    elif verb == "review":
        door.reply(Text("Name the trainer you observed: `/accreditation review @name`."))
    elif verb:
        door.reply(Text(f"I didn't recognise `{verb[:30]}`. Try `/accreditation help`."))
    else:
        door.submit(ShowAccreditation(actor=actor))


def handle_request_step_action(body: dict, actor: Actor, door: Door) -> None:
    """ "Request observation" (or the step's own words) on Home or in `/accreditation`."""
    door.submit(RequestStep(actor=actor, pathway=forms.action_value(body)[:40] or "-"))


def _person_and_pathway(body: dict) -> tuple[str, str]:
    person, _, pathway = forms.action_value(body).partition(":")
    return person, pathway


def handle_sign_off_open_action(body: dict, actor: Actor, door: Door) -> None:
    """ "Sign off" in the request: the form opens only for someone who may sign it."""
    person, pathway = _person_and_pathway(body)
    door.submit(AskSignOffForm(actor=actor, person=person, pathway=pathway))


def handle_review_open_action(body: dict, actor: Actor, door: Door) -> None:
    """ "Fill in the review form" in a request for an observed step."""
    person, pathway = _person_and_pathway(body)
    door.submit(AskReviewForm(actor=actor, trainer=person, pathway=pathway or None))


def handle_sign_off_submission(view: dict, actor: Actor, door: Door) -> None:
    """Record the sign-off, or put the problem beside its field."""
    meta = forms.kept_metadata(view, Field.DATE)
    cmd = forms.command(
        SignOffStep,
        FIELDS,
        actor=actor,
        person=str(meta.get("person") or ""),
        pathway=str(meta.get("pathway") or "")[:40] or "-",
        step=str(meta.get("step") or "")[:40] or "-",
        occurred_on=forms.required_date(view, Field.DATE),
        place=forms.typed(view, Field.PLACE),
    )
    door.submit(cmd)
