"""OpenLayers' Node tests: `npm run test-node`, mocha with the spec reporter (fail-only names).

After the spec tree and the summary (`1784 passing (2s)`, `2 failing`), mocha lists each failure,
numbered, as its title path, one title per line, each indented deeper than the one before, the last
ending with a colon, then the error:

      1) ol/format/GeoJSON.js
           #readGeometry
             works with empty coordinate arrays:

          Error: expected [ [ [ [], [], [], [] ] ], [] ] to sort of equal [ ...

The name is the entry's titles joined by single spaces, colon kept, as SWE-bench Multimodal's
OpenLayers lists write them (`ol/format/GeoJSON.js #readGeometry works with empty coordinate arrays:`);
every entry is FAILED and passing tests are never named. The official parser cuts the entry at the
first `Error:` after it, which is the same name for expect.js's `Error: expected ...` (what these tests
throw), but would keep `Type` of a `TypeError:`; here the entry ends with its colon line whatever the
error, so such a failure is still found under its name. The spec tree marks failed tests `N) title`
too, indented deeper and without the colon: those lines are not entries.

`completed`: mocha's `N passing (...)` summary line; a test file that fails to load stops mocha before it.
"""

from __future__ import annotations

import re

from swebench_mm.harness.parsers import base as p

ENTRY = re.compile(r"^  \d+\) (?P<title>\S.*)$")
PASSING = re.compile(r"^\s*\d+ passing \(")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def parse(log: str) -> p.TestLog:
    result = p.TestLog()
    lines = [line.rstrip("\r") for line in p.strip_ansi(log).splitlines()]
    index = 0
    while index < len(lines):
        entry = ENTRY.match(lines[index])
        index += 1
        if entry is None:
            continue
        titles, depth = [entry["title"].rstrip()], 2
        while not titles[-1].endswith(":") and index < len(lines):
            line = lines[index].rstrip()
            if not line.strip() or _indent(line) <= depth:
                break
            titles.append(line.strip())
            depth = _indent(line)
            index += 1
        if titles[-1].endswith(":"):
            result.record(" ".join(titles), p.FAILED)
    result.completed = any(PASSING.match(line) for line in lines)
    return result
