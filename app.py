"""Cascade's composition root: settings, database, configuration, the Slack app, the server."""

from __future__ import annotations

import os
import signal
import sys

from dotenv import find_dotenv, load_dotenv
from slack_bolt.error import BoltError
from slack_sdk.errors import SlackApiError

from bot.config_file import ConfigFileError
from bot.health import start_observing
from bot.jobs import periodic, planner_for
from bot.runtime import (
    apply_configuration,
    configure_logging,
    open_database,
    settle_memory,
    utc_now,
)
from bot.scheduler import start_scheduler
from bot.server import CannotServe, serve_http, serve_socket_mode
from bot.settings import SettingsError, keep_secrets_in_settings, settings_from
from bot.slack_app import create_cascade, slack_trouble
from domain.kernel.errors import DomainError
from storage.kernel.crypto import DataKeyError
from storage.kernel.migrate import DatabaseUnreachable, SchemaOutOfDate


def main() -> int:
    load_dotenv(find_dotenv(usecwd=True))  # the .env where it is run (as `cascade keys init`)
    try:
        settings = settings_from(os.environ)
        keep_secrets_in_settings(os.environ)
        configure_logging(settings.log_level, settings.log_format)
        settings.require_slack()
        uow_factory = open_database(settings)
        apply_configuration(settings, uow_factory, utc_now())
        cascade = create_cascade(settings, uow_factory)
        start_observing(settings, uow_factory, cascade.monitor)  # SENTRY_DSN, HEALTH_PORT
    except (SettingsError, ConfigFileError, SchemaOutOfDate, DatabaseUnreachable) as exc:
        return _cannot_start(str(exc))
    except DataKeyError as exc:
        return _cannot_start(exc.message)
    except DomainError as exc:
        return _cannot_start(exc.message)
    except (BoltError, SlackApiError, OSError) as exc:
        return _cannot_start(slack_trouble(exc))

    settle_memory()  # before serving: the collector no longer walks what start-up made
    key = settings.cascade_data_key
    planner = planner_for(
        settings.database_url, uow_factory, key.get_secret_value() if key else None
    )
    start_scheduler(periodic(uow_factory, cascade, planner), utc_now, settings.jobs_every_minutes)
    # A stop (SIGTERM from a service manager) ends the server like Ctrl-C: what is under way
    # finishes, and what was not sent waits in the database for the next start.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        if settings.socket_mode:
            serve_socket_mode(cascade.app, settings.slack_app_token.get_secret_value())
        else:
            serve_http(
                cascade.app, uow_factory, settings.port, settings.http_threads, settings.host
            )
    except CannotServe as exc:
        return _cannot_start(str(exc))
    finally:
        cascade.close()
    return 0


def _cannot_start(why: str) -> int:
    print(f"Cascade cannot start: {why}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
