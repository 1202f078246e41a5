"""Jest's `--verbose` console output.

Jest prints, per test file, a `PASS|FAIL <file>` header followed by a tree: describe blocks as plain
indented lines, tests as `✓`/`✕`/`○ skipped`/`✎ todo` lines, two spaces per level. The tree ends at
a blank line or at the first `●` failure detail. Console output is printed before the header, and a
file that fails to load prints `● Test suite failed to run` and no tree at all, so its tests are
simply absent (the grader treats absent as not passed).
"""

from __future__ import annotations

import re

from swebench_mm.harness.parsers import base as p

FILE_HEADER = re.compile(r"^\s*(PASS|FAIL)\s+(\S.*?)\s*(\(\d+(\.\d+)?\s*m?s\))?$")
TEST_LINE = re.compile(r"^(?P<indent> *)(?P<mark>[✓✕○✎√×])\s+(?P<title>.*?)(?:\s+\(\d+(?:\.\d+)?\s*m?s\))?\s*$")
SUMMARY = re.compile(r"^Tests:\s+.*\btotal\b")
MARK_STATUS = {"✓": p.PASSED, "√": p.PASSED, "✕": p.FAILED, "×": p.FAILED, "○": p.SKIPPED, "✎": p.SKIPPED}


def parse(log: str) -> p.TestLog:
    result = p.TestLog()
    in_tree = False
    describe_path: list[str] = []
    for raw_line in p.strip_ansi(log).splitlines():
        line = raw_line.rstrip("\r")
        if FILE_HEADER.match(line):
            in_tree, describe_path = True, []
            continue
        if SUMMARY.match(line):
            result.completed = True
            continue
        if not in_tree:
            continue
        stripped = line.strip()
        if not stripped or stripped.startswith("●"):
            in_tree = False
            continue
        indent = len(line) - len(line.lstrip(" "))
        level = max(indent // 2 - 1, 0)
        test = TEST_LINE.match(line)
        if test:
            mark, title = test["mark"], test["title"]
            if mark == "○" and title.startswith("skipped "):
                title = title[len("skipped ") :]
            elif mark == "✎" and title.startswith("todo "):
                title = title[len("todo ") :]
            result.record(" › ".join(describe_path[:level] + [title]), MARK_STATUS[mark])
        else:
            describe_path = describe_path[:level] + [stripped]
    return result
