"""Cascade's composition root: settings, database, configuration, the Slack app, the server."""

from __future__ import annotations

import os
import sys

from dotenv import load_dotenv

from bot.config_file import ConfigFileError
from bot.middleware import People
from bot.reminders import SlackDeliver, run_jobs
from bot.runtime import apply_configuration, configure_logging, open_database, utc_now
from bot.scheduler import start_scheduler
from bot.server import serve_http, serve_socket_mode
from bot.settings import SettingsError, settings_from
from bot.slack_app import build_client, create_app
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
        client = build_client(settings)
        app = create_app(settings, uow_factory, client=client)
    except (SettingsError, ConfigFileError, SchemaOutOfDate, DomainError) as exc:
        print(f"Cascade cannot start: {getattr(exc, 'message', exc)}", file=sys.stderr)
        return 2
    deliver, people = SlackDeliver(client, uow_factory), People(client, uow_factory, utc_now)
    start_scheduler(
        lambda now: run_jobs(uow_factory, deliver, now, people, utc_now),
        utc_now,
        settings.jobs_every_minutes,
    )
    if settings.socket_mode:
        serve_socket_mode(app, settings.slack_app_token.get_secret_value())
    else:
        serve_http(app, uow_factory, settings.port, settings.http_threads)
    return 0


if __name__ == "__main__":
    sys.exit(main())
