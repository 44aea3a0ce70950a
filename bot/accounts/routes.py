"""How an account's change and an erasure are carried out: at once, before the ack."""

from __future__ import annotations

from bot.accounts import blocks
from bot.accounts.ids import Block
from bot.kernel.blocks import notice_view
from bot.kernel.door import Route, Services, after_ack, before_ack, changes
from bot.kernel.replies import Open, Update
from handlers.accounts.accounts import account_changed
from handlers.accounts.commands import AccountChanged, AskErasure, ErasePerson, PreviewErasure
from handlers.accounts.erasure import ErasurePreview, ensure_coordinator, erase, preview_erasure

ERASE_FIELDS = {"person": Block.ERASE_PERSON}


def _checked(cmd: AskErasure, s: Services) -> None:
    ensure_coordinator(cmd, s.uow_factory(read_only=True))


def _preview(cmd: PreviewErasure, s: Services) -> ErasurePreview:
    return preview_erasure(cmd, s.uow_factory(read_only=True))


ACCOUNT_ROUTES: dict[type, Route] = {
    AccountChanged: before_ack(changes(account_changed)),  # the ack is all Slack needs
    AskErasure: after_ack(_checked, lambda _cmd, _none: Open(blocks.pick_modal())),
    PreviewErasure: before_ack(
        _preview,
        lambda _cmd, preview: Update(blocks.confirm_modal(preview)),
        blocks=ERASE_FIELDS,
        default=Block.ERASE_PERSON,
    ),
    ErasePerson: before_ack(
        changes(erase),
        lambda cmd, _alias: Update(notice_view("Erased", blocks.erased_text(cmd.person))),
    ),
}
