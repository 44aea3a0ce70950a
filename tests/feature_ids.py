"""Every feature's ids modules (``bot/<feature>/ids.py``), found the way a newcomer would: by
looking in each package of ``bot/``."""

from __future__ import annotations

import importlib
import pkgutil
from enum import StrEnum
from types import ModuleType

import bot


def modules() -> dict[str, ModuleType]:
    """Each feature's ``ids`` module, by feature."""
    found = {}
    for package in pkgutil.iter_modules(bot.__path__):
        if package.ispkg and package.name != "kernel":
            try:
                found[package.name] = importlib.import_module(f"bot.{package.name}.ids")
            except ModuleNotFoundError:
                continue  # a package with no ids of its own (the outbox)
    return found


def members(kind: str) -> list[StrEnum]:
    """Every feature's ``View`` or ``Action`` members (``kind``), all together."""
    return [m for module in modules().values() for m in getattr(module, kind, ())]
