"""What a change to a programme would break in live data, and what it changed: the rules the
programme file and the coordinators' App Home forms share."""

from __future__ import annotations

from collections.abc import Mapping, Set
from typing import Any

from domain.kernel.programme import Programme


def breaking_changes(
    old: Programme,
    new: Programme,
    held: Mapping[str, int],
    most_per_ics: int,
    referenced: Set[str],
) -> dict[str, str]:
    """Why ``new`` cannot replace ``old``, by the setting concerned ("total_places",
    "per_ics_limit", "cohort:KEY"), in the words of the coordinators' forms; empty when
    nothing live would break.

    ``held``: places held (or offered) per cohort; ``most_per_ics``: the most active
    nominations any one ICS has; ``referenced``: cohorts that participants or preferences
    name."""
    problems: dict[str, str] = {}
    confirmed = sum(held.values())
    if new.total_places < confirmed:
        problems["total_places"] = (
            f"Places in total: {new.total_places} is fewer than the {confirmed} places "
            "already confirmed"
        )
    if new.per_ics_limit < most_per_ics:
        problems["per_ics_limit"] = (
            f"Nominations per ICS: {new.per_ics_limit} is fewer than the {most_per_ics} active "
            "nominations one ICS already has"
        )
    kept = {co.key: co for co in new.cohorts}
    for cohort in old.cohorts:
        after = kept.get(cohort.key)
        if after is None and cohort.key in referenced:
            problems[f"cohort:{cohort.key}"] = (
                f"{cohort.name} has participants or preferences, so it cannot be removed"
            )
        elif (
            after is not None
            and after.places is not None
            and after.places < held.get(cohort.key, 0)
        ):
            problems[f"cohort:{cohort.key}"] = (
                f"{after.name}: {after.places} places is fewer than the "
                f"{held[cohort.key]} already confirmed"
            )
    return problems


def changed_settings(old: Any, new: Any) -> dict[str, list[Any]]:
    """The settings whose value differs, each as [before, after] (JSON-ready): the audit's
    record of an edit."""
    before, after = old.model_dump(mode="json"), new.model_dump(mode="json")
    return {
        name: [before.get(name), after.get(name)]
        for name in sorted(before.keys() | after.keys())
        if before.get(name) != after.get(name)
    }
