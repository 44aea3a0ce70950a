"""How each programme admin command is carried out (before the ack, or right after it: the
forms open after their checks) and what the coordinator is shown."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.kernel.blocks import notice_view
from bot.kernel.door import Route, Services, after_ack, before_ack, changes
from bot.kernel.ids import Field
from bot.kernel.replies import Open, Update
from bot.nominations.blocks.interest import share_modal
from bot.programme_admin import content_forms, policy_forms
from bot.programme_admin.admin_forms import BLOCKS
from bot.programme_admin.audit_blocks import audit_modal
from bot.programme_admin.blocks import (
    copy_modal,
    ics_modal,
    opened_text,
    pick_ics_modal,
    settings_modal,
)
from bot.programme_admin.catalogue_rows import catalogue_modal
from bot.programme_admin.cohort_blocks import cancel_modal, cancelled_text, cohort_modal
from bot.programme_admin.content_blocks import offer_modal
from bot.programme_admin.ids import Block
from bot.programme_admin.policy_blocks import POLICIES, policy_modal
from domain.kernel.errors import DomainError
from domain.kernel.programme import Ics, Programme
from handlers.programme_admin.audit_log import audit_page
from handlers.programme_admin.catalogue import catalogue_form, edit_catalogue
from handlers.programme_admin.cohorts import cancel_cohort, cancel_form, cohort_form, save_cohort
from handlers.programme_admin.commands import (
    AskCancelCohort,
    AskCatalogueForm,
    AskCohortForm,
    AskIcsForm,
    AskPolicyForm,
    AskProgrammeForm,
    CancelCohort,
    CopyProgramme,
    EditCatalogue,
    EditOffer,
    EditPolicy,
    EditProgramme,
    OpenAuditLog,
    PickIcs,
    ReadAuditLog,
    SaveCohort,
    SaveIcs,
    TurnAuditPage,
)
from handlers.programme_admin.content import edit_offer
from handlers.programme_admin.policy import edit_policy
from handlers.programme_admin.programmes import (
    coordinated,
    copy_programme,
    edit_programme,
    ics_form,
    save_ics,
)

#: A programme's forms opened from its Home buttons, by the form asked for.
_FORMS: dict[str, Callable[[Programme], dict[str, Any]]] = {
    "settings": settings_modal,
    "copy": copy_modal,
    "cohort": lambda programme: cohort_modal(programme, None),
    "share": share_modal,
    "offer": offer_modal,
}


def _saved(title: str, text: Callable[[Any, Any], str]) -> Callable[[Any, Any], Update]:
    """The submitted form replaced by a notice saying what was done."""
    return lambda cmd, done: Update(notice_view(title, text(cmd, done)))


def _opens(form: Callable[[Any, Any], dict[str, Any]]) -> Callable[[Any, Any], Open]:
    return lambda cmd, found: Open(form(cmd, found))


# --- the checks before a form opens (the coordinator's rights, the item still there) ---------
def _programme(cmd: AskProgrammeForm, s: Services) -> Programme:
    return coordinated(cmd.actor, cmd.programme_key, s.uow_factory(read_only=True))


def _icss(cmd: AskIcsForm | PickIcs, s: Services) -> list[Ics]:
    return ics_form(cmd.actor, s.uow_factory(read_only=True))


def _ics_to_edit(cmd: PickIcs, s: Services) -> Ics | None:
    """The ICS chosen (None: a new one), from those the coordinator may change."""
    known = {ics.key: ics for ics in _icss(cmd, s)}
    if cmd.ics_key != "new" and cmd.ics_key not in known:
        raise DomainError("Please choose an ICS from the list.", field=Field.ICS)
    return known.get(cmd.ics_key)


def _cohort(cmd: AskCohortForm, s: Services) -> Any:
    return cohort_form(cmd.actor, cmd.programme_key, cmd.cohort_key, s.uow_factory(read_only=True))


def _cancelling(cmd: AskCancelCohort, s: Services) -> Any:
    uow = s.uow_factory(read_only=True)
    return cancel_form(cmd.actor, cmd.programme_key, cmd.cohort_key, uow, s.clock())


def _catalogue(cmd: AskCatalogueForm | AskPolicyForm, s: Services) -> Any:
    return catalogue_form(cmd.actor, cmd.programme_key, s.uow_factory(read_only=True))


def _audit(cmd: ReadAuditLog, s: Services) -> Any:
    return audit_page(cmd.actor, cmd.query, s.uow_factory(read_only=True))


def _audit_beside_programme(refused: DomainError, _view: dict[str, Any]) -> dict[str, str]:
    return {Block.AUDIT_PROGRAMME: refused.message}


PROGRAMME_ADMIN_ROUTES: dict[type, Route] = {
    # Forms opened from Home, once the coordinator may (else they are told why).
    AskProgrammeForm: after_ack(_programme, _opens(lambda cmd, p: _FORMS[cmd.form](p))),
    AskIcsForm: after_ack(_icss, _opens(lambda _cmd, icss: pick_ics_modal(icss))),
    AskCohortForm: after_ack(_cohort, _opens(lambda _cmd, found: cohort_modal(*found))),
    AskCancelCohort: after_ack(_cancelling, _opens(lambda _cmd, form: cancel_modal(form))),
    AskCatalogueForm: after_ack(_catalogue, _opens(lambda cmd, f: catalogue_modal(f, cmd.part))),
    AskPolicyForm: after_ack(_catalogue, _opens(lambda cmd, f: policy_modal(f, cmd.policy))),
    OpenAuditLog: after_ack(_audit, _opens(lambda _cmd, page: audit_modal(page))),
    TurnAuditPage: after_ack(_audit, lambda _cmd, page: Update(audit_modal(page))),
    # Forms submitted: changed while Slack waits; a refusal shows beside its setting.
    PickIcs: before_ack(_ics_to_edit, lambda _cmd, ics: Update(ics_modal(ics)), default=Field.ICS),
    ReadAuditLog: before_ack(
        _audit, lambda _cmd, page: Update(audit_modal(page)), explain=_audit_beside_programme
    ),
    EditProgramme: before_ack(
        changes(edit_programme),
        _saved("Saved", lambda _cmd, p: f"The settings of *{p.name}* are saved."),
        blocks=BLOCKS,
        default=Field.NAME,
    ),
    CopyProgramme: before_ack(
        changes(copy_programme),
        _saved("Intake opened", lambda _cmd, p: opened_text(p)),
        blocks=BLOCKS,
        default=Field.NAME,
    ),
    SaveIcs: before_ack(
        changes(save_ics),
        _saved("Saved", lambda _cmd, ics: f"*{ics.name}* is saved."),
        blocks=BLOCKS,
        default=Field.NAME,
    ),
    SaveCohort: before_ack(
        changes(save_cohort),
        _saved("Saved", lambda _cmd, done: f"*{done[1].name}* is saved."),
        blocks=BLOCKS,
        default=Block.COHORT_NAME,
    ),
    CancelCohort: before_ack(
        changes(cancel_cohort),
        _saved("Cancelled", lambda _cmd, done: cancelled_text(*done)),
        blocks=BLOCKS,
        default=Block.THEN,
    ),
    EditOffer: before_ack(
        changes(edit_offer),
        _saved("Saved", lambda _cmd, p: f"The offer of *{p.name}* is saved."),
        explain=content_forms.errors,
    ),
    EditCatalogue: before_ack(
        changes(edit_catalogue),
        _saved("Saved", lambda _cmd, _done: "Saved: it applies to every programme from now on."),
        explain=content_forms.errors,
    ),
    EditPolicy: before_ack(
        changes(edit_policy),
        _saved("Saved", lambda cmd, _done: f"The {POLICIES[cmd.policy].title.lower()} is saved."),
        explain=policy_forms.errors,
    ),
}
