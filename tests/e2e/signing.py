"""Send Slack-signed requests to an app over real HTTP (stdlib + slack_sdk's signer).

The builders return ``(body, content_type)`` shaped like what Slack really sends; pass them
to :func:`post`::

    status, headers, text = post(url, *command(user_id="U2"), secret=SECRET)
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

TEAM_ID = "T0TEAM"
TEAM_DOMAIN = "test"
APP_ID = "A0APP"
VERIFICATION_TOKEN = "legacy-verification-token"
FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
# Used when a test gives no response_url: port 9 on loopback refuses connections at once,
# so an app that tries to respond fails fast instead of reaching out to Slack.
UNSET_RESPONSE_URL = "http://127.0.0.1:9/response/unset"
MESSAGE_TS = "1700000000.000100"

Body = tuple[str, str]


def sign(body: str, secret: str, timestamp: int | None = None) -> dict[str, str]:
    """Headers Slack would add to ``body``; ``timestamp`` defaults to now."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature}


def post(
    url: str,
    body: str,
    content_type: str,
    *,
    secret: str | None,
    timestamp: int | None = None,
    extra_headers: Mapping[str, str] | None = None,
    timeout: float = 10.0,
) -> tuple[int, dict[str, str], str]:
    """POST ``body``; signed unless ``secret`` is None. Returns (status, headers, text).

    Header names in the result are lower-cased. HTTP errors are returned, not raised.
    """
    headers = {"Content-Type": content_type}
    if secret is not None:
        headers.update(sign(body, secret, timestamp))
    headers.update(extra_headers or {})
    request = urllib.request.Request(url, data=body.encode(), headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, _lower(response.headers.items()), response.read().decode()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, _lower(error.headers.items()), error.read().decode()


def _lower(items: Any) -> dict[str, str]:
    return {k.lower(): v for k, v in items}


def _user(user_id: str) -> dict[str, str]:
    name = f"user.{user_id.lower()}"
    return {"id": user_id, "username": name, "name": name, "team_id": TEAM_ID}


def _envelope(kind: str, user_id: str, trigger_id: str) -> dict[str, Any]:
    return {
        "type": kind,
        "team": {"id": TEAM_ID, "domain": TEAM_DOMAIN},
        "user": _user(user_id),
        "api_app_id": APP_ID,
        "token": VERIFICATION_TOKEN,
        "trigger_id": trigger_id,
        "enterprise": None,
        "is_enterprise_install": False,
    }


def command(
    command: str = "/nominate",
    text: str = "",
    user_id: str = "U1",
    trigger_id: str = "T.1",
    channel_id: str = "C1",
    response_url: str | None = None,
    team_id: str = TEAM_ID,
) -> Body:
    """A slash-command invocation, form-encoded like Slack sends it."""
    fields = {
        "token": VERIFICATION_TOKEN,
        "team_id": team_id,
        "team_domain": TEAM_DOMAIN,
        "channel_id": channel_id,
        "channel_name": "directmessage" if channel_id.startswith("D") else "general",
        "user_id": user_id,
        "user_name": _user(user_id)["username"],
        "command": command,
        "text": text,
        "api_app_id": APP_ID,
        "is_enterprise_install": "false",
        "response_url": response_url or UNSET_RESPONSE_URL,
        "trigger_id": trigger_id,
    }
    return urlencode(fields), FORM


def interaction(payload: Mapping[str, Any]) -> Body:
    """Any interactivity payload, form-encoded as ``payload=<json>``."""
    return urlencode({"payload": json.dumps(payload)}), FORM


def block_action(
    user_id: str,
    action_id: str,
    value: str | None = None,
    *,
    block_id: str = "b",
    trigger_id: str = "T.2",
    view: Mapping[str, Any] | None = None,
    message: Mapping[str, Any] | None = None,
    channel_id: str | None = None,
    container: Mapping[str, Any] | None = None,
    response_url: str | None = None,
) -> Body:
    """A button click (``block_actions``) in a view if ``view`` is given, else in a message.

    ``view`` is passed through, with ``id`` ("V1") and ``type`` ("modal") filled in if missing.

    Message-sourced actions carry a ``response_url`` (default: :data:`UNSET_RESPONSE_URL`);
    view-sourced ones only when ``response_url`` is passed explicitly.
    """
    action: dict[str, Any] = {
        "type": "button",
        "action_id": action_id,
        "block_id": block_id,
        "text": {"type": "plain_text", "text": action_id, "emoji": True},
        "action_ts": f"{time.time():.6f}",
    }
    if value is not None:
        action["value"] = value
    payload = _envelope("block_actions", user_id, trigger_id)
    payload["actions"] = [action]
    if view is not None:
        payload["view"] = {"id": "V1", "type": "modal", **view}
        view_container = {"type": "view", "view_id": payload["view"]["id"]}
        payload["container"] = dict(container or view_container)
        if response_url is not None:
            payload["response_url"] = response_url
    else:
        msg_ts = (message or {}).get("ts", MESSAGE_TS)
        default_container = {"type": "message", "message_ts": msg_ts, "is_ephemeral": False}
        if channel_id is not None:
            default_container["channel_id"] = channel_id
        payload["container"] = dict(container or default_container)
        payload["state"] = {"values": {}}
        payload["response_url"] = response_url or UNSET_RESPONSE_URL
        if message is not None:
            payload["message"] = dict(message)
    if channel_id is not None:
        payload["channel"] = {"id": channel_id, "name": "general"}
    return interaction(payload)


def view_submission(
    user_id: str,
    callback_id: str,
    values: Mapping[str, Any],
    *,
    private_metadata: str = "",
    view_id: str = "V1",
    trigger_id: str = "T.3",
) -> Body:
    """A modal submission; ``values`` is ``state.values``: ``{block_id: {action_id: {...}}}``."""
    payload = _envelope("view_submission", user_id, trigger_id)
    payload["view"] = {
        "id": view_id,
        "team_id": TEAM_ID,
        "type": "modal",
        "callback_id": callback_id,
        "private_metadata": private_metadata,
        "title": {"type": "plain_text", "text": "Cascade"},
        "submit": {"type": "plain_text", "text": "Submit"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": [],
        "state": {"values": dict(values)},
        "hash": f"{MESSAGE_TS}.{view_id.lower()}",
        "external_id": "",
        "previous_view_id": None,
        "root_view_id": view_id,
        "app_id": APP_ID,
        "app_installed_team_id": TEAM_ID,
        "bot_id": "BBOT",
        "clear_on_close": False,
        "notify_on_close": False,
    }
    payload["response_urls"] = []
    return interaction(payload)


def event(event: Mapping[str, Any], event_id: str = "Ev1") -> Body:
    """An Events API ``event_callback`` envelope around ``event``, as JSON."""
    envelope = {
        "token": VERIFICATION_TOKEN,
        "team_id": TEAM_ID,
        "api_app_id": APP_ID,
        "event": dict(event),
        "type": "event_callback",
        "event_id": event_id,
        "event_time": int(time.time()),
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": TEAM_ID,
                "user_id": "UBOT",
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
        "event_context": f"4-{event_id}",
    }
    return json.dumps(envelope), JSON
