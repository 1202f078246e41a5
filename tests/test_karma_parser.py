"""The karma parser on output captured from real karma runs in headless Chromium, reported by
karma-mocha-reporter, with the jasmine and the mocha framework (tests/fixtures/karma/capture.sh)."""

from pathlib import Path

import pytest

from swebench_mm.harness.parsers import FAILED, PASSED, SKIPPED, parse_log

LOGS = Path(__file__).parent / "fixtures" / "karma" / "logs"

FULL_RUN = {
    "top-level test": PASSED,
    "same title": PASSED,
    "axis › draws ticks": PASSED,
    "axis › same title": PASSED,
    "axis › labels › are centred": FAILED,
    "axis › labels › rotate long labels": SKIPPED,  # xit
    "axis › labels › wrap long labels": SKIPPED,  # it() without a body: pending
    "axis › labels › with a theme › use the theme font": PASSED,
    "legend › same title": FAILED,
    "legend › swatch colours follow the palette": PASSED,
    # Two tests called "repeated" in one describe (the reporter prints the second as "repeated "):
    # the first passes, the second fails, the worst wins.
    "twice › repeated": FAILED,
    "animation › finishes before the deadline": FAILED,
    "animation › runs after a timeout": PASSED,
}


@pytest.fixture(params=["jasmine.txt", "jasmine-colors.txt", "mocha.txt", "mocha-colors.txt"])
def full_run(request):
    return parse_log("karma", (LOGS / request.param).read_text())


def test_every_test_has_its_suite_path_and_status(full_run):
    assert full_run.statuses == FULL_RUN
    assert full_run.completed


def test_skipped_tests_are_skipped_whatever_their_mark():
    # jasmine's skipped tests are printed with ✔, mocha's with ✖; both get "(skipped)".
    assert "✔ rotate long labels (skipped)" in (LOGS / "jasmine.txt").read_text()
    assert "✖ rotate long labels (skipped)" in (LOGS / "mocha.txt").read_text()


def test_console_output_and_the_failed_tests_list_are_not_mistaken_for_tests(full_run):
    assert not any("LOG" in name or "rendering" in name or "Chrome" in name for name in full_run.statuses)


@pytest.mark.parametrize("framework", ["jasmine", "mocha"])
def test_colour_codes_do_not_change_names(framework):
    plain = parse_log("karma", (LOGS / f"{framework}.txt").read_text())
    coloured = parse_log("karma", (LOGS / f"{framework}-colors.txt").read_text())
    assert plain.statuses == coloured.statuses
    assert "\x1b[" in (LOGS / f"{framework}-colors.txt").read_text()


def test_with_jasmine_a_file_that_fails_to_load_is_a_browser_error_and_the_rest_still_counts():
    result = parse_log("karma", (LOGS / "jasmine-broken-file.txt").read_text())
    assert result.statuses == FULL_RUN
    assert not any("never" in name or "Error" in name for name in result.statuses)
    assert result.completed


def test_with_mocha_a_file_that_fails_to_load_stops_every_test():
    result = parse_log("karma", (LOGS / "mocha-broken-file.txt").read_text())
    assert result.statuses == {}
    assert result.completed  # karma still prints its SUMMARY: "0 tests completed"


def test_a_crash_before_any_test_gives_nothing_and_no_summary():
    result = parse_log("karma", (LOGS / "crash.txt").read_text())
    assert result.statuses == {}
    assert not result.completed


def test_a_truncated_log_has_no_summary():
    result = parse_log("karma", (LOGS / "truncated.txt").read_text())
    assert result.statuses["axis › labels › are centred"] == FAILED
    assert not result.completed
