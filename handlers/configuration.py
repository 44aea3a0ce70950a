"""Bring the database in line with the configuration file, refusing changes that break live data."""

from __future__ import annotations

from datetime import datetime

from domain.configuration import Configuration
from domain.errors import ConfigConflict
from domain.events import CohortRescheduled
from domain.nomination import Status
from domain.programme import Programme
from domain.programme_changes import breaking_changes
from handlers.announce import announce
from handlers.nominations import offer_added_places
from handlers.ports import UnitOfWork


def sync_configuration(config: Configuration, uow: UnitOfWork, now: datetime) -> list[str]:
    """Apply ``config`` idempotently and say what changed; ConfigConflict lists any problems."""
    with uow:
        current = {p.key: p for p in uow.programmes.list()}
        current_ics = {i.key: i for i in uow.ics.list()}
        problems: list[str] = []
        for programme in config.programmes:
            if programme.key in current:
                uow.programmes.lock(programme.key)
                problems += live_conflicts(uow, current[programme.key], programme).values()
        wanted_programmes = {p.key for p in config.programmes}
        for key in current.keys() - wanted_programmes:
            if uow.nominations.list(key):
                problems.append(f"programme {key!r} has nominations, so it cannot be removed")
        wanted_ics = {i.key for i in config.ics}
        for key in current_ics.keys() - wanted_ics:
            if uow.nominations.list(ics_key=key):
                problems.append(f"ICS {key!r} has nominations, so it cannot be removed")
        if problems:
            raise ConfigConflict("The configuration was not applied: " + "; ".join(problems) + ".")
        changes = _apply(uow, config, current, current_ics, now)
        for change in changes:
            uow.audit.note("cascade", "configuration", change, now)
        uow.commit()
        return changes


def live_conflicts(uow: UnitOfWork, old: Programme, new: Programme) -> dict[str, str]:
    """What replacing ``old`` by ``new`` would break, by setting (see ``breaking_changes``)."""
    most = max(uow.nominations.count_active_by_ics(old.key).values(), default=0)
    new_keys = {co.key for co in new.cohorts}
    referenced = {
        co.key
        for co in old.cohorts
        if co.key not in new_keys and uow.nominations.referencing_cohort(old.key, co.key)
    }
    held = uow.nominations.count_holding_place(old.key)
    return breaking_changes(old, new, held, most, referenced)


def tell_rescheduled(uow: UnitOfWork, old: Programme, new: Programme, now: datetime) -> list[str]:
    """Cohorts whose sessions or joining details changed: everyone with a place hears."""
    before = {co.key: co for co in old.cohorts}
    changes = []
    for cohort in new.cohorts:
        was = before.get(cohort.key)
        if was is None or (was.sessions, was.joining) == (cohort.sessions, cohort.joining):
            continue
        revision = uow.programmes.rescheduled(new.key, cohort.key)
        confirmed = uow.nominations.list(new.key, statuses=frozenset({Status.CONFIRMED}))
        participants = tuple(n for n in confirmed if n.cohort_key == cohort.key)
        announce(uow, now, CohortRescheduled(new, cohort.key, revision, participants))
        told = len(participants)
        changes.append(
            f"rescheduled cohort {new.key}/{cohort.key}: "
            f"{told} participant{'' if told == 1 else 's'} and their leads told"
        )
    return changes


def _offer_added_places(uow: UnitOfWork, programme: Programme, now: datetime) -> list[str]:
    offers = offer_added_places(uow, programme, now)
    announce(uow, now, *offers)
    if not offers:
        return []
    return [f"{programme.key}: {len(offers)} added place(s) offered to the waitlist"]


def _apply(
    uow: UnitOfWork, config: Configuration, current: dict, current_ics: dict, now: datetime
) -> list[str]:
    changes: list[str] = []
    for ics in config.ics:
        if current_ics.get(ics.key) != ics:
            uow.ics.save(ics)
            changes.append(f"{'updated' if ics.key in current_ics else 'added'} ICS {ics.key}")
    for programme in config.programmes:
        old = current.get(programme.key)
        if old == programme:
            continue
        if old is not None:
            for gone in {co.key for co in old.cohorts} - {co.key for co in programme.cohorts}:
                uow.programmes.remove_cohort(programme.key, gone)
                changes.append(f"removed cohort {programme.key}/{gone}")
        uow.programmes.save(programme)
        changes.append(f"{'updated' if old else 'added'} programme {programme.key}")
        if old is not None:
            changes += tell_rescheduled(uow, old, programme, now)
            changes += _offer_added_places(uow, programme, now)
    if uow.catalogue.get() != config.catalogue:
        uow.catalogue.save(config.catalogue)
        changes.append("updated log types, roles and requirements")
    for key in current.keys() - {p.key for p in config.programmes}:
        uow.programmes.remove(key)
        changes.append(f"removed programme {key}")
    for key in current_ics.keys() - {i.key for i in config.ics}:
        uow.ics.remove(key)
        changes.append(f"removed ICS {key}")
    return changes
