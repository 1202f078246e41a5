"""Turning a model's answer into a change: search/replace edit blocks, and unified diffs cleaned up.

Models write diffs badly (wrong hunk line counts most of all) and edits well, so the pipeline scaffold asks
for edits it can apply exactly and report back on; the retrieval baseline asks for a diff, as SWE-bench's
retrieval baseline does, and only has its hunk headers recounted, which fixes the commonest breakage
without changing what the model meant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_EDIT = re.compile(
    r'<edit\s+path="(?P<path>[^"]+)"\s*>\s*<search>\n?(?P<search>.*?)</search>\s*<replace>\n?(?P<replace>.*?)</replace>\s*</edit>',
    re.DOTALL,
)
_HUNK = re.compile(r"^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@(.*)$")

EDIT_FORMAT = """\
Answer with one or more edits in exactly this form (the search text must match the file exactly, including
indentation, and appear in it once; include a few unchanged lines to make it unique):

<edit path="src/file.js">
<search>
lines copied from the file
</search>
<replace>
the lines that replace them
</replace>
</edit>"""


@dataclass(frozen=True)
class Edit:
    path: str
    search: str
    replace: str


def parse_edits(answer: str) -> list[Edit]:
    return [Edit(m["path"].strip().removeprefix("/testbed/").removeprefix("./"), m["search"], m["replace"])
            for m in _EDIT.finditer(answer)]


class EditFailed(ValueError):
    """An edit that cannot be applied; the message is written for the model, to fix it."""


def _strip_trailing(lines: list[str]) -> list[str]:
    return [line.rstrip() for line in lines]


def apply_edit(text: str, edit: Edit) -> str:
    """The file with the edit applied: an exact unique match, or else one that ignores trailing spaces."""
    if not edit.search.strip():
        raise EditFailed(f"{edit.path}: the search text is empty")
    count = text.count(edit.search)
    if count == 1:
        return text.replace(edit.search, edit.replace, 1)
    if count > 1:
        raise EditFailed(f"{edit.path}: the search text appears {count} times; add lines around it to make it unique")
    lines, wanted = text.split("\n"), _strip_trailing(edit.search.rstrip("\n").split("\n"))
    stripped = _strip_trailing(lines)
    starts = [i for i in range(len(lines) - len(wanted) + 1) if stripped[i:i + len(wanted)] == wanted]
    if len(starts) != 1:
        raise EditFailed(f"{edit.path}: the search text is not in the file" if not starts else
                         f"{edit.path}: the search text appears {len(starts)} times; add lines around it to make it unique")
    start = starts[0]
    replacement = edit.replace.rstrip("\n").split("\n") if edit.replace.strip() else []
    return "\n".join(lines[:start] + replacement + lines[start + len(wanted):])


def extract_diff(answer: str) -> str:
    """The diff in a model's answer: inside <patch> tags, else a ```diff fence, else from the first `diff --git`."""
    tagged = re.search(r"<patch>\n?(.*?)</patch>", answer, re.DOTALL)
    if tagged:
        body = tagged.group(1)
    else:
        fenced = re.search(r"```(?:diff|patch)?\n(.*?)```", answer, re.DOTALL)
        body = fenced.group(1) if fenced else answer[answer.find("diff --git"):] if "diff --git" in answer else ""
    body = body.strip("\n")
    return recount_hunks(body) + "\n" if body else ""


def recount_hunks(diff: str) -> str:
    """Rewrite every `@@ -a,b +c,d @@` with the line counts its body really has."""
    lines = diff.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        match = _HUNK.match(lines[index])
        if match is None:
            out.append(lines[index])
            index += 1
            continue
        body: list[str] = []
        index += 1
        while index < len(lines) and lines[index][:1] in (" ", "+", "-", "\\", "") and not _HUNK.match(lines[index]) \
                and not lines[index].startswith(("diff --git", "--- a/", "+++ b/", "--- /dev/null")):
            body.append(lines[index])
            index += 1
        while body and body[-1] == "":  # blank lines after the last hunk are not context
            body.pop()
        old = sum(1 for line in body if line[:1] in (" ", "-", ""))
        new = sum(1 for line in body if line[:1] in (" ", "+", ""))
        body = [line if line else " " for line in body]  # an empty context line lost its leading space
        out.append(f"@@ -{match[1]},{old} +{match[2]},{new} @@{match[3]}")
        out.extend(body)
    return "\n".join(out)
