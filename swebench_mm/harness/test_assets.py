"""Binary test fixtures that a text diff cannot carry, staged into the evaluation container.

Image-snapshot suites (Chart.js, OpenLayers) add or change PNG files in their test patches; the
dataset's `test_patch` says only "Binary files ... differ" and lists each file in
`image_assets.test_patch` as `{"path", "url"}`, the URL naming the commit and the path
(`https://raw.githubusercontent.com/OWNER/NAME/COMMIT/PATH`). Each file is taken, in order, from a local
folder (an `--image-dir` manifest), the repository mirror (the commit and path from the URL), or a
download when online. The text part of the test patch is applied as usual and the files are copied over.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from swebench_mm.harness.repos import RepoSources
from swebench_mm.instances import TaskInstance
from swebench_mm.issue_images import load_manifest
from swebench_mm.paths import cache_dir

MAX_ASSET_BYTES = 50 * 1024 * 1024
_RAW_URL = re.compile(r"https://raw\.githubusercontent\.com/([^/]+)/([^/]+)/([0-9a-f]{40})/(.+)$")
_SECTION = re.compile(r"^diff --git ", re.MULTILINE)
_BINARY_STUB = re.compile(r"^Binary files (?:a/\S+|/dev/null) and (?:b/(\S+)|/dev/null) differ$", re.MULTILINE)


@dataclass
class StagedAssets:
    files: dict[str, bytes] = field(default_factory=dict)  # repository path -> content
    origins: dict[str, str] = field(default_factory=dict)  # repository path -> "image-dir", "mirror", "download"
    missing: list[str] = field(default_factory=list)  # "path: why" for files that could not be had


def split_binary_sections(patch: str) -> tuple[str, list[str]]:
    """The patch without its content-less binary sections, and the paths those sections change.

    A section with a real `GIT binary patch` carries its bytes and stays; one that only says
    "Binary files ... differ" cannot be applied by any tool and is taken out (a deleted file keeps it:
    git can delete a binary without its content only with the full index line, so it stays too).
    """
    starts = [match.start() for match in _SECTION.finditer(patch)]
    if not starts:
        return patch, []
    kept, binary = [patch[: starts[0]]], []
    for begin, end in zip(starts, starts[1:] + [len(patch)]):
        section = patch[begin:end]
        stub = _BINARY_STUB.search(section)
        if stub and "GIT binary patch" not in section and stub.group(1):
            binary.append(stub.group(1))
        else:
            kept.append(section)
    return "".join(kept), binary


def _from_mirror(sources: RepoSources, repo: str, commit: str, path: str) -> bytes | None:
    """The file at `commit:path` in the repository's local history, None if not there."""
    git_dir = sources.local_git_dir(repo)
    if git_dir is None:
        return None
    result = subprocess.run(["git", "-C", str(git_dir), "cat-file", "blob", f"{commit}:{path}"], capture_output=True)
    return result.stdout if result.returncode == 0 else None


def _download(url: str, timeout_s: float = 30) -> bytes:
    """The URL's bytes, cached by URL (a commit-pinned raw URL never changes)."""
    cached = cache_dir() / "test-assets" / hashlib.sha256(url.encode()).hexdigest()
    if cached.is_file():
        return cached.read_bytes()
    try:
        with urllib.request.urlopen(url, timeout=timeout_s) as response:
            data = response.read(MAX_ASSET_BYTES + 1)
    except (urllib.error.URLError, TimeoutError, ValueError) as exc:
        raise ValueError(f"cannot download {url} ({getattr(exc, 'reason', exc)})") from None
    if len(data) > MAX_ASSET_BYTES:
        raise ValueError(f"{url} is over {MAX_ASSET_BYTES} bytes")
    cached.parent.mkdir(parents=True, exist_ok=True)
    cached.write_bytes(data)
    return data


def stage_test_assets(instance: TaskInstance, sources: RepoSources, image_dirs: list[Path] | None = None,
                      allow_download: bool = True) -> StagedAssets:
    """Every binary file the test patch changes without content, from the first place that has it."""
    _, binary_paths = split_binary_sections(instance.test_patch)
    staged = StagedAssets()
    if not binary_paths:
        return staged
    manifest: dict[str, Path] = {}
    for directory in image_dirs or []:
        for url, path in load_manifest(directory).items():
            manifest.setdefault(url, path)
    urls = {asset.repo_path: asset.ref for asset in instance.image_assets.get("test_patch", ()) if asset.repo_path}
    for path in binary_paths:
        url = urls.get(path)
        if url is None:
            staged.missing.append(f"{path}: not listed in image_assets.test_patch, so there is nowhere to get it from")
            continue
        if url in manifest:
            staged.files[path], staged.origins[path] = manifest[url].read_bytes(), "image-dir"
            continue
        raw = _RAW_URL.match(url)
        if raw and f"{raw.group(1)}/{raw.group(2)}".lower() == instance.repo.lower():
            data = _from_mirror(sources, instance.repo, raw.group(3), raw.group(4))
            if data is not None:
                staged.files[path], staged.origins[path] = data, "mirror"
                continue
        if not allow_download:
            staged.missing.append(f"{path}: not in an --image-dir manifest or the mirror, and downloads are off ({url})")
            continue
        try:
            staged.files[path], staged.origins[path] = _download(url), "download"
        except ValueError as exc:
            staged.missing.append(f"{path}: not in an --image-dir manifest or the mirror, and {exc}")
    return staged
