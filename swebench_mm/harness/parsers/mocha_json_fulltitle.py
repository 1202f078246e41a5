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

import json
import re

from swebench_mm.harness.parsers import base as p

REPORT_START = re.compile(r'\{\s*"stats"\s*:')
HOOK = re.compile(r'^"(before|after) (all|each)" hook\b')
ARRAYS = {"passes": p.PASSED, "pending": p.SKIPPED, "failures": p.FAILED}


def _report(text: str) -> dict | None:
    decoder = json.JSONDecoder()
    found = None
    for start in REPORT_START.finditer(text):
        try:
            candidate, _ = decoder.raw_decode(text, start.start())
        except ValueError:
            continue
        if isinstance(candidate, dict) and all(isinstance(candidate.get(key), list) for key in ARRAYS):
            found = candidate
    return found


def parse(log: str) -> p.TestLog:
    result = p.TestLog()
    report = _report(p.strip_ansi(log))
    if report is None:
        return result
    result.completed = True
    for key, status in ARRAYS.items():
        for test in report[key]:
            if not isinstance(test, dict):
                continue
            name = test.get("fullTitle") if isinstance(test.get("fullTitle"), str) else test.get("title")
            if not isinstance(name, str):
                continue
            title = test.get("title") if isinstance(test.get("title"), str) else ""
            result.record(name, p.ERROR if status == p.FAILED and HOOK.match(title) else status)
    return result
