"""Every public method of every fake repository is called by a contract test (issue 25)."""

from __future__ import annotations

from tests.integration.contract_coverage import coverage, run_contract_tests, uncovered


def test_every_fake_repository_method_is_called_by_a_contract_test(tmp_path) -> None:
    calls = tmp_path / "calls.txt"
    code, output = run_contract_tests(calls)
    assert code == 0, output[-3000:]  # the contract tests pass on the fakes
    missing = uncovered(coverage(calls))
    assert not missing, f"no contract test calls: {', '.join(missing)}"
