"""Agents on a real SWE-bench Multimodal instance (markedjs/marked, from the shared bundle), through the CLI
as a user runs them: real SDK clients talk to a scripted local server, tools run in the graded image
(plus its Chromium layer), and the harness grades the submitted patch.

markedjs__marked-1825: "Task lists are rendered even when GFM is disabled", with screenshots. The
scripted tool agent reads the tokenizer, renders marked's output for the issue's input to HTML and takes
a screenshot of it in the sandbox, makes the gold edit and submits; `pipeline` and `retrieval` reach the
same fix through their own protocols. What is checked: the issue image reached the model server, the
tools really ran on marked's code, and the patch resolves.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from llm_requests import pixels, png_payloads, request_text
from swebench_mm.agents.models.fake_server import FakeLLMServer
from swebench_mm.cli import main
from swebench_mm.instances import load_instances

pytestmark = pytest.mark.docker
INSTANCE_ID = "markedjs__marked-1825"


@pytest.fixture
def instance(dev_instances_path):
    return next(i for i in load_instances(dev_instances_path) if i.instance_id == INSTANCE_ID)


def _gold_sides(instance) -> tuple[str, str]:
    """The gold hunk's old and new text (the edit the scripted models make)."""
    body = instance.patch.split("\n@@ ", 1)[1].split("\n", 1)[1]
    old = "".join(line[1:] + "\n" for line in body.splitlines() if line[:1] in (" ", "-"))
    new = "".join(line[1:] + "\n" for line in body.splitlines() if line[:1] in (" ", "+"))
    return old, new


RENDER = ("node -e \"const marked = require('./src/marked.js'); "
          "process.stdout.write(marked('- [ ] A\\n- [x] B\\n', { gfm: false }))\" > /tmp/tasks.html && cat /tmp/tasks.html")


def _tool_agent_script(instance) -> list[dict]:
    old, new = _gold_sides(instance)
    return [
        {"text": "Where are task items recognised?", "tool_calls": [
            {"name": "search", "arguments": {"pattern": "istask", "path": "src"}}]},
        {"tool_calls": [{"name": "view_file", "arguments": {"path": "src/Tokenizer.js", "start_line": 270, "end_line": 295}}]},
        {"text": "Render the issue's list with gfm off.", "tool_calls": [{"name": "bash", "arguments": {"command": RENDER}}]},
        {"tool_calls": [{"name": "screenshot", "arguments": {"target": "/tmp/tasks.html", "width": 400, "height": 200}}]},
        {"text": "Checkboxes appear without GFM: guard the task-list check.", "tool_calls": [
            {"name": "str_replace", "arguments": {"path": "src/Tokenizer.js", "old": old, "new": new}}]},
        {"tool_calls": [{"name": "bash", "arguments": {"command": RENDER}}]},
        {"tool_calls": [{"name": "submit", "arguments": {}}]},
    ]


def _pipeline_script(instance) -> list[dict]:
    old, new = _gold_sides(instance)
    return [
        {"text": "The list tokenizer decides task items.\n<files>\nsrc/Tokenizer.js\n</files>"},
        {"text": f'Guard it with gfm.\n<edit path="src/Tokenizer.js">\n<search>\n{old}</search>\n<replace>\n{new}</replace>\n</edit>'},
    ]


def _retrieval_script(instance) -> list[dict]:
    return [{"text": f"Task items must need GFM.\n<patch>\n{instance.patch}</patch>"}]


SCRIPTS = {"tool-agent": _tool_agent_script, "pipeline": _pipeline_script, "retrieval": _retrieval_script}


@pytest.mark.parametrize("agent", list(SCRIPTS))
def test_an_agent_fixes_a_real_marked_instance(agent, instance, tmp_path, harness, real_mirrors,
                                               dev_instances_path, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "test-key")
    images = Path(dev_instances_path).parent / "images"
    script = SCRIPTS[agent](instance)
    with FakeLLMServer(script) as server:
        code = main(["run", "--agent", agent, "--model", f"openai-compatible:vl-model@{server.openai_base_url}",
                     "--instances", str(dev_instances_path), "--ids", INSTANCE_ID, "--repo-mirror", str(real_mirrors),
                     "--image-dir", str(images), "--run-id", agent, "--runs-dir", str(tmp_path), "--evaluate"])
    assert code == 0 and server.remaining == 0
    # The issue's screenshot reached the model server with the first request, as the same picture.
    manifest = json.loads((images / "manifest.json").read_text())
    issue_png = images.parent / manifest[instance.problem_images[0]]  # manifest paths start at the dev folder
    first = png_payloads(server.requests[0])
    assert first and pixels(first[0]) == pixels(issue_png.read_bytes())
    assert "Task lists are rendered even when GFM is disabled" in request_text(server.requests[0])

    out = tmp_path / agent / f"{agent}__vl-model" / INSTANCE_ID
    report = json.loads((out / "report.json").read_text())
    assert report["status"] == "resolved", (report["failure_category"], report["error"], report["tests_status"])
    prediction = next(json.loads(line) for line in (tmp_path / agent / "predictions.jsonl").read_text().splitlines())
    assert "if (this.options.gfm) {" in prediction["model_patch"] and "test/" not in prediction["model_patch"]

    if agent == "tool-agent":
        trajectory = json.loads((out / "trajectory.json").read_text())
        steps = trajectory["steps"]
        # The tools ran on marked's real code: the search found the line, the render showed checkboxes
        # before the edit and none after, and the screenshot is a real PNG saved beside the trajectory.
        assert "src/Tokenizer.js" in json.dumps(steps[0]["observations"])
        assert 'type="checkbox"' in steps[2]["observations"][0]["text"]
        assert 'type="checkbox"' not in steps[5]["observations"][0]["text"]
        shot = steps[3]["observations"][0]["images"][0]["path"]
        assert (out / shot).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        # The screenshot went back to the model (issue images + the screenshot).
        assert len(png_payloads(server.requests[4])) == len(first) + 1
    else:
        assert re.search(r"src/Tokenizer\.js", request_text(server.requests[-1]))
