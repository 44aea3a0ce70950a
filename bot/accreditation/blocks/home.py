"""The accreditation part of App Home: your pathway, forms to sign, requests to sign off,
your review forms, your mentoring pairs; for coordinators, everyone's progress (what needs
attention first), pending sign-offs and pairs."""

from __future__ import annotations

from collections import Counter

from bot.accreditation.blocks.admin import settings_actions
from bot.accreditation.blocks.mentoring import pair_lines
from bot.accreditation.blocks.pathways import long_day, progress_blocks, status_label
from bot.accreditation.ids import Action
from bot.kernel.blocks import (
    Blocks,
    actions,
    button,
    clip,
    context,
    escape,
    header,
    packed,
    section,
)
from bot.kernel.ids import variant
from domain.accreditation.pathways import Accreditation, Evidence, Progress, Status
from domain.accreditation.peer_review import PeerReview
from domain.accreditation.status import RoleStatus
from domain.programme_admin.catalogue import Catalogue
from handlers.accreditation.views import Everyone, MyAccreditation, Summary

SHOWN = 20  # people listed on Home, what needs attention first; the export has everyone
REVIEWS_SHOWN = 5  # a person's review forms listed on Home, newest first


def my_accreditation_blocks(mine: MyAccreditation, catalogue: Catalogue) -> Blocks:
    if mine.empty:
        return []
    blocks: Blocks = [header("Accreditation")]
    for p in mine.progress:
        blocks += progress_blocks(
            p, mine.signers.get(p.pathway.key, []), mine.accreditations.get(p.pathway.key)
        )
    blocks += [_held_line(r, catalogue) for r in mine.roles]
    for review in mine.to_sign[:5]:
        day = long_day(review.event_date) if review.event_date else "a day not given"
        blocks.append(
            section(
                f"<@{review.assessor}> filled in a peer review form about your event on "
                f"{day}: add your comments and sign it.",
                accessory=button("Open and sign", Action.REVIEW_SIGN_OPEN, str(review.id)),
            )
        )
    for request in mine.asked_of_me[:10]:
        pathway = catalogue.pathway(request.pathway)
        step = pathway.step(request.step)
        value = f"{request.person}:{pathway.key}"
        go = (
            button("Fill in the review form", Action.REVIEW_OPEN, value)
            if step.evidence is Evidence.PEER_REVIEW
            else button("Sign off", Action.SIGN_OFF_OPEN, value)
        )
        blocks.append(
            section(f"<@{request.person}> asks for *{step.name}* ({pathway.name}).", accessory=go)
        )
    blocks += review_list_blocks(mine.reviews)
    if mine.pairs:
        blocks.append(context("*Mentoring*"))
        blocks += pair_lines(mine.pairs)
    return blocks


def everyone_blocks(all_of_them: Everyone, catalogue: Catalogue) -> Blocks:
    """For coordinators: progress at a glance, what waits for a sign-off, the pairs."""
    blocks: Blocks = [header("Accreditation and mentoring")]
    if all_of_them.progress:
        lines = [f"*{summary_line(all_of_them.summary)}*"]
        lines += [_person_line(*row) for row in all_of_them.by_attention[:SHOWN]]
        more = len(all_of_them.progress) - SHOWN
        if more > 0:
            lines.append(f"…and {more} more (in the export)")
        blocks += packed(lines)
    else:
        blocks.append(section("Nobody has started a pathway yet."))
    blocks += roles_blocks(all_of_them.roles_by_attention, catalogue)
    if all_of_them.pending:
        waiting = [
            f"• <@{r.person}> asked for "
            f"{catalogue.pathway(r.pathway).step(r.step).name} on {long_day(r.asked_at.date())}"
            for r in all_of_them.pending[:SHOWN]
            if r.pathway in {x.key for x in catalogue.pathways}
        ]
        blocks.append(section("*Waiting for a sign-off*\n" + "\n".join(waiting)))
    if all_of_them.pairs:
        blocks.append(context(f"*Mentoring pairs* ({len(all_of_them.pairs)})"))
        blocks += pair_lines(all_of_them.pairs)
    blocks.append(
        actions(
            button("Pair a mentor", Action.PAIR_OPEN),
            button("Export accreditation (CSV)", variant(Action.ACCREDITATION_EXPORT, "csv")),
            button("Export accreditation (Excel)", variant(Action.ACCREDITATION_EXPORT, "xlsx")),
        )
    )
    blocks.append(context("*Pathways and roles*"))
    return blocks + settings_actions(catalogue)


def summary_line(s: Summary) -> str:
    return (
        f"{s.people} on a pathway · {s.accredited} accredited: {s.active} active, "
        f"{s.at_risk} at risk, {s.lapsed} lapsed · {s.waiting} waiting for a sign-off"
    )


def _person_line(person: str, p: Progress, a: Accreditation | None) -> str:
    done = f"{len(p.sign_offs)}/{len(p.pathway.steps)} steps"
    if a:
        where = f"accredited {long_day(a.accredited_on)}, {status_label(a.status)}"
    elif p.asked and p.next:
        where = f"asked for {p.next.name} on {long_day(p.asked.asked_at.date())}"
    else:
        where = f"next: {p.next.name}" if p.next else "complete"
    return f"• <@{person}> — {p.pathway.name}: {done}, {where}"


def _held_line(r: RoleStatus, catalogue: Catalogue) -> dict:
    """A role held other than by a pathway: its status, and how to keep it."""
    lapsed = r.status is Status.LAPSED
    then = " Log the evidence with `/log-supervision` to re-instate it." if lapsed else ""
    return section(
        f"*{catalogue.role_name(r.role)}* · status {status_label(r.status)} since "
        f"{long_day(r.since)}.{then}"
    )


def roles_blocks(roles: list[RoleStatus], catalogue: Catalogue) -> Blocks:
    """For coordinators: holders of roles with requirements held without a pathway (named in
    the file or on Home, or trained by a programme), lapsed and at risk first."""
    if not roles:
        return []
    n = Counter(r.status for r in roles)
    lines = [
        f"*Roles held without a pathway: {n[Status.ACTIVE]} active, "
        f"{n[Status.AT_RISK]} at risk, {n[Status.LAPSED]} lapsed*"
    ]
    lines += [
        f"• <@{r.person}> — {catalogue.role_name(r.role)}: {status_label(r.status)} since "
        f"{long_day(r.since)}"
        for r in roles[:SHOWN]
        if r.status is not Status.ACTIVE
    ]
    more = sum(r.status is not Status.ACTIVE for r in roles) - SHOWN
    if more > 0:
        lines.append(f"…and {more} more (in the export)")
    return packed(lines)


def review_list_blocks(reviews: list[PeerReview]) -> Blocks:
    """The person's review forms (about them or by them), newest first, each to view again."""
    if not reviews:
        return []
    blocks: Blocks = [context("*Peer review forms*")]
    for r in reviews[:REVIEWS_SHOWN]:
        blocks.append(
            section(_review_line(r), accessory=button("View", Action.REVIEW_VIEW, str(r.id)))
        )
    more = len(reviews) - REVIEWS_SHOWN
    if more > 0:
        blocks.append(context(f"…and {more} more, older."))
    return blocks


def _review_line(r: PeerReview) -> str:
    event = r.event.value if r.event else "Event"
    when = long_day(r.event_date) if r.event_date else "—"
    signed = "signed by both" if r.acknowledged else "not signed by the trainer yet"
    venue = escape(clip(r.venue, 100))
    return f"{event}, {when}, {venue}: <@{r.trainer}> observed by <@{r.assessor}> · {signed}"
