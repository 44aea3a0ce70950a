"""/nominate: help, status, and the nomination form."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot import forms
from bot.after_ack import AfterAck
from bot.blocks.home import home_view
from bot.blocks.nominate import help_text, no_ics_message, nominate_modal, nominated_view
from bot.ids import Action, Block, View
from bot.intake import Intake
from bot.kernel.door import store
from bot.people import People
from bot.programmes import Programmes
from bot.replies import tell
from bot.runtime import Clock
from bot.trigger import TriggerExpired, open_view
from domain.kernel.errors import DomainError, NotFound
from domain.kernel.people import Actor
from domain.kernel.programme import Programme
from domain.nominations.nomination import NOT_AN_APP
from handlers.exports.commands import ExportCoordinated
from handlers.exports.exports import export_coordinated
from handlers.nominations.commands import Nominate
from handlers.nominations.nominate import Nominating
from handlers.nominations.queries import choices_among, open_programmes, overview
from storage.unit_of_work import UnitOfWorkFactory


def register(app: App) -> None:
    app.command("/nominate")(handle_nominate_command)
    app.view(View.NOMINATE)(handle_nominate_submission)
    app.action(Action.HOME_NOMINATE)(handle_home_nominate_action)


def handle_nominate_command(
    ack: Ack,
    command: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    respond: Respond,
    after_ack: AfterAck,
    programmes: Programmes,
) -> None:
    """`/nominate [help | status | @someone]`: help and status at once, otherwise the form."""
    words = (command.get("text") or "").strip()
    if words.lower() in ("help", "?", "-h", "--help"):
        ack(text=help_text(_open_programmes(uow_factory, clock)))
        return
    if words.lower().split()[:1] == ["export"]:  # written before the ack, which says so
        ack(text=_export(words.lower().split()[1:], command, actor, uow_factory, clock))
        return
    if words.lower() == "status":
        view = home_view(overview(actor, uow_factory(read_only=True)))
        ack(text="Where your nominations stand", blocks=view["blocks"][:50])
        return
    nominee = forms.mentioned_user(words) if words else None
    if words and nominee is None:
        ack(text=f"I didn't recognise `{words}`. Try `/nominate @name`, or `/nominate help`.")
        return
    ack()

    def form() -> None:
        message = open_form(client, command, actor, programmes, uow_factory, clock, nominee)
        if message:
            respond(text=message, response_type="ephemeral")

    after_ack.run(command, client, form)


def _export(
    options: list[str], command: dict, actor: Actor, uow_factory: UnitOfWorkFactory, clock: Clock
) -> str:
    """`/nominate export [csv | excel]`: each programme the person coordinates, in their DM."""
    if options not in ([], ["csv"], ["excel"], ["xlsx"]):
        return "Try `/nominate export` (CSV) or `/nominate export excel`."
    cmd = ExportCoordinated(
        actor=actor,
        request_id=str(command.get("trigger_id") or "")[:100],
        format="csv" if options in ([], ["csv"]) else "xlsx",
    )
    try:
        names = export_coordinated(cmd, uow_factory(), clock())
    except DomainError as refused:
        return refused.message
    return f"The nominations for {', '.join(names)} are on their way to your DMs."


def _open_programmes(uow_factory: UnitOfWorkFactory, clock: Clock) -> list[Programme]:
    """For the help's contacts; help still answers when the database is away."""
    try:
        return open_programmes(uow_factory(read_only=True), clock())
    except DomainError:
        return []


def open_form(
    client: WebClient,
    request: dict,
    actor: Actor,
    known: Programmes,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    nominee: str | None = None,
) -> str | None:
    """Open the nomination modal, or say why not: the programmes as they are now (one may
    have closed a moment ago), the ICSs and their leads as read a moment ago."""
    now_open = open_programmes(uow_factory(read_only=True), clock())
    programmes, ics = choices_among(actor, now_open, known.every()[1], clock())
    if not programmes:
        return "No programme is taking nominations at the moment."
    if not ics:
        return no_ics_message(programmes)
    form = nominate_modal(programmes, ics, nominee=nominee)
    try:
        open_view(client, request, form, instead=TOO_SLOW)
    except TriggerExpired as gone:  # said where the form's other refusals are said
        return gone.message
    return None


TOO_SLOW = "Slack took too long to open the form. Please try `/nominate` again."


def handle_home_nominate_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    after_ack: AfterAck,
    programmes: Programmes,
) -> None:
    """The Home tab's Nominate button opens the same form."""
    ack()

    def form() -> None:
        message = open_form(client, body, actor, programmes, uow_factory, clock)
        if message:
            tell(client, body, message)

    after_ack.run(body, client, form)


def handle_nominate_submission(
    ack: Ack,
    body: dict,
    view: dict,
    actor: Actor,
    people: People,
    clock: Clock,
    intake: Intake,
    programmes: Programmes,
) -> None:
    """Check the nomination against the rules as it is stored, with the others arriving at
    the same moment, and show what is wrong where; else it is made right after the ack (a
    rule that refuses it by then is told to the lead)."""
    nominee = forms.selected(view, Block.NOMINEE) or ""
    programme = forms.metadata(view).get("programme") or forms.selected(view, Block.PROGRAMME)
    try:
        cmd = forms.command(
            Nominate,
            FIELDS,
            actor=actor,
            programme_key=programme if isinstance(programme, str) else "",
            nominee_id=nominee,
            ics_key=forms.selected(view, Block.ICS) or "",
            note=forms.typed(view, Block.NOTE),
            organisation=forms.typed(view, Block.ORGANISATION),
            sponsor=forms.selected(view, Block.SPONSOR),
        )
        person = people.remembered(nominee)  # a stranger is looked up after the ack
        if person is not None and person.is_bot:
            raise DomainError(NOT_AN_APP, field=Block.NOMINEE)
        ics = programmes.ics(cmd.ics_key)
        if ics is None:
            raise NotFound("That ICS is no longer in Cascade.", field=Block.ICS)
        checked = store(body, cmd, intake, clock, Nominating(cmd, ics)).checked
    except DomainError as refused:
        ack(response_action="errors", errors={_block_for(refused.field, view): refused.message})
        return
    ack(
        response_action="update",
        view=nominated_view(nominee, checked.programme, checked.ics, checked.used + 1),
    )


FIELDS = {
    "organisation": Block.ORGANISATION,
    "sponsor": Block.SPONSOR,
    "nominee_id": Block.NOMINEE,
    "ics_key": Block.ICS,
    "programme_key": Block.PROGRAMME,
    "note": Block.NOTE,
}


def _block_for(field: str | None, view: dict[str, Any]) -> str:
    blocks = {b.get("block_id") for b in view.get("blocks", [])}
    return field if field is not None and field in blocks else Block.NOMINEE
