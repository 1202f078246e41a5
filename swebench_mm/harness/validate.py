"""Validation of task instances: does the gold patch really turn FAIL_TO_PASS green, and only that?

For every instance and every rerun, the tests run twice in fresh containers: with no patch (`empty`)
every FAIL_TO_PASS test must fail and every PASS_TO_PASS test pass; with the gold patch all must pass.
Any test whose status differs between reruns is flaky. The lists the instance *should* have are
computed from the same runs (failing without gold and passing with it; passing in both), so a task
set's lists can be written by the harness rather than by hand.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Callable

import docker

from swebench_mm import __version__
from swebench_mm.atomic import write_json
from swebench_mm.harness.evaluate import EvalOptions, Job, run_jobs
from swebench_mm.harness.grading import test_passed
from swebench_mm.harness.images import ImageBuilder
from swebench_mm.harness.parsers import TestLog
from swebench_mm.harness.specs import EnvSpec, load_specs, spec_for
from swebench_mm.instances import TaskInstance
from swebench_mm.predictions import Prediction


@dataclass
class InstanceValidation:
    instance_id: str
    problems: list[str]
    flaky_tests: list[str]
    computed_fail_to_pass: list[str]
    computed_pass_to_pass: list[str]
    # Tests that do not pass even with the gold patch: allowed by SWE-bench's grading (they are in
    # neither list) but a task set of our own should have none.
    failing_with_gold: list[str] = field(default_factory=list)
    # The fewest tests any run executed (by the frameworks' summaries), when every run had a count: what
    # an evaluation must reach for its verdict to count (harness/test_spec.py, VALIDATED_TESTS_FIELD).
    min_tests_executed: int | None = None

    @property
    def valid(self) -> bool:
        return not self.problems and not self.flaky_tests

    def to_dict(self) -> dict:
        return {
            "valid": self.valid,
            "problems": self.problems,
            "flaky_tests": self.flaky_tests,
            "computed_FAIL_TO_PASS": self.computed_fail_to_pass,
            "computed_PASS_TO_PASS": self.computed_pass_to_pass,
            "failing_with_gold": self.failing_with_gold,
            "min_tests_executed": self.min_tests_executed,
        }

    def lists_match(self, instance: TaskInstance) -> bool:
        """Whether the instance's declared lists are exactly what the runs measured."""
        return (sorted(instance.fail_to_pass) == self.computed_fail_to_pass
                and sorted(instance.pass_to_pass) == self.computed_pass_to_pass)


# Categories of runs whose test statuses cannot be trusted either way.
UNJUDGEABLE = ("tests_crashed", "tests_not_run", "memory_limit", "disk_limit", "test_timeout")


def _passes(statuses: dict[str, str], name: str, eval_type: str) -> bool:
    return test_passed(name, TestLog(statuses=statuses, completed=True), eval_type)


