from __future__ import annotations

import pytest
from sqlalchemy import Engine

from handlers.configuration import sync_configuration
from storage.unit_of_work import UnitOfWorkFactory
from tests.factories import NOW, configuration


@pytest.fixture
def uow_factory(engine: Engine) -> UnitOfWorkFactory:
    factory = UnitOfWorkFactory(engine)
    sync_configuration(configuration(ics_count=22), factory(), NOW)
    return factory
