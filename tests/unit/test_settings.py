"""Settings come from the environment; a missing required one names itself."""

from __future__ import annotations

import pytest

from bot.settings import SettingsError, settings_from


def test_defaults_are_an_embedded_database_and_the_shipped_programme() -> None:
    settings = settings_from({})
    assert settings.database_url == "sqlite:///data/cascade.db"
    assert settings.programme_config == "config/programme.toml"
    assert settings.port == 3000 and not settings.socket_mode


def test_missing_or_empty_slack_settings_are_named() -> None:
    settings = settings_from({"SLACK_BOT_TOKEN": "  ", "SLACK_SIGNING_SECRET": "s"})
    with pytest.raises(SettingsError, match=r"SLACK_BOT_TOKEN\. .*See README\.md"):
        settings.require_slack()


def test_app_token_switches_on_socket_mode_and_secrets_stay_hidden() -> None:
    settings = settings_from({"SLACK_APP_TOKEN": "xapp-1", "SLACK_BOT_TOKEN": "xoxb-secret"})
    assert settings.socket_mode
    assert "xoxb-secret" not in repr(settings)


def test_invalid_values_are_explained() -> None:
    with pytest.raises(SettingsError, match="PORT: Input should be a valid integer"):
        settings_from({"PORT": "eighty"})


def test_request_log_lines_name_the_request_but_never_its_content() -> None:
    from bot.kernel.middleware import describe

    submission = {
        "type": "view_submission",
        "view": {
            "callback_id": "log_entry",
            "state": {"values": {"notes": {"notes_input": {"value": "private reflection"}}}},
        },
    }
    assert describe(submission) == "view_submission=log_entry"
    assert describe({"command": "/nominate", "text": "@ann"}) == "command=/nominate"
    assert describe({"type": "block_actions", "actions": [{"action_id": "withdraw"}]}) == (
        "action=withdraw"
    )
    assert (
        describe(
            {"type": "event_callback", "event_id": "Ev1", "event": {"type": "app_home_opened"}}
        )
        == "event=app_home_opened id=Ev1"
    )


def test_every_setting_is_explained_in_env_example_and_the_readme() -> None:
    from pathlib import Path

    from bot.settings import Settings

    root = Path(__file__).parents[2]
    example = (root / ".env.example").read_text(encoding="utf-8")
    readme = (root / "README.md").read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert f"{name.upper()}=" in example, name
        assert f"`{name.upper()}`" in readme, name


def test_a_send_timeout_longer_than_a_third_of_the_lease_is_refused() -> None:
    with pytest.raises(SettingsError, match="at most a third of OUTBOX_LEASE_SECONDS"):
        settings_from({"OUTBOX_LEASE_SECONDS": "10", "SEND_TIMEOUT_SECONDS": "5"})
    assert settings_from({"OUTBOX_LEASE_SECONDS": "15", "SEND_TIMEOUT_SECONDS": "5"})
