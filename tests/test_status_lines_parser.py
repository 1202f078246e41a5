"""The list reporter's lines (real jasmine run, tests/fixtures/jasmine/capture.sh) name what the fail-only log
names, plus every passing spec: that is how PASS_TO_PASS of a fail-only repository is measured."""

from pathlib import Path

from swebench_mm.harness.parsers import FAILED, PASSED, SKIPPED, parse_log

LOGS = Path(__file__).parent / "fixtures" / "jasmine" / "logs"


def test_every_spec_is_named_with_its_status():
    result = parse_log("status_lines", (LOGS / "list-reporter.txt").read_text())
    assert result.completed
    assert result.statuses["axis draws ticks"] == PASSED
    assert result.statuses["legend same title"] == FAILED
    assert result.statuses["twice repeated"] == FAILED  # duplicate titles: the failure wins
    assert any(status == SKIPPED for status in result.statuses.values())
    assert not any("rendering axis" in name for name in result.statuses)  # console output is not a test


def test_the_names_are_those_of_the_fail_only_log():
    listed = parse_log("status_lines", (LOGS / "list-reporter.txt").read_text())
    fail_only = parse_log("jasmine", (LOGS / "default.txt").read_text())
    failed_in_list = {n for n, s in listed.statuses.items() if s == FAILED}
    failed_in_log = {n for n, s in fail_only.statuses.items() if s == FAILED}
    assert failed_in_log and failed_in_log <= failed_in_list | set(listed.statuses)
