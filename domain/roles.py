"""Who may do what: coordinators decide, ICS leads nominate, nominees answer for themselves."""

from __future__ import annotations

from domain.errors import NotAllowed
from domain.nomination import Nomination
from domain.people import Actor
from domain.programme import Ics, Programme


def require_coordinator(actor: Actor, programme: Programme) -> None:
    if not programme.is_coordinator(actor):
        raise NotAllowed(f"Only the coordinators of {programme.name} can do that.")


def require_can_nominate(actor: Actor, programme: Programme, ics: Ics) -> None:
    if not (ics.is_led_by(actor) or programme.is_coordinator(actor)):
        raise NotAllowed(
            f"You are not a lead for {ics.name}, so you cannot nominate on its behalf.",
            field="ics",
        )


def require_nominee(actor: Actor, nomination: Nomination) -> None:
    if actor.user_id != nomination.nominee_id:
        raise NotAllowed("Only the person nominated can confirm their eligibility.")


def require_can_withdraw(
    actor: Actor, nomination: Nomination, programme: Programme, ics: Ics
) -> None:
    if actor.user_id == nomination.nominee_id:
        return
    if ics.is_led_by(actor) or programme.is_coordinator(actor):
        return
    raise NotAllowed("Only the nominee, a lead of their ICS or a coordinator can withdraw this.")
