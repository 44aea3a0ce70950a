"""The inbox: a request Cascade has acknowledged and will carry out right after the ack.

Slack waits for every ack; the change a click or a form asks for can follow a moment later.
The request is stored (and committed) before the ack, so an acknowledged request is never lost;
it is carried out, and removed, in one transaction with the change it makes. A request that
cannot be carried out (the cohort filled up meanwhile, it was decided already) is removed with
a message to the person telling them why, in one transaction too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

MAX_ATTEMPTS = 5  # then the person is told it failed, with a reference, and it is dropped
RETRY_AFTER = timedelta(seconds=5)


@dataclass
class Request:
    """One acknowledged request: what to do (``kind`` and its ``payload``), who asked, and
    where to answer them (``reply_channel``: the channel they clicked in; else their DM)."""

    key: str  # Slack's identity of the request: the same click or submission is stored once
    kind: str
    actor_id: str
    payload: dict[str, Any]
    received_at: datetime
    reply_channel: str | None = None
    private_reply: bool = False  # the click was in a private reply: say what changed too
    attempts: int = 0
    id: int | None = None
