"""Reports say where an environment differs from the original evaluation (an older pinned browser, say)."""

from __future__ import annotations

import json
from swebench_mm.cli import main
from swebench_mm.instances import load_instances


def test_browser_notes_of_the_evaluated_repos_reach_every_report_format(dev_instances_path, tmp_path):
    dev = load_instances(str(dev_instances_path))
    chart = [i for i in dev if i.repo == "chartjs/Chart.js"]
    marked = [i for i in dev if i.repo == "markedjs/marked"]
    ids = [i.instance_id for i in chart[:2] + marked[:1]]
    run = tmp_path / "agent.run1.json"
    run.write_text(json.dumps({"resolved_ids": ids[:1], "unresolved_ids": ids[1:], "error_ids": []}))
    paths = {kind: tmp_path / f"r.{kind}" for kind in ("json", "md", "html")}
    assert main(["report", str(run), "--instances", str(dev_instances_path),
                 *[arg for kind, path in paths.items() for arg in (f"--{kind}", str(path))]]) == 0
    notes = json.loads(paths["json"].read_text())["environment_notes"]
    chart_versions = sorted({i.version for i in chart[:2]})
    assert [(n["repo"], n["version"]) for n in notes if n["browser"]] == [("chartjs/Chart.js", v) for v in chart_versions]
    assert sum(n["instances"] for n in notes if n["repo"] == "chartjs/Chart.js") == 2
    assert "Chrome" in notes[0]["browser"]
    assert all(n["repo"] != "markedjs/marked" or n["browser"] is None for n in notes)
    assert "## Environment notes" in paths["md"].read_text() and "chartjs/Chart.js" in paths["md"].read_text()
    html = paths["html"].read_text()
    assert 'id="environment-notes"' in html and "Chrome for Testing" in html


def test_a_report_of_shipped_runs_has_no_environment_notes(tmp_path):
    shipped = load_instances("shipped")
    run = tmp_path / "r.json"
    run.write_text(json.dumps({"resolved_ids": [shipped[0].instance_id], "unresolved_ids": [], "error_ids": []}))
    out = tmp_path / "out.json"
    assert main(["report", str(run), "--instances", "shipped", "--json", str(out), "--html", str(tmp_path / "r.html")]) == 0
    assert json.loads(out.read_text())["environment_notes"] == []
    assert "environment-notes" not in (tmp_path / "r.html").read_text()
