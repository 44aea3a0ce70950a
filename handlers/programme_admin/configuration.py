"""Bring the database in line with the configuration file, refusing changes that break live data."""

from __future__ import annotations

from datetime import datetime

from domain.kernel.errors import ConfigConflict
from domain.kernel.programme import Ics, Programme
from domain.nominations.nomination import Status
from domain.programme_admin.configuration import Configuration
from domain.programme_admin.events import CohortRescheduled
from domain.programme_admin.programme_changes import breaking_changes
from handlers.kernel.announce import announce
from handlers.kernel.reactions import PlacesAdded, react
from handlers.programme_admin.ports import UnitOfWork


def sync_configuration(
    config: Configuration,
    uow: UnitOfWork,
    now: datetime,
    file_hash: str | None = None,
    force: bool = False,
) -> list[str]:
    """Apply ``config`` idempotently and say what changed; ConfigConflict lists any problems.

    ``file_hash``: the programme file's, when it comes from one. The database is the live
    state: a file is applied only when it changed since it was last applied, and not at all
    (unless ``force``) if coordinators changed programmes in Slack since then, which
    applying it would undo."""
    with uow:
        if file_hash is not None and not _file_wins(uow, file_hash, force):
            return []
        current = {p.key: p for p in uow.programmes.list()}
        current_ics = {i.key: i for i in uow.ics.list()}
        problems: list[str] = []
        for programme in config.programmes:
            if programme.key in current:
                uow.programmes.lock(programme.key)
                found = live_conflicts(uow, current[programme.key], programme)
                problems += [f"{programme.key} ({where}): {why}" for where, why in found.items()]
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
        if file_hash is not None:
            uow.applied_files.record(file_hash, now)
        uow.commit()
        return changes


def current_configuration(uow: UnitOfWork) -> Configuration:
    """The database's programmes, ICSs and catalogue, as one configuration (for export)."""
    with uow:
        catalogue = uow.catalogue.get()
        return Configuration(
            programmes=tuple(uow.programmes.list()),
            ics=tuple(uow.ics.list()),
            log_types=catalogue.log_types,
            roles=catalogue.roles,
            requirements=catalogue.requirements,
            reminders=catalogue.reminders,
            pathways=catalogue.pathways,
            mentoring=catalogue.mentoring,
            session_kinds=catalogue.session_kinds,
            circle_topics=catalogue.circle_topics,
        )


def adopt_file(uow: UnitOfWork, file_hash: str, now: datetime) -> None:
    """The programme file now says what the database holds (it was just exported to it)."""
    with uow:
        uow.applied_files.record(file_hash, now)
        uow.commit()


def _file_wins(uow: UnitOfWork, file_hash: str, force: bool) -> bool:
    """Whether to apply the file: it changed, and nothing changed in Slack meanwhile."""
    last = uow.applied_files.last()
    if last is None or force:
        return True
    if last[0] == file_hash:
        return False  # the same file: what coordinators changed in Slack stands
    edits = uow.audit.edits_since(last[1])
    if edits:
        who, what, when = edits[-1]
        raise ConfigConflict(
            f"The programme file changed, but coordinators have also changed programmes, ICSs "
            f"or accreditation settings in Slack since it was last applied ({len(edits)} "
            f"change(s), the latest: {what}, by {who} on {when:%-d %b %Y %H:%M} UTC); "
            "applying it would undo them. Run "
            "`cascade config export PROGRAMME_FILE` to write the current state to it, make "
            "your edits there, and start again; or `cascade config sync --force` to let the "
            "file win."
        )
    return True


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
        dropped = was.sessions[len(cohort.sessions) :]
        announce(uow, now, CohortRescheduled(new, cohort.key, revision, participants, dropped))
        told = len(participants)
        changes.append(
            f"rescheduled cohort {new.key}/{cohort.key}: "
            f"{told} participant{'' if told == 1 else 's'} and their leads told"
        )
    return changes


def _offer_added_places(uow: UnitOfWork, programme: Programme, now: datetime) -> list[str]:
    offers = react(uow, now, PlacesAdded(programme))
    announce(uow, now, *offers)
    if not offers:
        return []
    return [f"{programme.key}: {len(offers)} added place(s) offered to the waitlist"]


def _apply(
    uow: UnitOfWork,
    config: Configuration,
    current: dict[str, Programme],
    current_ics: dict[str, Ics],
    now: datetime,
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
