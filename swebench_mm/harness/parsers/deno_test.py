"""Deno's test runner (default reporter), as quarto-cli's `run-tests.sh` prints it.

Each test ends with a line of its own, `<name> ... ok|FAILED|ignored (<duration>)`, at column 0; a test
with output or steps first prints `<name> ...` alone, then its output between `------- output -------`
markers, or its steps indented by two spaces per level, and then the result line:

    running 4 tests from ./smoke/render.test.ts
    [smoke] > quarto render docs/test-plain.md --to html ... ok (1ms)
    [smoke] > quarto render docs/smoke-all/2023/04/01/5060.qmd --to latex ... FAILED (1ms)
    [smoke] > quarto render docs/test.qmd --to pdf ... ignored (0ms)
    [unit] > schema validation of 1.yml ...
      loads ... ok (0ms)
    [unit] > schema validation of 1.yml ... ok (1ms)

    FAILED | 4 passed (2 steps) | 1 failed | 1 ignored (99ms)

The name is everything before ` ... ` (quarto's `[smoke] > quarto render ... --to html`, as its lists
write it); ok is PASSED, FAILED FAILED, ignored SKIPPED. Steps (indented result lines) belong to their
test and are not recorded on their own. The `ERRORS` / `FAILURES` sections repeat failed names with a
`=> file:line` suffix and no ` ... `, so they are not read. `completed` is set by the closing
`ok | N passed | ...` or `FAILED | N passed | ...` line; a test file that does not parse stops deno
with an error and no such line.
"""

from __future__ import annotations

import re

from swebench_mm.harness.parsers import base as p

RESULT = re.compile(r"^(?P<name>\S.*?) \.\.\. (?P<status>ok|FAILED|ignored)(?: \([^()]*\))?\s*$")
SUMMARY = re.compile(r"^(ok|FAILED) \| \d+ passed\b")
STATUS = {"ok": p.PASSED, "FAILED": p.FAILED, "ignored": p.SKIPPED}


def parse(log: str) -> p.TestLog:
    result = p.TestLog()
    for raw_line in p.strip_ansi(log).splitlines():
        line = raw_line.rstrip("\r")
        match = RESULT.match(line)
        if match:
            result.record(match["name"], STATUS[match["status"]])
        elif SUMMARY.match(line):
            result.completed = True
    return result
