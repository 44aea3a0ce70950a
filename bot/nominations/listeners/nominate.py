"""/nominate: help, status, export and the nomination form (also Home's Nominate button)."""

from __future__ import annotations

from slack_bolt import App

from bot.kernel import forms
from bot.kernel.door import Door
from bot.kernel.ids import Field
from bot.kernel.replies import Text
from bot.nominations.ids import Action, Block, View
from domain.kernel.people import Actor
from handlers.exports.commands import ExportCoordinated
from handlers.nominations.commands import AskHelp, AskStatus, AskToNominate, Nominate

EXPORTS = {(): "csv", ("csv",): "csv", ("excel",): "xlsx", ("xlsx",): "xlsx"}


def register(app: App) -> None:
    app.command("/nominate")(handle_nominate_command)
    app.view(View.NOMINATE)(handle_nominate_submission)
    app.action(Action.HOME_NOMINATE)(handle_home_nominate_action)


def handle_nominate_command(command: dict, actor: Actor, door: Door) -> None:
    """`/nominate [help | status | export [csv | excel] | @someone]`: help, status and the
    export answer at once, otherwise the form opens."""
    words = (command.get("text") or "").strip()
    said = words.lower().split()
    if words.lower() in ("help", "?", "-h", "--help"):
        door.submit(AskHelp(actor=actor))
    elif said[:1] == ["export"]:  # written before the ack, which says so
        export = EXPORTS.get(tuple(said[1:]))
        if export is None:
            door.reply(Text("Try `/nominate export` (CSV) or `/nominate export excel`."))
            return
        trigger = str(command.get("trigger_id") or "")[:100]
        door.submit(ExportCoordinated(actor=actor, request_id=trigger, format=export))
    elif said == ["status"]:
        door.submit(AskStatus(actor=actor))
    elif words and forms.mentioned_user(words) is None:
        door.reply(
            Text(f"I didn't recognise `{words}`. Try `/nominate @name`, or `/nominate help`.")
        )
    else:
        door.submit(AskToNominate(actor=actor, nominee_id=forms.mentioned_user(words)))


def handle_home_nominate_action(actor: Actor, door: Door) -> None:
    """The Home tab's Nominate button opens the same form."""
    door.submit(AskToNominate(actor=actor))


def handle_nominate_submission(view: dict, actor: Actor, door: Door) -> None:
    """Nominate: checked against the rules as it is stored, with the others arriving at the
    same moment (what is wrong shows in the form); made right after the ack (a rule that
    refuses it by then is told to the lead)."""
    programme = forms.metadata(view).get("programme") or forms.selected(view, Block.PROGRAMME)
    cmd = forms.command(
        Nominate,
        FIELDS,
        actor=actor,
        programme_key=programme if isinstance(programme, str) else "",
        nominee_id=forms.selected(view, Block.NOMINEE) or "",
        ics_key=forms.selected(view, Field.ICS) or "",
        note=forms.typed(view, Block.NOTE),
        organisation=forms.typed(view, Block.ORGANISATION),
        sponsor=forms.selected(view, Block.SPONSOR),
    )
    door.submit(cmd)


FIELDS = {
    "organisation": Block.ORGANISATION,
    "sponsor": Block.SPONSOR,
    "nominee_id": Block.NOMINEE,
    "ics_key": Field.ICS,
    "programme_key": Block.PROGRAMME,
    "note": Block.NOTE,
}
