"""Optional error reports to Sentry (SENTRY_DSN, with the `sentry` extra installed), with the
personal text people type taken out of every report before it leaves: request bodies, form
values, notes, message text, e-mail addresses."""

from __future__ import annotations

import re
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from bot.settings import SettingsError

NOT_INSTALLED = (
    "SENTRY_DSN is set, but sentry-sdk is not installed. Install the extra "
    "(`.venv/bin/pip install -e '.[sentry]'`) or leave SENTRY_DSN empty."
)
REMOVED = "[removed]"
EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(\.[\w-]+)+")
# Keys whose values are what a person typed or Slack's whole request: dropped wherever they
# appear (extra, contexts, breadcrumbs' data, the request). Ids, kinds and names of ours stay.
PERSONAL = frozenset(
    {
        "body", "data", "payload", "form", "state", "view", "blocks", "text",
        "note", "notes", "reason", "message_text", "private_metadata", "email", "real_name",
        "cookies", "query_string", "token", "user_name", "username",
    }
)  # fmt: skip
KEPT_HEADERS = frozenset({"content-type", "content-length", "user-agent", "x-slack-retry-num"})


def start_error_reports(dsn: str, **options: Any) -> None:
    """Send unhandled errors (and ERROR log lines) to Sentry, scrubbed."""
    try:
        import sentry_sdk
    except ImportError:
        raise SettingsError(NOT_INSTALLED) from None
    sentry_sdk.init(
        dsn=dsn,
        release=f"cascade@{_version()}",
        # sentry-sdk's default sends no IP addresses, user names or cookies; the rest:
        include_local_variables=False,  # a listener's locals hold the form it was sent
        max_request_body_size="never",
        # sentry-sdk types an event as a TypedDict; it hands over a plain dict, scrubbed as one
        before_send=scrub_event,  # type: ignore[arg-type]
        before_breadcrumb=scrub_breadcrumb,
        **options,
    )


def scrub_event(event: dict[str, Any], _hint: Any = None) -> dict[str, Any]:
    """The event with personal text taken out (Sentry's ``before_send``)."""
    request = event.get("request")
    if isinstance(request, dict):
        request.pop("data", None)
        request.pop("cookies", None)
        request.pop("query_string", None)
        headers = request.get("headers")
        if isinstance(headers, dict):
            request["headers"] = {k: v for k, v in headers.items() if k.lower() in KEPT_HEADERS}
    user = event.get("user")
    if isinstance(user, dict):  # the Slack id alone says who, for those who may know
        event["user"] = {k: v for k, v in user.items() if k == "id"}
    for entry in _exceptions(event):
        for frame in (entry.get("stacktrace") or {}).get("frames", []):
            frame.pop("vars", None)
    breadcrumbs = event.get("breadcrumbs")
    if isinstance(breadcrumbs, dict):
        breadcrumbs["values"] = [scrub_breadcrumb(b) for b in breadcrumbs.get("values", [])]
    return _scrubbed(event)


def scrub_breadcrumb(crumb: dict[str, Any], _hint: Any = None) -> dict[str, Any]:
    """A breadcrumb (a log line, an HTTP call) with personal text taken out."""
    return _scrubbed(crumb)


def _exceptions(event: dict[str, Any]) -> list[dict[str, Any]]:
    exceptions = event.get("exception")
    values = exceptions.get("values") if isinstance(exceptions, dict) else None
    threads = event.get("threads")
    more = threads.get("values") if isinstance(threads, dict) else None
    return [e for e in (values or []) + (more or []) if isinstance(e, dict)]


def _scrubbed(value: Any, key: str = "") -> Any:
    """Drop values under personal keys; mask e-mail addresses in every string."""
    if key.lower() in PERSONAL:
        return REMOVED
    if isinstance(value, dict):
        return {k: _scrubbed(v, str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrubbed(v) for v in value]
    if isinstance(value, str):
        return EMAIL.sub("[e-mail]", value)
    return value


def _version() -> str:
    try:
        return version("cascade")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"
