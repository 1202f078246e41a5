"""Which env image an instance shares: the rule that picks a version's setup commits and an instance's env.

An env image is a full install (a gigabyte, minutes); an instance layer on top of it is a checkout plus an
incremental install where the dependency manifests differ. On real repositories one setup commit per
version is not enough: a version whose lockfile was regenerated halfway (Chart.js 3.0 betas, grommet 2.25,
scratch-gui 8) made instance layers of 100 MB to 1 GB. So a version may have several setup commits, picked
where the dependency drift from every earlier one grows past DRIFT_LIMIT_LINES, and an env at a later
setup commit is built on top of the env of its nearest earlier one (an incremental install, not a second
full one). Both the table's picker (benchmarks/official_tasks.py setup-commits) and the image builder use
the functions here, so they cannot disagree about which env an instance lands on. The same goes for when a
layer reinstalls at all (reinstall_needed): not for a manifest change no install reads, a release bump most
often.
"""

from __future__ import annotations

import json
import math
import posixpath
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

# Files whose change between the env's setup commit and an instance's base commit means the instance
# layer must reinstall: every npm/yarn/pnpm manifest and lockfile, at any depth (workspaces).
DEPENDENCY_MANIFESTS = (
    "package.json", "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml",
    "pnpm-workspace.yaml", ".npmrc", ".yarnrc", ".yarnrc.yml",
)

# Changed lines in dependency manifests (git diff --numstat, added + deleted) past which an instance gets a
# setup commit nearer to it. Measured on 46 real instance layers with one setup commit per version (the
# ledger of 2026-12-05): every layer above 50 MB had a drift of 284 lines or more from its setup commit,
# and every one below 250 lines was at most 22.5 MB.
DRIFT_LIMIT_LINES = 250

Drift = Callable[[str, str], "int | None"]
IsAncestor = Callable[[str, str], bool]


def manifest_pathspecs() -> str:
    """The git pathspecs (quoted for a shell) that select DEPENDENCY_MANIFESTS anywhere in the tree."""
    return " ".join(f"':(glob)**/{name}'" for name in DEPENDENCY_MANIFESTS)


def _manifest_diff(git_dir: Path, option: str, old: str, new: str) -> subprocess.CompletedProcess[str]:
    """`git diff OPTION` from `old` to `new`, of the dependency manifests only."""
    return subprocess.run(
        ["git", "diff", option, "--no-renames", old, new, "--", *(f":(glob)**/{name}" for name in DEPENDENCY_MANIFESTS)],
        cwd=git_dir, capture_output=True, text=True, timeout=600)


def dependency_drift(git_dir: Path, old: str, new: str) -> int | None:
    """Lines changed in dependency manifests from `old` to `new`; None when git cannot tell (a partial
    mirror lacks one of the blobs), which callers treat as too far to share."""
    result = _manifest_diff(git_dir, "--numstat", old, new)
    if result.returncode != 0:
        return None
    total = 0
    for line in result.stdout.splitlines():
        added, deleted, _ = line.split("\t", 2)
        if added == "-":  # a manifest git takes for binary: no line count, never near
            return None
        total += int(added) + int(deleted)
    return total


# package.json keys that change nothing an install writes: descriptions, and the configuration of tools that
# read package.json when they run (the instance's checkout holds the new file for them). Unknown keys count.
_INERT_KEYS = frozenset({
    "description", "keywords", "author", "contributors", "maintainers", "license", "licenses", "homepage",
    "repository", "bugs", "funding", "bundlesize", "size-limit", "jest", "babel", "eslintConfig", "prettier",
    "browserslist", "stylelint", "nyc", "ava", "mocha", "c8", "xo", "standard", "lint-staged",
})
# The scripts a package manager runs while installing (the rest run only when asked).
_INSTALL_SCRIPTS = frozenset({"preinstall", "install", "postinstall", "prepublish", "preprepare", "prepare",
                              "postprepare", "dependencies"})
_NPM_JSON = frozenset({"package.json", "package-lock.json", "npm-shrinkwrap.json"})


