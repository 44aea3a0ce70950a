"""What a coordinator's change to a pathway would break in live data: the steps people have
been signed off or asked for, and the role that accredited people already hold."""

from __future__ import annotations

from collections.abc import Mapping

from domain.accreditation.pathways import Pathway


def pathway_conflicts(
    old: Pathway,
    new: Pathway,
    in_use: Mapping[str, int],
    accredited: int,
) -> dict[str, str]:
    """Why ``new`` cannot replace ``old``, by what the form calls the setting ("grants_role",
    "step:N" for the old pathway's Nth step); empty when nothing live would break.

    ``in_use``: step key -> how many people were signed off or asked for it;
    ``accredited``: how many people this pathway has accredited."""
    problems: dict[str, str] = {}
    kept = {step.key for step in new.steps}
    for place, step in enumerate(old.steps, start=1):
        people = in_use.get(step.key, 0)
        if step.key not in kept and people:
            problems[f"step:{place}"] = (
                f"“{step.name}” cannot be removed: {_people(people)} been signed off for it "
                "or asked for it"
            )
    if new.grants_role != old.grants_role and accredited:
        problems["grants_role"] = (
            f"the role it grants cannot change: {_people(accredited)} been accredited "
            "with the present one"
        )
    return problems


def _people(n: int) -> str:
    return "1 person has" if n == 1 else f"{n} people have"
