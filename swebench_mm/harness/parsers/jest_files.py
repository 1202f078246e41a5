"""Jest graded per test *file*, as SWE-bench Multimodal grades react-pdf, grommet, carbon, prettier,
scratch-gui and lighthouse: their FAIL_TO_PASS / PASS_TO_PASS lists hold file paths.

Jest prints one `PASS <file>` or `FAIL <file>` header per test file it ran, whatever the reporter
options (`--verbose` adds the tree below it, the default reporter only the failures), with a duration
suffix for slow files (`(5.2 s)` today, `(5.2s)` in older jests) and, with colours, the label in
inverse video (` PASS ` after the escapes are removed). The file path, as jest prints it (relative to
the working directory), is the test name: PASS is PASSED, FAIL is FAILED, which covers a file whose
tests fail as well as a file that fails to load (`● Test suite failed to run`). Files jest never
reached are absent. A file printed twice (one jest run per file, or a re-run) keeps its worse status.
`completed` is set by the `Tests: ... total` summary of the last jest run in the log.
"""

from __future__ import annotations

import re

from swebench_mm.harness.parsers import base as p

FILE_HEADER = re.compile(r"^\s*(?P<status>PASS|FAIL)\s+(?P<path>\S.*?)(?:\s+\(\d+(?:\.\d+)?\s*m?s\))?\s*$")
SUMMARY = re.compile(r"^Tests:\s+.*\btotal\b")


def parse(log: str) -> p.TestLog:
    result = p.TestLog()
    run_open = False
    for raw_line in p.strip_ansi(log).splitlines():
        line = raw_line.rstrip("\r")
        header = FILE_HEADER.match(line)
        if header:
            result.record(header["path"], p.PASSED if header["status"] == "PASS" else p.FAILED)
            run_open = True
        elif SUMMARY.match(line):
            result.completed, run_open = True, False
    if run_open:
        result.completed = False
    return result
