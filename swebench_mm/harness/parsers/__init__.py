"""Log parsers: a test framework's console output in, `{test name: status}` out.

Each framework has its own module with one pure function `parse(log) -> TestLog`, registered here
by name; specs refer to parsers by that name. Names are the describe path and the title joined by
" › " (jest's own separator), so they stay stable across runs and readable in reports.
"""

from __future__ import annotations

from typing import Callable

from swebench_mm.harness.parsers import jasmine, jest, karma, mocha, mocha_json, status_lines, tap, vitest
# Parsers that name tests the way SWE-bench Multimodal's lists do, one per log shape of its repositories.
from swebench_mm.harness.parsers import (
    deno_test,
    jest_calypso,
    jest_files,
    karma_failures,
    karma_mocha_dash,
    lighthouse_mocha,
    mocha_failure_list,
    mocha_json_fulltitle,
    mocha_spec_dotted,
    openlayers,
    openlayers_node,
    openlayers_rendering,
)
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
    # SWE-bench Multimodal repositories (see swebench_mm/harness/swebench_m_specs.json)
    "jest_calypso": jest_calypso.parse,
    "jest_files": jest_files.parse,
    "karma_failures": karma_failures.parse,
    "karma_failures_raw": karma_failures.parse_raw,
    "karma_mocha_dash": karma_mocha_dash.parse,
    "mocha_failures": mocha_failure_list.parse,
    "p5js": mocha_failure_list.parse_p5js,
    "mocha_spec_dotted": mocha_spec_dotted.parse,
    "mocha_json_fulltitle": mocha_json_fulltitle.parse,
    "deno_test": deno_test.parse,
    "openlayers": openlayers.parse,
    "openlayers_node": openlayers_node.parse,
    "openlayers_rendering": openlayers_rendering.parse,
    "lighthouse_mocha": lighthouse_mocha.parse,
}


def parse_log(parser: str, log: str) -> TestLog:
    return PARSERS[parser](log)
