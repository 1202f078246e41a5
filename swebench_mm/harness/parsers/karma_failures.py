"""Karma's progress and dots reporters: a fail-only log (Chart.js, bpmn-js, openlayers).

Both reporters name a test only when it fails, on a line of its own, followed by the indented error:

    Chrome 151.0.7922.137 (Linux x86_64) Chart.controllers.bar auto /base/test/fixtures/a.js FAILED
    Chrome Headless 156.0.0.0 (Linux 0.0.0) Legend block tests callbacks should call onClick FAILED

that is the browser, its version and platform in parentheses, then the spec's suite titles and its own
title joined by single spaces, then ` FAILED`. Passing and skipped tests are never named, so this is a
fail-only log and every name read here is FAILED. A headed Chrome under xvfb (the official Chart.js
run) says `Chrome <version>`, headless Chromium `Chrome Headless <version>`, old puppeteer builds
`HeadlessChrome 0.0.0`: any browser prefix is accepted, so a run with Debian's Chromium grades
like one with Google Chrome.

Two namings, two parser names:
- `karma_failures`: the full name, stripped (openlayers' FAIL_TO_PASS lists).
- `karma_failures_raw`: the full name with the space that separates it from `FAILED` kept, as
  SWE-bench Multimodal's Chart.js and bpmn-js lists write every name (`... vertical-pos.js `).

`completed`: karma ends a finished run with `TOTAL: N FAILED, M SUCCESS` (or `TOTAL: M SUCCESS`);
older karmas print it only for several browsers, so a last `Executed N of M` line that accounts for
every spec (N executed plus the skipped ones make M) also counts, and so does one that leaves specs
unaccounted for when a failed mocha hook explains them: after `"before each" hook for "..." FAILED`
mocha skips the rest of that describe without telling karma (`Executed 2304 of 2306 (4 FAILED)`, an
OpenLayers run whose CORS image hook timed out); as the progress reporter also prints such lines
while it runs, that counts only for the log's last line. A run whose browser reported an error
(`Executed ... ERROR`: a spec or source file that does not load) or disconnected is not complete:
tests may be missing from it, so the absence of a failure proves nothing.
"""

from __future__ import annotations

import re

from swebench_mm.harness.parsers import base as p

FAILED_LINE = re.compile(r"^(?P<browser>[A-Za-z][\w .-]*?) (?P<version>\d+(?:\.\d+)*) \((?P<platform>[^()]*)\) (?P<name>.+?)FAILED$")
EXECUTED = re.compile(r"\): Executed (?P<done>\d+) of (?P<total>\d+)(?P<rest>.*)$")
SKIPPED = re.compile(r"\(skipped (?P<count>\d+)\)")
TOTAL = re.compile(r"^TOTAL: \d+ (SUCCESS|FAILED)")
BROKEN = re.compile(r"\bERROR\b|\bDISCONNECTED\b|Disconnected")
MOCHA_HOOK = re.compile(r'"(?:before|after) (?:each|all)" hook')


def _parse(log: str, keep_separator: bool) -> p.TestLog:
    result = p.TestLog()
    total_seen = error_seen = hook_failed = False
    last_executed_complete = False
    short_by_hook = False  # the last Executed line misses specs, a failed hook explains them, nothing follows
    for raw_line in p.strip_ansi(log).splitlines():
        line = raw_line.rstrip("\r\n")
        if line.strip():
            short_by_hook = False
        failed = FAILED_LINE.match(line)
        if failed:
            name = failed["name"] if keep_separator else failed["name"].strip()
            result.record(name, p.FAILED)
            hook_failed = hook_failed or MOCHA_HOOK.search(name) is not None
            continue
        if TOTAL.match(line):
            total_seen = True
            continue
        executed = EXECUTED.search(line)
        if executed:
            if BROKEN.search(executed["rest"]):
                error_seen = True
            skipped = SKIPPED.search(executed["rest"])
            done = int(executed["done"]) + (int(skipped["count"]) if skipped else 0)
            total = int(executed["total"])
            last_executed_complete = done == total and total > 0
            short_by_hook = done < total and hook_failed
        elif "Disconnected" in line or "DISCONNECTED" in line:
            error_seen = True
    result.completed = (total_seen or last_executed_complete or short_by_hook) and not error_seen
    return result


def parse(log: str) -> p.TestLog:
    return _parse(log, keep_separator=False)


def parse_raw(log: str) -> p.TestLog:
    return _parse(log, keep_separator=True)
