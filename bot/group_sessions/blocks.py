"""Group sessions in Slack: the scheduling and attendance forms, and the Home section."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from bot.group_sessions.ids import Action, Block, View
from bot.kernel.blocks import (
    Blocks,
    actions,
    button,
    confirm_dialog,
    context,
    escape,
    header,
    input_block,
    modal,
    option,
    section,
)
from bot.kernel.ids import Value, variant
from domain.group_sessions.sessions import AGENDA_MAX, PLACE_MAX, TITLE_MAX, Answer, GroupSession
from handlers.group_sessions.reads import GroupHome, ScheduleForm, SessionNow

PER_GROUP = 10  # Slack shows at most ten checkboxes in one group
SHOWN = 5  # sessions listed on Home, in each part
NAMED = 15  # people named in a line before "and N more"


def when(session: GroupSession) -> str:
    """'Wed 14 Oct 2026, 10:00–12:30 BST', where the organiser gave the times."""
    start, end = session.local(session.starts_at), session.local(session.ends_at)
    return f"{start:%a} {start.day} {start:%b %Y}, {start:%H:%M}–{end:%H:%M} {start:%Z}"


def on_day(session: GroupSession) -> str:
    start = session.local(session.starts_at)
    return f"{start:%a} {start.day} {start:%b %Y}"


def schedule_modal(form: ScheduleForm) -> dict[str, Any]:
    kinds = [option(k.name, k.key) for k in form.kinds][:100]
    blocks: Blocks = [
        input_block(
            Block.GROUP_KIND, "Kind of session", {"type": "static_select", "options": kinds}
        ),
        input_block(
            Block.GROUP_TITLE, "Title", {"type": "plain_text_input", "max_length": TITLE_MAX}
        ),
        input_block(
            Block.GROUP_DATE, "Date", {"type": "datepicker", "initial_date": form.today.isoformat()}
        ),
        input_block(Block.GROUP_START, "Starts at", {"type": "timepicker"}),
        input_block(Block.GROUP_END, "Ends at", {"type": "timepicker"}),
        input_block(
            Block.GROUP_PLACE,
            "Place, or joining link",
            {"type": "plain_text_input", "max_length": PLACE_MAX},
        ),
        input_block(
            Block.GROUP_AGENDA,
            "Agenda (a supervision day needs one)",
            {"type": "plain_text_input", "multiline": True, "max_length": AGENDA_MAX},
            optional=True,
        ),
        input_block(
            Block.GROUP_INVITEES,
            "Invite these people",
            {"type": "multi_users_select"},
            optional=True,
        ),
    ]
    if form.roles:
        roles = [option(r.name, r.key) for r in form.roles][:100]
        element = {"type": "multi_static_select", "options": roles}
        blocks.append(
            input_block(
                Block.GROUP_ROLES, "…and everyone holding these roles", element, optional=True
            )
        )
    if form.ics:
        ics = [option(i.name, i.key) for i in form.ics][:100]
        element = {"type": "static_select", "options": ics}
        blocks.append(
            input_block(Block.GROUP_ICS, "ICS (for an ICS session)", element, optional=True)
        )
    blocks.append(
        context(
            "Times are in your own time zone. Everyone invited gets a message with *Going* / "
            "*Can't go* and a calendar file; those going are reminded the day before. After it "
            "starts, record who came: it counts for their requirements."
        )
    )
    return modal(View.GROUP_SCHEDULE, "Schedule a session", blocks, submit="Schedule")


def attendance_modal(shown: SessionNow) -> dict[str, Any]:
    """A tick for each person invited (those credited already, else those going, ticked)."""
    s = shown.session
    ticked = shown.attended or frozenset(shown.answered(Answer.GOING))
    blocks: Blocks = [section(f"*{escape(s.title)}*\n{shown.kind_name} · {when(s)}")]
    people = shown.invitees
    for number, start in enumerate(range(0, len(people), PER_GROUP), 1):
        group = people[start : start + PER_GROUP]
        options = [_person_option(i.person, i.answer) for i in group]
        element: dict[str, Any] = {"type": "checkboxes", "options": options}
        chosen = [o for o, i in zip(options, group, strict=True) if i.person in ticked]
        if chosen:
            element["initial_options"] = chosen
        label = "Who came" if number == 1 else "Who came (continued)"
        blocks.append(input_block(f"{Block.GROUP_ATTENDED}{number}", label, element, optional=True))
    blocks.append(
        input_block(
            Block.GROUP_OTHERS,
            "Others who came (not invited)",
            {"type": "multi_users_select"},
            optional=True,
        )
    )
    blocks.append(
        context(
            f"Each person ticked is credited with “{shown.log_type_name}” on {on_day(s)}; "
            "untick someone to take it back. Saving again changes nothing twice."
        )
    )
    meta = json.dumps({"session": s.id})
    return modal(View.GROUP_ATTENDANCE, "Who came", blocks, submit="Save", metadata=meta)


def _person_option(person: str, answer: Answer | None) -> dict[str, Any]:
    said: dict[Answer | None, str] = {
        Answer.GOING: "Said going",
        Answer.NOT_GOING: "Said they can't go",
    }
    return {
        "text": {"type": "mrkdwn", "text": f"<@{person}>"},
        "description": {"type": "plain_text", "text": said.get(answer, "No answer")},
        "value": person,
    }


def answer_buttons(session_id: int) -> dict[str, Any]:
    return actions(
        button(
            "Going",
            variant(Action.GROUP_ANSWER, Answer.GOING),
            str(Value(session_id, Answer.GOING)),
            style="primary",
        ),
        button(
            "Can't go",
            variant(Action.GROUP_ANSWER, Answer.NOT_GOING),
            str(Value(session_id, Answer.NOT_GOING)),
        ),
    )


def group_home_blocks(home: GroupHome, now: datetime) -> Blocks:
    """Sessions you run (with who is going) and sessions you are invited to."""
    if not (home.may_schedule or home.managing or home.invited):
        return []
    blocks: Blocks = [header("Group sessions")]
    if home.may_schedule:
        blocks.append(
            actions(button("Schedule a group session", Action.GROUP_SCHEDULE_OPEN, style="primary"))
        )
    for shown in home.managing[:SHOWN]:
        blocks += _managed(shown, now)
    said = {Answer.GOING: "going", Answer.NOT_GOING: "can't go", None: "not answered yet"}
    for shown in home.invited[:SHOWN]:
        s = shown.session
        yours = said[shown.answer_of(home.person)]
        text = f"You're invited: *{escape(s.title)}* · {shown.kind_name} · {when(s)} · you: {yours}"
        blocks += [section(text), answer_buttons(s.id or 0)]
    return blocks


def _managed(shown: SessionNow, now: datetime) -> Blocks:
    s = shown.session
    going, not_going = shown.answered(Answer.GOING), shown.answered(Answer.NOT_GOING)
    waiting = shown.answered(None)
    line = f"*{escape(s.title)}* · {shown.kind_name} · {when(s)}"
    if s.cancelled_at is not None:
        return [section(f"{line} · _cancelled_")]
    line += (
        f"\nGoing ({len(going)}): {_names(going)} · Can't go: {len(not_going)}"
        f" · No answer: {len(waiting)}"
    )
    if now < s.starts_at:
        cancel = button(
            "Cancel",
            Action.GROUP_CANCEL,
            str(s.id),
            confirm=confirm_dialog(
                "Cancel this session?", "Everyone invited will be told.", "Cancel it", "Keep it"
            ),
        )
        return [section(line, accessory=cancel)]
    if shown.attended:
        line += f"\nAttended ({len(shown.attended)}): {_names(sorted(shown.attended))}"
    label = "Change who came" if shown.attended else "Record who came"
    return [section(line, accessory=button(label, Action.GROUP_ATTENDANCE_OPEN, str(s.id)))]


def _names(people: list[str]) -> str:
    if not people:
        return "nobody yet"
    named = ", ".join(f"<@{p}>" for p in people[:NAMED])
    return named + (f" and {len(people) - NAMED} more" if len(people) > NAMED else "")
