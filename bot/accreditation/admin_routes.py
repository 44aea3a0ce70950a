"""How the coordinators' accreditation commands from Home are carried out and answered:
mentoring pairs, the export, the pathways' and roles' settings."""

from __future__ import annotations

from typing import Any

from bot.accreditation import forms as accreditation_forms
from bot.accreditation.blocks import admin as admin_blocks
from bot.accreditation.blocks.mentoring import pair_modal
from bot.accreditation.ids import Block
from bot.kernel.blocks import escape, notice_view
from bot.kernel.door import Route, Services, after_ack, before_ack, changes
from bot.kernel.ids import Field
from bot.kernel.replies import Open, Say, Update
from domain.kernel.errors import NotAllowed
from handlers.accreditation.admin import pathway_form, role_holders, save_pathway, save_role_holders
from handlers.accreditation.commands import (
    AskPairForm,
    AskPathwayForm,
    AskRoleHolders,
    EndPair,
    PairMentor,
    SavePathway,
    SaveRoleHolders,
)
from handlers.accreditation.mentoring import end_pair, pair_mentor
from handlers.exports.commands import ExportAccreditation
from handlers.exports.exports import export_accreditation
from handlers.kernel.people import is_coordinator

#: The mentoring form's fields, by the block that holds each.
PAIR_FIELDS = {
    "mentor": Block.MENTOR,
    "mentee": Block.MENTEE,
    "line_manager": Block.LINE_MANAGER,
    "override_reason": Field.REASON,
    "reason": Field.REASON,
}


# --- mentoring --------------------------------------------------------------------------------
def _may_pair(cmd: AskPairForm, s: Services) -> None:
    with s.uow_factory(read_only=True) as uow:
        if not is_coordinator(cmd.actor, uow):
            raise NotAllowed("Only coordinators can pair mentors with mentees.")


def _paired(_cmd: PairMentor, pair: Any) -> Update:
    done = f"<@{pair.mentor}> now mentors <@{pair.mentee}>. They have both been told."
    return Update(notice_view("Paired", done))


# --- settings: pathways and role holders ------------------------------------------------------
def _pathway_form(cmd: AskPathwayForm, s: Services) -> Any:
    return pathway_form(cmd.actor, cmd.pathway_key, s.uow_factory(read_only=True))


def _role_holders(cmd: AskRoleHolders, s: Services) -> Any:
    return role_holders(cmd.actor, s.uow_factory(read_only=True))


def _pathway_saved(_cmd: SavePathway, saved: Any) -> Update:
    done = f"*{escape(saved.name)}* is saved, with {len(saved.steps)} step(s)."
    return Update(notice_view("Saved", done))


ADMIN_ROUTES: dict[type, Route] = {
    AskPairForm: after_ack(_may_pair, lambda _cmd, _ok: Open(pair_modal())),
    PairMentor: before_ack(changes(pair_mentor), _paired, blocks=PAIR_FIELDS, default=Block.MENTOR),
    EndPair: before_ack(
        changes(end_pair),
        lambda _cmd, p: Say(f"The pair <@{p.mentor}> – <@{p.mentee}> has ended."),
    ),
    ExportAccreditation: before_ack(changes(export_accreditation)),  # the file goes by DM
    AskPathwayForm: after_ack(
        _pathway_form, lambda _cmd, found: Open(admin_blocks.pathway_modal(found))
    ),
    AskRoleHolders: after_ack(
        _role_holders, lambda _cmd, held: Open(admin_blocks.role_modal(held))
    ),
    SavePathway: before_ack(
        changes(save_pathway),
        _pathway_saved,
        explain=lambda refused, _view: accreditation_forms.beside(refused),
    ),
    SaveRoleHolders: before_ack(
        changes(save_role_holders),
        lambda _cmd, changed: Update(notice_view("Saved", admin_blocks.saved_roles_text(changed))),
    ),
}
