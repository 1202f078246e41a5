"""`pipeline` and `retrieval` end to end: real SDK clients → scripted local server, the repository read in a
real container of the instance image, the prediction graded by the harness."""

from __future__ import annotations

import json

import pytest

from llm_requests import png_payloads, request_text
from swebench_mm.agents.models.budget import Budget
from swebench_mm.agents.models.fake_server import FakeLLMServer
from swebench_mm.agents.models.registry import make_model
from swebench_mm.agents.runner import RunOptions, run_agent
from swebench_mm.agents.scaffolds.pipeline import PipelineAgent
from swebench_mm.agents.scaffolds.retrieval import RetrievalAgent
from swebench_mm.cli import main
from swebench_mm.harness.evaluate import EvalOptions, evaluate
from swebench_mm.instances import load_instances
from swebench_mm.predictions import load_predictions

pytestmark = pytest.mark.docker
INSTANCE_ID = "vizlab__svg-charts-14"
WRONG = "colorFor(i + 2, theme.palette)"
BUGGY = "fill: s.color || colorFor(i + 1, theme.palette),"
FIXED = "fill: s.color || colorFor(i, theme.palette),"


def _edit(search: str, replace: str) -> str:
    return f'<edit path="src/legend.js">\n<search>\n        {search}\n</search>\n<replace>\n        {replace}\n</replace>\n</edit>'


PIPELINE_SCRIPT = [
    {"text": "The swatch colours come from the legend.\n<files>\nsrc/legend.js\nsrc/palette.js\n</files>"},
    {"text": "Off by one.\n" + _edit(WRONG, FIXED)},
    {"text": "Sorry, copied it wrong.\n" + _edit(BUGGY, FIXED)},
]
# Hunk line counts wrong on purpose (models get them wrong): the scaffold recounts them.
RETRIEVAL_ANSWER = f"""The legend starts its colours at the second palette entry.
<patch>
diff --git a/src/legend.js b/src/legend.js
--- a/src/legend.js
+++ b/src/legend.js
@@ -14,9 +14,9 @@ function legend(series, x, y, theme) {{
       el('rect', {{
         class: 'swatch', x, y: rowY, width: SWATCH, height: SWATCH,
-        {BUGGY}
+        {FIXED}
       }}),
</patch>"""


@pytest.fixture(scope="module")
def instance():
    return [i for i in load_instances("shipped") if i.instance_id == INSTANCE_ID]


def _run(agent_class, script, provider, instance, harness, tmp_path, **budget):
    client, builder = harness
    with FakeLLMServer(script) as server:
        spec = "openai:gpt-4o" if provider == "openai" else "anthropic:claude-sonnet-4-6"
        base_url = server.openai_base_url if provider == "openai" else server.url
        model = make_model(spec, api_key="test-key", base_url=base_url, max_retries=0)
        agent = agent_class(model, lambda: Budget(**budget))
        options = RunOptions(run_id=agent.name, model_name=f"{agent.name}__{model.name}", runs_dir=tmp_path)
        [result] = run_agent(instance, agent, options, builder, client)
    return result, server, options


def test_pipeline_localises_repairs_after_feedback_and_resolves(instance, harness, tmp_path):
    result, server, options = _run(PipelineAgent, PIPELINE_SCRIPT, "openai", instance, harness, tmp_path)
    assert result["exit_status"] == "submitted" and result["steps"] == 3 and server.remaining == 0
    localize, repair, retry = (request_text(r) for r in server.requests)
    # Stage 1: the issue with its screenshot, and the source files (no tests, no node_modules).
    assert len(png_payloads(server.requests[0])) == len(instance[0].problem_images) == 1
    assert "src/legend.js" in localize and "src/palette.js" in localize
    assert "node_modules" not in localize and "test/" not in localize
    # Stage 2: the files the model named, with line numbers, and the screenshot again.
    assert '<file path="src/legend.js">' in repair and '<file path="src/palette.js">' in repair
    assert f"   16         {BUGGY}" in repair
    assert '<file path="src/axis.js">' not in repair
    assert len(png_payloads(server.requests[1])) == 1
    # The edit that did not apply went back with the reason.
    assert "src/legend.js: the search text is not in the file" in retry
    trajectory = json.loads((options.instance_dir(INSTANCE_ID) / "trajectory.json").read_text())
    assert [s["observations"][0]["name"] for s in trajectory["steps"]] == ["localize", "apply", "apply"]
    [prediction] = load_predictions(tmp_path / "pipeline" / "predictions.jsonl")
    assert FIXED in prediction.model_patch and "test/" not in prediction.model_patch
    client, builder = harness
    report = evaluate(instance, [prediction], EvalOptions(run_id="pipeline", runs_dir=tmp_path), builder, client)
    assert report["resolved_ids"] == [INSTANCE_ID]


