from swebench_mm.harness.validate import judge
from swebench_mm.instances import TaskInstance

INSTANCE = TaskInstance(repo="o/n", instance_id="o__n-1", base_commit="abc", problem_statement="p",
                        fail_to_pass=("fixed",), pass_to_pass=("kept",))


def report(statuses, status="unresolved"):
    return {"status": status, "test_statuses": statuses, "eval_type": "pass_and_fail"}


def test_a_good_instance_is_valid_and_its_lists_are_measured():
    empty = [report({"fixed": "FAILED", "kept": "PASSED"})] * 3
    gold = [report({"fixed": "PASSED", "kept": "PASSED"}, "resolved")] * 3
    verdict = judge(INSTANCE, empty, gold)
    assert verdict.valid
    assert verdict.computed_fail_to_pass == ["fixed"] and verdict.computed_pass_to_pass == ["kept"]
    assert verdict.lists_match(INSTANCE)


def test_f2p_passing_without_gold_is_a_problem():
    empty = [report({"fixed": "PASSED", "kept": "PASSED"})]
    gold = [report({"fixed": "PASSED", "kept": "PASSED"}, "resolved")]
    verdict = judge(INSTANCE, empty, gold)
    assert not verdict.valid
    assert "passes without the gold patch: fixed" in verdict.problems[0]


def test_a_test_that_changes_between_reruns_is_flaky():
    empty = [report({"fixed": "FAILED", "kept": "PASSED", "other": "PASSED"}),
             report({"fixed": "FAILED", "kept": "PASSED", "other": "FAILED"})]
    gold = [report({"fixed": "PASSED", "kept": "PASSED", "other": "PASSED"}, "resolved")] * 2
    verdict = judge(INSTANCE, empty, gold)
    assert verdict.flaky_tests == ["other"] and not verdict.valid
    assert "other" not in verdict.computed_pass_to_pass


def test_an_evaluation_error_makes_the_instance_invalid():
    broken = {"status": "error", "test_statuses": None, "failure_category": "env_build_failed", "error": "npm ci failed"}
    verdict = judge(INSTANCE, [broken], [report({"fixed": "PASSED", "kept": "PASSED"}, "resolved")])
    assert not verdict.valid and "npm ci failed" in verdict.problems[0]


def test_fail_only_logs_measure_fail_to_pass_from_failures():
    def fail_only(statuses, status="unresolved"):
        return {"status": status, "test_statuses": statuses, "eval_type": "fail_only"}

    verdict = judge(INSTANCE, [fail_only({"fixed": "FAILED"})], [fail_only({}, "resolved")])
    assert verdict.valid
    assert verdict.computed_fail_to_pass == ["fixed"] and verdict.computed_pass_to_pass == ["kept"]


def test_nothing_measured_as_fail_to_pass_is_a_problem():
    same = report({"fixed": "PASSED", "kept": "PASSED"}, "resolved")
    unlisted = TaskInstance(repo="o/n", instance_id="o__n-2", base_commit="abc", problem_statement="p")
    verdict = judge(unlisted, [same], [same])
    assert not verdict.valid and "measured FAIL_TO_PASS is empty" in verdict.problems[0]


def test_validation_records_the_fewest_tests_any_run_executed():
    empty = [dict(report({"fixed": "FAILED", "kept": "PASSED"}), tests_executed=n) for n in (12, 11)]
    gold = [dict(report({"fixed": "PASSED", "kept": "PASSED"}, "resolved"), tests_executed=n) for n in (13, 13)]
    assert judge(INSTANCE, empty, gold).min_tests_executed == 11
    # One run without a count: no minimum can be vouched for.
    gold[1] = dict(gold[1], tests_executed=None)
    assert judge(INSTANCE, empty, gold).min_tests_executed is None
