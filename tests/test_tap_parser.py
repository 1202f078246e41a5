"""The TAP parser on output captured from node's built-in test runner (tests/fixtures/tap/capture.sh)."""

from pathlib import Path

import pytest

from swebench_mm.harness.parsers import FAILED, PASSED, SKIPPED, parse_log

LOGS = Path(__file__).parent / "fixtures" / "tap" / "logs"


@pytest.fixture(params=["node.txt", "colors.txt"])
def full_run(request):
    return parse_log("tap", (LOGS / request.param).read_text())


def test_every_test_has_its_subtest_path_and_status(full_run):
    assert full_run.statuses == {
        "axis › draws ticks": PASSED,
        "axis › labels › are centred": FAILED,
        "axis › labels › rotate long labels": SKIPPED,  # it.skip: `ok ... # SKIP`
        "axis › labels › wrap long labels": SKIPPED,  # it.todo: `ok ... # TODO`
        "axis › labels › with a theme › use the theme font": PASSED,
        "axis › same title": PASSED,
        "legend › same title": FAILED,
        "legend › swatch colours follow the palette": PASSED,
        # Node writes `reads \#skip-me ...`: an escaped hash, not a SKIP directive.
        "legend › reads #skip-me as a colour name": PASSED,
        # Two tests called "repeated" in one describe: the first passes, the second fails; the worst wins.
        "twice › repeated": FAILED,
        # t.test() subtests nest like describes.
        "subtests › outer › inner passes": PASSED,
        "subtests › outer › inner fails": FAILED,
        "top-level test": PASSED,
        "same title": PASSED,
        "animation › finishes before the deadline": FAILED,
        "animation › runs after a timeout": PASSED,
    }
    assert full_run.completed


def test_suites_and_parent_tests_are_not_recorded(full_run):
    for parent in ("axis", "axis › labels", "legend", "subtests", "subtests › outer", "animation"):
        assert parent not in full_run.statuses


def test_console_output_in_comments_is_not_mistaken_for_tests(full_run):
    assert not any("rendering" in name or "warning" in name for name in full_run.statuses)


def test_colour_codes_do_not_change_names():
    plain = parse_log("tap", (LOGS / "node.txt").read_text())
    coloured = parse_log("tap", (LOGS / "colors.txt").read_text())
    assert plain.statuses == coloured.statuses
    assert "\x1b[" in (LOGS / "colors.txt").read_text()


def test_one_file_run():
    result = parse_log("tap", (LOGS / "one-file.txt").read_text())
    assert result.statuses == {
        "animation › finishes before the deadline": FAILED,
        "animation › runs after a timeout": PASSED,
    }
    assert result.completed


def test_a_file_that_fails_to_load_is_one_failed_test_named_by_its_path():
    result = parse_log("tap", (LOGS / "file-crash.txt").read_text())
    assert result.statuses == {"/work/project/broken/syntax.test.js": FAILED}
    assert result.completed


def test_a_crash_before_any_test_gives_nothing_and_no_plan():
    result = parse_log("tap", (LOGS / "crash.txt").read_text())
    assert result.statuses == {}
    assert not result.completed


def test_a_truncated_log_keeps_the_finished_tests_but_is_not_completed():
    full = parse_log("tap", (LOGS / "node.txt").read_text()).statuses
    result = parse_log("tap", (LOGS / "truncated.txt").read_text())
    assert result.statuses
    assert result.statuses.items() < full.items()
    assert not result.completed


def test_a_plan_first_counts_only_once_all_results_are_in():
    head = "TAP version 13\n1..2\nok 1 - first\n"
    assert not parse_log("tap", head).completed
    whole = parse_log("tap", head + "not ok 2 - second # TODO not yet\n")
    assert whole.completed
    assert whole.statuses == {"first": PASSED, "second": SKIPPED}


def test_assertions_inside_a_subtest_belong_to_it():
    # The `tap` npm package's shape: one result line per assertion, without a `# Subtest:` comment.
    log = (
        "TAP version 14\n# Subtest: axis\n    # Subtest: draws ticks\n        ok 1 - should be equal\n"
        "        1..1\n    ok 1 - draws ticks\n    1..1\nok 1 - axis\n1..1\n"
    )
    result = parse_log("tap", log)
    assert result.statuses == {"axis › draws ticks": PASSED}
    assert result.completed


def test_bail_out_is_not_completed():
    log = "TAP version 13\n1..2\nok 1 - first\nBail out! database down\nok 2 - x\n"
    assert not parse_log("tap", log).completed


def test_the_tap_package_output_gives_the_same_tests_under_each_file_path():
    result = parse_log("tap", (LOGS / "tap-package.txt").read_text())
    assert result.statuses == {
        "tap-test/chart.test.js › axis › draws ticks": PASSED,
        "tap-test/chart.test.js › axis › labels › are centred": FAILED,
        # tap writes skipped and todo subtests as bare `ok N - name # SKIP` lines.
        "tap-test/chart.test.js › axis › labels › rotate long labels": SKIPPED,
        "tap-test/chart.test.js › axis › labels › wrap long labels": SKIPPED,
        "tap-test/chart.test.js › axis › labels › with a theme › use the theme font": PASSED,
        "tap-test/chart.test.js › axis › same title": PASSED,
        "tap-test/chart.test.js › legend › same title": FAILED,
        "tap-test/chart.test.js › legend › swatch colours follow the palette": PASSED,
        "tap-test/chart.test.js › twice › repeated": FAILED,
        "tap-test/chart.test.js › top-level test": PASSED,
        "tap-test/chart.test.js › same title": PASSED,
        "tap-test/timeout.test.js › animation › finishes before the deadline": FAILED,
        "tap-test/timeout.test.js › animation › runs after a timeout": PASSED,
    }
    # The plan (1..2, one per file) comes first; the run is complete once both files reported.
    assert result.completed
    assert not any("time=" in name or "should be" in name for name in result.statuses)
