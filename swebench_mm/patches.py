"""Which files a unified git diff touches: read by the spec resolution (test files to run), the eval
script (test files to reset) and the report (placeholders near the patch). One reading, one module."""

from __future__ import annotations

import re

_DIFF_HEADER = re.compile(r"^diff --git a/(\S+) b/(\S+)$", re.MULTILINE)
_NEW_FILE = re.compile(r"^diff --git a/(\S+) b/(\S+)\n(?:(?!diff --git).*\n)*?new file mode", re.MULTILINE)


def new_files_in_patch(patch: str) -> list[str]:
    """Paths a git diff creates (they have no version at the base commit to go back to)."""
    return [new for _, new in _NEW_FILE.findall(patch)]


def files_in_patch(patch: str) -> list[str]:
    """Paths a unified git diff touches (new names), in order, without duplicates."""
    seen: dict[str, None] = {}
    for _, new in _DIFF_HEADER.findall(patch):
        seen.setdefault(new, None)
    return list(seen)
