"""wp-calypso's jest logs, with the test names SWE-bench Multimodal gives them.

wp-calypso runs `jest --verbose` (its instances run it once per test file, one after the other). The
verbose reporter prints, per file, a `PASS|FAIL <file>` header and the describe tree: describe titles
as plain indented lines, tests as `✓`/`✕` lines (`○ skipped`, `✎ todo`), deeper by two spaces per
level (jest 24 and 29 alike; jest 29 lists a describe's own tests before its nested describes):

    FAIL client/state/locations/test/selectors.js
      selectors
        ✓ should not throw on an empty state (1 ms)
        #getCountriesWithStates
          ✕ should return the countries with states, sorted (3 ms)
          ○ skipped should ignore countries without a name

The dataset names a test by its describe titles and its own title joined by " - "
(`selectors - #getCountriesWithStates - should return the countries with states, sorted`), not by
jest's " › ", so that is the name here; a title that itself contains " - " stays as it is. The
`(N ms)` suffix is cut off. The tree of a file ends at its first blank line or `●` detail, so
failure details, console output and the summary are never read as titles; a file that fails to load
has no tree and its tests are absent. `completed` is set when the last jest run of the log reached
its `Tests: ... total` summary (a killed run leaves a header after the last summary, or none at all).
"""

from __future__ import annotations

import re

from swebench_mm.harness.parsers import base as p

SEPARATOR = " - "
FILE_HEADER = re.compile(r"^\s*(PASS|FAIL)\s+\S")
TEST_LINE = re.compile(r"^(?P<indent> *)(?P<mark>[✓✕○✎√×])\s+(?P<title>.*?)(?:\s+\(\d+(?:\.\d+)?\s*m?s\))?\s*$")
SUMMARY = re.compile(r"^Tests:\s+.*\btotal\b")
MARK_STATUS = {"✓": p.PASSED, "√": p.PASSED, "✕": p.FAILED, "×": p.FAILED, "○": p.SKIPPED, "✎": p.SKIPPED}
PREFIX = {"○": "skipped ", "✎": "todo "}


def parse(log: str) -> p.TestLog:
    result = p.TestLog()
    in_tree = False
    describes: list[tuple[int, str]] = []  # (indentation, title) of the open describe blocks
    run_open = False
    for raw_line in p.strip_ansi(log).splitlines():
        line = raw_line.rstrip("\r")
        if FILE_HEADER.match(line):
            in_tree, describes, run_open = True, [], True
            continue
        if SUMMARY.match(line):
            in_tree, run_open = False, False
            result.completed = True
            continue
        if not in_tree:
            continue
        stripped = line.strip()
        if not stripped or stripped.startswith("●"):
            in_tree = False
            continue
        indent = len(line) - len(line.lstrip(" "))
        while describes and describes[-1][0] >= indent:
            describes.pop()
        test = TEST_LINE.match(line)
        if test is None:
            describes.append((indent, stripped))
            continue
        mark, title = test["mark"], test["title"]
        if mark in PREFIX and title.startswith(PREFIX[mark]):
            title = title[len(PREFIX[mark]):]
        result.record(SEPARATOR.join([t for _, t in describes] + [title]), MARK_STATUS[mark])
    if run_open:
        result.completed = False
    return result
