"""A model's malformed tool call comes back to it as a tool error; it never ends the instance."""

from __future__ import annotations

import pytest

from swebench_mm.agents.tools import Observation, call_tool


class RecordingToolbox:
    """Stands in for the container toolbox: records what the tool received."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict]] = []

    def bash(self, command: str, timeout: int = 120) -> Observation:
        self.calls.append(("bash", {"command": command, "timeout": timeout}))
        return Observation("ran")

    def insert(self, path: str, line: int, text: str) -> Observation:
        self.calls.append(("insert", {"path": path, "line": line, "text": text}))
        return Observation("inserted")


@pytest.mark.parametrize("name,arguments,expected", [
    ("bash", {"command": "ls", "timeout": "abc"}, "timeout must be a whole number"),
    ("bash", {"command": ["ls"]}, "command must be a string"),
    ("bash", {}, "bash needs command"),
    ("bash", {"command": "ls", "shell": "zsh"}, "bash has no argument(s) shell"),
    ("bash", "ls -la", "arguments of bash must be a JSON object"),
    ("insert", {"path": "a.js", "line": 3, "text": None}, "insert needs text"),
    ("insert", {"path": "a.js", "line": True, "text": "x"}, "line must be a whole number"),
    ("no_such_tool", {}, "unknown tool 'no_such_tool'"),
])
def test_malformed_calls_are_tool_errors(name, arguments, expected):
    toolbox = RecordingToolbox()
    observation = call_tool(toolbox, name, arguments)
    assert expected in observation.text
    assert toolbox.calls == []


def test_digits_for_an_integer_and_null_optionals_are_accepted():
    toolbox = RecordingToolbox()
    assert call_tool(toolbox, "bash", {"command": "ls", "timeout": "30"}).text == "ran"
    assert call_tool(toolbox, "bash", {"command": "ls", "timeout": None}).text == "ran"
    assert toolbox.calls == [("bash", {"command": "ls", "timeout": 30}), ("bash", {"command": "ls", "timeout": 120})]


def test_the_trajectory_is_on_disk_after_every_step(tmp_path):
    """A run killed mid-instance keeps the steps so far (written atomically after each step)."""
    import json

    from swebench_mm.agents.models.base import Message, Reply, Text, ToolCall, Usage
    from swebench_mm.agents.trajectory import Trajectory

    trajectory = Trajectory(tmp_path, "o__n-1", "tool-agent", "m")
    for step in (1, 2):
        reply = Reply("looking", [ToolCall(f"c{step}", "bash", {"command": "ls"})], Usage(10, 2), None, 0.1, "m")
        trajectory.add_step(reply, [(f"c{step}", "bash", Message("tool", [Text("a.js")], tool_call_id=f"c{step}"))])
        saved = json.loads((tmp_path / "trajectory.json").read_text())
        assert saved["steps_taken"] == step and saved["exit_status"] == "running"
        assert saved["steps"][-1]["observations"][0]["text"] == "a.js"
