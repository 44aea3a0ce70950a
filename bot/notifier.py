"""Sends messages and files through the Slack Web API; failures are logged, never raised."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

log = logging.getLogger(__name__)


class Notifier:
    def __init__(self, client: WebClient) -> None:
        self.client = client

    def post(
        self, channel: str, text: str, blocks: list[dict[str, Any]] | None = None
    ) -> tuple[str, str] | None:
        """Post to a channel or (given a user id) a DM; returns (channel, ts) or None."""
        try:
            reply = self.client.chat_postMessage(
                channel=channel, text=text, blocks=blocks, unfurl_links=False
            )
        except SlackApiError as exc:
            log.warning("chat.postMessage to %s failed: %s", channel, exc.response.get("error"))
            return None
        return reply["channel"], reply["ts"]

    def dm(
        self, user_id: str, text: str, blocks: list[dict[str, Any]] | None = None
    ) -> tuple[str, str] | None:
        return self.post(user_id, text, blocks)

    def update(self, channel: str, ts: str, text: str, blocks: list[dict[str, Any]]) -> bool:
        try:
            self.client.chat_update(channel=channel, ts=ts, text=text, blocks=blocks)
        except SlackApiError as exc:
            log.warning("chat.update %s/%s failed: %s", channel, ts, exc.response.get("error"))
            return False
        return True

    def send_file(self, user_id: str, filename: str, content: bytes | str, comment: str) -> bool:
        """Upload a file into the DM with ``user_id`` (files upload v2)."""
        try:
            channel = self.client.conversations_open(users=user_id)["channel"]["id"]
            self.client.files_upload_v2(
                channel=channel,
                filename=filename,
                content=content,
                title=filename,
                initial_comment=comment,
            )
        except SlackApiError as exc:
            log.warning("file upload to %s failed: %s", user_id, exc.response.get("error"))
            return False
        return True
