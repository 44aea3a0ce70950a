"""Read and validate the programme configuration (TOML)."""

from __future__ import annotations

import hashlib
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path

import tomlkit
from pydantic import ValidationError

from domain.programme_admin.configuration import Configuration

# The example shipped with Cascade. The live file (PROGRAMME_CONFIG, config/programme.toml by
# default) is not in git, so an upgrade never touches a coordinator's edits.
EXAMPLE = Path(__file__).parents[1] / "config" / "programme.example.toml"


def file_hash(path: str | Path) -> str:
    """The file's fingerprint: applied again only once it changes."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""


def write_configuration(config: Configuration, path: str | Path) -> str:
    """Write ``config`` as a programme file (what `cascade config export` does); its hash."""
    data = config.model_dump(mode="python", exclude_none=True, exclude_defaults=True)
    text = (
        "# Written by `cascade config export` from the database (programmes as changed in "
        "Slack included).\n# Times are local to each programme's timezone.\n\n"
        + tomlkit.dumps({key: _lists(value) for key, value in data.items()})
    )
    Path(path).write_text(text, encoding="utf-8")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _lists(value: object) -> object:
    """Tuples as lists (TOML arrays), all the way down."""
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_lists(v) for v in value]
    return value


def create_from_example(path: str | Path) -> bool:
    """Copy the shipped example to ``path`` unless a file is there already; True if it did."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("xb") as created:  # never over a coordinator's own file
            created.write(EXAMPLE.read_bytes())
    except FileExistsError:
        return False
    return True


def shown(path: Path) -> str:
    """``path`` as a person here would type it: relative to the current folder if inside it."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


class ConfigFileError(ValueError):
    """The configuration file cannot be used; the message names the key and the problem."""


def load_configuration(path: str | Path) -> Configuration:
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigFileError(
            f"{path}: no such file. To start from the example shipped with Cascade, run "
            f"`cp {shown(EXAMPLE)} {path}` (`make run` does this the first time); "
            "or set PROGRAMME_CONFIG to your programme file."
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigFileError(f"{path}: not valid TOML: {exc}") from None
    try:
        return Configuration.model_validate(raw)
    except ValidationError as exc:
        errors = exc.errors()
        # A list whose items failed is also reported as too short; the item errors say more.
        errors = [e for e in errors if not (e["type"] == "too_short" and _has_child(e, errors))]
        problems = [f"  - {_where(raw, e['loc'])}: {_plain(e)}" for e in errors]
        raise ConfigFileError(
            f"{path} has {len(problems)} problem(s):\n" + "\n".join(problems)
        ) from None


_PLAIN = {
    "missing": "is missing",
    "extra_forbidden": "is not a setting Cascade knows (a typo?)",
    "string_pattern_mismatch": "use lowercase letters, digits and dashes, e.g. cohort-1",
    "int_parsing": "must be a whole number",
    "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "string_type": "must be text in quotes",
    "datetime_type": "must be a date and time such as 2027-11-01T09:30:00",
    "datetime_parsing": "must be a date and time such as 2027-11-01T09:30:00",
    "datetime_from_date_parsing": "must be a date and time such as 2027-11-01T09:30:00",
    "too_short": "needs at least {min_length}",
    "string_too_short": "must not be empty",
    "string_too_long": "is too long (at most {max_length} characters)",
    "greater_than_equal": "must be at least {ge}",
    "greater_than": "must be more than {gt}",
    "less_than_equal": "must be at most {le}",
    "list_type": "must be a list, in square brackets",
    "tuple_type": "must be a list, in square brackets",
}


def _plain(error: Mapping) -> str:
    """Pydantic's message in the words a coordinator would use."""
    words = _PLAIN.get(error["type"])
    if words is None:  # our own checks already speak plainly ("Value error, ..." trimmed)
        return str(error["msg"]).removeprefix("Value error, ")
    return words.format(**(error.get("ctx") or {}))


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
