"""Spreading the offer: posting it ("Share the offer" opens its form with the other Home
forms, in admin.py), "I'm interested" (anyone, on the post), and the lead's one-click
Nominate."""

from __future__ import annotations

import re

from slack_bolt import App

from bot.kernel import forms
from bot.kernel.door import Door
from bot.kernel.ids import Field
from bot.nominations.ids import Action, Block, View
from domain.kernel.errors import DomainError
from domain.kernel.people import Actor
from handlers.nominations.commands import AskInterest, ExpressInterest, Nominate, ShareOffer

#: The lead's Nominate button: "programme:ics:person".
_KEY = r"([a-z0-9][a-z0-9-]{0,39})"
_INTERESTED = re.compile(rf"^{_KEY}:{_KEY}:([UW][A-Z0-9]{{1,20}})$")


def register(app: App) -> None:
    app.view(View.SHARE_OFFER)(handle_share_offer_submission)
    app.action(Action.INTERESTED)(handle_interested_action)
    app.view(View.INTEREST)(handle_interest_submission)
    app.action(Action.NOMINATE_INTERESTED)(handle_nominate_interested_action)


def handle_share_offer_submission(view: dict, actor: Actor, door: Door) -> None:
    """Post the offer (through the outbox: a Slack retry posts it once)."""
    cmd = forms.command(
        ShareOffer,
        {"channel": Field.CHANNEL},
        actor=actor,
        programme_key=str(forms.metadata(view).get("programme") or ""),
        channel=forms.selected(view, Field.CHANNEL) or "",
    )
    door.submit(cmd)


def handle_interested_action(body: dict, actor: Actor, door: Door) -> None:
    """Ask the interested person which ICS they work in (while the offer is open)."""
    door.submit(AskInterest(actor=actor, programme_key=forms.action_value(body)[:40]))


def handle_interest_submission(view: dict, actor: Actor, door: Door) -> None:
    """Ask the ICS's leads to nominate the person; what is wrong shows on the form."""
    cmd = forms.command(
        ExpressInterest,
        {"ics_key": Field.ICS, "note": Block.NOTE},
        actor=actor,
        programme_key=str(forms.metadata(view).get("programme") or ""),
        ics_key=forms.selected(view, Field.ICS) or "",
        note=forms.typed(view, Block.NOTE),
    )
    door.submit(cmd)


def handle_nominate_interested_action(body: dict, actor: Actor, door: Door) -> None:
    """One click: the lead nominates the interested person (the usual rules apply, as to
    the form's nominations)."""
    found = _INTERESTED.match(forms.action_value(body))
    if found is None:
        raise DomainError("That button is not one Cascade made.")
    programme_key, ics_key, person = found.groups()
    door.submit(
        Nominate(actor=actor, programme_key=programme_key, ics_key=ics_key, nominee_id=person)
    )
