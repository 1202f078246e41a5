from swebench_mm.harness.grading import grade
from swebench_mm.harness.parsers import FAILED, PASSED, TestLog


def log(statuses, completed=True):
    return TestLog(statuses=dict(statuses), completed=completed)


def test_resolved_only_when_every_f2p_and_p2p_passes():
    result = grade(["a"], ["b"], log({"a": PASSED, "b": PASSED}))
    assert result.resolved
    assert not grade(["a"], ["b"], log({"a": PASSED, "b": FAILED})).resolved
    assert not grade(["a"], ["b"], log({"a": FAILED, "b": PASSED})).resolved


def test_a_missing_test_is_not_a_pass():
    result = grade(["a"], ["b"], log({"b": PASSED}))
    assert not result.resolved
    assert result.fail_to_pass.failure == ["a"]


def test_fail_only_counts_unreported_tests_as_passed():
    result = grade(["a"], ["b"], log({"c": FAILED}), eval_type="fail_only")
    assert result.resolved and result.error is None
    assert not grade(["a"], [], log({"a": FAILED}), eval_type="fail_only").resolved


def test_fail_only_without_a_run_summary_is_an_error_not_a_pass():
    result = grade(["a"], [], log({}, completed=False), eval_type="fail_only")
    assert not result.resolved
    assert "summary" in result.error


def test_nothing_to_grade_is_not_resolved():
    assert not grade([], [], log({"a": PASSED})).resolved
