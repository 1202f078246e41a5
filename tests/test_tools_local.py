"""Every file and shell tool, on a plain git checkout (LocalEnvironment): fast, no Docker. The same tools
run in the container (tests/test_tool_agent.py); the Environment protocol is the seam."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from swebench_mm.agents.local_environment import LocalEnvironment
from swebench_mm.agents.tools import Toolbox, call_tool


@pytest.fixture
def toolbox(tmp_path) -> Toolbox:
    repo = tmp_path / "repo"
    (repo / "src").mkdir(parents=True)
    (repo / "test").mkdir()
    (repo / "src" / "chart.js").write_text("export function bar(x) {\n  return x;\n}\n")
    (repo / "test" / "chart.test.js").write_text("test('x', () => {});\n")
    (repo / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 16)
    for command in (["git", "init", "-q"], ["git", "add", "-A"],
                    ["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base"]):
        subprocess.run(command, cwd=repo, check=True)
    base = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True).stdout.strip()
    return Toolbox(LocalEnvironment(repo, base), tmp_path / "images")


def test_view_file_numbers_lines_and_pages(toolbox):
    text = call_tool(toolbox, "view_file", {"path": "src/chart.js", "start_line": 2}).text
    assert "src/chart.js (3 lines)" in text and "    2    return x;" in text and "export" not in text


def test_str_replace_insert_and_create(toolbox):
    assert "replaced 1" in call_tool(toolbox, "str_replace", {"path": "src/chart.js", "old": "return x;", "new": "return 2 * x;"}).text
    assert "occurs 0 times" in call_tool(toolbox, "str_replace", {"path": "src/chart.js", "old": "nope", "new": ""}).text
    assert "inserted 1 line" in call_tool(toolbox, "insert", {"path": "src/chart.js", "line": 0, "text": "// top"}).text
    assert "line must be between 0 and 4" in call_tool(toolbox, "insert", {"path": "src/chart.js", "line": 99, "text": "x"}).text
    call_tool(toolbox, "create_file", {"path": "src/new/axis.js", "content": "export const a = 1;\n"})
    source = Path(toolbox.env.repo_dir) / "src"
    assert (source / "chart.js").read_text().startswith("// top\nexport function bar(x) {\n  return 2 * x;")
    assert (source / "new" / "axis.js").read_text() == "export const a = 1;\n"


def test_search_find_and_bash(toolbox):
    assert "src/chart.js:1:export function bar" in call_tool(toolbox, "search", {"pattern": "function bar"}).text
    assert call_tool(toolbox, "search", {"pattern": "nothing-like-this"}).text == "no matches"
    assert "./src/chart.js" in call_tool(toolbox, "find_files", {"pattern": "*.js"}).text
    out = call_tool(toolbox, "bash", {"command": "echo out; echo err >&2; exit 3"}).text
    assert out.startswith("exit code 3") and "out" in out and "err" in out
    assert "stopped after 1 s" in call_tool(toolbox, "bash", {"command": "sleep 5", "timeout": 1}).text


def test_missing_files_binary_files_and_images_are_tool_errors_or_views(toolbox):
    assert "cannot read src/none.js" in call_tool(toolbox, "view_file", {"path": "src/none.js"}).text
    assert "cannot read src" in call_tool(toolbox, "view_file", {"path": "src"}).text
    shown = call_tool(toolbox, "view_image", {"path": "logo.png"})
    assert shown.images and shown.images[0].path.read_bytes().startswith(b"\x89PNG")
    assert "view_image shows" in call_tool(toolbox, "view_image", {"path": "src/chart.js"}).text
    huge = call_tool(toolbox, "bash", {"command": "head -c 100000 /dev/zero | tr '\\\\0' x"}).text
    assert len(huge) < 13_000 and "characters cut" in huge


def test_submit_is_the_diff_alone_without_tests_or_stderr(toolbox):
    call_tool(toolbox, "str_replace", {"path": "src/chart.js", "old": "return x;", "new": "return -x;"})
    call_tool(toolbox, "create_file", {"path": "test/chart.test.js", "content": "test('rigged', () => {});\n"})
    call_tool(toolbox, "create_file", {"path": "src/extra.js", "content": "export {};\n"})
    (Path(toolbox.env.repo_dir) / "icon.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x01\x02")
    patch = call_tool(toolbox, "submit", {}).submitted_patch
    assert "diff --git a/src/chart.js b/src/chart.js" in patch and "+  return -x;" in patch
    assert "src/extra.js" in patch and "GIT binary patch" in patch  # new and binary files included
    assert "test/chart.test.js" not in patch  # test files never reach the graded patch
    assert patch.startswith("diff --git")  # nothing but the diff (no stderr, no notes)
    # the tree is left as the agent had it (nothing staged)
    status = subprocess.run(["git", "diff", "--cached", "--name-only"], cwd=toolbox.env.repo_dir,
                            capture_output=True, text=True).stdout
    assert status == ""
