"""A merged pull request's change, read from the repository's history and split into fix and tests.

Why from git rather than the API's `.diff`: evaluation needs the history anyway (instances pin
commits), a mirror works offline, and git can say which files are binary (test fixtures that a text
diff cannot carry and the harness stages from their commit-pinned URL instead).

Which commits are the pull request's change depends on how it was merged; the API's
`merge_commit_sha` is in every case the commit that landed on the base branch:
- a merge commit (two parents): the change is first parent → merge commit (that is how marked's
  "Merge pull request #N" commits and the shipped test remotes are read);
- a squash commit (one parent): parent → commit;
- a rebase merge: the pull request's `commits` commits ending at `merge_commit_sha`, recognised by
  their subjects being the pull request's own commits' subjects in order.
The split into `patch` and `test_patch` uses the harness's own list of test paths
(swebench_mm/test_infrastructure.py), so what collection calls a test file is exactly what evaluation
resets and replaces; a repository whose tests live elsewhere passes more patterns.
"""

from __future__ import annotations

import fnmatch
import json
import os
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from swebench_mm.harness.test_assets import split_binary_sections
from swebench_mm.test_infrastructure import TEST_INFRA_PATTERNS

RAW_URL = "https://raw.githubusercontent.com/{repo}/{commit}/{path}"


class NotCollectable(Exception):
    """This pull request cannot become an instance; the message says why (it goes to the state file)."""


class MissingHistory(NotCollectable):
    """The local history lacks the merge commit: a fact about the mirror, not about the pull request, so
    it is not recorded as decided (a rerun with an updated mirror takes the pull request)."""


def _git(git_dir: Path, *args: str, input: str | None = None, env: dict[str, str] | None = None,
         check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(["git", "-c", "core.quotePath=false", *args], cwd=git_dir, input=input,
                            capture_output=True, text=True, env=env)
    if check and result.returncode != 0:
        raise NotCollectable(f"git {' '.join(args[:3])}: {result.stderr.strip()[-300:]}")
    return result


def has_commit(git_dir: Path, sha: str | None) -> bool:
    return bool(sha) and _git(git_dir, "cat-file", "-e", f"{sha}^{{commit}}", check=False).returncode == 0


def is_test_path(path: str, patterns: tuple[str, ...] = TEST_INFRA_PATTERNS) -> bool:
    """Whether a repository path is a test or test-runner file (shell `case` semantics: `*` spans `/`)."""
    return any(fnmatch.fnmatchcase(path, pattern) for pattern in patterns)


def change_start(git_dir: Path, merge_commit: str, commit_count: int = 1, pr_subjects: list[str] | None = None) -> str:
    """The commit the pull request's change starts from (see the module docstring for the three cases)."""
    if not has_commit(git_dir, merge_commit):
        raise MissingHistory(f"merge commit not in the local history (is the mirror up to date?): {merge_commit}")
    parents = _git(git_dir, "rev-list", "--parents", "-n", "1", merge_commit).stdout.split()[1:]
    if not parents:
        raise NotCollectable(f"merge commit {merge_commit} has no parent (a root commit is no fix)")
    if len(parents) > 1 or commit_count <= 1 or not pr_subjects:
        return parents[0]
    # One parent and several PR commits: squash or rebase. A rebase leaves the PR's commits (same
    # subjects, same order) as the last `commit_count` first-parent commits.
    chain = _git(git_dir, "log", "--first-parent", "--format=%s", "-n", str(commit_count), merge_commit).stdout.splitlines()
    if list(reversed(chain)) == [s.splitlines()[0] if s else "" for s in pr_subjects][-commit_count:]:
        start = _git(git_dir, "rev-parse", f"{merge_commit}~{commit_count}", check=False)
        if start.returncode == 0:
            return start.stdout.strip()
    return parents[0]


@dataclass
class SplitChange:
    """A change split into the fix (`patch`) and its tests (`test_patch`), with binary files by URL."""

    start: str
    end: str
    patch: str
    test_patch: str
    code_files: list[str]
    test_files: list[str]
    binary_assets: dict[str, list[dict[str, str]]] = field(default_factory=dict)


def _changed(git_dir: Path, start: str, end: str) -> list[tuple[str, bool, bool]]:
    """(path, is binary, still exists at end) of every file the change touches."""
    numstat = _git(git_dir, "diff", "--no-renames", "--numstat", "-z", start, end).stdout
    deleted = set(_git(git_dir, "diff", "--no-renames", "--name-only", "--diff-filter=D", "-z", start, end).stdout.split("\0"))
    files = []
    for entry in numstat.split("\0"):
        if not entry:
            continue
        added, removed, path = entry.split("\t", 2)
        files.append((path, added == "-" and removed == "-", path not in deleted))
    return files


def _diff(git_dir: Path, start: str, end: str, paths: list[str]) -> str:
    if not paths:
        return ""
    specs = [f":(literal){path}" for path in paths]
    # --full-index: a deleted binary file applies only with its full blob ids (test_assets.py keeps it)
    return _git(git_dir, "diff", "--no-color", "--no-ext-diff", "--no-renames", "--full-index", start, end, "--",
                *specs).stdout


def split_change(git_dir: Path, repo: str, start: str, end: str,
                 test_patterns: tuple[str, ...] = TEST_INFRA_PATTERNS, raw_url: str = RAW_URL) -> SplitChange:
    """Diff `start..end` into code and test diffs; binary files get `{path, url}` entries pinned to `end`."""
    code, tests, assets = [], [], {"patch": [], "test_patch": []}
    for path, binary, exists in _changed(git_dir, start, end):
        key = "test_patch" if is_test_path(path, test_patterns) else "patch"
        (tests if key == "test_patch" else code).append(path)
        if binary and exists:
            assets[key].append({"path": path, "url": raw_url.format(repo=repo, commit=end, path=path)})
    return SplitChange(start, end, _diff(git_dir, start, end, code), _diff(git_dir, start, end, tests),
                       code, tests, assets)


def applies_at(git_dir: Path, commit: str, *patches: str) -> bool:
    """Whether the patches apply, one after the other, to `commit`'s tree (a throwaway index: works on
    a bare mirror). Binary files without content are left out, as evaluation leaves them out and
    stages them from their URLs (harness/test_assets.py)."""
    with tempfile.TemporaryDirectory(prefix="swebench-mm-apply-") as tmp:
        env = {**os.environ, "GIT_INDEX_FILE": str(Path(tmp) / "index")}
        if _git(git_dir, "read-tree", commit, env=env, check=False).returncode != 0:
            return False
        for patch in patches:
            text, _ = split_binary_sections(patch)
            if text.strip() and _git(git_dir, "apply", "--cached", "-", input=text, env=env, check=False).returncode != 0:
                return False
    return True


def package_version(git_dir: Path, commit: str) -> str:
    """`major.minor` of package.json's version at `commit` (how SWE-bench M names environment versions),
    or "" when there is no readable version."""
    shown = _git(git_dir, "show", f"{commit}:package.json", check=False)
    if shown.returncode != 0:
        return ""
    try:
        version = json.loads(shown.stdout).get("version")
    except (ValueError, AttributeError):
        return ""
    if not isinstance(version, str):
        return ""
    parts = version.lstrip("v").split(".")
    return ".".join(parts[:2]) if len(parts) >= 2 and all(p.isdigit() for p in parts[:2]) else ""
