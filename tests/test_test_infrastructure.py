"""One list decides what a test path is: evaluation's shell patterns and the agents' git pathspecs, made
from it, must agree on every path (checked with real bash and real git on real repository paths)."""

from __future__ import annotations

import shlex
import subprocess

from swebench_mm.test_infrastructure import TEST_INFRA_PATTERNS, git_excludes

CRAFTED = [
    "test/a.js", "tests/unit/b.js", "src/test/c.js", "packages/x/__tests__/d.js", "__mocks__/fs.js",
    "spec/support/jasmine.json", "lib/specs/e.js", "src/a.test.js", "src/deep/a.spec.ts", "a-test.js", "b_test.js",
    "jest.config.js", "packages/p/jest.config.ts", "jest.setup.js", "jest.setup.d/x.js", "src/setupTests.js",
    ".mocharc.yml", "pkg/.mocharc.json", "karma.conf.js", "sub/karma.conf.cjs", "jasmine.json", "vitest.config.ts",
    "vitest.workspace.ts", "Gruntfile.js", "gulpfile.js", ".babelrc.test.js", "src/a.test.d/x.js",
    # and paths that are not tests
    "src/marked.js", "src/Tokenizer.js", "docs/testing.md", "contest/a.js", "src/latest/b.js", "package.json",
    "src/attest.js", "testing/a.js", "src/spectrum.js", "lib/jest.configure.js",
]


def _shell_matches(paths: list[str]) -> set[str]:
    cases = "|".join(TEST_INFRA_PATTERNS)
    script = f'while IFS= read -r path; do case "$path" in {cases}) echo "$path" ;; esac; done'
    out = subprocess.run(["bash", "-c", script], input="\n".join(paths) + "\n", capture_output=True, text=True, check=True)
    return set(out.stdout.splitlines())


def _git_matches(repo, paths: list[str]) -> set[str]:
    """The paths a pathspec-excluded `git ls-files` leaves out, in a real repository holding them."""
    for path in paths:
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).write_text("x\n")
    git = ["git", "-C", str(repo), "-c", "core.quotepath=off"]
    subprocess.run([*git, "add", "-A"], check=True)
    kept = subprocess.run([*git, "ls-files", "--", ".", *git_excludes()], capture_output=True, text=True, check=True)
    return set(paths) - set(kept.stdout.splitlines())


def test_shell_patterns_and_git_pathspecs_agree_on_every_path(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    assert _git_matches(tmp_path, CRAFTED) == _shell_matches(CRAFTED)
    assert "src/marked.js" not in _shell_matches(CRAFTED) and "test/a.js" in _shell_matches(CRAFTED)


def test_they_agree_on_a_real_repository(tmp_path, real_mirrors):
    """marked's whole tree at a late commit: thousands of real paths, tests and not."""
    bundle = real_mirrors / "markedjs__marked.bundle"
    clone = tmp_path / "marked"
    subprocess.run(["git", "clone", "-q", "--no-checkout", str(bundle), str(clone)], check=True)
    tree = subprocess.run(["git", "-C", str(clone), "ls-tree", "-r", "--name-only", "HEAD"], capture_output=True,
                          text=True, check=True).stdout.splitlines()
    paths = [p for p in tree if "\t" not in p and not p.startswith('"')]
    fresh = tmp_path / "fresh"
    subprocess.run(["git", "init", "-q", str(fresh)], check=True)
    shell = _shell_matches(paths)
    assert len(shell) > 100 and len(paths) - len(shell) > 50  # both kinds are there
    assert _git_matches(fresh, paths) == shell, shlex.join(sorted(_git_matches(fresh, paths) ^ shell)[:10])
