"""Start-up steps shared by the bot and the CLI: database, configuration, clock."""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from datetime import UTC, datetime

from bot.config_file import file_hash, load_configuration
from bot.logs import configure_logging
from bot.settings import Settings
from handlers.programme_admin.configuration import sync_configuration
from storage.kernel import crypto, keys
from storage.kernel.engine import create_engine_for
from storage.kernel.migrate import ensure_up_to_date
from storage.unit_of_work import UnitOfWorkFactory

log = logging.getLogger(__name__)
__all__ = [
    "Clock",
    "apply_configuration",
    "configure_logging",
    "open_database",
    "settle_memory",
    "utc_now",
]
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def settle_memory() -> None:
    """Once started, before serving: what start-up made (modules, compiled statements, the
    app) lives as long as the process, so the garbage collector stops walking it. A full
    collection over it took about 90 ms, while every request in flight waited (the slowest
    acks of an opening-day burst); over what requests make, about 10 ms."""
    gc.collect()
    gc.freeze()


def open_database(settings: Settings) -> UnitOfWorkFactory:
    """An engine on DATABASE_URL, refusing a database whose schema is behind the code, or a
    data key (CASCADE_DATA_KEY) missing or not the one its private words were sealed with."""
    engine = create_engine_for(settings.database_url)
    ensure_up_to_date(engine)
    key = settings.cascade_data_key
    crypto.use_keys(key.get_secret_value() if key else None)
    keys.check(engine)
    return UnitOfWorkFactory(engine)


def apply_configuration(
    settings: Settings, uow_factory: UnitOfWorkFactory, now: datetime, force: bool = False
) -> None:
    """Validate the programme file and, if it changed since it was last applied, bring the
    database in line with it (see sync_configuration: the database is the live state)."""
    path = settings.programme_config
    config = load_configuration(path)
    for warning in config.warnings(now):
        log.warning("configuration: %s", warning)
    changes = sync_configuration(config, uow_factory.patient(), now, file_hash(path), force)
    for change in changes:
        log.info("configuration: %s", change)
    if not changes:
        log.info("configuration: %s unchanged since it was last applied", path)
