"""Mentoring pairs: coordinators pair mentors with mentees; quiet pairs are nudged."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from domain.accreditation import events as e
from domain.accreditation.mentoring import Pair, check_pair, ensure_can_end, quiet_since
from domain.accreditation.reasons import AccreditationReason
from domain.kernel.errors import NotAllowed
from domain.kernel.outbox import Message
from domain.kernel.people import Actor, is_erased
from domain.kernel.reminders import ReminderPolicy
from handlers.accreditation.commands import EndPair, PairMentor
from handlers.accreditation.ports import UnitOfWork
from handlers.kernel.announce import announce
from handlers.kernel.people import is_coordinator


@dataclass(frozen=True)
class PairNow:
    """A pair and the day they last met (None: not yet)."""

    pair: Pair
    last_session: date | None


def pair_mentor(cmd: PairMentor, uow: UnitOfWork, now: datetime) -> Pair:
    """Pair a mentor with a mentee, within the mentor's capacity and never (without a
    recorded reason) with the mentee's own line manager."""
    with uow:
        _require_coordinator(cmd.actor, uow)
        policy = uow.catalogue.get().mentoring
        uow.pairs.lock_mentor(cmd.mentor)
        load = uow.pairs.active(mentor=cmd.mentor)
        pair = Pair(
            cmd.mentor,
            cmd.mentee,
            cmd.actor.user_id,
            now,
            line_manager=cmd.line_manager,
            override_reason=cmd.override_reason.strip(),
        )
        known = uow.entries.latest_with("line-manager").get(cmd.mentee)
        already = any(p.mentee == cmd.mentee for p in load)
        check_pair(pair, known, len(load), already, policy.capacity)
        stored = uow.pairs.add(pair)
        detail = f"{cmd.mentor} mentors {cmd.mentee}"
        if pair.override_reason:
            detail += f"; paired although the mentor is the line manager: {pair.override_reason}"
        uow.audit.note(cmd.actor.user_id, f"pair:{stored.id}", "paired", now, detail)
        announce(uow, now, e.MentorPaired(stored))
        uow.commit()
        return stored


def end_pair(cmd: EndPair, uow: UnitOfWork, now: datetime) -> Pair:
    """End a pair (the mentor, the mentee or a coordinator)."""
    with uow:
        pair = uow.pairs.get(cmd.pair_id)
        ensure_can_end(pair, cmd.actor.user_id, is_coordinator(cmd.actor, uow))
        uow.pairs.end(cmd.pair_id, now)
        uow.audit.note(cmd.actor.user_id, f"pair:{pair.id}", "ended", now)
        announce(uow, now, e.PairEnded(pair, cmd.actor.user_id))
        uow.commit()
        return pair


def pairs_now(uow: UnitOfWork, person: str | None = None) -> list[PairNow]:
    """Active pairs (all, or those ``person`` is in) and when each last met."""
    policy = uow.catalogue.get().mentoring
    pairs = list(uow.pairs.active())
    if person is not None:
        pairs = [p for p in pairs if person in (p.mentor, p.mentee)]
    met = uow.entries.latest_between(policy.session_types) if pairs else {}
    return [PairNow(p, _last(met, p)) for p in pairs]


def _last(met: dict[tuple[str, str], date], pair: Pair) -> date | None:
    days = [
        d for k in ((pair.mentor, pair.mentee), (pair.mentee, pair.mentor)) if (d := met.get(k))
    ]
    return max(days, default=None)


def mentoring_nudges(uow: UnitOfWork, now: datetime) -> Iterator[Message]:
    """Both people of a pair with no session for ``nudge_after_days`` are nudged, once per
    quiet stretch (a session logged starts a new one)."""
    wait = uow.catalogue.get().mentoring.nudge_after_days
    for known in pairs_now(uow):
        since = quiet_since(known.pair, known.last_session)
        if now.date() - since < timedelta(days=wait):
            continue
        payload = {"pair": known.pair.id, "since": since.isoformat()}
        for person in (known.pair.mentor, known.pair.mentee):
            if not is_erased(person):
                subject = f"pair:{known.pair.id}"
                yield Message(
                    person, AccreditationReason.MENTORING_NUDGE, subject, str(since), now, payload
                )


def _require_coordinator(actor: Actor, uow: UnitOfWork) -> None:
    if not is_coordinator(actor, uow):
        raise NotAllowed("Only coordinators can pair mentors with mentees.")


def mentoring_chases(
    uow: UnitOfWork,
    policy: ReminderPolicy,
    now: datetime,
    zones: dict[str, str],
    reminded: dict[tuple[str, str], set[str]],
) -> Iterator[Message]:
    """``mentoring_nudges``, as the reminder planner calls every feature's chases."""
    return mentoring_nudges(uow, now)
