"""collect + validate end to end: a shipped repository laid out as a GitHub remote becomes valid instances.

The remote is vizlab/svg-charts as `task_instances/build.py mirror` builds it, plus one pull request per
shipped instance: the instance's gold and test patch committed on a branch from the shipped base
commit, and landed the three ways GitHub lands them — PR 14 and PR 33 with a merge commit, PR 21
squashed, PR 26 rebased as two commits (fix, then tests). The four fixes were written against the same
commit and conflict with each other (bar.js), so each lands on a branch of its own (`base.ref`
release-N), as pull requests into release branches do. The fake API serves the pull requests, their
commits and an issue per pull request with the shipped issue text and screenshot.

`swebench-mm collect` must give back the shipped patches, and `swebench-mm validate --write-instances
--only-valid` (real containers) must measure the shipped FAIL_TO_PASS / PASS_TO_PASS lists, and leave
out a fifth candidate whose new test passes without its change.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from swebench_mm.collect.fake_github import FakeGitHub, commit_record, issue_record, pull_record
from swebench_mm.errors import UserError
from swebench_mm.harness.docker_client import docker_client
from swebench_mm.instances import SHIPPED_DIR, load_instances

pytestmark = pytest.mark.docker

REPO = "vizlab/svg-charts"
TASKS = SHIPPED_DIR / "svg-charts" / "tasks"
GIT_ENV = {"GIT_AUTHOR_NAME": "Dev", "GIT_AUTHOR_EMAIL": "dev@example.com", "GIT_COMMITTER_NAME": "Dev",
           "GIT_COMMITTER_EMAIL": "dev@example.com", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
HOW = {14: "merge", 21: "squash", 26: "rebase", 33: "merge"}


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env={**os.environ, **GIT_ENV}, check=True,
                          capture_output=True, text=True).stdout.strip()


def _land(work: Path, base: str, number: int) -> tuple[str, list[tuple[str, str]]]:
    """Commit PR `number` and land it as HOW says; (merge_commit_sha, [(sha, message)] of its commits)."""
    task = TASKS / f"vizlab__svg-charts-{number}"
    gold, tests = str(task / "gold.patch"), str(task / "test.patch")
    _git(work, "checkout", "-q", "-B", f"release-{number}", base)
    if HOW[number] == "squash":
        _git(work, "apply", gold, tests)
        _git(work, "add", "-A")
        _git(work, "commit", "-qm", f"Fix chart #{number} (#{number})")
        sha = _git(work, "rev-parse", "HEAD")
        return sha, [("f" * 40, f"Fix chart #{number}")]
    if HOW[number] == "rebase":
        commits = []
        for patch, message in ((gold, "Fix the rendering"), (tests, "Test the rendering")):
            _git(work, "apply", patch)
            _git(work, "add", "-A")
            _git(work, "commit", "-qm", message)
            commits.append((_git(work, "rev-parse", "HEAD"), message))
        return commits[-1][0], commits
    _git(work, "checkout", "-q", "-b", f"fix-{number}")
    _git(work, "apply", gold, tests)
    _git(work, "add", "-A")
    _git(work, "commit", "-qm", "Fix the rendering")
    head = _git(work, "rev-parse", "HEAD")
    _git(work, "checkout", "-q", f"release-{number}")
    _git(work, "merge", "-q", "--no-ff", "-m", f"Merge pull request #{number} from dev/fix-{number}", f"fix-{number}")
    return _git(work, "rev-parse", "HEAD"), [(head, "Fix the rendering")]


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    try:
        docker_client()
    except UserError as exc:
        pytest.fail(f"this test needs a Docker engine: {exc}")
    root = tmp_path_factory.mktemp("svg-remote")
    subprocess.run([sys.executable, str(SHIPPED_DIR / "build.py"), "mirror", "--dest", str(root / "shipped")],
                   check=True, capture_output=True)
    work = root / "work"
    _git(root, "clone", "-q", str(root / "shipped" / "vizlab__svg-charts.git"), str(work))
    base = _git(work, "rev-parse", "HEAD")
    pulls, pull_commits, issues, comments = [], {}, {}, {}
    for number in HOW:
        meta = json.loads((TASKS / f"vizlab__svg-charts-{number}" / "meta.json").read_text())
        merge, commits = _land(work, base, number)
        issue = number - 1
        title, _, body = (TASKS / f"vizlab__svg-charts-{number}" / "issue.md").read_text().partition("\n")
        body = body.replace("](svg-charts/images/", "](IMG/svg-charts/images/")
        issues[str(issue)] = issue_record(REPO, issue, title.lstrip("# "), body, "2024-01-01T00:00:00Z")
        comments[str(issue)] = []
        pull_commits[str(number)] = [commit_record(REPO, sha, message, meta["created_at"], [base]) for sha, message in commits]
        pulls.append(pull_record(REPO, number, f"Fix #{issue}", f"This fixes #{issue}.", meta["created_at"],
                                 merged_at=meta["created_at"], merge_commit_sha=merge, base_sha=base,
                                 head_sha=commits[-1][0], base_ref=f"release-{number}"))
    # PR 40 changes code and adds a test that passes with or without the change: a candidate that
    # validation must leave out (no FAIL_TO_PASS test).
    _git(work, "checkout", "-q", "-B", "release-40", base)
    (work / "src" / "bar.js").write_text("// bars\n" + (work / "src" / "bar.js").read_text())
    (work / "test" / "noop.test.js").write_text("test('adds up', () => { expect(1 + 1).toBe(2); });\n")
    _git(work, "add", "-A")
    _git(work, "commit", "-qm", "Comment the bar code (#40)")
    issues["39"] = issue_record(REPO, 39, "Bar code is hard to read", "![bars](IMG/svg-charts/images/vizlab__svg-charts-14/actual.png)",
                                "2024-06-01T00:00:00Z")
    comments["39"] = []
    pull_commits["40"] = [commit_record(REPO, "e" * 40, "Comment the bar code", "2024-06-02T00:00:00Z", [base])]
    pulls.append(pull_record(REPO, 40, "Comment the bar code", "Fixes #39", "2024-06-02T00:00:00Z",
                             merged_at="2024-06-02T00:00:00Z", merge_commit_sha=_git(work, "rev-parse", "HEAD"),
                             base_sha=base, head_sha="e" * 40, base_ref="release-40"))
    mirrors = root / "mirrors"
    _git(root, "clone", "-q", "--mirror", str(work), str(mirrors / "vizlab__svg-charts.git"))
    files = {f"/svg-charts/images/vizlab__svg-charts-{n}/actual.png":
             {"path": f"svg-charts/images/vizlab__svg-charts-{n}/actual.png", "content_type": "image/png"} for n in HOW}
    fake = FakeGitHub({"per_page_max": 3, "files": files, "repos": {REPO: {
        "clone_url": str(mirrors / "vizlab__svg-charts.git"), "pulls": pulls, "pull_commits": pull_commits,
        "issues": issues, "comments": comments}}}, base_dir=SHIPPED_DIR)
    url = fake.start()
    for issue in issues.values():
        issue["body"] = issue["body"].replace("IMG", url)
    yield fake, root, base
    fake.stop()


def _normalised(patch: str) -> list[str]:
    """The patch's file sections in path order, without `index` lines (git writes the files sorted, the
    shipped patches in the order they were written, and blob ids in another length)."""
    text = "\n".join(line for line in patch.splitlines() if not line.startswith("index "))
    return sorted("diff --git " + section for section in text.split("diff --git ") if section)


def test_collected_candidates_validate_into_the_shipped_instances(world):
    fake, root, base = world
    env = {**os.environ, "SWEBENCH_MM_CACHE": str(root / "cache")}
    env.pop("GITHUB_TOKEN", None)
    out = root / "candidates.jsonl"
    collected = subprocess.run([sys.executable, "-m", "swebench_mm.cli", "collect", "--repo", REPO, "--api-url", fake.url,
                                "--out", str(out)], capture_output=True, text=True, env=env, timeout=600)
    assert collected.returncode == 0, collected.stderr
    shipped = {i.instance_id: i for i in load_instances("shipped") if i.repo == REPO}
    candidates = {i.instance_id: i for i in load_instances(out)}
    assert sorted(candidates) == sorted([*shipped, "vizlab__svg-charts-40"])
    for instance_id, candidate in candidates.items():
        if instance_id not in shipped:
            continue
        expected = shipped[instance_id]
        assert candidate.base_commit == expected.base_commit == base
        assert _normalised(candidate.patch) == _normalised(expected.patch), instance_id
        assert _normalised(candidate.test_patch) == _normalised(expected.test_patch), instance_id
        assert candidate.version == expected.version
        assert len(candidate.problem_images) == 1 and candidate.problem_images[0].startswith(fake.url)

    # The images were checked through the image cache (downloaded, opened by Pillow).
    assert len(list((root / "cache" / "issue-images").glob("*.png"))) == 4, "four distinct images (#39 reuses one)"

    measured = root / "measured.jsonl"
    validated = subprocess.run(
        [sys.executable, "-m", "swebench_mm.cli", "validate", "--instances", str(out), "--repo-mirror", str(root / "mirrors"),
         "--run-id", "collected", "--runs-dir", str(root / "runs"), "--write-instances", str(measured), "--only-valid"],
        capture_output=True, text=True, timeout=3000)
    assert validated.returncode == 1, validated.stdout[-3000:] + validated.stderr[-2000:]  # 1: one is invalid
    written = {i.instance_id: i for i in load_instances(measured)}
    assert sorted(written) == sorted(shipped)
    for instance_id, instance in written.items():
        assert sorted(instance.fail_to_pass) == sorted(shipped[instance_id].fail_to_pass), instance_id
        assert sorted(instance.pass_to_pass) == sorted(shipped[instance_id].pass_to_pass), instance_id
        assert instance.extra["validated_tests_executed"] == shipped[instance_id].extra["validated_tests_executed"]
    assert re.search(r"valid 4/5", validated.stdout)
    report = json.loads((root / "runs" / "collected" / "validation.json").read_text())
    assert report["invalid_ids"] == ["vizlab__svg-charts-40"]
    assert "measured FAIL_TO_PASS is empty" in report["instances"]["vizlab__svg-charts-40"]["problems"][0]
