"""Which public methods of the fake repositories the contract tests call.

The contract tests are the integration tests taking the ``uow`` fixture (conftest.py): each runs
on the fakes, SQLite and PostgreSQL. A fake method no contract test calls may drift from the
real repository unseen. Counted: a call made by a test module in tests/integration itself, not
one a use case or another fake method makes on its behalf.

    python -m tests.integration.contract_coverage    # the table, and what is not called

test_contract_coverage.py fails when a method is not called.
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
#: Set by the run below: the ``uow`` fixture then records the fakes' calls in this file.
CALLS = "CASCADE_CONTRACT_CALLS"
#: The unit of work's own methods and attributes: not repositories.
_NOT_REPOSITORIES = {"completes", "completed", "commits"}


def repositories(uow) -> Iterator[tuple[str, object]]:
    for name, value in vars(uow).items():
        if not name.startswith("_") and name not in _NOT_REPOSITORIES:
            yield name, value


def public_methods(uow) -> dict[str, list[str]]:
    """Every public method of every repository of a fake unit of work, by repository."""
    return {
        name: sorted(
            m for m in dir(type(repo)) if not m.startswith("_") and callable(getattr(repo, m))
        )
        for name, repo in repositories(uow)
    }


def record(uow, path: str) -> None:
    """Wraps each public method of the fake's repositories to append ``repo.method`` to
    ``path`` when a contract test module calls it directly."""
    with open(path, "a", encoding="utf-8") as sink:
        sink.write("")  # the run made it here: an empty file still means "nothing called"
    for name, methods in public_methods(uow).items():
        repo = dict(repositories(uow))[name]
        for method in methods:
            setattr(repo, method, _recording(getattr(repo, method), f"{name}.{method}", path))


def _recording(method, label: str, path: str):
    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        caller = Path(sys._getframe(1).f_code.co_filename).resolve()
        if caller.parent == HERE and caller.name.startswith("test_"):
            with open(path, "a", encoding="utf-8") as sink:
                sink.write(label + "\n")
        return method(*args, **kwargs)

    return wrapper


def run_contract_tests(calls: Path) -> tuple[int, str]:
    """Runs the contract tests on the fakes only, recording; the exit code and the output."""
    env = {**os.environ, CALLS: str(calls)}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist"]
    command += ["-k", "fake", str(HERE), f"--ignore={HERE / 'test_contract_coverage.py'}"]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    return done.returncode, done.stdout + done.stderr


def coverage(calls: Path) -> dict[str, dict[str, int]]:
    """Each repository's methods, with how many calls the contract tests made to each."""
    from tests.unit.fakes.unit_of_work import FakeUnitOfWork

    made = calls.read_text(encoding="utf-8").split() if calls.exists() else []
    counts = {label: made.count(label) for label in set(made)}
    return {
        repo: {m: counts.get(f"{repo}.{m}", 0) for m in methods}
        for repo, methods in public_methods(FakeUnitOfWork()).items()
    }


def uncovered(table: dict[str, dict[str, int]]) -> list[str]:
    return [f"{repo}.{m}" for repo, methods in table.items() for m, n in methods.items() if not n]


def main() -> int:
    calls = ROOT / ".contract-calls.txt"
    calls.unlink(missing_ok=True)
    code, output = run_contract_tests(calls)
    table = coverage(calls)
    calls.unlink(missing_ok=True)
    total = sum(len(methods) for methods in table.values())
    for repo, methods in table.items():
        covered = [m for m, n in methods.items() if n]
        missing = [m for m, n in methods.items() if not n]
        print(
            f"{repo:18} {len(covered):3}/{len(methods):<3} not called: {', '.join(missing) or '-'}"
        )
    missing = uncovered(table)
    print(f"called by a contract test: {total - len(missing)}/{total} public methods")
    if code != 0:
        print(output[-3000:])
        print(f"the contract tests on the fakes did not pass (exit code {code})")
    return 1 if missing or code else 0


if __name__ == "__main__":
    sys.exit(main())
