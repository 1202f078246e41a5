"""Mocha's failure list, the only part of the log graded for p5.js and eslint (fail-only logs).

At the end of a run every mocha reporter (spec, min, dot, ...) lists the failures, numbered:

      1) docs preprocessor
           mergeOverloadedMethods()
             should not merge properties:

          AssertionError: expected { a: 1 } to deeply equal { a: 2 }

Since mocha 4 or so the entry is the title path, one title per line, each indented deeper than the
one before, the last ending with a colon; mocha 3 and older print the full title (the titles joined
by spaces) on the entry's one line, colon included. The spec reporter's tree marks failed tests
`N) title` too, but without the colon, so those lines are not read as entries: an entry is a `N)`
line followed by deeper-indented lines up to the first one ending with `:`.

The names follow SWE-bench Multimodal's FAIL_TO_PASS lists, which differ per repository:
- `p5js`: the entry's lines joined by ":" (`docs preprocessor:mergeOverloadedMethods():should not
  merge properties`, `src/math/trigonometry.js:radians documentation:example #1 works`).
- `mocha_failures` (eslint): SWE-bench's `parse_log_eslint`, whose names the eslint lists hold, reads an
  entry as everything from `  N)` up to the whitespace before the first later text that contains
  `Error` on one line (the error's name: `AssertionError`, `TypeError`), whitespace runs made one space.
  That is mocha's full title plus ":" in either layout (`cli when given the max-warnings flag should
  exit ...:`), and also for titles that span lines (RuleTester titles are the tested code, with its own
  newlines and indentation: `implicit-arrow-linebreak invalid start( arr => // cometh bod => { ... } ):`),
  but it stops early where the title itself holds a word with `Error` in it (`... /* catch seems to be
  needed here */` for code that goes on `console.log('Error: ', err)`), as the lists do. The names here
  are made the same way, from the same regular expression.

Every entry is FAILED; passing tests are never named. `completed`:
- `p5js` runs mocha several times under grunt (`grunt test --quiet --force`: node tests, then the
  browser tests, whose reporter output p5.js forwards from the page's console). A grunt run ends with
  `Done.` / `Done, but with warnings.` (`Aborted due to warnings.` without --force), so the log is
  complete when a `Done` line follows the last `Running "<task>"` line: an earlier grunt run in the
  same log (p5.js generates its docs with `grunt yui` first) cannot stand in for the test run.
- `mocha_failures`: mocha's `N passing (...)` summary line (a test file that fails to load stops
  mocha before it, with `Exception during run`).
"""

from __future__ import annotations

import re

from swebench_mm.harness.parsers import base as p

ENTRY = re.compile(r"^(?P<indent>\s*)\d+\) (?P<title>.*)$")
PASSING = re.compile(r"^\s*\d+ passing \(")
GRUNT_RUNNING = re.compile(r'^Running "[^"]+"')
GRUNT_DONE = re.compile(r"^Done(\.|, but with warnings\.|, without errors\.)")


def _entries(lines: list[str]) -> list[list[str]]:
    """The title lines of each failure-list entry, in order."""
    entries = []
    index = 0
    while index < len(lines):
        match = ENTRY.match(lines[index])
        index += 1
        if match is None:
            continue
        titles = [match["title"].rstrip()]
        last_indent = len(match["indent"])
        while not titles[-1].endswith(":") and index < len(lines):
            line = lines[index].rstrip()
            indent = len(line) - len(line.lstrip())
            if not line.strip() or indent <= last_indent:
                break
            titles.append(line.strip())
            last_indent = indent
            index += 1
        if titles[-1].endswith(":"):
            entries.append(titles)
    return entries


def _lines(log: str) -> list[str]:
    return [line.rstrip("\r") for line in p.strip_ansi(log).splitlines()]


def parse_p5js(log: str) -> p.TestLog:
    result = p.TestLog()
    lines = _lines(log)
    for titles in _entries(lines):
        titles[-1] = titles[-1][:-1]
        result.record(":".join(t.strip() for t in titles), p.FAILED)
    for line in lines:
        if GRUNT_RUNNING.match(line):
            result.completed = False
        elif GRUNT_DONE.match(line):
            result.completed = True
    return result


# SWE-bench's parse_log_eslint: "  N)", the entry (lazily), whitespace, then a line's text up to "Error".
ESLINT_ENTRY = re.compile(r"(\s{2}\d+\))([\s\S]*?)\s+(?:(.*)Error)")
WHITESPACE = re.compile(r"\s+")


def parse(log: str) -> p.TestLog:
    result = p.TestLog()
    text = p.strip_ansi(log)
    for match in ESLINT_ENTRY.finditer(text):
        result.record(WHITESPACE.sub(" ", match.group(2)).strip(), p.FAILED)
    result.completed = any(PASSING.match(line) for line in _lines(text))
    return result
