"""TAP (Test Anything Protocol) output, as node's built-in runner writes it (`--test-reporter=tap`).

Node writes TAP 13 with TAP 14-style subtests: each test opens with a `# Subtest: <name>` comment,
its own subtests follow indented four more spaces, and its result line comes after them, at the
comment's indentation, followed by an indented YAML block (`---` ... `...`) with the duration and
any error:

    # Subtest: axis
        # Subtest: labels
            # Subtest: are centred
            not ok 1 - are centred
              ---
              error: ...
              ...
        not ok 2 - labels
    not ok 1 - axis
    1..7

A test is a subtest none of whose children is a subtest: describe blocks and parent tests get
result lines too, but they only repeat their children's outcome, so they name the path instead of
being recorded. Result lines without a `# Subtest:` comment inside a subtest are assertions (the
`tap` npm package writes one per `t.equal`) and belong to that subtest, except skipped or todo
ones: tap writes its skipped subtests as a bare `ok 2 - name # SKIP`, with no comment. At the top
level bare result lines are the tests of a flat TAP producer. `ok` is PASSED, `not ok` FAILED, and
a `# SKIP` or `# TODO` directive makes either SKIPPED; other directives (tap's `# time=1.2ms`) are
dropped from the name. Node escapes `#` and `\\` in names with a backslash; they are unescaped.
The `tap` package runs each file as a subtest named by its path, so its names start with the path.

Console output is never a result line: node wraps it into `# ...` comments, tap passes it through
indented. With node, a test file that fails to load becomes one failed test named by its path.
`completed` is set once the top-level plan (`1..N`) has been seen together with N top-level results,
whether the plan came first or last; a `Bail out!` or a crash before the runner started (no TAP at
all) leaves it unset.
"""

from __future__ import annotations

import re

from swebench_mm.harness.parsers import base as p

SUBTEST = re.compile(r"^(?P<indent> *)# Subtest: (?P<name>.*?)\s*$")
RESULT = re.compile(r"^(?P<indent> *)(?P<not>not )?ok\b(?:\s+\d+)?(?:\s+-)?\s*(?P<rest>.*?)\s*$")
UNESCAPED_HASH = re.compile(r"(?<!\\)#")
SKIP_DIRECTIVE = re.compile(r"^\s*(skip|todo)\b", re.IGNORECASE)
PLAN = re.compile(r"^1\.\.(?P<count>\d+)\b")
YAML_START = re.compile(r"^(?P<indent> *)---\s*$")
BAIL_OUT = re.compile(r"^\s*Bail out!")


def parse(log: str) -> p.TestLog:
    result = p.TestLog()
    names: list[str] = []  # the open subtests' names, one per depth
    has_subtests: list[bool] = []  # whether the open subtest at each depth has a subtest child
    yaml_end: str | None = None
    plan = None
    top_level_results = 0
    bailed = False
    for raw_line in p.strip_ansi(log).splitlines():
        line = raw_line.rstrip("\r")
        if yaml_end is not None:
            if line.rstrip() == yaml_end:
                yaml_end = None
            continue
        if BAIL_OUT.match(line):
            bailed = True
            break
        subtest = SUBTEST.match(line)
        if subtest:
            depth = len(subtest["indent"]) // 4
            if 0 < depth <= len(has_subtests):
                has_subtests[depth - 1] = True
            names = names[:depth] + [""] * (depth - len(names)) + [_unescape(subtest["name"])]
            has_subtests = has_subtests[:depth] + [False] * (depth - len(has_subtests)) + [False]
            continue
        test = RESULT.match(line)
        if test:
            depth = len(test["indent"]) // 4
            headed = depth < len(names)
            if depth == 0:
                top_level_results += 1
            description, skipped = _split_directive(test["rest"])
            if headed and not has_subtests[depth] or not headed and (depth == 0 or skipped):
                if skipped:
                    status = p.SKIPPED
                else:
                    status = p.FAILED if test["not"] else p.PASSED
                result.record(" › ".join([n for n in names[:depth] if n] + [description]), status)
            if headed:
                names, has_subtests = names[:depth], has_subtests[:depth]
            continue
        yaml = YAML_START.match(line)
        if yaml:
            yaml_end = yaml["indent"] + "..."
            continue
        plan_line = PLAN.match(line)
        if plan_line:
            plan = int(plan_line["count"])
    result.completed = not bailed and plan is not None and top_level_results >= plan
    return result


def _split_directive(rest: str) -> tuple[str, bool]:
    """`name # SKIP reason` -> ("name", True), `name # time=1ms` -> ("name", False).

    The first unescaped `#` starts the directive; an escaped `\\#` is part of the name.
    """
    directive = UNESCAPED_HASH.search(rest)
    if directive is None:
        return _unescape(rest), False
    skipped = SKIP_DIRECTIVE.match(rest[directive.end() :]) is not None
    return _unescape(rest[: directive.start()].rstrip()), skipped


def _unescape(name: str) -> str:
    return re.sub(r"\\([\\#])", r"\1", name)
