"""OpenLayers' rendering tests: `npm run test-rendering -- --headless --log-level info` (fail-only).

`test/rendering/test.js` serves each case (`test/rendering/cases/<name>/main.js`) to Chromium through
puppeteer, takes a screenshot and compares it with the case's `expected.png`; at log level `info` it
prints one line per case, with the case's own message in parentheses when it has one, and a stray
quote that is in the runner's format string:

    case ./cases/icon-opacity/main.js': ok
    case ./cases/layer-mapbox-vector/main.js (Mapbox vector layer renders)': mismatch 0.0422515869140625

The name is what sits between `case ` and `: mismatch` / `: ok`, quote included, as SWE-bench
Multimodal's FAIL_TO_PASS lists write it (`./cases/icon-opacity/main.js'`). `mismatch` is FAILED,
`ok` PASSED. A case whose comparison could not run (a screenshot or `expected.png` missing, or of
another size) is printed as the error instead (`Error: File not found: /testbed/test/rendering/cases/
x/expected.png`): it is FAILED under `./cases/<x>/main.js'` (the name of a case without a message;
the message is not in that line), and an error line that names no case leaves the run not complete,
since one case's outcome is then unknown.

`completed`: a run with failures ends with `RENDERING TESTS FAILED`; a run without any prints nothing
at its end, so swebench-mm's command adds `swebench-mm: test-rendering exit code N` after it (see the
openlayers/openlayers spec): exit code 0, or `RENDERING TESTS FAILED`, is a finished run. Any other
exit (a page that never renders times out and ends the runner with the error's message, or the build
that 9.x runs first fails) is not: the cases after it never ran.
"""

from __future__ import annotations

import re

from swebench_mm.harness.parsers import base as p

CASE = re.compile(r"^case (?P<name>.*): (?P<outcome>mismatch|ok)\b")
FAILED_RUN = re.compile(r"^RENDERING TESTS FAILED\s*$")
EXIT = re.compile(r"^swebench-mm: test-rendering exit code (?P<code>\d+)\s*$")
ERROR_LINE = re.compile(r"^\w*Error: ")
CASE_PATH = re.compile(r"/cases/(?P<case>[^/\s]+)/[^/\s]+\.png\b")


def parse(log: str) -> p.TestLog:
    result = p.TestLog()
    run_failed = unnamed_error = False
    exit_code: int | None = None
    for raw_line in p.strip_ansi(log).splitlines():
        line = raw_line.rstrip("\r")
        case = CASE.match(line)
        if case:
            result.record(case["name"], p.FAILED if case["outcome"] == "mismatch" else p.PASSED)
        elif FAILED_RUN.match(line):
            run_failed = True
        elif (exit_line := EXIT.match(line)) is not None:
            exit_code = int(exit_line["code"])
        elif ERROR_LINE.match(line):
            path = CASE_PATH.search(line)
            if path:
                result.record(f"./cases/{path['case']}/main.js'", p.FAILED)
            else:
                unnamed_error = True
    finished = exit_code == 0 or (run_failed and exit_code != 0)
    result.completed = finished and not unnamed_error
    return result
