"""How many tests a log says were executed, read from the frameworks' own summaries (real captures)."""

from __future__ import annotations

from pathlib import Path

import pytest

from swebench_mm.harness.evidence import tests_executed as executed_in

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.mark.parametrize("log,executed", [
    ("jasmine/logs/default.txt", 15),                      # "15 specs, 6 failures, 2 pending specs"
    ("mocha/logs/spec-full.txt", 13),                      # 8 passing + 5 failing
    ("mocha/logs/spec-two-runs.txt", 13),                  # two runs: 1 + 1, then 7 + 4
    ("mocha/logs/json-full.txt", 14),                      # the JSON reporter's stats
    ("karma/logs/jasmine.txt", 12),                        # karma-mocha-reporter SUMMARY: 8 completed, 4 failed
    ("swebench_m_karma/logs/progress-headless.txt", 7),    # "Executed 7 of 7"
    ("swebench_m_karma/logs/chartjs-total-repeated.txt", 1545),  # real Chart.js: one run, its TOTAL printed 3 times
    ("jest/logs/verbose.txt", 12),                         # "Tests: ... 12 total"
    ("tap/logs/colors.txt", 19),                           # "# tests 19"
    ("zero_tests/jasmine-filter-matches-nothing.txt", 0),  # "Ran 0 of 650 specs / 0 specs, 0 failures"
    ("zero_tests/jasmine4-filter-matches-nothing.txt", 0),
])
def test_the_summaries_count_what_ran(log, executed):
    assert executed_in((FIXTURES / log).read_text(errors="replace")) == executed


@pytest.mark.parametrize("log", ["jasmine/logs/crash.txt", "jest/logs/crash.txt", "karma/logs/crash.txt",
                                 "zero_tests/jasmine-no-specs.txt"])
def test_a_log_without_a_summary_gives_no_count(log):
    # No summary: the count is unknown (the parsers' completeness decides, as tests_crashed).
    assert executed_in((FIXTURES / log).read_text(errors="replace")) is None
