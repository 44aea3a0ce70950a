"""One error handler: a refusal gets the one policy's reply (``bot.kernel.refusals``): inline
in the form, in the slash command's ack, else privately; anything else, a reference."""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from slack_bolt import BoltResponse
from slack_sdk import WebClient

from bot.kernel.refusals import refusal
from bot.kernel.replies import Inline, Text, Update, say_privately, user_of
from bot.logs import request_id
from domain.kernel.errors import DomainError

log = logging.getLogger("cascade.errors")


def handle_errors(
    error: Exception, body: dict[str, Any], client: WebClient, response: BoltResponse | None = None
) -> BoltResponse | None:
    """Tell the person (privately) what went wrong. Before the ack, Slack is answered with an
    empty 200: the explanation reaches the person, never an error page or a bare 500."""
    if isinstance(error, DomainError):
        said = refusal(error, body)
        if response is not None and isinstance(said, Inline | Update | Text):
            return _in_ack(said)
        say_privately(client, body, error.message)
        return _handled(response)
    reference = request_id.get() or uuid.uuid4().hex[:8]  # the logs' request id, if known
    user = user_of(body)
    log.error(
        "unhandled error ref=%s user=%s request=%s",
        reference,
        user,
        body.get("type") or body.get("command"),
        exc_info=error,
    )
    say_privately(
        client,
        body,
        "Sorry, something went wrong on our side "
        f"(reference `{reference}`). Please try again; if it keeps happening, send the "
        "reference to your coordinator.",
    )
    return _handled(response)


def _in_ack(said: Inline | Update | Text) -> BoltResponse:
    """The reply as Slack reads it in an ack (what ``ack(...)`` would have sent)."""
    if isinstance(said, Inline):
        content: dict[str, Any] = {"response_action": "errors", "errors": said.errors}
    elif isinstance(said, Update):
        content = {"response_action": "update", "view": said.view}
    else:
        content = {"text": said.text, **({"blocks": said.blocks} if said.blocks else {})}
    return BoltResponse(
        status=200, body=json.dumps(content), headers={"content-type": "application/json"}
    )


def _handled(response: BoltResponse | None) -> BoltResponse | None:
    return None if response is None else BoltResponse(status=200, body="")


@contextmanager
def reported(body: dict[str, Any], client: WebClient) -> Iterator[None]:
    """For work after ack(): report failures to the person here, never back into Bolt.

    (Bolt would otherwise treat an exception after ack() as an unacknowledged request.)
    """
    try:
        yield
    except Exception as error:  # every failure is reported to the user and logged
        try:
            handle_errors(error, body, client)
        except Exception:  # Slack itself is failing: the log has to do
            log.exception("could not report an error to %s", user_of(body))