def test_pipeline_stops_at_the_step_limit_with_what_it_has(instance, harness, tmp_path):
    result, server, _ = _run(PipelineAgent, PIPELINE_SCRIPT, "openai", instance, harness, tmp_path, step_limit=2)
    assert result["exit_status"] == "limit: step limit 2 reached" and len(server.requests) == 2
    assert result["patch_lines"] == 0  # the one edit it got did not apply


def test_retrieval_puts_bm25_ranked_sources_in_one_prompt_and_its_diff_resolves(instance, harness, tmp_path):
    result, server, _ = _run(RetrievalAgent, [{"text": RETRIEVAL_ANSWER}], "anthropic", instance, harness, tmp_path)
    assert result["exit_status"] == "submitted" and result["steps"] == 1
    prompt = request_text(server.requests[0])
    files = [line.split('"')[1] for line in prompt.splitlines() if line.startswith("<file path=")]
    # Both words of the title ("Legend doesn't match the bars") lead: bar.js and legend.js.
    assert set(files[:2]) == {"src/bar.js", "src/legend.js"} and "test" not in " ".join(files)
    assert len(png_payloads(server.requests[0])) == 1
    [prediction] = load_predictions(tmp_path / "retrieval" / "predictions.jsonl")
    assert "@@ -14,4 +14,4 @@" in prediction.model_patch
    client, builder = harness
    report = evaluate(instance, [prediction], EvalOptions(run_id="retrieval", runs_dir=tmp_path), builder, client)
    assert report["resolved_ids"] == [INSTANCE_ID]


def test_a_retrieval_diff_that_does_not_apply_is_still_submitted_and_said(instance, harness, tmp_path):
    broken = RETRIEVAL_ANSWER.replace("class: 'swatch'", "class: 'box'")
    result, _, options = _run(RetrievalAgent, [{"text": broken}], "openai", instance, harness, tmp_path)
    assert result["exit_status"] == "submitted (git apply --check fails)"
    trajectory = json.loads((options.instance_dir(INSTANCE_ID) / "trajectory.json").read_text())
    assert "patch does not apply" in trajectory["steps"][0]["observations"][0]["text"]


def test_the_cli_runs_the_pipeline_against_a_served_script(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "test-key")
    with FakeLLMServer(PIPELINE_SCRIPT) as server:
        code = main(["run", "--agent", "pipeline", "--model", f"openai-compatible:vl-model@{server.openai_base_url}",
                     "--ids", INSTANCE_ID, "--run-id", "cli-pipeline", "--runs-dir", str(tmp_path), "--evaluate"])
    assert code == 0
    out = capsys.readouterr().out
    assert "resolved 1/1" in out
    assert (tmp_path / "cli-pipeline" / "pipeline__vl-model" / INSTANCE_ID / "trajectory.json").exists()


def test_retrieval_with_attempts_asks_again_with_gits_message(instance, harness, tmp_path):
    broken = RETRIEVAL_ANSWER.replace("class: 'swatch'", "class: 'box'")
    script = [{"text": broken}, {"text": RETRIEVAL_ANSWER}]
    client, builder = harness
    with FakeLLMServer(script) as server:
        model = make_model("openai:gpt-4o", api_key="k", base_url=server.openai_base_url, max_retries=0)
        agent = RetrievalAgent(model, lambda: Budget(), attempts=3)
        options = RunOptions(run_id="attempts", model_name="retrieval__gpt-4o", runs_dir=tmp_path)
        [result] = run_agent(instance, agent, options, builder, client)
    assert result["exit_status"] == "submitted" and result["steps"] == 2 and server.remaining == 0
    assert "patch does not apply" in request_text(server.requests[1])
    [prediction] = load_predictions(tmp_path / "attempts" / "predictions.jsonl")
    report = evaluate(instance, [prediction], EvalOptions(run_id="attempts", runs_dir=tmp_path), builder, client)
    assert report["resolved_ids"] == [INSTANCE_ID]


def test_an_unreachable_model_api_is_an_error_that_a_rerun_retries(tmp_path, capsys, monkeypatch):
    """All retries failed: no prediction is saved (a re-run retries the instance) and the exit status says so."""
    monkeypatch.setenv("OPENAI_API_KEY", "test-key")
    with FakeLLMServer([{"error": {"status": 500}}] * 20) as server:
        code = main(["run", "--agent", "pipeline", "--model", f"openai-compatible:vl-model@{server.openai_base_url}",
                     "--ids", INSTANCE_ID, "--run-id", "down", "--runs-dir", str(tmp_path)])
    assert code == 1
    assert "1 instance(s) failed" in capsys.readouterr().err
    predictions = tmp_path / "down" / "predictions.jsonl"
    assert not predictions.exists() or INSTANCE_ID not in predictions.read_text()
    with FakeLLMServer(PIPELINE_SCRIPT) as server:
        code = main(["run", "--agent", "pipeline", "--model", f"openai-compatible:vl-model@{server.openai_base_url}",
                     "--ids", INSTANCE_ID, "--run-id", "down", "--runs-dir", str(tmp_path)])
    assert code == 0 and INSTANCE_ID in predictions.read_text()
