"""Why Cascade sends a message about supervision: the entries export, requirements and agreed
actions chased."""

from __future__ import annotations

from domain.kernel.outbox import Reason, register


class SupervisionReason(Reason):
    ENTRIES_EXPORT = "entries-export"  # facilitator: all their own entries, as a file
    REQUIREMENT = "requirement"  # a requirement is due soon, due, or overdue
    REQUIREMENT_LATE = "requirement-late"  # line manager / coordinator: long overdue
    ACTION_DUE = "action-due"  # an agreed action from a supervision log is due


register(
    SupervisionReason,
    chases={
        SupervisionReason.REQUIREMENT,
        SupervisionReason.REQUIREMENT_LATE,
        SupervisionReason.ACTION_DUE,
    },
    awaited={SupervisionReason.ENTRIES_EXPORT},
    snoozable={SupervisionReason.REQUIREMENT, SupervisionReason.ACTION_DUE},
    apologised={SupervisionReason.ENTRIES_EXPORT},
)
