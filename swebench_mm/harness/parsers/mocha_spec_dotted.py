"""Mocha's spec reporter, with the test names SWE-bench Multimodal gives highlight.js.

The spec reporter prints the suite tree as it runs, two spaces per level:

      cmake
        ✔ should markup default
        1) have 17 regex matchers
      .getLanguage()
        - should be pending
        with an alias
          ✔ should get the language by alias

    4 passing (8ms)

`✔` (`✓` in old mochas) passed, `N) title` failed, `- title` pending (skipped); a `(Nms)` suffix of a
slow test is cut off; any other indented line is a suite title. highlight.js's lists name a test by
its suite titles and its title joined by "." (`cmake.have 17 regex matchers`,
`hljs.highlightAuto().should be detected as handlebars`, `.getLanguage().should get an existing
language`), which is the name here; deeper suites add one "." each. The tree ends at the
`N passing (...)` summary, which sets `completed`; the failure details after it are not read.
Unindented lines (console output of the tests) are skipped.
"""

from __future__ import annotations

import re

from swebench_mm.harness.parsers import base as p

TEST_LINE = re.compile(r"^(?P<mark>[✔✓]|\d+\)|-) (?P<title>.*?)(?:\s+\(\d+(?:\.\d+)?\s*m?s\))?\s*$")
SUMMARY = re.compile(r"^\s*\d+ passing \(")


def parse(log: str) -> p.TestLog:
    result = p.TestLog()
    suites: list[tuple[int, str]] = []
    for raw_line in p.strip_ansi(log).splitlines():
        line = raw_line.rstrip("\r")
        if SUMMARY.match(line):
            result.completed = True
            suites = []
            break
        if not line.startswith(" ") or not line.strip():
            continue
        body = line.strip()
        indent = len(line) - len(line.lstrip(" "))
        while suites and suites[-1][0] >= indent:
            suites.pop()
        test = TEST_LINE.match(body)
        if test is None:
            suites.append((indent, body))
            continue
        mark = test["mark"]
        status = p.PASSED if mark in "✔✓" else p.SKIPPED if mark == "-" else p.FAILED
        result.record(".".join([title for _, title in suites] + [test["title"]]), status)
    return result
