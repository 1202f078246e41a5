"""tool-agent end to end: real SDK clients → scripted local server; real tool calls in a real container;
the harness grades the submitted patch.
"""

from __future__ import annotations

import json

import pytest

from llm_requests import pixels, png_payloads
from swebench_mm.agents.models.budget import Budget, TotalCost
from swebench_mm.agents.models.fake_server import FakeLLMServer
from swebench_mm.agents.models.registry import make_model
from swebench_mm.agents.runner import RunOptions, run_agent
from swebench_mm.agents.scaffolds.tool_agent import ToolAgent
from swebench_mm.harness.container import run_containers
from swebench_mm.harness.evaluate import EvalOptions, evaluate
from swebench_mm.instances import load_instances
from swebench_mm.predictions import load_predictions

pytestmark = pytest.mark.docker
INSTANCE_ID = "vizlab__svg-charts-14"

FIX_SCRIPT = [
    {"text": "Let me find the legend code.", "tool_calls": [{"name": "search", "arguments": {"pattern": "colorFor", "path": "src"}}]},
    {"tool_calls": [{"name": "view_file", "arguments": {"path": "src/legend.js"}}]},
    {"text": "Render the chart to see it.", "tool_calls": [{"name": "bash", "arguments": {
        "command": "node examples/render.js examples/quarterly.json > /tmp/chart.svg && wc -c /tmp/chart.svg"}}]},
    {"tool_calls": [{"name": "screenshot", "arguments": {"target": "/tmp/chart.svg", "width": 520, "height": 340}}]},
    {"tool_calls": [{"name": "view_image", "arguments": {"path": "/tmp/swebench-mm-screenshots/screenshot-1.png"}}]},
    {"text": "The swatch index is off by one.", "tool_calls": [{"name": "str_replace", "arguments": {
        "path": "src/legend.js", "old": "colorFor(i + 1, theme.palette)", "new": "colorFor(i, theme.palette)"}}]},
    {"tool_calls": [{"name": "bash", "arguments": {"command": "./node_modules/.bin/jest --ci 2>&1 | tail -n 5"}}]},
    {"tool_calls": [{"name": "submit", "arguments": {}}]},
]


@pytest.mark.parametrize("provider", ["openai", "anthropic"])
def test_tool_agent_fixes_a_shipped_instance(provider, tmp_path, harness):
    client, builder = harness
    instance = [i for i in load_instances("shipped") if i.instance_id == INSTANCE_ID]
    issue_png = instance[0].image_path(instance[0].problem_images[0]).read_bytes()
    with FakeLLMServer(FIX_SCRIPT) as server:
        spec = "openai:gpt-4o" if provider == "openai" else "anthropic:claude-sonnet-4-6"
        base_url = server.openai_base_url if provider == "openai" else server.url
        model = make_model(spec, api_key="test-key", base_url=base_url, max_retries=0)
        agent = ToolAgent(model, lambda: Budget(step_limit=20))
        options = RunOptions(run_id="agent", model_name=f"tool-agent__{model.name}", runs_dir=tmp_path)
        results = run_agent(instance, agent, options, builder, client)
    assert results[0]["exit_status"] == "submitted" and results[0]["steps"] == len(FIX_SCRIPT)
    assert server.remaining == 0

    # The issue image reached the model with the first request; the screenshot and the viewed image later.
    first = png_payloads(server.requests[0])
    assert len(first) == 1 and pixels(first[0]) == pixels(issue_png)  # re-encoded, same picture
    after_screenshot = png_payloads(server.requests[4])
    assert len(after_screenshot) == 2  # the issue image again + the chromium screenshot
    assert len(png_payloads(server.requests[5])) == 3  # + the view_image of the same file

    trajectory = json.loads((options.instance_dir(INSTANCE_ID) / "trajectory.json").read_text())
    observation = trajectory["steps"][3]["observations"][0]
    assert observation["name"] == "screenshot" and observation["images"][0]["path"].startswith("images/")
    assert (options.instance_dir(INSTANCE_ID) / observation["images"][0]["path"]).stat().st_size > 1000
    assert "Tests:" in json.dumps(trajectory["steps"][6])

    predictions = load_predictions(tmp_path / "agent" / "predictions.jsonl")
    assert "colorFor(i, theme.palette)" in predictions[0].model_patch
    assert "test/" not in predictions[0].model_patch
    report = evaluate(instance, predictions, EvalOptions(run_id="agent", runs_dir=tmp_path), builder, client)
    assert report["resolved_ids"] == [INSTANCE_ID]
    assert run_containers(client, tmp_path, "agent") == []


