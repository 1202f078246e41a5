"""Local files for an instance's issue images: shipped paths as they are, URLs downloaded once.

Downloads are content-addressed in the cache and checked to be real images (Pillow must open them) of
a sane size, because issue image links rot and sometimes point at web pages. A problem with one image is
reported and the instance goes on without it.
"""

from __future__ import annotations

import hashlib
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image as PILImage
from PIL import UnidentifiedImageError

from swebench_mm.errors import UserError
from swebench_mm.instances import TaskInstance
from swebench_mm.paths import cache_dir

MAX_IMAGE_BYTES = 20 * 1024 * 1024
IMAGE_FORMATS = {"PNG": ".png", "JPEG": ".jpg", "GIF": ".gif", "WEBP": ".webp"}


@dataclass
class IssueImages:
    paths: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _checked(data: bytes, ref: str) -> str:
    """The file suffix for image bytes, or raise ValueError saying why they are not a usable image."""
    if len(data) > MAX_IMAGE_BYTES:
        raise ValueError(f"{ref}: {len(data)} bytes is over the {MAX_IMAGE_BYTES} byte limit")
    try:
        from io import BytesIO

        with PILImage.open(BytesIO(data)) as image:
            kind = image.format
    except (UnidentifiedImageError, OSError):
        raise ValueError(f"{ref}: not an image (png, jpeg, gif or webp)") from None
    if kind not in IMAGE_FORMATS:
        raise ValueError(f"{ref}: unsupported image type {kind}")
    return IMAGE_FORMATS[kind]


def cached(url: str) -> Path | None:
    folder = cache_dir() / "issue-images"
    index = folder / "by-url" / hashlib.sha256(url.encode()).hexdigest()
    if index.exists():
        path = folder / index.read_text().strip()
        if path.exists():
            return path
    return None


def download(url: str, timeout_s: float = 30) -> Path:
    folder = cache_dir() / "issue-images"
    index = folder / "by-url" / hashlib.sha256(url.encode()).hexdigest()
    hit = cached(url)
    if hit is not None:
        return hit
    try:
        with urllib.request.urlopen(url, timeout=timeout_s) as response:
            data = response.read(MAX_IMAGE_BYTES + 1)
    except (urllib.error.URLError, TimeoutError, ValueError) as exc:
        raise ValueError(f"{url}: cannot download ({getattr(exc, 'reason', exc)})") from None
    suffix = _checked(data, url)
    name = hashlib.sha256(data).hexdigest() + suffix
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    index.parent.mkdir(parents=True, exist_ok=True)
    index.write_text(name)
    return folder / name


def load_manifest(directory: Path) -> dict[str, Path]:
    """`DIR/manifest.json` ({url: path}) of a folder of local image copies, for air-gapped machines.

    Paths are relative to the manifest's folder or to its parent (both layouts occur).
    """
    import json

    manifest = Path(directory) / "manifest.json"
    if not manifest.is_file():
        raise UserError(f"--image-dir {directory}: no manifest.json ({{url: file}}) in it")
    try:
        entries = json.loads(manifest.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise UserError(f"{manifest}:{exc.lineno}: invalid JSON ({exc.msg})") from None
    resolved: dict[str, Path] = {}
    for url, relative in entries.items():
        if not isinstance(relative, str):
            continue
        for base in (manifest.parent, manifest.parent.parent):
            if (base / relative).is_file():
                resolved[url] = base / relative
                break
    return resolved


class ImageSources:
    """Where URL images may come from, in order: `--image-dir` manifests, the download cache, the network."""

    def __init__(self, image_dirs: list[Path] | None = None, allow_download: bool = True) -> None:
        self.manifest: dict[str, Path] = {}
        for directory in image_dirs or []:
            for url, path in load_manifest(directory).items():
                self.manifest.setdefault(url, path)
        self.allow_download = allow_download

    def fetch(self, url: str) -> Path:
        if url in self.manifest:
            _checked(self.manifest[url].read_bytes(), url)
            return self.manifest[url]
        hit = cached(url)
        if hit is not None:
            return hit
        if not self.allow_download:
            raise ValueError(f"{url}: no local copy (not in any --image-dir manifest, not downloaded)")
        return download(url)


def issue_images(instance: TaskInstance, allow_download: bool = True, sources: ImageSources | None = None) -> IssueImages:
    """Local paths of the issue's images, and one line per image that could not be had.

    With `allow_download=False` (reports) only local copies are used.
    """
    sources = sources or ImageSources(allow_download=allow_download)
    result = IssueImages()
    for ref in instance.problem_images:
        local = instance.image_path(ref)
        try:
            if local is not None:
                if not local.exists():
                    raise ValueError(f"{ref}: no such file ({local})")
                _checked(local.read_bytes(), ref)
                result.paths.append(local)
            else:
                result.paths.append(sources.fetch(ref))
        except ValueError as exc:
            result.problems.append(str(exc))
    return result
