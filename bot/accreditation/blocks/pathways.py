"""Pathways, sign-offs, certificates and accreditation status, as Slack shows them."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from bot.accreditation.ids import Action, View
from bot.kernel.blocks import (
    Blocks,
    actions,
    button,
    context,
    escape,
    input_block,
    modal,
    section,
)
from bot.kernel.ids import Field
from domain.accreditation.pathways import (
    Accreditation,
    Evidence,
    Pathway,
    Progress,
    SignOff,
    Status,
    Step,
    display_reference,
)
from handlers.accreditation.reads import Held

HELP = """*Cascade: accreditation*
• `/accreditation` — where you are on your pathway, and the button to ask for your next step
• `/accreditation request` — ask for your next step (e.g. an observation); the people who may \
sign it off are asked
• `/accreditation review @trainer` — fill in the Assessment / Peer Review Form for a trainer you \
observed
• `/accreditation verify CAS-XXXXX-XXXXX` — check that a certificate is genuine
• `/accreditation help` — this help
Coordinators pair mentors with mentees and export everyone's progress from the *Home* tab."""

_STATUS = {
    Status.ACTIVE: ":large_green_circle: active",
    Status.AT_RISK: ":large_yellow_circle: at risk",
    Status.LAPSED: ":red_circle: lapsed",
}


def long_day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def status_label(status: Status) -> str:
    return _STATUS[status]


def progress_blocks(
    progress: Progress, signers: list[str], accreditation: Accreditation | None
) -> Blocks:
    """One pathway: each step done (when, where, by whom), the next, who can sign it off."""
    pathway = progress.pathway
    lines = []
    for number, step in enumerate(pathway.steps, 1):
        done = progress.of(step.key)
        if done is not None:
            lines.append(f":white_check_mark: {number}. {step.name} — {_signed(done)}")
        elif progress.next and step.key == progress.next.key:
            lines.append(f":arrow_right: *{number}. {step.name}* (next)")
        else:
            lines.append(f":white_circle: {number}. {step.name}")
    blocks: Blocks = [section(f"*{pathway.name}*\n" + "\n".join(lines))]
    if accreditation is not None:
        blocks.append(accreditation_line(accreditation, pathway))
        return blocks
    wanted = progress.next
    if wanted is None:
        return blocks
    names = ", ".join(f"<@{p}>" for p in signers[:10]) or "nobody yet (ask your coordinator)"
    if progress.asked is not None:
        blocks.append(context(f"You asked on {long_day(progress.asked.asked_at.date())}: {names}"))
        return blocks
    blocks.append(context(f"Who can sign it off: {names}"))
    blocks.append(actions(button(wanted.asks, Action.REQUEST_STEP, pathway.key, style="primary")))
    return blocks


def accreditation_line(a: Accreditation, pathway: Pathway) -> dict[str, Any]:
    return section(
        f"*Accredited as {pathway.name}* on {long_day(a.accredited_on)} · status "
        f"{status_label(a.status)} · certificate `{display_reference(a.reference)}`"
    )


def _signed(s: SignOff) -> str:
    where = f", {escape(s.place)}" if s.place else ""
    return f"{long_day(s.occurred_on)}{where}, signed off by <@{s.signed_by}>"


def sign_off_modal(person: str, pathway: Pathway, step: Step, today: date) -> dict[str, Any]:
    """Date and place of the step, signed off by whoever submits it."""
    metadata = json.dumps({"person": person, "pathway": pathway.key, "step": step.key})
    blocks: Blocks = [
        section(f"Sign off *{step.name}* for <@{person}> ({pathway.name})."),
        input_block(Field.DATE, "Date", {"type": "datepicker", "initial_date": today.isoformat()}),
        input_block(
            Field.PLACE,
            "Place (venue or event)",
            {"type": "plain_text_input", "max_length": 200},
        ),
        context("Submitting records your sign-off, with your name and today's date."),
    ]
    return modal(View.SIGN_OFF, "Sign off a step", blocks, submit="Sign off", metadata=metadata)


def step_requested_message(person: str, pathway: Pathway, step: Step) -> tuple[str, Blocks]:
    """To those who may sign the step off, with the button that does it."""
    text = f"<@{person}> asks for *{step.name}* ({pathway.name})."
    value = f"{person}:{pathway.key}"
    if step.evidence is Evidence.PEER_REVIEW:
        go = button("Fill in the review form", Action.REVIEW_OPEN, value, style="primary")
        hint = "When you have observed them, fill in the Assessment / Peer Review Form."
    else:
        go = button("Sign off", Action.SIGN_OFF_OPEN, value, style="primary")
        hint = "When it has happened, record the date and place and sign it off."
    return text, [section(text), context(hint), actions(go)]


def step_signed_message(sign_off: SignOff, pathway: Pathway, step: Step) -> str:
    following = pathway.next_step([s.key for s in pathway.steps[: pathway.steps.index(step) + 1]])
    then = f" Next: *{following.name}*." if following else ""
    return f"*{step.name}* ({pathway.name}) is signed off: {_signed(sign_off)}.{then}"


def certificate_caption(a: Accreditation, pathway: Pathway, for_person: bool) -> str:
    ref = display_reference(a.reference)
    if for_person:
        return (
            f"Congratulations: you are accredited as {pathway.name}. Here is your certificate "
            f"(reference {ref}; anyone can check it with `/accreditation verify {ref}`)."
        )
    return f"<@{a.person}> is accredited as {pathway.name}: their certificate (reference {ref})."


def status_message(a: Accreditation, pathway: Pathway, for_person: bool, missing: str) -> str:
    """A lapse, or its end, for the person or a coordinator."""
    return _status_words(a.person, pathway.name, a.status, for_person, missing)


def role_status_message(held: Held, status: Status, for_person: bool, missing: str) -> str:
    """The same for a role held other than by a pathway (named in the programme file, say)."""
    return _status_words(held.person, held.role_name, status, for_person, missing)


def _status_words(person: str, name: str, status: Status, for_person: bool, missing: str) -> str:
    whose = "Your" if for_person else f"<@{person}>'s"
    if status is Status.LAPSED:
        todo = f" Overdue: {missing}." if missing else ""
        then = (
            " Log the evidence with `/log-supervision` and it is re-instated at once."
            if for_person
            else ""
        )
        return f"{whose} {name} accreditation has lapsed.{todo}{then}"
    return f"{whose} {name} accreditation is re-instated: it is {status_label(status)}."


def verify_answer(found: Accreditation | None, pathway_name: str, typed: str) -> str:
    if found is None:
        return (
            f"No certificate has the reference `{escape(typed[:40])}`: it is not one Cascade "
            "issued. Check the reference for typing mistakes."
        )
    return (
        f"Genuine: certificate `{display_reference(found.reference)}` was issued to "
        f"<@{found.person}> on {long_day(found.issued_on)}: accredited as {pathway_name} on "
        f"{long_day(found.accredited_on)}, confirmed by <@{found.confirmed_by}>. Its status "
        f"today: {status_label(found.status)}."
    )
