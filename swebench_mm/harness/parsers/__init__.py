"""Log parsers: a test framework's console output in, `{test name: status}` out.

Each framework has its own module with one pure function `parse(log) -> TestLog`, registered here
by name; specs refer to parsers by that name. Names are the describe path and the title joined by
" › " (jest's own separator), so they stay stable across runs and readable in reports.
"""

from __future__ import annotations

from typing import Callable

from swebench_mm.harness.parsers import jasmine, jest, karma, mocha, mocha_json, status_lines, tap, vitest
from swebench_mm.harness.parsers.base import ERROR, FAILED, PASSED, SKIPPED, TestLog, strip_ansi

__all__ = ["ERROR", "FAILED", "PASSED", "SKIPPED", "TestLog", "strip_ansi", "PARSERS", "parse_log"]

PARSERS: dict[str, Callable[[str], TestLog]] = {
    "jest": jest.parse,
    "vitest": vitest.parse,
    "mocha": mocha.parse,
    "mocha_json": mocha_json.parse,
    "jasmine": jasmine.parse,
    "karma": karma.parse,
    "tap": tap.parse,
    "status_lines": status_lines.parse,
}


def parse_log(parser: str, log: str) -> TestLog:
    return PARSERS[parser](log)
