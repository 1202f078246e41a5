"""`SWEBENCH-MM-TEST <STATUS> <full name>` lines, printed by the reporters swebench-mm ships in
`swebench_mm/harness/helpers/` for frameworks whose own logs name failures only (jasmine's default
reporter). Used to *measure* FAIL_TO_PASS / PASS_TO_PASS; the names are the framework's full names, the
same its fail-only log prints, so the measured lists grade that log.
"""

from __future__ import annotations

import re

from swebench_mm.harness.parsers import base as p

LINE = re.compile(r"^SWEBENCH-MM-TEST (?P<status>[A-Z-]+) (?P<name>.+?)\s*$")
DONE = re.compile(r"^SWEBENCH-MM-DONE\b")
STATUS = {"PASSED": p.PASSED, "FAILED": p.FAILED, "PENDING": p.SKIPPED, "EXCLUDED": p.SKIPPED,
          "SKIPPED": p.SKIPPED, "SUITE-ERROR": p.ERROR}


def parse(log: str) -> p.TestLog:
    result = p.TestLog()
    for line in p.strip_ansi(log).splitlines():
        match = LINE.match(line.strip())
        if match:
            result.record(match["name"], STATUS.get(match["status"], p.ERROR))
        elif DONE.match(line.strip()):
            result.completed = True
    return result
