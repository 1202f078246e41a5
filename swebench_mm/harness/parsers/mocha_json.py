"""Mocha's `--reporter json` output.

At the end of the run the JSON reporter writes one object, pretty-printed, to stdout:
`{"stats": {...}, "tests": [...], "pending": [...], "failures": [...], "passes": [...]}`, each
test as `{"title", "fullTitle", "file", "duration", "err", ...}`. Console output of the tests goes to
the same stdout before it (and npm or a wrapper script may print after it), so the report is found
by decoding from each `{` that opens a `"stats"` key and keeping the objects that decode and have the
report's arrays; a console.log'd object is not JSON and does not decode. A command that runs mocha
several times (once per test file or per language, as SWE-bench M's Prism and Lighthouse commands do)
writes one report per run: every report is read, in order.

Names: the report holds no suite titles, only `fullTitle`, which is the suite titles and the test
title joined by single spaces, so the suite path cannot be split back reliably (a title may contain
spaces, and guessing from the other tests would make names depend on which tests ran). The name is
the suite part of `fullTitle` (as mocha wrote it) and the title, joined by " › ": `axis labels ›
are centred`. This matches the spec reporter's names for tests at most one describe deep.

`passes` are PASSED, `pending` SKIPPED, `failures` FAILED, except a failing hook
(`"before all" hook for "..."`), which is ERROR; the tests it kept from running are absent. The
report is only written when the run ends, so `completed` is set by finding it: a run that crashes
while loading files, or is killed, has none.
"""

from __future__ import annotations

import json
import re

from swebench_mm.harness.parsers import base as p

REPORT_START = re.compile(r'\{\s*"stats"\s*:')
HOOK_TITLE = re.compile(r'^"(before|after) (all|each)" hook\b')
ARRAYS = (("passes", p.PASSED), ("pending", p.SKIPPED), ("failures", p.FAILED))


def report_tests(log: str) -> tuple[bool, list[tuple[str, str, str]]]:
    """(report found, [(title, fullTitle, status)]) of the log's mocha JSON reports; shared by the parsers
    that name tests differently (` › ` here, mocha's own full title for SWE-bench's Prism lists)."""
    reports = find_reports(p.strip_ansi(log))
    if not reports:
        return False, []
    tests = []
    arrays = [(report[key], status) for report in reports for key, status in ARRAYS]
    for array, status in arrays:
        for test in array:
            if not isinstance(test, dict) or not isinstance(test.get("title"), str):
                continue
            title = test["title"]
            full_title = test.get("fullTitle") if isinstance(test.get("fullTitle"), str) else title
            tests.append((title, full_title, p.ERROR if status == p.FAILED and HOOK_TITLE.match(title) else status))
    return True, tests


def parse(log: str) -> p.TestLog:
    result = p.TestLog()
    result.completed, tests = report_tests(log)
    for title, full_title, status in tests:
        suite = full_title[: -len(title)].rstrip() if title and full_title.endswith(title) else ""
        result.record(f"{suite} › {title}" if suite else title, status)
    return result


def find_reports(text: str) -> list[dict]:
    """Every mocha JSON report in the text, in order (a `"stats"` match inside a report is not another)."""
    decoder = json.JSONDecoder()
    found: list[dict] = []
    after = 0
    for start in REPORT_START.finditer(text):
        if start.start() < after:
            continue
        try:
            candidate, end = decoder.raw_decode(text, start.start())
        except ValueError:
            continue
        if isinstance(candidate, dict) and all(isinstance(candidate.get(key), list) for key, _ in ARRAYS):
            found.append(candidate)
            after = end
    return found
