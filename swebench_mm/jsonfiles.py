"""Reading JSON and JSONL input files with errors that name the file and line, never a traceback.

JSONL is split on "\\n" only: `str.splitlines()` also splits on U+2028, U+0085 and other characters
that JSON allows raw inside a string, and would cut such a record in two. Text that is not UTF-8, or a
string holding a lone surrogate (which no file can store), is refused with the place named.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterator

from swebench_mm.errors import UserError


def read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"{path}: cannot read ({exc.strerror})") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise UserError(f"{path}:{line}: not UTF-8 text (byte {exc.start}); is this a JSON/JSONL file?") from None


def describe(exc: json.JSONDecodeError) -> str:
    """json's message without its dangling "at" ("Invalid control character at"), with the column."""
    message = exc.msg[:-3] if exc.msg.endswith(" at") else exc.msg
    return f"invalid JSON ({message} at column {exc.colno})"


def json_lines(path: Path, text: str) -> Iterator[tuple[int, Any]]:
    """(line number, value) for each non-blank line of a JSONL text."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as exc:
            raise UserError(f"{path}:{number}: {describe(exc)}") from None


def json_document(path: Path, text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(f"{path}:{exc.lineno}: {describe(exc)}") from None


def check_storable(value: str, field: str, where: str) -> None:
    """Refuse a string that cannot be written to a UTF-8 file (a lone surrogate from a `\\ud800` escape)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise UserError(f"{where}: field '{field}' holds a lone surrogate (U+{ord(value[exc.start]):04X} at "
                        f"character {exc.start}), which no UTF-8 file can store") from None


_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]*")
_COMMIT = re.compile(r"[0-9a-f]{40}")


def check_name(value: str, field: str, where: str, allow_slash: bool = False) -> None:
    """Ids and model names become folder names: letters, digits and `._+-` only (and `/` between parts of
    a model name), no `..`, nothing hidden, so no input can write outside its run folder."""
    parts = value.split("/") if allow_slash else [value]
    if not all(_SAFE_NAME.fullmatch(part) for part in parts) or ".." in value:
        raise UserError(f"{where}: field '{field}' is {value!r}; use letters, digits and . _ + - only"
                        f"{' (and / between parts)' if allow_slash else ''}, with no '..'")


def check_commit(value: str, field: str, where: str) -> None:
    if not _COMMIT.fullmatch(value):
        raise UserError(f"{where}: field '{field}' must be a full 40-character hex commit SHA, not {value[:60]!r}")
