"""The real-history path: `collect` on markedjs/marked's full history reproduces the dev split's 14 marked
instances (base commit, and the `patch` / `test_patch` file sets).

The fake API's pull requests are made from what is known about each instance, and nothing from its
patches:
- the PR number is the instance id's suffix; `base.sha` and `created_at` are the instance's;
- `merge_commit_sha` is found in the bundle's history by the PR number in the commit message: a merge
  commit "Merge pull request #N from ..." (7 of them: 684, 1262, 1435, 1535, 1674, 1683, 1739), else a
  squash commit whose title ends "(#N)" (1821, 1825, 1889, 1936, 2483, 2627, 2811);
- the PR's commits (`/pulls/N/commits`) are the merged branch's commits (`merge^1..merge^2`) for a merge
  commit, and one commit with the squash title for a squash (its head commit is not in the history);
- the linked issue is made up (numbered 100000 + N, "Fixes #..." in the body) and carries the
  instance's problem statement, so the split is checked, not the issue text.
The collector then reads the change from the bundle alone and must give the dev data's file sets.
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
from swebench_mm.patches import files_in_patch

REPO = "markedjs/marked"


def _git(git_dir: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=git_dir, capture_output=True, text=True, check=True).stdout.strip()


def _fix_commit(git_dir: Path, number: int) -> str:
    found = _git(git_dir, "log", "--all", "--format=%H", "-E",
                 f"--grep=^Merge pull request #{number} from |\\(#{number}\\)$")
    commits = found.split()
    assert len(commits) == 1, f"#{number}: expected one merge or squash commit, found {commits}"
    return commits[0]


@pytest.fixture(scope="module")
def marked_history(real_mirrors, tmp_path_factory) -> Path:
    clone = tmp_path_factory.mktemp("marked") / "marked.git"
    subprocess.run(["git", "clone", "-q", "--mirror", str(real_mirrors / "markedjs__marked.bundle"), str(clone)], check=True)
    return clone


def test_collect_reproduces_the_dev_splits_marked_instances(marked_history, real_mirrors, dev_instances_path, tmp_path):
    dev = [json.loads(line) for line in dev_instances_path.read_text().splitlines() if line.strip()]
    dev = {d["instance_id"]: d for d in dev if d["repo"] == REPO}
    assert len(dev) == 14
    pulls, commits, issues, comments, kinds = [], {}, {}, {}, {}
    for instance in dev.values():
        number = int(instance["instance_id"].rsplit("-", 1)[1])
        merge = _fix_commit(marked_history, number)
        parents = _git(marked_history, "rev-list", "--parents", "-n", "1", merge).split()[1:]
        kinds[number] = "merge" if len(parents) == 2 else "squash"
        if len(parents) == 2:
            head = parents[1]
            log = _git(marked_history, "log", "--reverse", "--format=%H%x00%aI%x00%B%x01", f"{parents[0]}..{head}")
            branch = [entry.strip("\n").split("\0") for entry in log.split("\x01") if entry.strip()]
            commits[str(number)] = [commit_record(REPO, sha, message.strip(), date, []) for sha, date, message in branch]
        else:
            head = f"{number:040d}"  # a squashed branch's head is not in the history
            title = _git(marked_history, "log", "-1", "--format=%s", merge)
            commits[str(number)] = [commit_record(REPO, head, title, instance["created_at"], [])]
        issue = 100000 + number
        pulls.append(pull_record(REPO, number, f"PR {number}", f"Fixes #{issue}", instance["created_at"],
                                 merged_at=instance["created_at"], merge_commit_sha=merge,
                                 base_sha=instance["base_commit"], head_sha=head))
        title, _, body = instance["problem_statement"].partition("\n")
        issues[str(issue)] = issue_record(REPO, issue, title, body, "2015-01-01T00:00:00Z")
        comments[str(issue)] = []
    assert sorted(kinds.values()).count("merge") == 7
    fake = FakeGitHub({"per_page_max": 5, "repos": {REPO: {"clone_url": "/nonexistent", "pulls": pulls,
                                                           "pull_commits": commits, "issues": issues,
                                                           "comments": comments}}})
    url = fake.start()
    try:
        out = tmp_path / "marked.jsonl"
        env = {**os.environ, "SWEBENCH_MM_CACHE": str(tmp_path / "cache")}
        result = subprocess.run(
            [sys.executable, "-m", "swebench_mm.cli", "collect", "--repo", REPO, "--api-url", url,
             "--repo-mirror", str(real_mirrors), "--out", str(out), "--no-download"],
            capture_output=True, text=True, env=env, timeout=900)
    finally:
        fake.stop()
    assert result.returncode == 0, result.stderr
    collected = {c["instance_id"]: c for c in map(json.loads, out.read_text().splitlines())}
    assert sorted(collected) == sorted(dev), result.stdout
    for instance_id, expected in dev.items():
        got = collected[instance_id]
        assert got["base_commit"] == expected["base_commit"], instance_id
        assert sorted(files_in_patch(got["patch"])) == sorted(files_in_patch(expected["patch"])), instance_id
        assert sorted(files_in_patch(got["test_patch"])) == sorted(files_in_patch(expected["test_patch"])), instance_id
        assert got["version"] == expected["version"] or expected["instance_id"].endswith("-684"), instance_id
    # Beyond the file sets: the diffs are the same text, but for how long the blob ids are written and,
    # in hunk headers, where the hunks start (the base branch moved under the PR in 1535 and 2811: the dev
    # data holds GitHub's diff against the branch point, collection the change as merged) and the
    # function-context text after "@@" (GitHub's and git's heuristics differ on HTML, 1739).
    same = [i for i in dev if _normalised(collected[i]["patch"]) == _normalised(dev[i]["patch"])
            and _normalised(collected[i]["test_patch"]) == _normalised(dev[i]["test_patch"])]
    assert len(same) == 14, sorted(set(dev) - set(same))


def _normalised(patch: str) -> str:
    lines = (re.sub(r"^@@ -\d+(,\d+)? \+\d+(,\d+)? @@.*", r"@@ -N\1 +N\2 @@", line) for line in patch.splitlines())
    return "\n".join(line for line in lines if not line.startswith("index "))
