"""Grading: from parsed test statuses to "resolved or not", as SWE-bench defines it.

Resolved iff every FAIL_TO_PASS and every PASS_TO_PASS test passes. A test absent from the log did not
pass (it may have crashed with its file). For `fail_only` repositories the log lists only failures, so
"passes" means "not reported failed" — but only if the run reached its summary; a log that stops early
proves nothing and is graded as an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from swebench_mm.harness.parsers import ERROR, FAILED, PASSED, TestLog


@dataclass
class TestResults:
    success: list[str] = field(default_factory=list)
    failure: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, list[str]]:
        return {"success": self.success, "failure": self.failure}


@dataclass
class Grade:
    resolved: bool
    fail_to_pass: TestResults
    pass_to_pass: TestResults
    # Set when the log cannot support a verdict either way (fail_only log without a summary).
    error: str | None = None

    def tests_status(self) -> dict[str, dict[str, list[str]]]:
        return {"FAIL_TO_PASS": self.fail_to_pass.to_dict(), "PASS_TO_PASS": self.pass_to_pass.to_dict()}


def test_passed(name: str, log: TestLog, eval_type: str) -> bool:
    status = log.statuses.get(name)
    if eval_type == "fail_only":
        return status not in (FAILED, ERROR)
    return status == PASSED


def grade(fail_to_pass: tuple[str, ...] | list[str], pass_to_pass: tuple[str, ...] | list[str], log: TestLog,
          eval_type: str = "pass_and_fail") -> Grade:
    results = []
    for names in (fail_to_pass, pass_to_pass):
        bucket = TestResults()
        for name in names:
            (bucket.success if test_passed(name, log, eval_type) else bucket.failure).append(name)
        results.append(bucket)
    f2p, p2p = results
    if eval_type == "fail_only" and not log.completed:
        return Grade(False, f2p, p2p, error="the test log has no run summary, so absent failures prove nothing")
    resolved = not f2p.failure and not p2p.failure and bool(fail_to_pass or pass_to_pass)
    return Grade(resolved, f2p, p2p)
