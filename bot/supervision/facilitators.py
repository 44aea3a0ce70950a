"""For coordinators on Home: facilitators' standing and dates (never notes), counted,
filtered and a page at a time, so that everyone can be reached."""

from __future__ import annotations

from typing import Any

from bot.home import ids as home_ids
from bot.kernel.blocks import (
    Blocks,
    actions,
    button,
    clip,
    context,
    divider,
    header,
    packed,
    plain,
    section,
)
from bot.kernel.blocks import option as choice_option
from bot.kernel.ids import variant
from domain.supervision.facilitators import ATTENTION, EVERYONE, ICS, ROLE
from handlers.supervision.compliance import Facilitator
from handlers.supervision.facilitators import FacilitatorsPage

LINE = 600  # one person's line at most (many requirements overdue)
OPTIONS = 100  # Slack's limit for the options of one group


def facilitators_blocks(page: FacilitatorsPage) -> Blocks:
    if not page.total:
        return []
    counts = (
        f"*{page.total} facilitator{'s' if page.total != 1 else ''}* · "
        f"*{page.attention} {'needs' if page.attention == 1 else 'need'} attention*"
    )
    if page.choice.filter != EVERYONE:
        counts += f"\n{page.matching} of {page.total} facilitators: {filter_name(page)}"
    blocks: Blocks = [
        header("Facilitators' requirements"),
        section(counts, accessory=filter_select(page)),
    ]
    lines = [clip(person_line(p, page), LINE) for p in page.people]
    blocks += packed(lines) or [section("Nobody matches this filter.")]
    if page.matching:
        last = page.first + len(page.people) - 1
        where = f"Showing {page.first}–{last} of {page.matching}"
        blocks.append(context(f"{where} · page {page.choice.page} of {page.pages}"))
    blocks += page_buttons(page)
    return [*blocks, divider()]


def person_line(person: Facilitator, page: FacilitatorsPage) -> str:
    late = [s for s in person.standing if not s.met]
    state = (
        "🔴 " + "; ".join(f"{s.requirement.name} (due {s.due:%-d %b %Y})" for s in late)
        if late
        else "✅ up to date"
    )
    away = f" · 🌴 on leave until {person.away_until:%-d %b %Y}" if person.away_until else ""
    if person.left:
        away += " · 🚪 left the workspace: nothing is sent to them"
    where = [page.ics.get(person.ics_key or "", ""), *(page.roles.get(r, r) for r in person.roles)]
    about = " · ".join(w for w in where if w)
    return (
        f"<@{person.user_id}>{' · ' + about if about else ''} · {state} · "
        f"{person.logged_this_year} logged this year{away}"
    )


def filter_name(page: FacilitatorsPage) -> str:
    chosen = page.choice
    if chosen.filter == ATTENTION:
        return "need attention"
    if chosen.ics is not None:
        return page.ics.get(chosen.ics, chosen.ics)
    return page.roles.get(chosen.role or "", chosen.role or "")


def filter_select(page: FacilitatorsPage) -> dict[str, Any]:
    """Everyone, needs attention, one ICS or one role: choosing publishes the Home again."""
    groups = [
        ("Show", [("Everyone", EVERYONE), ("Needs attention", ATTENTION)]),
        ("By ICS", [(name, f"{ICS}{key}") for key, name in sorted(page.ics.items(), key=_name)]),
        ("By role", [(name, f"{ROLE}{key}") for key, name in page.roles.items()]),
    ]
    option_groups, initial = [], None
    for label, choices in groups:
        options = [choice_option(name, value) for name, value in choices[:OPTIONS]]
        initial = next((o for o in options if o["value"] == page.choice.filter), initial)
        if options:
            option_groups.append({"label": plain(label), "options": options})
    select: dict[str, Any] = {
        "type": "static_select",
        "action_id": home_ids.Action.FACILITATORS_FILTER,
        "placeholder": plain("Show"),
        "option_groups": option_groups,
    }
    return {**select, "initial_option": initial} if initial else select


def page_buttons(page: FacilitatorsPage) -> Blocks:
    here, buttons = page.choice.page, []
    if here > 1:
        value = f"{page.choice.filter}|{here - 1}"
        buttons.append(
            button("Previous", variant(home_ids.Action.FACILITATORS_PAGE, "previous"), value)
        )
    if here < page.pages:
        value = f"{page.choice.filter}|{here + 1}"
        buttons.append(button("Next", variant(home_ids.Action.FACILITATORS_PAGE, "next"), value))
    return [actions(*buttons)] if buttons else []


def _name(item: tuple[str, str]) -> str:
    return item[1].lower()
