"""The jasmine parser on output captured from real jasmine runs (tests/fixtures/jasmine/capture.sh)."""

from pathlib import Path

import pytest

from swebench_mm.harness.parsers import ERROR, FAILED, SKIPPED, parse_log

LOGS = Path(__file__).parent / "fixtures" / "jasmine" / "logs"

# The default reporter names only what did not pass, by jasmine's space-joined full name.
NOT_PASSED = {
    "axis labels are centred": FAILED,
    "legend same title": FAILED,
    # Two specs called "repeated" in one describe: only the failing one is listed.
    "twice repeated": FAILED,
    "with a failing hook is never reached": FAILED,
    "with a failing hook": ERROR,
    "animation finishes before the deadline": FAILED,
    "axis labels rotate long labels": SKIPPED,
    "axis labels wrap long labels": SKIPPED,
}


@pytest.fixture(params=["default.txt", "colors.txt"])
def full_run(request):
    return parse_log("jasmine", (LOGS / request.param).read_text())


def test_failures_pending_specs_and_suite_errors_are_named(full_run):
    assert full_run.statuses == NOT_PASSED
    assert full_run.completed


def test_passing_specs_and_console_output_are_not_named(full_run):
    assert "axis draws ticks" not in full_run.statuses
    assert not any("rendering" in name or "warning" in name for name in full_run.statuses)


def test_colour_codes_and_random_order_do_not_change_names():
    plain = parse_log("jasmine", (LOGS / "default.txt").read_text())
    coloured = parse_log("jasmine", (LOGS / "colors.txt").read_text())
    assert plain.statuses == coloured.statuses
    assert list(plain.statuses) != list(coloured.statuses)  # another seed, another order
    assert "\x1b[" in (LOGS / "colors.txt").read_text()


def test_one_file_run():
    result = parse_log("jasmine", (LOGS / "one-file.txt").read_text())
    assert result.statuses == {"animation finishes before the deadline": FAILED}
    assert result.completed


def test_a_crash_before_any_spec_gives_nothing_and_no_summary():
    result = parse_log("jasmine", (LOGS / "crash.txt").read_text())
    assert result.statuses == {}
    assert not result.completed


def test_a_truncated_log_has_no_summary():
    # Without the summary, a spec missing from the failures may just not have been reached.
    result = parse_log("jasmine", (LOGS / "truncated.txt").read_text())
    assert not result.completed
