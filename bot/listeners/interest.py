"""Spreading the offer: posting it ("Share the offer" opens its form with the other Home
forms, in admin.py), "I'm interested" (anyone, on the post), and the lead's one-click
Nominate."""

from __future__ import annotations

import re

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import forms
from bot.after_ack import AfterAck
from bot.blocks.eligibility import notice_view
from bot.blocks.interest import interest_modal, interest_thanks
from bot.ids import Action, Block, View
from bot.kernel.door import request_key
from bot.listeners.flow import open_form, reply, then_ack
from bot.replies import tell
from bot.runtime import Clock
from domain.kernel.errors import DomainError
from domain.kernel.people import Actor
from handlers.nominations.commands import ExpressInterest, Nominate, ShareOffer
from handlers.nominations.interest import express_interest, interest_form, share_offer
from handlers.nominations.nominate import nominate
from storage.unit_of_work import UnitOfWorkFactory

#: The lead's Nominate button: "programme:ics:person".
_KEY = r"([a-z0-9][a-z0-9-]{0,39})"
_INTERESTED = re.compile(rf"^{_KEY}:{_KEY}:([UW][A-Z0-9]{{1,20}})$")


def register(app: App) -> None:
    app.view(View.SHARE_OFFER)(handle_share_offer_submission)
    app.action(Action.INTERESTED)(handle_interested_action)
    app.view(View.INTEREST)(handle_interest_submission)
    app.action(Action.NOMINATE_INTERESTED)(handle_nominate_interested_action)


def handle_share_offer_submission(
    ack: Ack, body: dict, view: dict, actor: Actor, uow_factory: UnitOfWorkFactory, clock: Clock
) -> None:
    """Post the offer (through the outbox: a Slack retry posts it once)."""
    try:
        cmd = forms.command(
            ShareOffer,
            {"channel": Block.CHANNEL},
            actor=actor,
            programme_key=str(forms.metadata(view).get("programme") or ""),
            channel=forms.selected(view, Block.CHANNEL) or "",
        )
        share_offer(cmd, uow_factory(), clock(), request_key(body))
    except DomainError as refused:
        ack(response_action="errors", errors={Block.CHANNEL: refused.message})
        return
    done = f"The offer is on its way to <#{cmd.channel}>."
    ack(response_action="update", view=notice_view("Offer shared", done))


def handle_interested_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    after_ack: AfterAck,
) -> None:
    """Ask the interested person which ICS they work in (while the offer is open)."""
    key = forms.action_value(body)[:40]
    query = lambda: interest_form(key, uow_factory(read_only=True), clock())  # noqa: E731
    open_form(ack, body, client, after_ack, query, lambda found: interest_modal(*found))


def handle_interest_submission(
    ack: Ack, view: dict, actor: Actor, uow_factory: UnitOfWorkFactory, clock: Clock
) -> None:
    """Ask the ICS's leads to nominate the person; what is wrong shows on the form."""
    try:
        cmd = forms.command(
            ExpressInterest,
            {"ics_key": Block.ICS, "note": Block.NOTE},
            actor=actor,
            programme_key=str(forms.metadata(view).get("programme") or ""),
            ics_key=forms.selected(view, Block.ICS) or "",
            note=forms.typed(view, Block.NOTE),
        )
        asked = express_interest(cmd, uow_factory(), clock())
    except DomainError as refused:
        ack(response_action="errors", errors={Block.ICS: refused.message})
        return
    ack(response_action="update", view=interest_thanks(asked.programme, asked.ics, asked.leads))


def handle_nominate_interested_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    after_ack: AfterAck,
) -> None:
    """One click: the lead nominates the interested person (the usual rules apply)."""
    found = _INTERESTED.match(forms.action_value(body))
    if found is None:
        ack()
        after_ack.later(body, client, tell, client, body, "That button is not one Cascade made.")
        return
    programme_key, ics_key, person = found.groups()
    cmd = Nominate(actor=actor, programme_key=programme_key, ics_key=ics_key, nominee_id=person)
    result = then_ack(ack, lambda: nominate(cmd, uow_factory(), clock()))
    reply(
        after_ack,
        body,
        client,
        result,
        lambda done: (
            f"You nominated <@{person}> for {done.programme.name}: {done.used} of "
            f"{done.programme.per_ics_limit} nominations used for {done.ics.name}. They have "
            "been sent the eligibility questions."
        ),
    )
