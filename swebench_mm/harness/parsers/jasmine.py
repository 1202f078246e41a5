"""The jasmine npm package's default console reporter.

The default reporter prints one character per spec while running (`.` passed, `F` failed, `*`
pending; console output lands in the middle of that line), then lists only what did not pass:

    Failures:
    1) axis labels are centred
      Message:
        Expected 'a' to be 'b'.
      Stack:
            at ...

    Suite error: with a failing hook
      Message:
        Error: setup failed

    Pending:

    1) axis labels rotate long labels
      Temporarily disabled with xit

    15 specs, 6 failures, 2 pending specs

So this is a fail-only log: passing specs are never named. Failures are recorded as FAILED and
pending specs as SKIPPED, each under jasmine's own full name, which is the describe descriptions and
the spec description joined by single spaces. It cannot be split back into a path (descriptions
contain spaces), so names here are jasmine's full names as printed, not " › " paths. An
`afterAll`/`beforeAll` failure is reported as `Suite error: <suite full name>` and recorded as ERROR
under the suite's name (its specs fail on their own entries as well).

Entries start at column 0 (`N) name`), their details are indented, so nothing else in the lists is
read as a name. `completed` is set by the `N specs, M failures` line: only with it does the absence
of a name mean the spec passed. A spec file that fails to load stops jasmine with a stack trace and
no such line.
"""

from __future__ import annotations

import re

from swebench_mm.harness.parsers import base as p

ENTRY = re.compile(r"^\d+\) (?P<name>\S.*?)\s*$")
SUITE_ERROR = re.compile(r"^Suite error: (?P<name>\S.*?)\s*$")
SECTION = {"Failures:": p.FAILED, "Pending:": p.SKIPPED}
SUMMARY = re.compile(r"^\d+ specs?, \d+ failures?\b")


def parse(log: str) -> p.TestLog:
    result = p.TestLog()
    section = None
    for raw_line in p.strip_ansi(log).splitlines():
        line = raw_line.rstrip("\r")
        if SUMMARY.match(line):
            result.completed = True
            section = None
            continue
        if line.strip() in SECTION and not line.startswith(" "):
            section = SECTION[line.strip()]
            continue
        if section is None:
            continue
        suite_error = SUITE_ERROR.match(line)
        if suite_error:
            result.record(suite_error["name"], p.ERROR)
            continue
        entry = ENTRY.match(line)
        if entry:
            result.record(entry["name"], section)
    return result
