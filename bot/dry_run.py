"""What a run of the jobs would send, without sending or writing anything (the dry run the CLI
prints and coordinators preview from Home)."""

from __future__ import annotations

from datetime import datetime

from bot.outbox.render import Renderer
from bot.people import People
from handlers.reminders.plan import would_send
from storage.unit_of_work import UnitOfWorkFactory


def dry_run(uow_factory: UnitOfWorkFactory, people: People, now: datetime) -> list[str]:
    """What a run at ``now`` would send, one line each; nothing is sent or written."""
    render, lines = Renderer(uow_factory, people), []
    for message in would_send(uow_factory, now):
        try:
            send = render(message, now)
        except Exception as exc:  # say so, as the real run would record it
            lines.append(f"could not write {message.reason} for {message.recipient}: {exc}")
            continue
        if send is not None:
            text = getattr(send, "text", "") or type(send).__name__
            lines.append(f"would send to {message.recipient} ({message.reason}): {text[:120]}")
    count = sum(line.startswith("would send") for line in lines)
    lines.append(f"{count} message{'' if count == 1 else 's'} would be sent.")
    return lines
