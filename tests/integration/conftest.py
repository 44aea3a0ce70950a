from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import Engine

from handlers.programme_admin.configuration import sync_configuration
from storage.kernel.engine import create_engine_for
from storage.unit_of_work import UnitOfWorkFactory
from tests.conftest import clean, sqlite_copy
from tests.factories import NOW, configuration, full_configuration
from tests.integration.contract_coverage import CALLS, record
from tests.unit.fakes.unit_of_work import FakeUnitOfWork


@pytest.fixture
def uow_factory(engine: Engine) -> UnitOfWorkFactory:
    factory = UnitOfWorkFactory(engine)
    sync_configuration(configuration(ics_count=22), factory(), NOW)
    return factory


@pytest.fixture(params=["fake", "sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def uow(request: pytest.FixtureRequest, tmp_path) -> Iterator[Callable]:
    """A unit-of-work factory on the fake or on a migrated, configured real database."""
    engine = None
    if request.param == "fake":
        fake = FakeUnitOfWork()
        factory: Callable = lambda **_: fake  # noqa: E731 - the fake is its own unit of work
    elif request.param == "sqlite":
        template = request.getfixturevalue("migrated_sqlite")
        engine = sqlite_copy(template, tmp_path / "contract.db")
        factory = UnitOfWorkFactory(engine)
    else:
        url, options = request.getfixturevalue("postgres_schema")
        engine = create_engine_for(url, **options)
        clean(engine)
        factory = UnitOfWorkFactory(engine)
    sync_configuration(full_configuration(ics_count=3), factory(), NOW)
    if request.param == "fake" and os.environ.get(CALLS):
        record(fake, os.environ[CALLS])  # what the test calls: see contract_coverage.py
    yield factory
    if engine is not None:
        engine.dispose()
