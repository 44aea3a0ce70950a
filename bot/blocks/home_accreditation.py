"""The accreditation part of App Home: your pathway, forms to sign, requests to sign off,
your mentoring pairs; for coordinators, everyone's progress, pending sign-offs and pairs."""

from __future__ import annotations

from bot.blocks.accreditation import long_day, progress_blocks, status_label
from bot.blocks.common import Blocks, actions, button, context, header, section
from bot.blocks.mentoring import pair_lines
from bot.ids import Action, variant
from domain.accreditation import Evidence
from domain.catalogue import Catalogue
from handlers.accreditation_views import Everyone, MyAccreditation

SHOWN = 15  # people listed on Home; the export has everyone


def my_accreditation_blocks(mine: MyAccreditation, catalogue: Catalogue) -> Blocks:
    if mine.empty:
        return []
    blocks: Blocks = [header("Accreditation")]
    for p in mine.progress:
        blocks += progress_blocks(
            p, mine.signers.get(p.pathway.key, []), mine.accreditations.get(p.pathway.key)
        )
    for review in mine.to_sign[:5]:
        blocks.append(
            section(
                f"<@{review.assessor}> filled in a peer review form about your event on "
                f"{long_day(review.event_date)}: add your comments and sign it.",
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
    if mine.pairs:
        blocks.append(context("*Mentoring*"))
        blocks += pair_lines(mine.pairs)
    return blocks


def everyone_blocks(all_of_them: Everyone, catalogue: Catalogue) -> Blocks:
    """For coordinators: progress at a glance, what waits for a sign-off, the pairs."""
    blocks: Blocks = [header("Accreditation and mentoring")]
    lines = []
    for person, p, a in all_of_them.progress[:SHOWN]:
        done = f"{len(p.sign_offs)}/{len(p.pathway.steps)} steps"
        where = (
            f"accredited {long_day(a.accredited_on)}, {status_label(a.status)}"
            if a
            else f"next: {p.next.name}"
            if p.next
            else "complete"
        )
        lines.append(f"• <@{person}> — {p.pathway.name}: {done}, {where}")
    more = len(all_of_them.progress) - SHOWN
    if more > 0:
        lines.append(f"…and {more} more (in the export)")
    blocks.append(section("\n".join(lines) or "Nobody has started a pathway yet."))
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
            button("Export (CSV)", variant(Action.ACCREDITATION_EXPORT, "csv")),
            button("Export (Excel)", variant(Action.ACCREDITATION_EXPORT, "xlsx")),
        )
    )
    return blocks
