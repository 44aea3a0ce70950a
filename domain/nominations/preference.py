"""A nominee's cohort preference: a first choice, then a second choice or "either"."""

from __future__ import annotations

from dataclasses import dataclass

from domain.kernel.errors import InvalidPreference


@dataclass(frozen=True)
class Preference:
    first: str
    second: str | None = None
    either: bool = False

    @classmethod
    def choose(
        cls, first: str | None, second: str | None, either: bool, cohorts: tuple[str, ...]
    ) -> Preference:
        """Validate a choice against the keys of the cohorts still open to choose."""
        if not first:
            raise InvalidPreference("Choose your preferred cohort.", field="first_choice")
        for key, name in ((first, "first_choice"), (second, "second_choice")):
            if key and key not in cohorts:
                raise InvalidPreference(
                    f"{key!r} is not a cohort you can choose: it has started or does not exist.",
                    field=name,
                )
        if second == first:
            raise InvalidPreference(
                "Your second choice is your first choice: pick another cohort or leave it empty.",
                field="second_choice",
            )
        return cls(first=first, second=None if either else second, either=either)

    def in_order(self, cohorts: tuple[str, ...]) -> list[str]:
        """Cohorts this person would accept, best first."""
        ranked = [self.first] + ([self.second] if self.second else [])
        if self.either:
            ranked += [c for c in cohorts if c not in ranked]
        return [c for c in ranked if c in cohorts]
