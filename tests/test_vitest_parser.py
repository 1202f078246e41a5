"""The vitest parser on output captured from real vitest runs (tests/fixtures/vitest/capture.sh)."""

from pathlib import Path

import pytest

from swebench_mm.harness.parsers import FAILED, PASSED, SKIPPED, parse_log

LOGS = Path(__file__).parent / "fixtures" / "vitest" / "logs"


@pytest.fixture(params=["verbose.txt", "colors.txt"])
def full_run(request):
    return parse_log("vitest", (LOGS / request.param).read_text())


def test_nested_describes_give_the_full_path_without_the_file(full_run):
    assert full_run.statuses["axis › draws ticks"] == PASSED
    assert full_run.statuses["axis › labels › are centred"] == FAILED
    assert full_run.statuses["axis › labels › with a theme › use the theme font"] == PASSED
    assert full_run.statuses["legend › swatch colours follow the palette"] == PASSED
    assert full_run.statuses["top-level test"] == PASSED


def test_skipped_and_todo_tests_are_skipped(full_run):
    assert full_run.statuses["axis › labels › rotate long labels"] == SKIPPED
    assert full_run.statuses["axis › labels › wrap long labels"] == SKIPPED


def test_duplicate_titles_are_kept_apart_by_path_and_the_worst_wins(full_run):
    assert full_run.statuses["axis › same title"] == PASSED
    assert full_run.statuses["legend › same title"] == FAILED
    assert full_run.statuses["same title"] == PASSED
    # Two tests both called "repeated" in one describe: the first passes, the second fails.
    assert full_run.statuses["twice › repeated"] == FAILED


def test_a_timed_out_test_is_failed_and_its_neighbours_still_count(full_run):
    assert full_run.statuses["animation › finishes before the deadline"] == FAILED
    assert full_run.statuses["animation › runs after a timeout"] == PASSED


def test_durations_are_not_part_of_names(full_run):
    assert not any(name.endswith("ms") for name in full_run.statuses)


def test_a_file_that_crashes_while_loading_contributes_no_tests(full_run):
    assert not any("never runs" in name for name in full_run.statuses)
    assert full_run.completed


def test_console_output_is_not_mistaken_for_tests(full_run):
    assert not any("rendering axis" in name or "warning" in name for name in full_run.statuses)
    assert len(full_run.statuses) == 13


def test_colour_codes_do_not_change_names():
    plain = parse_log("vitest", (LOGS / "verbose.txt").read_text())
    coloured = parse_log("vitest", (LOGS / "colors.txt").read_text())
    assert plain.statuses == coloured.statuses
    assert "\x1b[" in (LOGS / "colors.txt").read_text()


def test_one_file_run():
    result = parse_log("vitest", (LOGS / "one-file.txt").read_text())
    assert result.statuses == {
        "animation › finishes before the deadline": FAILED,
        "animation › runs after a timeout": PASSED,
    }
    assert result.completed


def test_a_crash_before_any_test_gives_nothing_and_no_summary():
    result = parse_log("vitest", (LOGS / "crash.txt").read_text())
    assert result.statuses == {}
    assert not result.completed


def test_a_truncated_log_keeps_the_finished_tests_but_has_no_summary():
    full = parse_log("vitest", (LOGS / "verbose.txt").read_text()).statuses
    result = parse_log("vitest", (LOGS / "truncated.txt").read_text())
    assert result.statuses
    assert result.statuses.items() < full.items()
    assert not result.completed