def _install_view(path: str, data: object) -> object:
    """What of a package.json or npm lockfile an install depends on. The repository's own version (root
    package.json and lockfile) is left out: a release bump installs nothing new."""
    if not isinstance(data, dict):
        return data
    root = "/" not in path
    view = dict(data)
    if posixpath.basename(path) == "package.json":
        for key in _INERT_KEYS:
            view.pop(key, None)
        if isinstance(view.get("scripts"), dict):
            view["scripts"] = {k: v for k, v in view["scripts"].items() if k in _INSTALL_SCRIPTS}
        if root:
            view.pop("version", None)
    elif root:
        view.pop("version", None)
        packages = view.get("packages")
        if isinstance(packages, dict) and isinstance(packages.get(""), dict):
            view["packages"] = {**packages, "": {k: v for k, v in packages[""].items() if k != "version"}}
    return view


def _json_at(git_dir: Path, commit: str, path: str) -> object | None:
    shown = subprocess.run(["git", "show", f"{commit}:{path}"], cwd=git_dir, capture_output=True, timeout=600)
    if shown.returncode != 0:
        return None
    try:
        return json.loads(shown.stdout)
    except ValueError:
        return None


def reinstall_needed(git_dir: Path, old: str, new: str) -> bool:
    """Whether an install at `new` can write anything an install at `old` did not: some dependency manifest
    or lockfile differs in more than the descriptive fields, tool configuration or release version of
    _install_view (measured on the real repositories, most instances' manifests differ from their setup
    commit's by a version bump alone, and reinstalling for it took from 20 s to nearly 3 minutes). Where
    git cannot tell (a partial mirror), it is needed."""
    if old == new:
        return False
    names = _manifest_diff(git_dir, "--name-only", old, new)
    if names.returncode != 0:
        return True
    for path in names.stdout.splitlines():
        if posixpath.basename(path) not in _NPM_JSON:
            return True
        before, after = _json_at(git_dir, old, path), _json_at(git_dir, new, path)
        if before is None or after is None or _install_view(path, before) != _install_view(path, after):
            return True
    return False


def nearest_setup_commit(candidates: Sequence[str], commit: str, is_ancestor: IsAncestor, drift: Drift) -> str | None:
    """Of `candidates` (oldest first), the one `commit` should build on: an ancestor of it (or itself) with
    the least dependency drift, the newer on a tie. None when no candidate is in its past."""
    best: tuple[float, int] | None = None
    chosen = None
    for index, candidate in enumerate(candidates):
        if candidate != commit and not is_ancestor(candidate, commit):
            continue
        lines = 0 if candidate == commit else drift(candidate, commit)
        key = (math.inf if lines is None else lines, -index)
        if best is None or key < best:
            best, chosen = key, candidate
    return chosen


def choose_setup_commits(bases: Sequence[tuple[str, str]], is_ancestor: IsAncestor, drift: Drift,
                         limit: int = DRIFT_LIMIT_LINES) -> list[str]:
    """A version's setup commits, oldest first, from its instances' (created_at, base_commit) pairs.

    Greedy cover: take the base commit whose env would serve the most not-yet-served bases (its descendants
    within `limit` lines of dependency drift; ties: the newest, whose dependencies are nearest the later
    ones), until every base is served. A base with no ancestor among the others serves at least itself. Every
    setup commit is a base commit, so no image holds history later than some instance of the version."""
    commits = list(dict.fromkeys(commit for _, commit in sorted(bases)))

    def serves(setup: str, base: str) -> bool:
        if setup == base:
            return True
        if not is_ancestor(setup, base):
            return False
        lines = drift(setup, base)
        return lines is not None and lines <= limit

    served_by = {setup: {base for base in commits if serves(setup, base)} for setup in commits}
    waiting, chosen = set(commits), []
    while waiting:
        setup = max(commits, key=lambda c: (len(served_by[c] & waiting), commits.index(c)))
        chosen.append(setup)
        waiting -= served_by[setup]
    return sorted(chosen, key=commits.index)
