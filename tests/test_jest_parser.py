"""The jest parser on output captured from real jest runs (tests/fixtures/jest/capture.sh)."""

from pathlib import Path

import pytest

from swebench_mm.harness.parsers import FAILED, PASSED, SKIPPED, parse_log

LOGS = Path(__file__).parent / "fixtures" / "jest" / "logs"


@pytest.fixture(params=["verbose.txt", "colors.txt"])
def full_run(request):
    return parse_log("jest", (LOGS / request.param).read_text())


def test_nested_describes_give_the_full_path(full_run):
    assert full_run.statuses["axis › draws ticks"] == PASSED
    assert full_run.statuses["axis › labels › are centred"] == FAILED
    assert full_run.statuses["axis › labels › with a theme › use the theme font"] == PASSED
    assert full_run.statuses["legend › swatch colours follow the palette"] == PASSED
    assert full_run.statuses["top-level test"] == PASSED


def test_skipped_and_todo_titles_lose_their_prefix(full_run):
    assert full_run.statuses["axis › labels › rotate long labels"] == SKIPPED
    assert full_run.statuses["axis › labels › wrap long labels"] == SKIPPED


def test_duplicate_titles_are_kept_apart_by_path_and_the_worst_wins(full_run):
    assert full_run.statuses["axis › same title"] == PASSED
    assert full_run.statuses["legend › same title"] == FAILED
    assert full_run.statuses["same title"] == PASSED


def test_a_timed_out_test_is_failed_and_its_neighbours_still_count(full_run):
    assert full_run.statuses["animation › finishes before the deadline"] == FAILED
    assert full_run.statuses["animation › runs after a timeout"] == PASSED


def test_a_file_that_crashes_while_loading_contributes_no_tests(full_run):
    assert not any("never runs" in name for name in full_run.statuses)
    assert full_run.completed


def test_console_output_is_not_mistaken_for_tests(full_run):
    assert not any("console" in name or "rendering axis" in name for name in full_run.statuses)
    assert len(full_run.statuses) == 12


def test_colour_codes_do_not_change_names():
    plain = parse_log("jest", (LOGS / "verbose.txt").read_text())
    coloured = parse_log("jest", (LOGS / "colors.txt").read_text())
    assert plain.statuses == coloured.statuses
    assert "\x1b[" in (LOGS / "colors.txt").read_text()


def test_a_crash_before_any_test_gives_nothing_and_no_summary():
    result = parse_log("jest", (LOGS / "crash.txt").read_text())
    assert result.statuses == {}
    assert not result.completed


def test_a_truncated_log_has_no_summary():
    result = parse_log("jest", (LOGS / "truncated.txt").read_text())
    assert not result.completed
