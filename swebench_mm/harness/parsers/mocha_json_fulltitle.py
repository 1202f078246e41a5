"""Mocha's `--reporter json` output, with the test names SWE-bench Multimodal gives PrismJS.

The JSON reporter writes one object at the end of the run, `{"stats", "tests", "pending", "failures",
"passes"}`, each test with its `title` and `fullTitle` (the suite titles and the title joined by
spaces). Prism's lists name a test by that full title, as mocha writes it: `Testing language 'css' –
should pass test case 'atrule_feature'`. (The `mocha_json` parser reads the same report into
" › " names for the shipped repositories.)

Console output of the tests lands on the same stdout before the report, so the report is the last
object in the log that opens with a `"stats"` key, decodes as JSON and has the four arrays. `passes`
are PASSED, `pending` SKIPPED, `failures` FAILED (a failing `"before all"` / `"after each"` hook is
ERROR). The report is only written when the run ends, so finding it sets `completed`; a test file
that fails to load stops mocha with a stack trace and no report.
"""

from __future__ import annotations

from swebench_mm.harness.parsers import base as p
from swebench_mm.harness.parsers.mocha_json import report_tests


def parse(log: str) -> p.TestLog:
    result = p.TestLog()
    result.completed, tests = report_tests(log)
    for _title, full_title, status in tests:
        result.record(full_title, status)
    return result
