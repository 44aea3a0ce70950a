"""Read and validate the programme configuration (TOML)."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path

from pydantic import ValidationError

from domain.configuration import Configuration


class ConfigFileError(ValueError):
    """The configuration file cannot be used; the message names the key and the problem."""


def load_configuration(path: str | Path) -> Configuration:
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigFileError(
            f"{path}: no such file. Set PROGRAMME_CONFIG to your programme file "
            "(config/programme.toml is the example shipped with Cascade)."
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigFileError(f"{path}: not valid TOML: {exc}") from None
    try:
        return Configuration.model_validate(raw)
    except ValidationError as exc:
        errors = exc.errors()
        # A list whose items failed is also reported as too short; the item errors say more.
        errors = [e for e in errors if not (e["type"] == "too_short" and _has_child(e, errors))]
        problems = [f"  - {_where(raw, e['loc'])}: {e['msg']}" for e in errors]
        raise ConfigFileError(
            f"{path} has {len(problems)} problem(s):\n" + "\n".join(problems)
        ) from None


def _where(raw: object, loc: tuple[int | str, ...]) -> str:
    """A readable key path, naming list items by their key where they have one."""
    parts: list[str] = []
    node = raw
    for part in loc:
        if isinstance(part, int) and isinstance(node, list) and part < len(node):
            node = node[part]
            key = node.get("key") if isinstance(node, dict) else None
            parts[-1] += f"[{key!r}]" if key else f"[{part}]"
        else:
            node = node.get(part) if isinstance(node, dict) else None
            parts.append(str(part))
    return ".".join(parts) or "(top level)"


def _has_child(error: Mapping, errors: list) -> bool:
    loc = tuple(error["loc"])
    return any(tuple(e["loc"])[: len(loc)] == loc and len(e["loc"]) > len(loc) for e in errors)
