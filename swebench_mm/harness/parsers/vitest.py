"""Vitest's `--reporter=verbose` console output.

Run without a terminal (as in a container whose output is captured), the verbose reporter prints
one flat line per finished test, its full path written out by vitest itself:

     ✓ test/chart.test.js > axis > labels > with a theme > use the theme font 0ms
     × test/chart.test.js > axis > labels > are centred 7ms
       → expected 'a' to be 'b' // Object.is equality
     ↓ test/chart.test.js > axis > labels > rotate long labels

`✓` passed, `×` failed, `↓` skipped or todo (vitest 4 marks todo `□`). The first ` > ` segment is
the test file, which is dropped so names match jest's (describe path and title joined by " › ");
a `|project| ` prefix (workspaces, browser mode) is dropped too. The trailing duration is printed
for every test by vitest 3 and 4 but only for slow ones by vitest 1, so it is always cut off.
Vitest 1 prints no line at all for skipped tests: they are simply absent.

Only these one-space-indented lines with a file prefix are read. The default reporter lists the
tests of failing files only, and vitest 4's default reporter leaves out the describe titles, so
names cannot be rebuilt from it: specs must ask for the verbose reporter. `stdout | file > test`
headers of console output carry no mark and are ignored. A file that fails to load is reported
under "Failed Suites" and contributes no test. `completed` is set by the closing `Tests  ...`
summary line, which a startup crash (broken config) never reaches.
"""

from __future__ import annotations

import re

from swebench_mm.harness.parsers import base as p

TEST_LINE = re.compile(
    r"^ (?P<mark>[✓✔×✗✖↓□])\s+(?:\|[^|]+\|\s+)?(?P<file>\S[^>]*?) > (?P<path>.+?)"
    r"(?:\s+\d+(?:\.\d+)?\s*m?s)?\s*$"
)
SUMMARY = re.compile(r"^\s*Tests\s{2,}\S")
MARK_STATUS = {
    "✓": p.PASSED,
    "✔": p.PASSED,
    "×": p.FAILED,
    "✗": p.FAILED,
    "✖": p.FAILED,
    "↓": p.SKIPPED,
    "□": p.SKIPPED,
}


def parse(log: str) -> p.TestLog:
    result = p.TestLog()
    for raw_line in p.strip_ansi(log).splitlines():
        line = raw_line.rstrip("\r")
        if SUMMARY.match(line):
            result.completed = True
            continue
        test = TEST_LINE.match(line)
        if test:
            result.record(" › ".join(test["path"].split(" > ")), MARK_STATUS[test["mark"]])
    return result
