"""Error reports to Sentry: personal text never leaves in one, and the extra is optional."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from bot.error_reports import NOT_INSTALLED, scrub_event, start_error_reports
from bot.settings import SettingsError

NOTE = "Felt out of my depth with the bereavement group"
EMAIL = "ann.example@nhs.example"
SLACK_FORM = (
    "payload=%7B%22type%22%3A%22view_submission%22%2C%22view%22%3A%7B%22state%22%3A"
    "%7B%22notes%22%3A%22Felt+out+of+my+depth%22%7D%7D%7D"
)


def realistic_event() -> dict[str, Any]:
    """What sentry-sdk builds for an error in a /log-supervision submission, request and
    all (as a WSGI integration would add it), locals included."""
    return {
        "level": "error",
        "logger": "cascade.errors",
        "logentry": {"message": "unhandled error ref=%s user=%s", "params": ["ab12", "ULT"]},
        "user": {"id": "ULT", "email": EMAIL, "username": "ann", "ip_address": "10.0.0.1"},
        "request": {
            "url": "https://cascade.example/slack/events",
            "method": "POST",
            "data": SLACK_FORM,
            "query_string": "token=xoxb-secret",
            "cookies": {"session": "s"},
            "headers": {
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Slack-Signature": "v0=abc",
                "Authorization": "Bearer xoxb-secret",
            },
        },
        "exception": {
            "values": [
                {
                    "type": "ValueError",
                    "value": f"no person with address {EMAIL}",
                    "stacktrace": {
                        "frames": [
                            {
                                "function": "handle_log_submission",
                                "module": "bot.supervision.listeners",
                                "lineno": 42,
                                "vars": {"body": {"view": {"state": NOTE}}, "note": NOTE},
                            }
                        ]
                    },
                }
            ]
        },
        "breadcrumbs": {
            "values": [
                {"category": "cascade", "message": f"looked up {EMAIL}", "level": "info"},
                {
                    "type": "http",
                    "category": "httplib",
                    "data": {
                        "url": "https://hooks.slack.com/commands/T/1/secret",
                        "method": "POST",
                    },
                },
            ]
        },
        "extra": {"text": NOTE, "notes": NOTE, "programme": "lsc", "blocks": [{"text": NOTE}]},
        "contexts": {"slack": {"payload": {"view": NOTE}, "kind": "view_submission"}},
    }


def test_the_scrubber_takes_personal_text_out_of_a_realistic_event() -> None:
    scrubbed = scrub_event(realistic_event())
    text = json.dumps(scrubbed)
    for secret in (NOTE, "Felt", EMAIL, "xoxb-secret", "hooks.slack.com", "v0=abc", "10.0.0.1"):
        assert secret not in text, secret
    # What an operator needs to find the fault stays.
    assert scrubbed["exception"]["values"][0]["type"] == "ValueError"
    assert scrubbed["exception"]["values"][0]["value"] == "no person with address [e-mail]"
    frame = scrubbed["exception"]["values"][0]["stacktrace"]["frames"][0]
    assert frame["function"] == "handle_log_submission" and frame["lineno"] == 42
    assert scrubbed["user"] == {"id": "ULT"}
    assert scrubbed["request"]["url"] == "https://cascade.example/slack/events"
    assert scrubbed["request"]["headers"] == {"Content-Type": "application/x-www-form-urlencoded"}
    assert scrubbed["logentry"]["params"] == ["ab12", "ULT"]
    assert scrubbed["extra"]["programme"] == "lsc"
    assert scrubbed["contexts"]["slack"]["kind"] == "view_submission"
    assert scrubbed["breadcrumbs"]["values"][0]["message"] == "looked up [e-mail]"


@pytest.fixture
def sentry_events() -> Iterator[list[dict[str, Any]]]:
    """sentry-sdk as configured by Cascade, sending to a list instead of Sentry."""
    import sentry_sdk
    from sentry_sdk.transport import Transport

    sent: list[dict[str, Any]] = []

    class Recorded(Transport):
        def capture_envelope(self, envelope: Any) -> None:
            sent.extend(item.payload.json for item in envelope.items if item.type == "event")

    start_error_reports("https://key@sentry.example/1", transport=Recorded)
    yield sent
    sentry_sdk.get_client().close()
    sentry_sdk.init()  # no DSN: reports off again for the other tests


def test_a_real_report_leaves_scrubbed(sentry_events: list[dict[str, Any]]) -> None:
    import sentry_sdk

    log = logging.getLogger("cascade.test")
    log.info("opened the form for %s", EMAIL)  # a breadcrumb
    note = NOTE  # a local variable of the failing frame
    try:
        raise RuntimeError(f"could not store the entry for {EMAIL}")
    except RuntimeError:
        sentry_sdk.capture_exception()
    sentry_sdk.flush()
    assert note and len(sentry_events) == 1
    text = json.dumps(sentry_events[0])
    assert NOTE not in text and EMAIL not in text
    assert "could not store the entry for [e-mail]" in text


def test_a_dsn_without_the_extra_installed_is_one_clear_message(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "sentry_sdk", None)  # as if not installed
    with pytest.raises(SettingsError) as refused:
        start_error_reports("https://key@sentry.example/1")
    assert str(refused.value) == NOT_INSTALLED and "[sentry]" in NOT_INSTALLED
