"""Every `swebench-mm ...` command the README and the CLI's own examples show parses with the real parser:
a renamed option or a dropped choice breaks this test before it breaks a reader."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from swebench_mm.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent


def _commands(text: str) -> list[str]:
    """`swebench-mm` command lines (continuations joined, trailing comments dropped)."""
    joined = re.sub(r"\\\n\s*", " ", text).replace("$(CLI)", "swebench-mm")
    commands = []
    for line in joined.splitlines():
        line = line.strip()
        if line.startswith("swebench-mm "):
            commands.append(line.split("  #", 1)[0].split(" # ", 1)[0].strip())
    return commands


def _fenced_blocks(markdown: str) -> str:
    return "\n".join(re.findall(r"^```[a-z]*\n(.*?)^```", markdown, re.DOTALL | re.MULTILINE))


def _readme_and_epilog_commands() -> list[str]:
    parser = build_parser()
    texts = [_fenced_blocks((ROOT / "README.md").read_text(encoding="utf-8")),
             (ROOT / "Makefile").read_text(encoding="utf-8")]
    texts.append(parser.epilog or "")
    subparsers = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    for sub in subparsers.choices.values():
        texts.append(sub.epilog or "")
        for action in sub._actions:
            if action.__class__.__name__ == "_SubParsersAction":
                texts.extend(child.epilog or "" for child in action.choices.values())
    return sorted({c for text in texts for c in _commands(text)})


COMMANDS = _readme_and_epilog_commands()


def test_there_are_commands_to_check():
    assert len(COMMANDS) >= 25
    assert any(c.startswith("swebench-mm run --agent pipeline") for c in COMMANDS)
    assert any(c.startswith("swebench-mm evaluate --instances shipped --predictions gold --run-id demo-gold") for c in COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_the_command_parses(command):
    words = shlex.split(command)[1:]
    try:
        args = build_parser().parse_args(words)
    except SystemExit as exc:
        pytest.fail(f"`{command}` does not parse (exit {exc.code})")
    assert callable(args.func)
