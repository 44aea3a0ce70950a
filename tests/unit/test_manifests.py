"""The two Slack app manifests: Socket Mode (manifest.yml) and HTTP (manifest-http.yml) declare
the same app, and differ only in how Slack reaches it."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).parents[2]
EVENTS_URL = "https://YOUR-HOST/slack/events"


def load(name: str) -> dict[str, Any]:
    return yaml.safe_load((ROOT / name).read_text())


def as_socket_mode(http: dict[str, Any]) -> dict[str, Any]:
    """The HTTP manifest with its request URLs taken out and Socket Mode turned on."""
    manifest = copy.deepcopy(http)
    for command in manifest["features"]["slash_commands"]:
        command.pop("url")
    manifest["settings"]["interactivity"].pop("request_url")
    manifest["settings"]["event_subscriptions"].pop("request_url")
    manifest["settings"]["socket_mode_enabled"] = True
    return manifest


def test_the_manifests_differ_only_in_how_slack_reaches_the_app() -> None:
    assert as_socket_mode(load("manifest-http.yml")) == load("manifest.yml")


def test_http_mode_sends_everything_to_one_url_and_socket_mode_is_off() -> None:
    http = load("manifest-http.yml")
    settings = http["settings"]
    assert settings["socket_mode_enabled"] is False
    urls = [c["url"] for c in http["features"]["slash_commands"]]
    urls += [
        settings["interactivity"]["request_url"],
        settings["event_subscriptions"]["request_url"],
    ]
    assert urls == [EVENTS_URL] * len(urls)
    assert len(urls) == len(http["features"]["slash_commands"]) + 2


def test_the_readme_says_how_to_fill_in_the_host() -> None:
    readme = (ROOT / "README.md").read_text()
    assert "manifest-http.yml" in readme and "YOUR-HOST" in readme
