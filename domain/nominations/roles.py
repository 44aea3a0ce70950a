"""Who may do what to a nomination: ICS leads nominate, nominees answer for themselves (the
coordinators' own rule is the kernel's: domain/kernel/roles.py)."""

from __future__ import annotations

from domain.kernel.errors import NotAllowed
from domain.kernel.people import Actor
from domain.kernel.programme import Ics, Programme
from domain.nominations.nomination import Nomination


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
