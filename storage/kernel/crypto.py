"""Private words encrypted at rest: what a person writes for a restricted audience (reflective
notes, leave reasons, decline reasons, peer review comments...) is stored as a Fernet token
(AES-128-CBC with an HMAC-SHA256 tag, from ``cryptography``) under CASCADE_DATA_KEY.

The key may be several keys separated by commas, the newest first: words are written under the
newest and read under any, while ``cascade keys rotate`` moves everything to the newest. A value
stored before encryption (no prefix) is read as it is, and sealed by the next rotation.
"""

from __future__ import annotations

from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import JSON, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

PREFIX = "enc1:"  # a sealed value; the rest is the Fernet token
NEW_KEY_HINT = "`cascade keys new` prints a new one; `make run` writes one into .env the first time"


class DataKeyError(RuntimeError):
    """CASCADE_DATA_KEY missing, malformed or not the one the data was written with."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


_keys: MultiFernet | None = None


def new_key() -> str:
    """A fresh random key, as CASCADE_DATA_KEY takes it."""
    return Fernet.generate_key().decode()


def use_keys(setting: str | None) -> None:
    """Take CASCADE_DATA_KEY (one key, or several separated by commas, the newest first)."""
    global _keys
    if not setting or not setting.strip():
        _keys = None
        return
    try:
        _keys = MultiFernet([Fernet(key.strip()) for key in setting.split(",") if key.strip()])
    except ValueError:
        raise DataKeyError(
            "CASCADE_DATA_KEY is not a key Cascade can use (each key is 44 characters of "
            f"url-safe base64, several separated by commas): {NEW_KEY_HINT}."
        ) from None


def _required() -> MultiFernet:
    if _keys is None:
        raise DataKeyError(
            "CASCADE_DATA_KEY is not set: private words (reflective notes, leave reasons...) are "
            f"encrypted with it: {NEW_KEY_HINT}."
        )
    return _keys


def seal(text: str) -> str:
    """``text`` encrypted under the newest key ("" stays "": nothing private in it)."""
    if not text:
        return text
    return PREFIX + _required().encrypt(text.encode()).decode()


def unseal(stored: str) -> str:
    """The words of a sealed value (a value stored before encryption is returned as it is)."""
    if not stored or not stored.startswith(PREFIX):
        return stored
    try:
        return _required().decrypt(stored[len(PREFIX) :].encode()).decode()
    except InvalidToken:
        raise DataKeyError(
            "CASCADE_DATA_KEY does not open the private words in the database (they were "
            "written with another key): set the key they were written with; to change keys, "
            "give the new one first and the old one after a comma, then run `cascade keys rotate`."
        ) from None


class SealedText(TypeDecorator[str]):
    """Text stored encrypted, read as the words."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else seal(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else unseal(value)


class SealedJSON(TypeDecorator[Any]):
    """A JSON object whose words under the ``private`` keys are stored encrypted; the rest
    stays readable by the database (a request's programme and ICS, counted in SQL)."""

    impl = JSON
    cache_ok = True

    def __init__(self, private: tuple[str, ...]) -> None:
        super().__init__()
        self.private = frozenset(private)

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if not isinstance(value, dict):
            return value
        return {
            k: seal(v) if k in self.private and isinstance(v, str) else v for k, v in value.items()
        }

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if not isinstance(value, dict):
            return value
        return {
            k: unseal(v) if k in self.private and isinstance(v, str) else v
            for k, v in value.items()
        }
