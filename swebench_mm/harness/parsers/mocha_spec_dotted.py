"""Mocha's spec reporter, with the test names SWE-bench Multimodal gives highlight.js.

The spec reporter prints the suite tree as it runs, two spaces per level:

      hljs
        .C_NUMBER_RE
          ✓ should match hex numbers
          1) should not match binary numbers
        - should be pending
      cmake
        ✔ should markup default (48ms)

    4 passing (8ms)

`✔` (`✓` in old mochas) passed, `N) title` failed; a `(Nms)` suffix of a slow test is cut off.
highlight.js's FAIL_TO_PASS / PASS_TO_PASS lists were made by SWE-bench's `parse_log_highlightjs`,
which names a test by the *last* indented non-test line above it and its title, joined by ".": any
indented line that is not a test line replaces the suite (it does not push onto a path), so the test
above is `.C_NUMBER_RE.should match hex numbers`, not `hljs..C_NUMBER_RE...`, and a pending line
(`- title`, not a test line to that parser) becomes the suite of the tests after it until the next
suite title. The names here follow that rule exactly, since grading compares them with those lists
(checked on real highlight.js output: tests/fixtures/swebench_m_real/). Pending tests are recorded as
skipped under the same rule. The tree ends at the `N passing (...)` summary, which sets `completed`;
the failure details after it are not read. Unindented lines (build and console output) are skipped.
"""

from __future__ import annotations

import re

from swebench_mm.harness.parsers import base as p

PASSED_LINE = re.compile(r"^[✔✓](?P<title>.*)$")
FAILED_LINE = re.compile(r"^\d+\)(?P<title>.*)$")
PENDING_LINE = re.compile(r"^- (?P<title>.*)$")
TIMING = re.compile(r"\(\d+ms\)")
SUMMARY = re.compile(r"^\s*\d+ passing")


def _title(text: str) -> str:
    return TIMING.sub("", text).strip()


def parse(log: str) -> p.TestLog:
    result = p.TestLog()
    suite: list[str] = []
    for raw_line in p.strip_ansi(log).split("\n"):
        line = raw_line.rstrip("\r")
        if SUMMARY.match(line):
            result.completed = True
            break
        body = line.strip()
        passed = PASSED_LINE.match(body)
        failed = None if passed else FAILED_LINE.match(body)
        if passed or failed:
            title = _title((passed or failed)["title"])
            result.record(".".join(suite + [title]), p.PASSED if passed else p.FAILED)
        elif line.startswith("  "):
            pending = PENDING_LINE.match(body)
            if pending:
                result.record(".".join(suite + [_title(pending["title"])]), p.SKIPPED)
            suite = [body]
    return result
