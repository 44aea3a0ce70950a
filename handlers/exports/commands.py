"""The exports commands: small frozen requests, whatever triggered them."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from handlers.kernel.commands import Command


class ExportCoordinated(Command):
    request_id: str = Field(default="", max_length=100)
    format: Literal["csv", "xlsx"] = "csv"


class ExportNominations(Command):
    programme_key: str = Field(max_length=40)
    request_id: str = Field(default="", max_length=100)  # Slack's trigger: a retry sends once
    format: Literal["csv", "xlsx"] = "csv"


class ExportEntries(Command):
    request_id: str = Field(default="", max_length=100)


class ExportAccreditation(Command):
    request_id: str = Field(default="", max_length=100)
    format: Literal["csv", "xlsx"] = "csv"


class ShowHome(Command):
    """Someone opened the Home tab: publish it, fresh."""
