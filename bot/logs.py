"""Log lines: plain text (the default) or one JSON object per line, each carrying the request
and user it concerns. Nothing here reads a request's body: notes and tokens never reach a log."""

from __future__ import annotations

import itertools
import json
import logging
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import IO

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
FORMATS = ("text", "json")

request_id: ContextVar[str | None] = ContextVar("request_id", default=None)
user_id: ContextVar[str | None] = ContextVar("user_id", default=None)


_PROCESS = secrets.token_hex(3)  # ids from different processes (instances) never meet
_serial = itertools.count(1)


def new_request_id() -> str:
    """Twelve hex digits, unique to this request (cheap: no system call per request)."""
    return f"{_PROCESS}{next(_serial) % 0x1000000:06x}"


@contextmanager
def request_scope(user: str | None, request: str | None = None) -> Iterator[str]:
    """Every line logged inside (in this thread, and in work handed on with its context) names
    this request and user; the id is made here unless given."""
    rid = request or new_request_id()
    rid_token, user_token = request_id.set(rid), user_id.set(user)
    try:
        yield rid
    finally:
        request_id.reset(rid_token)
        user_id.reset(user_token)


class RequestIds(logging.Filter):
    """Puts the request and user of the current context on each record (None outside one)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        record.user_id = user_id.get()
        return True


class JsonLines(logging.Formatter):
    """One JSON object per line: time, level, logger, event, request and user ids when known,
    and the traceback of an exception."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "event": record.getMessage(),
        }
        for field in ("request_id", "user_id"):
            value = getattr(record, field, None)
            if value:
                line[field] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        elif record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def log_handler(log_format: str = "text", stream: IO[str] | None = None) -> logging.Handler:
    """A handler writing ``log_format`` lines to ``stream`` (stderr by default)."""
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIds())
    handler.setFormatter(JsonLines() if log_format == "json" else logging.Formatter(TEXT_FORMAT))
    return handler


def configure_logging(level: str, log_format: str = "text") -> None:
    """Log to stderr in ``log_format``; Slack's libraries never below INFO (at DEBUG they log
    request bodies, which can hold private reflective notes)."""
    logging.basicConfig(level=level.upper(), handlers=[log_handler(log_format)])
    for noisy in ("slack_bolt", "slack_sdk"):
        logging.getLogger(noisy).setLevel(max(logging.INFO, logging.getLogger().level))
