"""Which setup commits a version gets and which env an instance lands on, on a real git history.

The history mimics what was found on Chart.js 3.0 and grommet 2.25: a version whose lockfile is
regenerated halfway. One env at the first commit would make every later instance reinstall hundreds of
packages in its own layer; a second setup commit after the regeneration keeps those layers small.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from swebench_mm.harness.env_sharing import (
    DRIFT_LIMIT_LINES, choose_setup_commits, dependency_drift, nearest_setup_commit, reinstall_needed,
)


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=repo, check=True,
                          capture_output=True, text=True).stdout.strip()


def _lock(count: int, version: str, **changed: str) -> str:
    """A package-lock.json of `count` packages, one line each once formatted."""
    packages = {f"p{i}": version for i in range(count)} | changed
    return json.dumps({"packages": {f"node_modules/{name}": v for name, v in packages.items()}}, indent=0) + "\n"


def _commit(repo: Path, message: str, files: dict[str, str]) -> str:
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", message)
    return _git(repo, "rev-parse", "HEAD")


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    repo = tmp_path_factory.mktemp("repo")
    _git(repo, "init", "-q", "-b", "main")
    c = {}
    c["first"] = _commit(repo, "first", {"package.json": '{"name": "x"}\n', "package-lock.json": _lock(400, "1"),
                                         "src/a.js": "1\n"})
    c["fix"] = _commit(repo, "a source fix", {"src/a.js": "2\n", "docs/notes.md": "many\n" * 500})
    c["bump"] = _commit(repo, "one dependency bumped", {"package-lock.json": _lock(400, "1", p399="2")})
    c["regen"] = _commit(repo, "lockfile regenerated", {"package-lock.json": _lock(400, "2"),
                                                        "packages/sub/package.json": '{"name": "sub"}\n'})
    c["later"] = _commit(repo, "later fix", {"src/a.js": "3\n"})
    _git(repo, "checkout", "-q", "-b", "release", c["first"])
    c["branch"] = _commit(repo, "release fix", {"src/a.js": "4\n"})
    return repo, c


def test_drift_counts_changed_manifest_lines_at_any_depth_only(history):
    repo, c = history
    assert dependency_drift(repo, c["first"], c["fix"]) == 0  # 500 lines of docs do not count
    assert dependency_drift(repo, c["fix"], c["bump"]) == 2
    assert dependency_drift(repo, c["bump"], c["regen"]) == 2 * 399 + 1  # the nested package.json counts too
    assert dependency_drift(repo, c["first"], "0" * 40) is None  # git cannot tell: never taken as near


def test_a_new_setup_commit_where_drift_passes_the_limit(history):
    repo, c = history
    bases = [(f"2020-01-0{i}", c[name]) for i, name in enumerate(["first", "fix", "bump", "regen", "later", "branch"], 1)]

    def is_ancestor(a: str, b: str) -> bool:
        return subprocess.run(["git", "merge-base", "--is-ancestor", a, b], cwd=repo).returncode == 0

    def drift(a: str, b: str) -> int | None:
        return dependency_drift(repo, a, b)

    chosen = choose_setup_commits(bases, is_ancestor, drift)
    # The first env serves the fix, the bump and the release branch; after the regeneration, a second one.
    assert chosen == [c["first"], c["regen"]]
    assert choose_setup_commits(bases, is_ancestor, drift, limit=10**6) == [c["first"]]
    assert DRIFT_LIMIT_LINES < 801

    assert nearest_setup_commit(chosen, c["later"], is_ancestor, drift) == c["regen"]
    assert nearest_setup_commit(chosen, c["bump"], is_ancestor, drift) == c["first"]
    assert nearest_setup_commit(chosen, c["branch"], is_ancestor, drift) == c["first"]
    assert nearest_setup_commit(chosen, c["regen"], is_ancestor, drift) == c["regen"]  # itself, no drift
    # The env at the later setup commit builds on the one below it; a commit before every candidate has none.
    assert nearest_setup_commit([c["first"]], c["regen"], is_ancestor, drift) == c["first"]
    assert nearest_setup_commit([c["regen"]], c["fix"], is_ancestor, drift) is None


MANIFEST = {"name": "x", "version": "1.0.0", "description": "d", "scripts": {"test": "jest", "postinstall": "a"},
            "dependencies": {"left-pad": "^1.0.0"}, "jest": {"verbose": True}}
LOCK = {"name": "x", "version": "1.0.0", "lockfileVersion": 2,
        "packages": {"": {"name": "x", "version": "1.0.0"}, "node_modules/left-pad": {"version": "1.3.0"}}}


@pytest.fixture(scope="module")
def manifests(tmp_path_factory) -> tuple[Path, str]:
    repo = tmp_path_factory.mktemp("manifests")
    _git(repo, "init", "-q", "-b", "main")
    files = {"package.json": json.dumps(MANIFEST, indent=2), "package-lock.json": json.dumps(LOCK, indent=2),
             "packages/sub/package.json": json.dumps({"name": "sub", "version": "1.0.0"})}
    return repo, _commit(repo, "first", files)


def _changed(repo: Path, base: str, files: dict[str, object]) -> str:
    _git(repo, "checkout", "-q", base)
    return _commit(repo, "change", {name: data if isinstance(data, str) else json.dumps(data, indent=4)
                                    for name, data in files.items()})


@pytest.mark.parametrize("files, needed", [
    # a release: the root's own version in package.json and both places of package-lock.json
    ({"package.json": {**MANIFEST, "version": "1.0.1"},
      "package-lock.json": {**LOCK, "version": "1.0.1", "packages": {**LOCK["packages"], "": {"name": "x", "version": "1.0.1"}}}},
     False),
    ({"package.json": {**MANIFEST, "description": "e", "contributors": ["a"], "jest": {}}}, False),
    ({"package.json": {**MANIFEST, "scripts": {"test": "mocha", "postinstall": "a"}}}, False),
    ({"package.json": dict(reversed(list(MANIFEST.items())))}, False),  # the same keys, reordered and reindented
    ({"package.json": {**MANIFEST, "scripts": {"test": "jest", "postinstall": "b"}}}, True),
    ({"package.json": {**MANIFEST, "dependencies": {"left-pad": "^1.1.0"}}}, True),
    ({"package.json": {**MANIFEST, "resolutions": {"x": "1"}}}, True),  # any key not known to be inert
    ({"package-lock.json": {**LOCK, "packages": {**LOCK["packages"], "node_modules/left-pad": {"version": "1.3.1"}}}}, True),
    ({"packages/sub/package.json": {"name": "sub", "version": "1.0.1"}}, True),  # a workspace's version links
    ({"yarn.lock": "left-pad@^1.0.0:\n  version \"1.3.0\"\n"}, True),
    ({"package.json": "{ not json"}, True),
])
def test_a_reinstall_is_needed_only_for_what_an_install_reads(manifests, files, needed):
    repo, base = manifests
    assert reinstall_needed(repo, base, _changed(repo, base, files)) is needed
