"""The Web API calls a message can become; each knows how to make itself and what came back."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

Blocks = list[dict[str, Any]]


@dataclass(frozen=True)
class Sent:
    ts: str | None = None
    channel: str | None = None  # set for a new post (a card is remembered where it landed)


@dataclass(frozen=True)
class Post:
    """A message to a channel, or to a user id (their DM with Cascade)."""

    channel: str
    text: str
    blocks: Blocks = field(default_factory=list)
    paced = True  # Slack takes about one new message a second in a channel

    def send(self, client: WebClient) -> Sent:
        reply = client.chat_postMessage(
            channel=self.channel, text=self.text, blocks=self.blocks or None, unfurl_links=False
        )
        return Sent(ts=reply.get("ts"), channel=reply.get("channel"))


@dataclass(frozen=True)
class Whisper:
    """A reply only ``user`` sees, in the channel where they clicked; in their DM with
    Cascade when it cannot be shown there (Cascade is not in that channel, say)."""

    channel: str
    user: str
    text: str
    blocks: Blocks = field(default_factory=list)
    paced = False  # not a message in the channel's history

    def send(self, client: WebClient) -> Sent:
        try:
            client.chat_postEphemeral(
                channel=self.channel, user=self.user, text=self.text, blocks=self.blocks or None
            )
        except SlackApiError as exc:
            if exc.response.get("error") not in NOT_THERE:
                raise
            return Post(self.user, self.text, self.blocks).send(client)
        return Sent()


NOT_THERE = ("channel_not_found", "not_in_channel", "user_not_in_channel", "is_archived")


@dataclass(frozen=True)
class Update:
    """An existing message changed in place (a review card)."""

    channel: str
    ts: str
    text: str
    blocks: Blocks
    paced = False  # limited per workspace, not per channel: a 429 says when to slow down

    def send(self, client: WebClient) -> Sent:
        client.chat_update(channel=self.channel, ts=self.ts, text=self.text, blocks=self.blocks)
        return Sent(ts=self.ts)


@dataclass(frozen=True)
class Upload:
    """A file in a user's DM with Cascade (files upload v2)."""

    user: str
    filename: str
    content: bytes | str
    comment: str
    paced = True  # shared with a comment: a new message in the DM

    def send(self, client: WebClient) -> Sent:
        channel = client.conversations_open(users=self.user)["channel"]["id"]
        client.files_upload_v2(
            channel=channel,
            filename=self.filename,
            content=self.content,
            title=self.filename,
            initial_comment=self.comment,
        )
        return Sent()


@dataclass(frozen=True)
class Publish:
    """A person's Home tab, published again."""

    user: str
    view: dict[str, Any]
    paced = False

    def send(self, client: WebClient) -> Sent:
        client.views_publish(user_id=self.user, view=self.view)
        return Sent()


@dataclass(frozen=True)
class CreateChannel:
    """A new channel; one Cascade itself created before (a send cut off after Slack created
    it) is found again by its name rather than refused as taken. A channel someone else
    created (the review channel Cascade posts to, say) is never taken over."""

    name: str
    private: bool
    paced = False

    def send(self, client: WebClient) -> Sent:
        try:
            made = client.conversations_create(name=self.name, is_private=self.private)
        except SlackApiError as exc:
            if exc.response.get("error") != "name_taken" or not (found := self._ours(client)):
                raise
            return Sent(channel=found)
        return Sent(channel=made["channel"]["id"])

    def _ours(self, client: WebClient) -> str | None:
        me = client.auth_test().get("user_id")
        types = "private_channel" if self.private else "public_channel"
        for page in client.conversations_list(types=types, exclude_archived=True, limit=200):
            for channel in page.get("channels", []):
                if channel.get("name") == self.name and channel.get("creator") == me:
                    return channel["id"]
        return None


@dataclass(frozen=True)
class Invite:
    """Someone added to a channel Cascade is in; already there is as good as added."""

    channel: str
    user: str
    paced = False

    def send(self, client: WebClient) -> Sent:
        try:
            client.conversations_invite(channel=self.channel, users=self.user)
        except SlackApiError as exc:
            if exc.response.get("error") != "already_in_channel":
                raise
        return Sent()


Send = Post | Whisper | Update | Upload | Publish | CreateChannel | Invite
