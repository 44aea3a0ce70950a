"""Settings: one frozen model built from the environment (after load_dotenv)."""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from pathlib import Path
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)

from storage.kernel.engine import database_url

README_HINT = "See README.md, section 'Configuration', and .env.example."
NO_DOT_ENV = (
    "There is no .env file here: run `cp .env.example .env` and fill in the Slack settings "
    "(README.md, 'Set up the Slack app', walks you through it). "
)


class SettingsError(RuntimeError):
    """A setting is missing or wrong; the message names it."""


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True)

    database_url: str = "sqlite:///data/cascade.db"
    programme_config: str = "config/programme.toml"
    log_level: str = "INFO"
    # Observability: JSON log lines, error reports (the `sentry` extra), a health/metrics port.
    log_format: Literal["text", "json"] = "text"
    sentry_dsn: SecretStr | None = None
    # Private words are encrypted with it (storage/kernel/crypto.py): newest key first.
    cascade_data_key: SecretStr | None = None
    health_port: int | None = Field(default=None, ge=0, le=65535)  # 0: any free port
    health_host: str = "127.0.0.1"
    outbox_stuck_minutes: int = Field(default=15, ge=1, le=1440)  # then /healthz: degraded
    slack_bot_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_api_url: str | None = None
    host: str = "0.0.0.0"
    port: int = Field(default=3000, ge=0, le=65535)  # 0: any free port
    http_threads: int = Field(default=16, ge=1, le=256)
    jobs_every_minutes: int = Field(default=5, ge=1, le=1440)
    # The outbox: sent from the bot process (default) or only by `cascade worker` processes.
    dispatch_in_bot: bool = True
    dispatch_every_seconds: float = Field(default=5.0, gt=0, le=3600)
    outbox_lease_seconds: int = Field(default=120, ge=2, le=3600)
    send_timeout_seconds: float = Field(default=10.0, gt=0, le=120)  # a hung Slack, per call

    @field_validator("database_url")
    @classmethod
    def _a_database_cascade_can_open(cls, url: str) -> str:
        return database_url(url)  # postgres://, as hosts hand it out, is read as PostgreSQL

    @model_validator(mode="after")
    def _sends_end_within_their_lease(self) -> Settings:
        # A send still waiting on Slack when its claim runs out would be sent again by another
        # dispatcher: every call must give up well inside the lease.
        if self.send_timeout_seconds * 3 > self.outbox_lease_seconds:
            raise ValueError(
                "SEND_TIMEOUT_SECONDS must be at most a third of OUTBOX_LEASE_SECONDS "
                f"({self.send_timeout_seconds:g} s against {self.outbox_lease_seconds} s), or a "
                "message whose claim ran out while Slack was slow could be sent twice"
            )
        return self

    @property
    def socket_mode(self) -> bool:
        return self.slack_app_token is not None

    def require_slack(self, *, signing: bool = True) -> None:
        """Refuse to start without the Slack settings it needs. Only requests Slack sends over
        HTTP are signed: Socket Mode needs no signing secret, nor does sending alone (as the
        jobs and the worker do)."""
        signed = signing and not self.socket_mode
        wanted = ("slack_bot_token", "slack_signing_secret") if signed else ("slack_bot_token",)
        missing = [name for name in wanted if getattr(self, name) is None]
        if missing:
            names = ", ".join(m.upper() for m in missing)
            first_time = "" if Path(".env").exists() else NO_DOT_ENV
            raise SettingsError(f"Missing required setting(s): {names}. {first_time}{README_HINT}")


def settings_from(environ: Mapping[str, str]) -> Settings:
    """Build settings from an environment; empty values count as missing."""
    values = {
        name: environ[name.upper()]
        for name in Settings.model_fields
        if environ.get(name.upper(), "").strip()
    }
    try:
        return Settings(**values)
    except ValidationError as exc:
        problems = "; ".join(
            (f"{e['loc'][0]!s}".upper() + ": " if e["loc"] else "")
            + str(e["msg"]).removeprefix("Value error, ")
            for e in exc.errors()
        )
        raise SettingsError(f"Invalid setting(s): {problems}. {README_HINT}") from None


SECRETS = ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN")


def keep_secrets_in_settings(environ: MutableMapping[str, str]) -> None:
    """Take Slack's secrets out of the process environment once the settings hold them.

    Bolt, handed Cascade's own Web API client, would also read SLACK_BOT_TOKEN from the
    environment and warn at every start that it goes unused; and no library or child
    process needs them there."""
    for name in SECRETS:
        environ.pop(name, None)
