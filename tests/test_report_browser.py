"""The HTML report of real runs of the shipped set, checked in headless Chromium through Playwright."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import sync_playwright

from swebench_mm.agents.models.budget import Budget
from swebench_mm.agents.models.fake_server import FakeLLMServer
from swebench_mm.agents.models.registry import make_model
from swebench_mm.agents.runner import RunOptions, run_agent
from swebench_mm.agents.scaffolds.tool_agent import ToolAgent
from swebench_mm.cli import main
from swebench_mm.errors import UserError
from swebench_mm.harness.docker_client import docker_client
from swebench_mm.harness.evaluate import EvalOptions, evaluate
from swebench_mm.harness.images import ImageBuilder
from swebench_mm.harness.repos import RepoSources
from swebench_mm.instances import load_instances
from swebench_mm.predictions import load_predictions, resolve_predictions

pytestmark = pytest.mark.docker
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-dev-shm-usage"]
INJECTION = "<script>window.__pwned = 1; document.title = 'pwned';</script>"
TARGET = "vizlab__svg-charts-14"
SCRIPT = [
    {"text": f"Looking at the legend. {INJECTION}", "tool_calls": [
        {"name": "bash", "arguments": {"command": f"echo {json.dumps(INJECTION)}; node examples/render.js examples/quarterly.json > /tmp/c.svg"}}]},
    {"tool_calls": [{"name": "screenshot", "arguments": {"target": "/tmp/c.svg", "width": 500, "height": 320}}]},
    {"tool_calls": [{"name": "str_replace", "arguments": {
        "path": "src/legend.js", "old": "colorFor(i + 1, theme.palette)", "new": "colorFor(i, theme.palette)"}}]},
    {"tool_calls": [{"name": "submit", "arguments": {}}]},
]


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    try:
        client = docker_client()
    except UserError as exc:
        pytest.fail(f"this test needs a Docker engine: {exc}")
    builder = ImageBuilder(client=client, sources=RepoSources())
    runs_dir = tmp_path_factory.mktemp("runs")
    shipped = load_instances("shipped")
    for kind in ("gold", "empty"):
        evaluate(shipped, resolve_predictions(kind, shipped), EvalOptions(run_id=kind, runs_dir=runs_dir), builder, client)
    target = [i for i in shipped if i.instance_id == TARGET]
    with FakeLLMServer(SCRIPT) as server:
        model = make_model("openai:gpt-4o", api_key="k", base_url=server.openai_base_url, max_retries=0)
        options = RunOptions(run_id="fake-agent", model_name="tool-agent__gpt-4o", runs_dir=runs_dir)
        run_agent(target, ToolAgent(model, lambda: Budget(step_limit=10)), options, builder, client)
    predictions = load_predictions(runs_dir / "fake-agent" / "predictions.jsonl")
    evaluate(shipped, predictions, EvalOptions(run_id="fake-agent", runs_dir=runs_dir), builder, client)
    return runs_dir, shipped


def test_html_report_in_a_browser(runs, tmp_path):
    runs_dir, shipped = runs
    html, data = tmp_path / "report.html", tmp_path / "report.json"
    assert main(["report", "gold", "empty", "fake-agent", "--runs-dir", str(runs_dir), "--html", str(html),
                 "--json", str(data), "--md", str(tmp_path / "report.md")]) == 0
    report = json.loads(data.read_text())
    assert [r["overall"]["resolved"] for r in report["runs"]] == [len(shipped), 0, 1]
    assert report["runs"][2]["cost"]["known"] and report["runs"][2]["steps"]["median"] == len(SCRIPT)
    gold_vs_empty = report["comparisons"][0]
    assert gold_vs_empty["only_a"] == len(shipped) and gold_vs_empty["mcnemar_p"] == pytest.approx(2 / 2 ** len(shipped))

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(html.as_uri())
        for run in report["runs"]:  # the page shows the numbers of the JSON
            cell = page.locator(f'#summary tr[data-run="{run["name"]}"] td[data-field="overall"]').inner_text()
            overall = run["overall"]
            assert cell.startswith(f'{overall["resolved"]}/{overall["total"]} ({overall["rate"] * 100:.1f}%)')
            assert f'{overall["ci95"][0] * 100:.1f}%' in cell
        assert page.locator("#plots svg").count() == 3

        section = page.locator(f"#inst-{TARGET}")
        assert not section.locator("img.shot").first.is_visible()  # closed until clicked
        section.locator("> summary").click()
        assert section.locator("img.shot").first.is_visible()  # the issue screenshot
        section.locator("details > summary", has_text="trajectory").first.click()
        trajectory_images = section.locator(".step img.shot")
        assert trajectory_images.count() == 1 and trajectory_images.first.is_visible()  # the agent's screenshot
        assert page.evaluate("window.__pwned") is None and page.title() != "pwned"
        assert INJECTION in section.inner_text()  # shown as text, not run
        page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
        browser.close()
    assert (tmp_path / "report.png").stat().st_size > 10_000
    assert re.search(r"\| gold \| gold \| \d+/\d+", (tmp_path / "report.md").read_text())


def test_swebench_report_files_are_accepted(runs, tmp_path, capsys):
    runs_dir, shipped = runs
    ids = [i.instance_id for i in shipped]
    swebench = tmp_path / "sweagent.run1.json"
    swebench.write_text(json.dumps({"total_instances": len(ids), "submitted_instances": len(ids),
                                    "resolved_ids": ids[:1], "unresolved_ids": ids[1:], "error_ids": []}))
    data = tmp_path / "r.json"
    assert main(["report", str(runs_dir / "gold"), str(swebench), "--json", str(data)]) == 0
    report = json.loads(data.read_text())
    assert report["runs"][1]["kind"] == "swebench" and report["runs"][1]["overall"]["resolved"] == 1
    assert report["comparisons"][0]["only_a"] == len(ids) - 1


def test_different_instance_sets_are_warned_about(runs, tmp_path, capsys):
    runs_dir, shipped = runs
    partial = tmp_path / "partial.json"
    partial.write_text(json.dumps({"resolved_ids": [shipped[0].instance_id], "unresolved_ids": [], "error_ids": []}))
    assert main(["report", str(runs_dir / "gold"), str(partial)]) == 0
    assert "cover different instances" in capsys.readouterr().err
