"""Karma's console output with the `karma-mocha-reporter` reporter (`reporters: ['mocha']`).

karma-mocha-reporter is the widely used tree reporter for karma, whatever the test framework
(jasmine via karma-jasmine, mocha via karma-mocha): after `START:` it prints the suite tree as the
browser reports results, two spaces per level, top-level tests and top-level suite titles at two:

    START:
      ✔ top-level test
    LOG: 'rendering axis with', 5, 'ticks'
      axis
        labels
          ✖ are centred
          ✔ rotate long labels (skipped)
          with a theme
            ✔ use the theme font

    SUMMARY:
    ✔ 8 tests completed

`✔` passed, `✖` failed (`√`/`×` where the console has no Unicode), and a ` (skipped)` suffix means
skipped whatever the mark: jasmine's skipped tests get `✔`, mocha's `✖`. Any other indented line is
a suite title. The reporter keys tests by title and appends a space to a repeated title in one
suite, so trailing spaces are dropped and the repeats share a name (the worst status wins).

Browser console output (`LOG: ...`, `ERROR: ...`) and karma's own log lines start at column 0 and
are skipped. A browser error (`Chrome Headless ... ERROR`) is followed by its message indented by
two spaces, with no end marker; it is read as suite titles, which is harmless: the reporter prints a
suite only once all its tests are done, whole and from its top-level title down, so the next tree
line is a top-level test or title and the path is rebuilt before any test uses it. `SUMMARY:` sets
`completed`; the `FAILED TESTS:` list after it repeats part of the tree and is not read, until
another run's `START:`. A broken config stops karma before `START:`. A spec file that fails to load
is a browser error: with jasmine the other files still run, with mocha no test runs at all, but both
reach a `SUMMARY:`, the latter with "0 tests completed". The format was read from single-browser
runs (one launcher), which is what the harness uses.
"""

from __future__ import annotations

import re

from swebench_mm.harness.parsers import base as p

TEST_LINE = re.compile(r"^(?P<mark>[✔✖√×])\s+(?P<title>.*?)(?P<skipped>\s+\(skipped\))?\s*$")
MARK_STATUS = {"✔": p.PASSED, "√": p.PASSED, "✖": p.FAILED, "×": p.FAILED}


def parse(log: str) -> p.TestLog:
    result = p.TestLog()
    in_tree = False
    suite_path: list[str] = []
    for raw_line in p.strip_ansi(log).splitlines():
        line = raw_line.rstrip("\r")
        stripped = line.strip()
        if stripped == "START:" and not line.startswith(" "):
            in_tree, suite_path = True, []
            continue
        if stripped == "SUMMARY:" and not line.startswith(" "):
            result.completed = True
            in_tree = False
            continue
        if not in_tree:
            continue
        indent = len(line) - len(line.lstrip(" "))
        if not stripped or indent < 2:
            continue
        level = indent // 2 - 1
        test = TEST_LINE.match(stripped)
        if test:
            status = p.SKIPPED if test["skipped"] else MARK_STATUS[test["mark"]]
            result.record(" › ".join(suite_path[:level] + [test["title"]]), status)
        else:
            suite_path = suite_path[:level] + [stripped]
    return result
