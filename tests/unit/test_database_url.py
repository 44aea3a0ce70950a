"""DATABASE_URL as hosts hand it out: `postgres://` and `postgresql://` are PostgreSQL through
the driver Cascade installs; anything else it cannot use says what to write."""

from __future__ import annotations

import pytest

from bot.settings import SettingsError, settings_from
from storage.kernel.engine import database_url


@pytest.mark.parametrize(
    "given",
    [
        "postgres://cascade:s%40cret@db.internal:5432/cascade?sslmode=require",
        "postgresql://cascade:s%40cret@db.internal:5432/cascade?sslmode=require",
        "postgresql+psycopg://cascade:s%40cret@db.internal:5432/cascade?sslmode=require",
    ],
)
def test_postgresql_is_spelt_for_psycopg_3(given: str) -> None:
    assert database_url(given) == (
        "postgresql+psycopg://cascade:s%40cret@db.internal:5432/cascade?sslmode=require"
    )


def test_sqlite_is_left_alone() -> None:
    assert database_url("sqlite:///data/cascade.db") == "sqlite:///data/cascade.db"
    assert database_url("sqlite://") == "sqlite://"


def test_settings_hold_the_url_as_cascade_uses_it() -> None:
    settings = settings_from({"DATABASE_URL": "postgres://c@db/cascade"})
    assert settings.database_url == "postgresql+psycopg://c@db/cascade"


@pytest.mark.parametrize(
    ("given", "why"),
    [
        ("mysql://c:hunter2@db/cascade", "mysql is not a database Cascade can use"),
        ("postgresql+psycopg2://c:hunter2@db/cascade", "the driver psycopg2"),
        ("sqlite+pysqlcipher://:hunter2@/x.db", "the driver pysqlcipher"),
        ("db.internal/cascade", "is not a database URL"),
    ],
)
def test_a_url_cascade_cannot_use_says_what_to_write(given: str, why: str) -> None:
    with pytest.raises(SettingsError) as refused:
        settings_from({"DATABASE_URL": given})
    message = str(refused.value)
    assert message.startswith("Invalid setting(s): DATABASE_URL: ") and why in message
    assert "sqlite:///" in message and "postgresql+psycopg://" in message
    assert "hunter2" not in message
