"""The audit log in a modal: filters (programme, kind, person), a page of entries newest first,
and "Newer" / "Older" buttons."""

from __future__ import annotations

import json
from typing import Any

from bot.kernel.blocks import (
    Blocks,
    actions,
    button,
    clip,
    context,
    escape,
    input_block,
    modal,
    option,
    section,
)
from bot.kernel.ids import variant
from bot.programme_admin.ids import Action, Block, View
from domain.kernel.audit import ALL, KINDS, AuditEntry
from handlers.programme_admin.audit_log import AuditPage

_SHORT = 60  # a before/after value longer than this is named, not shown


def audit_modal(page: AuditPage) -> dict[str, Any]:
    q = page.query
    blocks = [*_filters(page), context(_counts(page))]
    blocks += [section(_line(page, entry)) for entry in page.entries]
    if not page.entries:
        blocks.append(section("Nothing recorded matches these filters."))
    buttons = []
    if q.page > 1:
        buttons.append(button("Newer", variant(Action.AUDIT_PAGE, "newer"), str(q.page - 1)))
    if q.page < page.pages:
        buttons.append(button("Older", variant(Action.AUDIT_PAGE, "older"), str(q.page + 1)))
    if buttons:
        blocks.append(actions(*buttons, block_id="audit_pages"))
    metadata = json.dumps(q.model_dump())
    return modal(View.AUDIT_LOG, "Audit log", blocks, submit="Show", metadata=metadata)


def _filters(page: AuditPage) -> Blocks:
    q = page.query
    programmes = [option(p.name, p.key) for p in page.choices[:100]]
    kinds = [option("Every kind", ALL)] + [option(label, key) for key, label in KINDS.items()]
    person: dict[str, Any] = {"type": "users_select"}
    if q.person:
        person["initial_user"] = q.person
    return [
        input_block(
            Block.AUDIT_PROGRAMME,
            "Programme",
            {
                "type": "static_select",
                "options": programmes,
                "initial_option": next(o for o in programmes if o["value"] == q.programme_key),
            },
        ),
        input_block(
            Block.AUDIT_KIND,
            "Kind",
            {
                "type": "static_select",
                "options": kinds,
                "initial_option": next((o for o in kinds if o["value"] == q.kind), kinds[0]),
            },
        ),
        input_block(
            Block.AUDIT_PERSON, "Person (who made it, or whose nomination)", person, optional=True
        ),
    ]


def _counts(page: AuditPage) -> str:
    n = page.total
    return (
        f"{n} entr{'y' if n == 1 else 'ies'} for {page.programme.name} · page {page.query.page} "
        f"of {page.pages} · newest first · times in UTC"
    )


def _line(page: AuditPage, entry: AuditEntry) -> str:
    what = entry.action
    if entry.to_status:
        what = f"status: {entry.from_status or 'new'} → {entry.to_status}"
    nominee = page.about.get(entry.subject)
    where = f"nomination of {_name(page, nominee)}" if nominee else entry.subject
    who = _name(page, entry.actor)
    head = f"*{entry.at:%-d %b %Y %H:%M}* · {escape(who)} · {escape(what)} ({escape(where)})"
    detail = _detail(entry.detail)
    return clip(head + (f"\n{escape(detail)}" if detail else ""), 3000)


def _name(page: AuditPage, user_id: str) -> str:
    if user_id == "cascade":
        return "Cascade"
    return page.names.get(user_id, user_id)


def _detail(detail: str) -> str:
    """A settings change as what changed (short values before → after); other text as is."""
    try:
        data = json.loads(detail) if detail.startswith("{") else None
    except ValueError:
        data = None
    if not isinstance(data, dict):
        return clip(detail, 500)
    changed = data.get("changed")
    if not isinstance(changed, dict):
        return "created" if "after" in data else ""
    said = []
    for name, values in changed.items():
        before, after = [*values, None, None][:2] if isinstance(values, list) else (None, None)
        short = all(
            isinstance(v, str | int | float | bool | None) and len(str(v)) <= _SHORT
            for v in (before, after)
        )
        said.append(f"{name}: {before} → {after}" if short else f"{name} changed")
    return clip("; ".join(said), 1000)
