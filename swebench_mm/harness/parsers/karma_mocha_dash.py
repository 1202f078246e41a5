"""karma-mocha-reporter's tree, with the test names SWE-bench Multimodal gives alibaba-fusion/next.

The reporter prints the suite tree after `START:`, two spaces per level, tests as `✔ title` (passed)
or `✖ title` (failed), a ` (skipped)` suffix for skipped ones, and `SUMMARY:` when the run ends
(then a `FAILED TESTS:` list that repeats failures and is not read):

    START:
      form
        render
          ✔ Form
          ✔ Form 
        FormItem
          ✖ should supoort required
          ✖ should supoort size (skipped)
    LOG: 'field', 'missing'

The dataset names a test by its suite titles and its title joined by " - " (`form - render - Form`),
and keeps the trailing space the reporter appends to a title repeated in one suite (`form - render -
Form `): both are kept here exactly, so the two same-titled tests are two names, as in the data.
Browser console lines and karma's own log lines start at column 0 and are skipped; an indented line
without a mark is a suite title. `completed` is set by `SUMMARY:`. (The `karma` parser reads the same
reporter with " › " names for the shipped repositories.)
"""

from __future__ import annotations

import re

from swebench_mm.harness.parsers import base as p

SEPARATOR = " - "
TEST_LINE = re.compile(r"^(?P<mark>[✔✖√×]) (?P<title>.*?)(?P<skipped> \(skipped\))?$")
MARK_STATUS = {"✔": p.PASSED, "√": p.PASSED, "✖": p.FAILED, "×": p.FAILED}


def parse(log: str) -> p.TestLog:
    result = p.TestLog()
    in_tree = False
    suites: list[tuple[int, str]] = []
    for raw_line in p.strip_ansi(log).splitlines():
        line = raw_line.rstrip("\r\n")
        if line.strip() == "START:" and not line.startswith(" "):
            in_tree, suites = True, []
            continue
        if line.strip() == "SUMMARY:" and not line.startswith(" "):
            in_tree = False
            result.completed = True
            continue
        if not in_tree or not line.startswith("  ") or not line.strip():
            continue
        body = line.lstrip(" ")
        indent = len(line) - len(body)
        while suites and suites[-1][0] >= indent:
            suites.pop()
        test = TEST_LINE.match(body)
        if test is None:
            suites.append((indent, body.rstrip()))
            continue
        status = p.SKIPPED if test["skipped"] else MARK_STATUS[test["mark"]]
        result.record(SEPARATOR.join([title for _, title in suites] + [test["title"]]), status)
    return result
