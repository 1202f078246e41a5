"""A real SWE-bench Multimodal repository in every CI run: markedjs/marked, from its full history.

`../shared/mirrors/markedjs__marked.bundle` is the history of a repository nobody here wrote; its dev
instances are evaluated end to end through the CLI, as a user would: images built from the bundle,
gold resolves, empty does not. Two instances share a version (1.2), so the env image is built once for
them and the second instance is only a checkout (the layering that makes the real benchmark affordable).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from swebench_mm.cli import main

pytestmark = pytest.mark.docker

IDS = ["markedjs__marked-1825", "markedjs__marked-1889", "markedjs__marked-2811"]


@pytest.fixture(scope="module")
def marked_runs(tmp_path_factory, harness, real_mirrors):
    from conftest import DEV_INSTANCES

    runs = tmp_path_factory.mktemp("runs")
    for predictions in ("gold", "empty"):
        code = main(["evaluate", "--instances", str(DEV_INSTANCES), "--ids", *IDS, "--predictions", predictions,
                     "--run-id", f"marked-{predictions}", "--runs-dir", str(runs), "--repo-mirror", str(real_mirrors),
                     "--workers", "2"])
        assert code == 0
    return runs


def _reports(runs: Path, run_id: str) -> dict[str, dict]:
    return {path.parent.name: json.loads(path.read_text()) for path in (runs / run_id).glob("*/*/report.json")}


def test_gold_resolves_every_real_instance(marked_runs):
    reports = _reports(marked_runs, "marked-gold")
    assert sorted(reports) == IDS
    for instance_id, report in reports.items():
        assert report["status"] == "resolved", (instance_id, report["error"], report["tests_status"])
        assert report["apply_method"] == "git apply"
        # jasmine reports only failures: the verdict must rest on a run that reached its summary.
        assert report["log_summary_seen"] is True
    summary = json.loads((marked_runs / "marked-gold" / "report.json").read_text())
    assert summary["resolved_instances"] == len(IDS)


def test_empty_resolves_none(marked_runs):
    reports = _reports(marked_runs, "marked-empty")
    assert sorted(reports) == IDS
    for instance_id, report in reports.items():
        assert report["status"] == "unresolved", instance_id
        assert report["failure_category"] == "empty_patch"
        assert report["tests_status"]["FAIL_TO_PASS"]["failure"], instance_id


def test_instances_of_one_version_share_their_env_image(marked_runs, harness):
    client, _ = harness
    reports = _reports(marked_runs, "marked-gold")
    same_version = [reports[i]["image"] for i in ("markedjs__marked-1825", "markedjs__marked-1889")]
    parents = []
    for tag in same_version:
        history = [layer.get("Tags") or [] for layer in client.api.history(tag)]
        parents.append({t for tags in history for t in tags if t.startswith("swebench-mm/env.")})
    assert parents[0] and parents[0] == parents[1], parents
