"""Where a repository's git history comes from: a local mirror, the shipped set, or GitHub.

Evaluation needs the history, not just a snapshot, because instances pin commits. The same code path
serves the shipped repositories (built reproducibly by `task_instances/build.py` into a mirror
directory) and real GitHub repositories laid out as `DIR/owner__name` (bare repo, checkout or
`.bundle`) for air-gapped machines; GitHub itself is the last resort.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import threading
from pathlib import Path

from swebench_mm.errors import UserError
from swebench_mm.harness.env_sharing import dependency_drift, reinstall_needed
from swebench_mm.instances import SHIPPED_DIR
from swebench_mm.paths import cache_dir

_shipped_lock = threading.Lock()
_clone_lock = threading.Lock()


def mirror_name(repo: str) -> str:
    return repo.replace("/", "__")


def _git(*args: str, cwd: Path | None = None, timeout: int = 1800) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=timeout)


def shipped_repos() -> dict[str, Path]:
    """`owner/name` → directory of each shipped repository (the folder holding its `repo.json`)."""
    repos: dict[str, Path] = {}
    for path in sorted(SHIPPED_DIR.glob("*/repo.json")):
        repos[json.loads(path.read_text(encoding="utf-8"))["repo"]] = path.parent
    return repos


def _shipped_fingerprint() -> str:
    digest = hashlib.sha256()
    files = [SHIPPED_DIR / "build.py"]
    for repo_dir in shipped_repos().values():
        files.append(repo_dir / "repo.json")
        files.extend(p for p in sorted((repo_dir / "source").rglob("*")) if p.is_file() and "node_modules" not in p.parts)
    for path in files:
        digest.update(str(path.relative_to(SHIPPED_DIR)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def shipped_mirror_dir() -> Path:
    """The mirror of the shipped repositories, built on first use and rebuilt when their source changes."""
    with _shipped_lock:
        target = cache_dir() / "shipped-mirrors" / _shipped_fingerprint()
        if (target / ".complete").exists():
            return target
        target.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(
            [sys.executable, str(SHIPPED_DIR / "build.py"), "mirror", "--dest", str(target)],
            capture_output=True, text=True,
        )
        if result.returncode != 0:
            raise UserError(f"building the shipped repositories failed: {(result.stderr or result.stdout).strip()[-800:]}")
        (target / ".complete").write_text(result.stdout)
        return target


def find_in_mirror(mirror: Path, repo: str) -> Path | None:
    name = mirror_name(repo)
    for candidate in (name, f"{name}.git", f"{name}.bundle", name.lower(), f"{name.lower()}.git"):
        path = mirror / candidate
        if path.exists():
            return path
    return None


class RepoSources:
    """Resolves `owner/name` to something `git clone` accepts, in order: user mirrors, shipped, GitHub."""

    def __init__(self, mirrors: list[Path] | None = None, allow_github: bool = True) -> None:
        self.mirrors = [Path(m) for m in mirrors or []]
        for mirror in self.mirrors:
            if not mirror.is_dir():
                raise UserError(f"--repo-mirror {mirror}: not a directory")
        self.allow_github = allow_github
        self._missing: dict[tuple[str, str], tuple[str, ...]] = {}
        self._missing_lock = threading.Lock()

    def source(self, repo: str) -> Path | str:
        for mirror in self.mirrors:
            found = find_in_mirror(mirror, repo)
            if found:
                return found
        if repo in shipped_repos():
            found = find_in_mirror(shipped_mirror_dir(), repo)
            if found:
                return found
        if not self.allow_github:
            raise UserError(f"{repo}: not found in any --repo-mirror ({', '.join(map(str, self.mirrors)) or 'none given'})")
        return f"https://github.com/{repo}.git"

    def local_git_dir(self, repo: str) -> Path | None:
        """A git directory on this machine with the repository's history, or None when only GitHub has
        it (nothing is cloned for that: callers that can do without, like test fixtures, go on)."""
        source = self.source(repo)
        return None if isinstance(source, str) else self.git_dir(repo)

    def git_dir(self, repo: str) -> Path:
        """A git directory with the repository's history: a directory mirror as it is; a bundle, or GitHub
        as the last resort, cloned once into the cache. Image builds read their history packs from it."""
        source = self.source(repo)
        if isinstance(source, Path) and source.is_dir():
            return source
        if isinstance(source, Path):
            stat = source.stat()
            key = f"{source.resolve()}:{stat.st_size}:{stat.st_mtime_ns}"
        else:
            key = source
        clone = cache_dir() / "clones" / f"{mirror_name(repo)}-{hashlib.sha256(key.encode()).hexdigest()[:16]}.git"
        with _clone_lock:
            if not (clone / ".complete").exists():
                result = _git("clone", "--mirror", "-q", str(source), str(clone))
                if result.returncode != 0:
                    hint = ""
                    if isinstance(source, str) and self.mirrors:
                        name = mirror_name(repo)
                        hint = (f" (no {name}, {name}.git or {name}.bundle in --repo-mirror "
                                f"{', '.join(map(str, self.mirrors))}, so GitHub was tried)")
                    raise UserError(f"{repo}: cannot clone {source}{hint}: {result.stderr.strip()[-400:]}")
                (clone / ".complete").write_text("")
        return clone

    def require_commits(self, repo: str, commits: list[str]) -> None:
        """Fail with the commit and the source named when the history lacks one of `commits`."""
        git_dir = self.git_dir(repo)
        for commit in commits:
            if _git("cat-file", "-e", f"{commit}^{{commit}}", cwd=git_dir).returncode != 0:
                raise UserError(f"{repo}: commit {commit} is not in {self.source(repo)} (is the mirror up to date?)")

    def is_ancestor(self, repo: str, ancestor: str, descendant: str) -> bool:
        return _git("merge-base", "--is-ancestor", ancestor, descendant, cwd=self.git_dir(repo)).returncode == 0

    def dependency_drift(self, repo: str, old: str, new: str) -> int | None:
        """Lines of dependency manifests changed from `old` to `new` (see env_sharing.py)."""
        return dependency_drift(self.git_dir(repo), old, new)

    def reinstall_needed(self, repo: str, old: str, new: str) -> bool:
        """Whether an instance layer at `new` on an env at `old` must reinstall (see env_sharing.py)."""
        return reinstall_needed(self.git_dir(repo), old, new)

    def write_history_pack(self, repo: str, tip: str, exclude: str | None, folder: Path) -> None:
        """Write into `folder` one pack (with its index) of the objects reachable from `tip`, less those
        reachable from `exclude`: the history an image layer adds, and nothing later than `tip`.

        No refs, tags or later commits ever reach an image this way (an agent that can `git log --all` to
        the fix is not being evaluated). Blobs a partial mirror lacks are left out (checkout.sh makes
        placeholders of them)."""
        self.require_commits(repo, [tip] + ([exclude] if exclude else []))
        folder.mkdir(parents=True, exist_ok=True)
        revs = f"{tip}\n" + (f"^{exclude}\n" if exclude else "")
        result = subprocess.run(["git", "pack-objects", "-q", "--revs", "--missing=allow-any", str(folder / "pack")],
                                cwd=self.git_dir(repo), input=revs, capture_output=True, text=True)
        if result.returncode != 0:
            raise UserError(f"{repo}: cannot pack the history of {tip}: {result.stderr.strip()[-400:]}")

    def missing_blobs(self, repo: str, commit: str) -> tuple[str, ...]:
        """Paths of `commit`'s tree whose blobs this machine's history lacks (a partial mirror), sorted.

        They become placeholders in the image (dockerfiles/checkout.sh); image tags include them, so an
        image built from a partial mirror is never taken for one built from a complete history.
        """
        key = (repo, commit)
        with self._missing_lock:
            if key in self._missing:
                return self._missing[key]
        git_dir = self.local_git_dir(repo)
        missing: tuple[str, ...] = ()
        if git_dir is not None:
            tree = _git("ls-tree", "-r", "-z", "--full-tree", commit, cwd=git_dir)
            blobs: dict[str, list[str]] = {}
            for entry in tree.stdout.split("\0") if tree.returncode == 0 else []:
                meta, _, path = entry.partition("\t")
                fields = meta.split()
                if len(fields) == 3 and fields[1] == "blob":
                    blobs.setdefault(fields[2], []).append(path)
            if blobs:
                check = subprocess.run(["git", "cat-file", "--batch-check", "--buffer"], cwd=git_dir, input="\n".join(blobs) + "\n",
                                       capture_output=True, text=True)
                gone = [line.split()[0] for line in check.stdout.splitlines() if line.endswith(" missing")]
                missing = tuple(sorted(path for oid in gone for path in blobs.get(oid, [])))
        with self._missing_lock:
            self._missing[key] = missing
        return missing
