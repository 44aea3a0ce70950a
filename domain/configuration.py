"""The whole configuration: programmes and the ICSs that nominate to them."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from domain.programme import Ics, Programme


class Configuration(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    programmes: tuple[Programme, ...] = Field(min_length=1)
    ics: tuple[Ics, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_keys(self) -> Configuration:
        for label, keys in (
            ("programme", [p.key for p in self.programmes]),
            ("ics", [i.key for i in self.ics]),
        ):
            duplicates = sorted({k for k in keys if keys.count(k) > 1})
            if duplicates:
                raise ValueError(f"duplicate {label} key(s): {', '.join(duplicates)}")
        return self
