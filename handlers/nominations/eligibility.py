"""The nominee's part: open the eligibility form, confirm criteria and choose cohorts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from domain.kernel.errors import ProgrammeClosed
from domain.kernel.people import Actor
from domain.kernel.programme import Programme
from domain.nominations import events as e
from domain.nominations.eligibility import check_eligibility
from domain.nominations.preference import Preference
from domain.nominations.roles import require_nominee
from handlers.kernel.announce import announce
from handlers.nominations.commands import ConfirmEligibility
from handlers.nominations.nominate import Outcome
from handlers.nominations.ports import UnitOfWork


def start_eligibility(
    actor: Actor,
    nomination_id: int,
    uow: UnitOfWork,
    now: datetime,
    programme_of: Callable[[str], Programme | None] | None = None,
) -> Outcome:
    """Before showing the form: only the nominee, while it is awaited and a cohort is left
    (``programme_of``: the programme as read a moment ago, if the caller holds it)."""
    with uow:
        nomination = uow.nominations.get(nomination_id)
        require_nominee(actor, nomination)
        nomination.ensure_can("confirm_eligibility")
        programme = (programme_of and programme_of(nomination.programme_key)) or (
            uow.programmes.get(nomination.programme_key)
        )
        if not programme.upcoming_cohorts(now):
            raise ProgrammeClosed(
                f"Every cohort of {programme.name} has already started, so there is no cohort "
                "left to choose. Please contact the coordinator about future dates."
            )
        return Outcome(nomination, programme, uow.ics.get(nomination.ics_key))


def check_form(cmd: ConfirmEligibility, programme: Programme, now: datetime) -> Preference:
    """What the form alone can be checked for: every statement ticked, cohorts still open."""
    check_eligibility(programme, cmd.criteria, cmd.confirmations)
    upcoming = programme.upcoming_cohorts(now)
    return Preference.choose(cmd.first_choice, cmd.second_choice, cmd.either, upcoming)


def confirm_eligibility(cmd: ConfirmEligibility, uow: UnitOfWork, now: datetime) -> Outcome:
    """The nominee confirms every criterion and chooses cohorts; the nomination awaits review."""
    with uow:
        nomination = uow.nominations.lock(cmd.nomination_id)
        programme = uow.programmes.get(nomination.programme_key)
        require_nominee(cmd.actor, nomination)
        nomination.ensure_can("confirm_eligibility")
        preference = check_form(cmd, programme, now)
        nomination.record_eligibility(preference, now)
        uow.nominations.save(nomination)
        announce(uow, now, e.EligibilityConfirmed(nomination, programme, cmd.actor.user_id))
        ics = uow.ics.get(nomination.ics_key)  # read before the commit: one transaction
        uow.commit()
        return Outcome(nomination, programme, ics)
