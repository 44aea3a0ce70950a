"""Coordinators change a programme's content from App Home: the offer and its criteria and
confirmations, and the lists of the catalogue (requirements per role, log types)."""

from __future__ import annotations

from slack_bolt import App

from bot.kernel import forms
from bot.kernel.door import Door
from bot.programme_admin import content_forms
from bot.programme_admin.ids import Action, View
from domain.kernel.people import Actor
from handlers.programme_admin.commands import AskCatalogueForm, AskProgrammeForm, CataloguePart

#: The Home buttons that open a list of the catalogue, and the list.
_CATALOGUE: dict[str, CataloguePart] = {  # by action id
    Action.EDIT_REQUIREMENTS: "requirements",
    Action.EDIT_LOG_TYPES: "log_types",
    Action.EDIT_SESSION_KINDS: "session_kinds",
    Action.EDIT_CIRCLE_TOPICS: "circle_topics",
}


def register(app: App) -> None:
    app.action(Action.EDIT_OFFER)(handle_offer_action)
    for action in _CATALOGUE:
        app.action(action)(handle_catalogue_action)
    app.view(View.OFFER)(handle_offer_submission)
    app.view(View.CATALOGUE)(handle_catalogue_submission)


def handle_offer_action(body: dict, actor: Actor, door: Door) -> None:
    """Open the offer's form (description, criteria, confirmations), for its coordinators."""
    key = forms.action_value(body)[:40]
    door.submit(AskProgrammeForm(actor=actor, programme_key=key, form="offer"))


def handle_catalogue_action(body: dict, actor: Actor, door: Door) -> None:
    """Open the form of a list of the catalogue (requirements, log types), for the
    coordinators of the programme whose Home button it is."""
    part = _CATALOGUE[forms.action_id(body)]  # registered for these buttons only
    key = forms.action_value(body)[:40]
    door.submit(AskCatalogueForm(actor=actor, programme_key=key, part=part))


def handle_offer_submission(view: dict, actor: Actor, door: Door) -> None:
    """Save the offer (a criterion nominees confirmed is refused beside it if removed)."""
    door.submit(content_forms.offer(view, actor))


def handle_catalogue_submission(view: dict, actor: Actor, door: Door) -> None:
    """Save the list (an item in use is refused beside it if removed)."""
    door.submit(content_forms.catalogue(view, actor))
