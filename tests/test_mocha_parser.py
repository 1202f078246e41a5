"""The mocha spec-reporter parser on output captured from real mocha runs (tests/fixtures/mocha/capture.sh)."""

from pathlib import Path

import pytest

from swebench_mm.harness.parsers import ERROR, FAILED, PASSED, SKIPPED, parse_log

LOGS = Path(__file__).parent / "fixtures" / "mocha" / "logs"

FULL_RUN = {
    "top-level test": PASSED,
    "same title": PASSED,
    "axis › draws ticks": PASSED,
    "axis › same title": PASSED,
    "axis › labels › are centred": FAILED,
    "axis › labels › rotate long labels": SKIPPED,
    "axis › labels › wrap long labels": SKIPPED,
    "axis › labels › with a theme › use the theme font": PASSED,
    "legend › same title": FAILED,
    "legend › swatch colours follow the palette": PASSED,
    # Two tests called "repeated" in one describe: the first passes, the second fails; the worst wins.
    "twice › repeated": FAILED,
    'with a failing hook › "before all" hook for "is never reached"': ERROR,
    "animation › finishes before the deadline": FAILED,
    "animation › runs after a timeout": PASSED,
}


@pytest.fixture(params=["spec-full.txt", "spec-colors.txt"])
def full_run(request):
    return parse_log("mocha", (LOGS / request.param).read_text())


def test_every_test_has_its_describe_path_and_status(full_run):
    assert full_run.statuses == FULL_RUN
    assert full_run.completed


def test_tests_kept_from_running_by_a_failing_hook_are_absent(full_run):
    assert "with a failing hook › is never reached" not in full_run.statuses


def test_console_output_and_failure_details_are_not_mistaken_for_tests(full_run):
    assert not any("rendering" in name or "ticks:" in name or "Error" in name for name in full_run.statuses)
    assert not any(name.endswith(":") for name in full_run.statuses)


def test_colour_codes_do_not_change_names():
    plain = parse_log("mocha", (LOGS / "spec-full.txt").read_text())
    coloured = parse_log("mocha", (LOGS / "spec-colors.txt").read_text())
    assert plain.statuses == coloured.statuses
    assert "\x1b[" in (LOGS / "spec-colors.txt").read_text()


def test_one_file_run():
    result = parse_log("mocha", (LOGS / "spec-one-file.txt").read_text())
    assert result.statuses == {
        "animation › finishes before the deadline": FAILED,
        "animation › runs after a timeout": PASSED,
    }
    assert result.completed


def test_two_runs_announced_by_npm_are_both_read():
    result = parse_log("mocha", (LOGS / "spec-two-runs.txt").read_text())
    assert result.statuses == FULL_RUN
    assert result.completed


def test_a_crash_before_any_test_gives_nothing_and_no_summary():
    result = parse_log("mocha", (LOGS / "spec-crash.txt").read_text())
    assert result.statuses == {}
    assert not result.completed


def test_a_truncated_log_has_no_summary():
    result = parse_log("mocha", (LOGS / "spec-truncated.txt").read_text())
    assert result.statuses["axis › labels › are centred"] == FAILED
    assert "legend › same title" not in result.statuses
    assert not result.completed
