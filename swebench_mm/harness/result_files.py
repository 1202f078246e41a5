"""Results files: what a test framework writes about its own run, read instead of its console log.

The console log is shared with the code under test, which can print lines that look like the
framework's (`✓ renders the axis`) into it. A results file written by the framework at the end of the
run (jest's `--json --outputFile`) is a channel that printing cannot reach: the eval script names it
with the evaluation's nonce, kills every process left over once the test command returns, and only
then prints the file between nonce-marked markers (harness/eval_script.py). Each reader turns one
format into the parsers' vocabulary, naming tests exactly as the matching log parser does, so an
instance's FAIL_TO_PASS / PASS_TO_PASS lists read the same through either channel.
"""

from __future__ import annotations

import json
from typing import Callable

from swebench_mm.harness.parsers.base import FAILED, PASSED, SKIPPED, TestLog

_JEST_STATUS = {"passed": PASSED, "failed": FAILED, "pending": SKIPPED, "skipped": SKIPPED, "todo": SKIPPED,
                "disabled": SKIPPED, "focused": PASSED}


def read_jest_json(text: str) -> tuple[TestLog, int | None]:
    """jest `--json`: every test file's assertion results; names are the describe path and title joined by
    " › ", as the `jest` log parser names them. A file that failed to load has no assertion results (its
    tests are absent, as in the log). Not a jest report at all: nothing, and not completed."""
    result = TestLog()
    try:
        report = json.loads(text)
    except json.JSONDecodeError:
        return result, None
    if not isinstance(report, dict) or not isinstance(report.get("testResults"), list):
        return result, None
    executed = 0
    for file_result in report["testResults"]:
        for test in (file_result or {}).get("assertionResults") or []:
            status = _JEST_STATUS.get(str(test.get("status")), FAILED)
            name = " › ".join([*(str(t) for t in test.get("ancestorTitles") or []), str(test.get("title", ""))])
            result.record(name, status)
            executed += status in (PASSED, FAILED)
    result.completed = True
    return result, executed


# Format name (a spec's `results_file`) -> reader of the file's text: (statuses, tests executed or None).
READERS: dict[str, Callable[[str], tuple[TestLog, int | None]]] = {
    "jest_json": read_jest_json,
}
