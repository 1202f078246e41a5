"""Evidence that tests ran: how many tests a framework's own summary lines say it executed.

Fail-only grading reads "not reported failed" as passed, so a run that executed nothing (`0 specs,
0 failures`, `TOTAL: 0 SUCCESS`, `0 passing`, a filter that matches no test) would pass every
FAIL_TO_PASS test. The count comes from the summary lines the frameworks print, summed over the runs
of a log (per-file commands run the framework several times); None when no summary is recognised, in
which case the parsers' own completeness decides.
"""

from __future__ import annotations

import re

from swebench_mm.harness.parsers import strip_ansi

# (name, pattern, how to count): each pattern is one run's summary line.
_JASMINE = re.compile(r"^(\d+) specs?, \d+ failures?", re.MULTILINE)
_MOCHA_PASSING = re.compile(r"^\s*(\d+) passing\b", re.MULTILINE)
_MOCHA_FAILING = re.compile(r"^\s*(\d+) failing\b", re.MULTILINE)
_JEST = re.compile(r"^Tests:\s+.*?(\d+) total", re.MULTILINE)
_VITEST = re.compile(r"^\s*Tests\s+.*\((\d+)\)\s*$", re.MULTILINE)
_TAP = re.compile(r"^# tests (\d+)\s*$", re.MULTILINE)
_NODE_TEST = re.compile(r"^ℹ tests (\d+)\s*$", re.MULTILINE)
_KARMA_TOTAL = re.compile(r"TOTAL: (?:(\d+) FAILED, )?(\d+) SUCCESS")
_KARMA_EXECUTED = re.compile(r"Executed (\d+) of \d+")
_MOCHA_JSON_TESTS = re.compile(r'"stats":\s*\{[^{}]*?"tests":\s*(\d+)')
# karma-mocha-reporter's summary: "SUMMARY:" then "✔ N tests completed" (passed) and "✖ M tests failed".
_KARMA_MOCHA_SUMMARY = re.compile(r"^SUMMARY:\s*\n✔ (\d+) tests? completed(?:\n.*?)*?(?:\n✖ (\d+) tests? failed|\n\n|\Z)",
                                  re.MULTILINE)


def _karma_totals(text: str) -> list[int]:
    """One count per karma run: a TOTAL line printed again before the next run's `Executed` lines (Chart.js's
    karma prints its TOTAL three times) is the same run's."""
    events = sorted([(m.start(), "total", int(m.group(1) or 0) + int(m.group(2))) for m in _KARMA_TOTAL.finditer(text)]
                    + [(m.start(), "executed", 0) for m in _KARMA_EXECUTED.finditer(text)])
    counts: list[int] = []
    run_open = True
    for _, kind, count in events:
        if kind == "executed":
            run_open = True
        elif run_open:
            counts.append(count)
            run_open = False
    return counts


def tests_executed(log: str) -> int | None:
    """Tests the log's summaries say were executed, or None when it has no summary we know."""
    text = strip_ansi(log)
    counts: list[int] = []
    for pattern in (_JASMINE, _JEST, _VITEST, _TAP, _NODE_TEST, _MOCHA_JSON_TESTS):
        counts += [int(n) for n in pattern.findall(text)]
    passing, failing = _MOCHA_PASSING.findall(text), _MOCHA_FAILING.findall(text)
    if passing:
        counts += [int(n) for n in passing] + [int(n) for n in failing]
    counts += [int(passed) + int(failed or 0) for passed, failed in _KARMA_MOCHA_SUMMARY.findall(text)]
    totals = _karma_totals(text)
    if totals:
        counts += totals
    elif not counts:
        executed = [int(n) for n in _KARMA_EXECUTED.findall(text)]
        if executed:
            counts.append(max(executed))
    return sum(counts) if counts else None