def judge(instance: TaskInstance, without_gold: list[dict], with_gold: list[dict]) -> InstanceValidation:
    """Pure verdict over the reports of the reruns (one per rerun and condition)."""
    problems: list[str] = []
    for label, reports in (("without the gold patch", without_gold), ("with the gold patch", with_gold)):
        for rerun, report in enumerate(reports, start=1):
            if report.get("status") == "error" or report.get("test_statuses") is None:
                problems.append(f"rerun {rerun} {label}: {report.get('failure_category')}: {report.get('error')}")
            elif report.get("failure_category") in UNJUDGEABLE or (
                    report.get("eval_type") == "fail_only" and report.get("log_summary_seen") is False):
                # A run that crashed, ran nothing or hit a limit shows no test's true status (and a
                # fail-only log without its summary would make every unlisted test look passed).
                problems.append(f"rerun {rerun} {label}: {report.get('failure_category') or 'no run summary'}: "
                                f"{report.get('error') or 'the test log has no run summary'}")
    if problems:
        return InstanceValidation(instance.instance_id, problems, [], [], [])
    eval_type = without_gold[0]["eval_type"]
    for rerun, (empty, gold) in enumerate(zip(without_gold, with_gold), start=1):
        for name in instance.fail_to_pass:
            if _passes(empty["test_statuses"], name, eval_type):
                problems.append(f"rerun {rerun}: FAIL_TO_PASS test passes without the gold patch: {name}")
            if not _passes(gold["test_statuses"], name, eval_type):
                problems.append(f"rerun {rerun}: FAIL_TO_PASS test does not pass with the gold patch: {name}")
        for name in instance.pass_to_pass:
            if not _passes(empty["test_statuses"], name, eval_type):
                problems.append(f"rerun {rerun}: PASS_TO_PASS test does not pass without the gold patch: {name}")
            if not _passes(gold["test_statuses"], name, eval_type):
                problems.append(f"rerun {rerun}: PASS_TO_PASS test does not pass with the gold patch: {name}")
    flaky: set[str] = set()
    for reports in (without_gold, with_gold):
        names = set().union(*(r["test_statuses"] for r in reports))
        for name in names:
            if len({r["test_statuses"].get(name) for r in reports}) > 1:
                flaky.add(name)
    empty_first, gold_first = without_gold[0]["test_statuses"], with_gold[0]["test_statuses"]
    if eval_type == "fail_only":
        # A fail-only log names failures only: FAIL_TO_PASS is what failed without the gold patch and is
        # not reported with it; PASS_TO_PASS cannot be seen in such logs, so the declared list stands.
        computed_f2p = sorted(n for n, s in empty_first.items() if s in ("FAILED", "ERROR")
                              and gold_first.get(n) not in ("FAILED", "ERROR") and n not in flaky)
        computed_p2p = sorted(n for n in instance.pass_to_pass if n not in flaky)
    else:
        computed_f2p = sorted(n for n, s in gold_first.items()
                              if s == "PASSED" and empty_first.get(n) != "PASSED" and n not in flaky)
        computed_p2p = sorted(n for n, s in gold_first.items()
                              if s == "PASSED" and empty_first.get(n) == "PASSED" and n not in flaky)
    if not computed_f2p:
        problems.append("no test fails without the gold patch and passes with it (measured FAIL_TO_PASS is empty)")
    failing = sorted(n for n, s in gold_first.items() if s in ("FAILED", "ERROR"))
    counts = [r.get("tests_executed") for r in without_gold + with_gold]
    least = min(counts) if counts and all(isinstance(c, int) for c in counts) else None
    return InstanceValidation(instance.instance_id, problems, sorted(flaky), computed_f2p, computed_p2p, failing,
                              least or None)


def measuring_spec(spec: EnvSpec) -> EnvSpec:
    """For fail-only specs with a measuring command: run that instead, so every test shows with its status."""
    if spec.eval_type == "fail_only" and spec.measure_cmd:
        return dataclasses.replace(spec, test_cmd=spec.measure_cmd, parser=spec.measure_parser or spec.parser,
                                   results_file="",
                                   eval_type="pass_and_fail", append_test_files=False)
    return spec


def validate(instances: list[TaskInstance], reruns: int, options: EvalOptions, builder: ImageBuilder,
             client: docker.DockerClient, on_result: Callable[[dict], None] = lambda report: None) -> dict:
    """Run every instance `reruns` times with and without its gold patch; write validation.json."""
    specs = load_specs()
    jobs: list[Job] = []
    for instance in instances:
        # An instance without lists is welcome here: measuring them is one of validate's jobs.
        spec = measuring_spec(spec_for(instance, specs))
        for rerun in range(1, reruns + 1):
            jobs.append(Job(instance, Prediction(instance.instance_id, f"empty@{rerun}", ""), spec))
            jobs.append(Job(instance, Prediction(instance.instance_id, f"gold@{rerun}", instance.patch), spec))
    reports = run_jobs(jobs, options, builder, client, on_result)
    by_key = {(r["instance_id"], r["model_name_or_path"]): r for r in reports}
    verdicts = {}
    for instance in instances:
        without_gold = [by_key[(instance.instance_id, f"empty@{r}")] for r in range(1, reruns + 1)]
        with_gold = [by_key[(instance.instance_id, f"gold@{r}")] for r in range(1, reruns + 1)]
        verdicts[instance.instance_id] = judge(instance, without_gold, with_gold)
    result = {
        "run_id": options.run_id,
        "reruns": reruns,
        "total_instances": len(instances),
        "valid_instances": sum(v.valid for v in verdicts.values()),
        "valid_ids": [i for i, v in verdicts.items() if v.valid],
        "invalid_ids": [i for i, v in verdicts.items() if not v.valid],
        "flaky_tests": {i: v.flaky_tests for i, v in verdicts.items() if v.flaky_tests},
        "instances": {
            i.instance_id: {**verdicts[i.instance_id].to_dict(), "lists_match_computed": verdicts[i.instance_id].lists_match(i)}
            for i in instances
        },
        "swebench_mm_version": __version__,
    }
    write_json(options.runs_dir / options.run_id / "validation.json", result)
    return result
