"""Shared vocabulary of the log parsers: statuses, the parse result, ANSI stripping."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

PASSED = "PASSED"
FAILED = "FAILED"
SKIPPED = "SKIPPED"
ERROR = "ERROR"

# When one name is reported twice (duplicate titles), the worse outcome wins: a test that failed once
# must not be counted as passing because a namesake passed.
_SEVERITY = {SKIPPED: 0, PASSED: 1, FAILED: 2, ERROR: 3}

ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")


def strip_ansi(text: str) -> str:
    return ANSI_ESCAPE.sub("", text)


@dataclass
class TestLog:
    """What a parser read from a log: each test's status, and whether the run reached its summary."""

    __test__ = False  # not a pytest test class, despite the name

    statuses: dict[str, str] = field(default_factory=dict)
    # False when the log ends before the framework's final summary (crash, kill, timeout): graders
    # must not treat "not reported failed" as passed in that case.
    completed: bool = False

    def record(self, name: str, status: str) -> None:
        previous = self.statuses.get(name)
        if previous is None or _SEVERITY[status] > _SEVERITY[previous]:
            self.statuses[name] = status
