"""Lighthouse 9.5-10.x: `yarn mocha FILE`, lighthouse's own mocha runner with mocha's spec reporter.

`yarn mocha` is `node --loader=testdouble core/test/scripts/run-mocha-tests.js`. Each invocation prints
`running N test files`, then the spec reporter's tree (one describe title per line, each level two
spaces deeper; `✔ title` for a passed test, `N) title` for a failed one, a duration such as `(52ms)`
after slow ones), then mocha's summary `N passing (2s)` (with `N failing` and the numbered failure
list after it), then the runner's own last line, `Tests passed` or `Tests failed`.

Names are SWE-bench Multimodal's (the FAIL_TO_PASS / PASS_TO_PASS lists of 9.5-10.x): the titles of
the describes a test is in and its own title, joined by " - "
(`.processTrace() - .processNavigation() - LCP - undefined if no candidates`), read from the tree by
indentation, with the official grading's rules, which the lists were made with:
- the outermost describe of a run's first file is not part of the names (`manages cross-process /
  cross-iframe traces - with a basic single PID trace` is in `TraceProcessor`; a run of one file whose
  tests sit directly in its describe names them by their titles alone: `builds device emulation
  string`); a second top-level describe of the same run does count;
- every other indented line that is not a test opens a describe at its indentation, closing the ones
  at the same depth or deeper, and a test line closes none: a test that follows a nested describe in
  the tree is named as if it were inside it;
- only the tree counts: a run's text ends at its `N passing` line, so the failure list after it (and
  anything else) names nothing; text before the first `running N test files` names nothing either.
Pending tests (`- title`) get no status. A name seen twice keeps its worse status.

`completed`: every run (each `running N test files`) reached mocha's `N passing` summary and then the
runner's last line (`Tests passed`, `Tests failed`, or `N tests failed` after files it ran in isolation,
`Running test in isolation: FILE`, whose trees the official grading does not read either); a file that
fails to load ends its run with the error and `Tests failed`, without a summary.
"""

from __future__ import annotations

import re

from swebench_mm.harness.parsers import base as p

RUN_START = re.compile(r"^running \d+ test files?\s*$")
SUMMARY = re.compile(r"^\s*\d+ passing\b")
RUNNER_END = re.compile(r"^(?:Tests passed|Tests failed|\d+ tests failed)\s*$")
PASSED_LINE = re.compile(r"^✔\s(?P<title>.*?)(?:\s\(\d+ms\))?$")
FAILED_LINE = re.compile(r"^\d+\)\s(?P<title>.*?)(?:\s\(\d+ms\))?$")
SEPARATOR = " - "


def _read_tree(lines: list[str], result: p.TestLog) -> None:
    """One run's tree (the lines between `running N test files` and `N passing`)."""
    suites: list[tuple[str, int]] = []
    first = True
    for line in lines:
        text = line.strip()
        if not text:
            continue
        # The first line of a run's text is its outermost describe, read as unindented: not a suite.
        indent = 0 if first else len(line) - len(line.lstrip())
        first = False
        passed, failed = PASSED_LINE.match(text), FAILED_LINE.match(text)
        if passed or failed:
            title = (passed or failed)["title"]
            result.record(SEPARATOR.join([name for name, _ in suites] + [title]), p.PASSED if passed else p.FAILED)
        elif indent > 0:
            while suites and suites[-1][1] >= indent:
                suites.pop()
            suites.append((text, indent))


def parse(log: str) -> p.TestLog:
    result = p.TestLog()
    trees: list[list[str]] = []  # each run's tree lines
    summaries: list[bool] = []  # whether the run reached mocha's summary
    ends: list[bool] = []  # whether, after that, the runner printed its last line
    tree: list[str] | None = None
    for raw_line in p.strip_ansi(log).splitlines():
        line = raw_line.rstrip("\r")
        if RUN_START.match(line):
            tree = []
            trees.append(tree)
            summaries.append(False)
            ends.append(False)
        elif tree is not None and SUMMARY.match(line):
            summaries[-1], tree = True, None
        elif tree is not None:
            tree.append(line)
        elif summaries and summaries[-1] and RUNNER_END.match(line):
            ends[-1] = True
    for lines in trees:
        _read_tree(lines, result)
    result.completed = bool(trees) and all(summaries) and all(ends)
    return result
