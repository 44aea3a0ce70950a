"""Cascade's composition root: settings, database, configuration, the Slack app, the server."""

from __future__ import annotations

import os
import sys

from dotenv import load_dotenv

from bot.config_file import ConfigFileError
from bot.jobs import plan
from bot.runtime import apply_configuration, configure_logging, open_database, utc_now
from bot.scheduler import start_scheduler
from bot.server import serve_http, serve_socket_mode
from bot.settings import SettingsError, settings_from
from bot.slack_app import create_cascade
from domain.errors import DomainError
from storage.migrate import SchemaOutOfDate


def main() -> int:
    load_dotenv()
    try:
        settings = settings_from(os.environ)
        configure_logging(settings.log_level)
        settings.require_slack()
        uow_factory = open_database(settings)
        apply_configuration(settings, uow_factory, utc_now())
        cascade = create_cascade(settings, uow_factory)
    except (SettingsError, ConfigFileError, SchemaOutOfDate, DomainError) as exc:
        print(f"Cascade cannot start: {getattr(exc, 'message', exc)}", file=sys.stderr)
        return 2

    def periodic(now) -> None:
        plan(uow_factory, now, cascade.people)
        cascade.dispatcher.wake()

    start_scheduler(periodic, utc_now, settings.jobs_every_minutes)
    try:
        if settings.socket_mode:
            serve_socket_mode(cascade.app, settings.slack_app_token.get_secret_value())
        else:
            serve_http(
                cascade.app, uow_factory, settings.port, settings.http_threads, settings.host
            )
    finally:
        cascade.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
