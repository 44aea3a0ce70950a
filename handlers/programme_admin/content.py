"""Coordinators change a programme's offer from App Home: its description, criteria and
confirmations. Audited like the settings, refused with the reasons when nominees confirmed
what would go; the programme file is then not applied over it (the audit subject is one
`cascade config sync` checks)."""

from __future__ import annotations

from datetime import datetime

from domain.kernel.programme import Programme
from domain.kernel.roles import require_coordinator
from domain.programme_admin.programme_content import keyed_texts, offer_refusals
from handlers.kernel.changes import audit, refuse_breaking, valid
from handlers.programme_admin.commands import EditOffer
from handlers.programme_admin.ports import UnitOfWork


def edit_offer(cmd: EditOffer, uow: UnitOfWork, now: datetime) -> Programme:
    """Change the offer's description, criteria and confirmations."""
    with uow:
        old = uow.programmes.lock(cmd.programme_key)
        require_coordinator(cmd.actor, old)
        new = valid(
            Programme,
            {
                **old.model_dump(),
                "description": cmd.description,
                "criteria": keyed_texts(old.criteria, cmd.criteria, cmd.shown_criteria),
                "confirmations": keyed_texts(
                    old.confirmations, cmd.confirmations, cmd.shown_confirmations
                ),
            },
        )
        confirmed = [n for n in uow.nominations.list(old.key) if n.eligibility_confirmed_at]
        refuse_breaking(offer_refusals(old, new, len(confirmed)))
        if new != old:
            uow.programmes.save(new)
            audit(uow, cmd.actor, f"programme:{new.key}", "edited the offer", old, new, now)
            uow.commit()
        return new
