"""Each feature names its own Slack ids; Slack routes by the bare string, so two features must
never use the same one."""

from __future__ import annotations

from collections import Counter

import pytest

from bot.kernel import ids as kernel_ids
from tests import feature_ids


def test_every_feature_with_listeners_has_its_own_ids_module() -> None:
    assert {"nominations", "supervision", "circles", "programme_admin"} <= set(
        feature_ids.modules()
    )


@pytest.mark.parametrize("kind", ["View", "Action"])
def test_no_two_features_use_the_same_id(kind: str) -> None:
    values = [m.value for m in feature_ids.members(kind)]
    if kind == "View":
        values.append(kernel_ids.NOTICE)
    twice = [value for value, n in Counter(values).items() if n > 1]
    assert not twice, f"{kind} ids used by two features: {twice}"


def test_a_feature_never_names_a_field_the_kernel_names() -> None:
    shared = {f.value for f in kernel_ids.Field}
    clash = {
        f"{name}.{b.name}"
        for name, module in feature_ids.modules().items()
        for b in getattr(module, "Block", ())
        if b.value in shared
    }
    assert not clash
