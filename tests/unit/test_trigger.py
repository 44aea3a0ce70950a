"""The one expired-trigger rule: a trigger that has gone is a refusal saying what to tell."""

from __future__ import annotations

from typing import Any

import pytest
from slack_sdk.errors import SlackApiError

from bot.kernel.trigger import TOO_SLOW, TriggerExpired, open_view, push_view


class Refusing:
    def __init__(self, error: Exception) -> None:
        self.error = error

    def views_open(self, **_: Any) -> Any:
        raise self.error

    views_push = views_open


def refused(error: str) -> SlackApiError:
    return SlackApiError(error, {"ok": False, "error": error})


@pytest.mark.parametrize(
    "error", [refused("expired_trigger_id"), refused("exchanged_trigger_id"), TimeoutError()]
)
def test_a_trigger_gone_is_told_plainly(error: Exception) -> None:
    with pytest.raises(TriggerExpired) as gone:
        open_view(Refusing(error), {"trigger_id": "T1"}, {})  # type: ignore[arg-type]
    assert gone.value.message == TOO_SLOW
    with pytest.raises(TriggerExpired) as gone:
        push_view(Refusing(error), {"trigger_id": "T1"}, {}, instead="Thanks!")  # type: ignore[arg-type]
    assert gone.value.message == "Thanks!"


def test_any_other_refusal_is_raised_as_it_is() -> None:
    with pytest.raises(SlackApiError):
        open_view(Refusing(refused("invalid_arguments")), {"trigger_id": "T1"}, {})  # type: ignore[arg-type]
