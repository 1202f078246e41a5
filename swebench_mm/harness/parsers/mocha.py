"""Mocha's spec reporter (its default) console output.

The spec reporter prints the suite tree as it runs, two spaces per level, the root suite's tests at
two spaces and a top-level describe's title at two spaces too (its tests at four):

      ✔ top-level test
      axis
        ✔ draws ticks
        labels
          1) are centred
          - rotate long labels
          with a theme
            ✔ use the theme font (105ms)

    8 passing (312ms)
    2 pending
    5 failing

`✔` passed (`✓` in old mochas), `N) title` failed, `- title` pending (skipped); any other indented
line is a describe title. A slow test gets a `(Nms)` suffix, cut off. A failing hook shows up as
`N) "before all" hook for "<first test>"`: it is recorded as ERROR under that name, and the tests it
kept from running are absent. The `N passing (...)` line ends the tree and sets `completed`. The
failure details that follow are indented like a tree (`1) axis` / `labels` / `are centred:`), so
nothing after the summary is read until npm announces another script run (`> pkg@1.0.0 test`). A
file that fails to load stops mocha before any test with `Exception during run` or a stack trace,
and no summary.

Console output from tests is printed as is, usually at column 0, between the tree lines: lines with
no indentation are never part of the tree and are skipped.
"""

from __future__ import annotations

import re

from swebench_mm.harness.parsers import base as p

TEST_LINE = re.compile(r"^(?P<mark>[✔✓]|\d+\)|-)\s+(?P<title>.*?)(?:\s+\(\d+(?:\.\d+)?\s*m?s\))?\s*$")
HOOK_TITLE = re.compile(r'^"(before|after) (all|each)" hook\b')
SUMMARY = re.compile(r"^\s*\d+ passing \(\d+(?:\.\d+)?\s*m?s\)\s*$")
# `npm test` (or `npm run test --workspaces`) announces each script with `> pkg@1.0.0 test`: a new
# mocha run, and so a new tree, may follow an earlier run's failure details.
NPM_BANNER = re.compile(r"^> \S+@\S* \S+")


def parse(log: str) -> p.TestLog:
    result = p.TestLog()
    in_tree = True
    describe_path: list[str] = []
    for raw_line in p.strip_ansi(log).splitlines():
        line = raw_line.rstrip("\r")
        if SUMMARY.match(line):
            result.completed = True
            in_tree, describe_path = False, []
            continue
        if NPM_BANNER.match(line):
            in_tree, describe_path = True, []
            continue
        stripped = line.strip()
        indent = len(line) - len(line.lstrip(" "))
        if not in_tree or not stripped or indent < 2:
            continue
        level = indent // 2 - 1
        test = TEST_LINE.match(stripped)
        if test:
            mark, title = test["mark"], test["title"]
            if mark in ("✔", "✓"):
                status = p.PASSED
            elif mark == "-":
                status = p.SKIPPED
            else:
                status = p.ERROR if HOOK_TITLE.match(title) else p.FAILED
            result.record(" › ".join(describe_path[:level] + [title]), status)
        else:
            describe_path = describe_path[:level] + [stripped]
    return result
