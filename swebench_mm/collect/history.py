"""The repository's history for collection: a `--repo-mirror` copy, else a clone of the API's `clone_url`.

Collection reads every merged change from git, so it needs a history that contains the merge commits.
A mirror (bare repository, checkout or `.bundle`, named `owner__name` as everywhere in swebench-mm) is
used as it is; without one the repository is cloned from the `clone_url` the API reports (GitHub,
GitHub Enterprise or a test remote alike) into the cache, and fetched again on later runs so new
merges are seen.
"""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

from swebench_mm.errors import UserError
from swebench_mm.harness.repos import RepoSources, find_in_mirror, mirror_name
from swebench_mm.paths import cache_dir


def history_dir(repo: str, mirrors: list[Path], clone_url: str) -> Path:
    """A local git directory with the repository's history (see the module docstring for the order)."""
    for mirror in mirrors:
        if not Path(mirror).is_dir():
            raise UserError(f"--repo-mirror {mirror}: not a directory")
        if find_in_mirror(Path(mirror), repo):
            return RepoSources(mirrors, allow_github=False).git_dir(repo)
    key = hashlib.sha256(clone_url.encode()).hexdigest()[:16]
    clone = cache_dir() / "collect-clones" / f"{mirror_name(repo)}-{key}.git"
    if (clone / ".complete").exists():
        command = ["git", "-C", str(clone), "fetch", "-q", "--prune", "origin", "+refs/*:refs/*"]
    else:
        clone.parent.mkdir(parents=True, exist_ok=True)
        command = ["git", "clone", "--mirror", "-q", clone_url, str(clone)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=3600)
    if result.returncode != 0:
        where = f" (no {mirror_name(repo)} in --repo-mirror {', '.join(map(str, mirrors))})" if mirrors else ""
        raise UserError(f"{repo}: cannot clone {clone_url}{where}: {result.stderr.strip()[-300:]}")
    (clone / ".complete").write_text("")
    return clone