def test_cost_cap_stops_before_the_call_that_would_break_it(tmp_path, harness):
    client, builder = harness
    instance = [i for i in load_instances("shipped") if i.instance_id == INSTANCE_ID]
    looping = [{"tool_calls": [{"name": "bash", "arguments": {"command": "echo step"}}]}] * 50
    with FakeLLMServer(looping) as server:
        model = make_model("openai:gpt-4o", api_key="k", base_url=server.openai_base_url, max_retries=0)
        total = TotalCost(limit=None)
        agent = ToolAgent(model, lambda: Budget(cost_limit=0.01, total=total))
        options = RunOptions(run_id="capped", model_name="capped", runs_dir=tmp_path)
        results = run_agent(instance, agent, options, builder, client)
    assert results[0]["exit_status"].startswith("limit: instance cost limit")
    steps = results[0]["steps"]
    # Every call but the last was under the cap when it was made: overrun by at most one call.
    per_call = results[0]["cost"] / steps
    assert results[0]["cost"] - per_call < 0.01 <= results[0]["cost"]
    assert len(server.requests) == steps


def test_a_rerun_resumes_and_force_redoes(tmp_path, harness):
    client, builder = harness
    from swebench_mm.agents.scaffolds.baselines import GoldAgent

    instances = load_instances("shipped")
    options = RunOptions(run_id="resume", model_name="gold", runs_dir=tmp_path)
    first = run_agent(instances, GoldAgent(), options, builder, client)
    assert not any(r.get("resumed") for r in first)
    second = run_agent(instances, GoldAgent(), options, builder, client)
    assert all(r.get("resumed") for r in second)
    assert len(load_predictions(tmp_path / "resume" / "predictions.jsonl")) == len(instances)


def test_only_the_last_tool_images_are_resent(tmp_path, harness):
    """Four screenshots with keep_images=1: the fifth call carries the issue image and the last screenshot
    only, older ones as notes; the trajectory still has all four (Anthropic wire format)."""
    client, builder = harness
    instance = [i for i in load_instances("shipped") if i.instance_id == INSTANCE_ID]
    shots = [{"tool_calls": [{"name": "screenshot", "arguments": {"target": "<svg xmlns='http://www.w3.org/2000/svg' "
              f"width='200' height='160'><rect width='{40 * n}' height='160' fill='red'/></svg>", "width": 200, "height": 160}}]}
             for n in range(1, 5)]
    with FakeLLMServer([*shots, {"tool_calls": [{"name": "submit", "arguments": {}}]}]) as server:
        model = make_model("anthropic:claude-sonnet-4-6", api_key="k", base_url=server.url, max_retries=0)
        agent = ToolAgent(model, lambda: Budget(step_limit=10), keep_images=1)
        options = RunOptions(run_id="keep", model_name="keep", runs_dir=tmp_path)
        [result] = run_agent(instance, agent, options, builder, client)
    assert result["exit_status"] == "submitted"
    assert [len(png_payloads(r)) for r in server.requests] == [1, 2, 2, 2, 2]
    last = server.requests[-1]
    issue_png = instance[0].image_path(instance[0].problem_images[0]).read_bytes()
    sent = png_payloads(last)
    assert pixels(sent[0]) == pixels(issue_png)
    assert json.dumps(last["body"]).count("no longer shown, to save context") == 3
    trajectory = json.loads((options.instance_dir(INSTANCE_ID) / "trajectory.json").read_text())
    assert sum(len(o["images"]) for s in trajectory["steps"] for o in s["observations"]) == 4
