"""A person's Home tab, from fresh reads of everything their roles call for."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import partial
from typing import Any

from bot.accounts.blocks import erase_home_blocks
from bot.accreditation.blocks.home import everyone_blocks, my_accreditation_blocks
from bot.circles.home_blocks import circles_home_blocks
from bot.group_sessions.blocks import group_home_blocks
from bot.home.blocks import home_view, looks_blocks
from bot.leave.blocks import leave_home_blocks
from bot.networks.channel_blocks import my_channel_blocks
from bot.outbox.sends import Publish, Send
from bot.outbox.sources import Sources, Writer
from domain.kernel.outbox import KernelReason, Message, Reason
from domain.kernel.people import Actor
from handlers.accreditation.views import everyone, my_accreditation
from handlers.circles.views import circles_home
from handlers.group_sessions.reads import group_home
from handlers.kernel.looks import shown, who_looked
from handlers.leave.leave import my_leave
from handlers.networks.cohort_channels import my_channels
from handlers.nominations.queries import overview, undelivered
from handlers.supervision.entries import my_record
from handlers.supervision.facilitators import facilitators_page
from storage.unit_of_work import UnitOfWorkFactory

FAILURES_SHOWN_FOR = timedelta(days=14)


def home_for(actor: Actor, uow_factory: UnitOfWorkFactory, now: datetime) -> dict[str, Any]:
    reading = partial(uow_factory, read_only=True)
    mine = overview(actor, uow_factory(read_only=True), now)
    record = my_record(actor, uow_factory(read_only=True), now)
    accredited = my_accreditation(actor, uow_factory(read_only=True), now)
    extra = group_home_blocks(group_home(actor, uow_factory(read_only=True), now), now)
    extra += circles_home_blocks(circles_home(actor, uow_factory(read_only=True), now))
    extra = my_channel_blocks(my_channels(actor, uow_factory(read_only=True))) + extra
    extra += my_accreditation_blocks(accredited, record.catalogue)
    away = my_leave(actor, uow_factory(read_only=True), now)
    if record.standing or away.leave:  # those who are chased (or have leave booked)
        extra = leave_home_blocks(away) + extra
    extra += looks_blocks(who_looked(actor, uow_factory(read_only=True)))
    nominees = [n.nominee_id for panel in mine.leading for n in panel.nominations]
    looked = partial(shown, actor.user_id, read=reading, write=uow_factory.patient, now=now)
    looked(nominees, "your ICS's nominations on Home")
    if not mine.coordinating:
        return home_view(mine, record, accreditation=extra)
    people = facilitators_page(actor, uow_factory(read_only=True), now)
    listed = [f.user_id for f in people.people]
    looked(listed, "the list of facilitators on Home")
    failures = undelivered(actor, uow_factory(read_only=True), now - FAILURES_SHOWN_FOR)
    if record.catalogue.pathways or record.catalogue.log_types:
        extra += everyone_blocks(everyone(actor, uow_factory(read_only=True)), record.catalogue)
    extra += erase_home_blocks()
    return home_view(mine, record, people, failures, accreditation=extra)


def _home(message: Message, actor: Actor, sources: Sources, now: datetime) -> Send:
    return Publish(message.recipient, home_for(actor, sources.uow_factory, now))


WRITERS: dict[Reason, Writer] = {KernelReason.HOME: _home}
