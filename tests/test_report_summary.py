"""Report numbers from runs built in memory: what the agent data adds, in every output format."""

from __future__ import annotations

import json
from pathlib import Path

from swebench_mm.reports.html_report import render_html
from swebench_mm.reports.load import InstanceResult, RunData
from swebench_mm.reports.markdown_report import render_markdown
from swebench_mm.reports.summary import build_report, exit_kind


def _run(name: str, exits: list[str], resolved: list[bool]) -> RunData:
    ids = [f"o__r-{n}" for n in range(len(exits))]
    run = RunData(name=name, model=name, source=Path(name), kind="swebench-mm", submitted=ids, total_instances=len(ids))
    for instance_id, exit_status, ok in zip(ids, exits, resolved):
        run.results[instance_id] = InstanceResult(
            instance_id, "resolved" if ok else "unresolved", patch_is_empty=False, apply_method="git apply",
            agent={"exit_status": exit_status, "steps": 3, "cost": 0.01, "input_tokens": 10, "output_tokens": 5},
        )
    return run


def test_exit_kinds_drop_the_details():
    assert exit_kind("limit: step limit 40 reached") == "limit"
    assert exit_kind("submitted (git apply --check fails)") == "submitted (git apply --check fails)"
    assert exit_kind("") == exit_kind(None) == "unknown"


def test_how_agents_ended_is_counted_per_run_and_rendered():
    pipeline = _run("pipeline", ["submitted", "stopped: edits still failing", "limit: step limit 4 reached"],
                    [True, False, False])
    retrieval = _run("retrieval", ["submitted", "submitted (git apply --check fails)", "submitted"], [True, False, True])
    report = build_report([pipeline, retrieval], {})
    assert report["runs"][0]["agent_exits"] == {"limit": 1, "stopped": 1, "submitted": 1}
    assert report["runs"][1]["agent_exits"] == {"submitted": 2, "submitted (git apply --check fails)": 1}
    markdown = render_markdown(report)
    assert "## How the agents ended" in markdown and "| limit | 1 | 0 |" in markdown
    assert "How the agents ended</h3>" in render_html(report, [pipeline, retrieval], {})


def test_runs_without_agent_data_have_no_exit_table():
    run = _run("gold", ["submitted"], [True])
    run.results["o__r-0"].agent = None
    report = build_report([run], {})
    assert report["runs"][0]["agent_exits"] == {}
    assert "How the agents ended" not in render_markdown(report)


def test_the_drill_down_shows_the_prompt_escaped_and_cut():
    run = _run("pipeline", ["submitted"], [True])
    files = "<file path=\"src/a.js\">\n" + "x" * 5000 + "\n</file><script>alert(1)</script>"
    run.results["o__r-0"].trajectory_data = {
        "exit_status": "submitted", "steps_taken": 0, "steps": [],
        "initial_messages": [{"role": "system", "text": "You fix bugs.", "images": []},
                             {"role": "user", "text": files, "images": []}],
    }
    html = render_html(build_report([run], {}), [run], {})
    assert "<summary>prompt</summary>" in html and "You fix bugs." in html
    assert "&lt;file path=&quot;src/a.js&quot;&gt;" in html and "<script>alert(1)" not in html
    assert "characters not shown]" in html


def test_long_trajectories_are_shown_up_to_a_budget_and_point_to_their_file(tmp_path):
    run = _run("tool-agent", ["submitted"], [True])
    steps = [{"step": n, "thought": f"thought {n}", "tool_calls": [], "cost": 0.01,
              "observations": [{"name": "bash", "text": "y" * 3000, "images": []}]} for n in range(1, 41)]
    (tmp_path / "trajectory.json").write_text(json.dumps({"exit_status": "submitted", "steps_taken": 40, "steps": steps}))
    run.results["o__r-0"].trajectory_file = tmp_path / "trajectory.json"
    html = render_html(build_report([run], {}), [run], {})
    shown = html.count('<div class="step">')
    assert 3 < shown < 40 and f"[... {40 - shown} more step(s) not shown" in html
    assert str(tmp_path / "trajectory.json") in html
