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
    # marked 1.2 has two setup commits (its lockfile was regenerated between 1825 and 1889): 1825 is on the
    # version's first env, 1889 on the env at the second, which is built on top of the first.
    assert parents[0] and parents[0] < parents[1], parents


def test_the_sandbox_holds_the_base_commit_and_its_ancestors_only(marked_runs, harness, real_mirrors):
    """No branch, tag or later commit in /testbed: the fix's commit cannot be found by `git log --all`,
    `git cat-file`, or a grep of .git (the bundle has marked's whole history, fix included)."""
    import subprocess

    from swebench_mm.harness.repos import RepoSources

    client, _ = harness
    instance_id = "markedjs__marked-1825"
    report = _reports(marked_runs, "marked-gold")[instance_id]
    git_dir = RepoSources([real_mirrors]).git_dir("markedjs/marked")
    from conftest import DEV_INSTANCES
    from swebench_mm.instances import load_instances

    base = next(i.base_commit for i in load_instances(str(DEV_INSTANCES)) if i.instance_id == instance_id)

    def git(*args: str) -> list[str]:
        return subprocess.run(["git", *args], cwd=git_dir, capture_output=True, text=True, check=True).stdout.split()

    ancestors = set(git("rev-list", base))
    later = git("rev-list", "--ancestry-path", f"{base}..HEAD")
    assert later, "the mirror should have commits after the base"
    fix, head = later[-1], later[0]  # the first commit after the base (the fix's line), and the newest
    script = (f"cd /testbed && git log --all --format=%H; echo ==; git cat-file -e {fix} && echo FOUND-FIX; "
              f"git cat-file -e {head} && echo FOUND-HEAD; grep -rl -e {fix} -e {head} .git && echo GREP-HIT; "
              "git tag | wc -l; git branch -a --format='%(refname)' | grep -v HEAD | wc -l")
    out = client.containers.run(report["image"], ["bash", "-c", script], remove=True, network_mode="none").decode()
    listed, _, rest = out.partition("==\n")
    assert set(listed.split()) == ancestors
    assert "FOUND-FIX" not in rest and "FOUND-HEAD" not in rest and "GREP-HIT" not in rest
    assert rest.split()[-2:] == ["0", "0"]  # no tags, no branches
