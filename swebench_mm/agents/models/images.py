"""Images for models: downscaled and re-encoded once per provider's limits, cached on disk.

Providers reject or silently shrink large images, and GIFs are accepted by some and not others; doing it
ourselves makes what the model saw reproducible (the cached file *is* what was sent).
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageSequence, UnidentifiedImageError

from swebench_mm.errors import UserError
from swebench_mm.paths import cache_dir


@dataclass(frozen=True)
class ImageLimits:
    max_side: int  # longest edge in pixels
    max_bytes: int


# OpenAI scales to fit 2048x2048 and then 768 on the short side; Anthropic recommends <= 1568 px on the
# long edge (larger is resized server-side) and rejects images over 5 MB.
OPENAI_LIMITS = ImageLimits(max_side=2048, max_bytes=20 * 1024 * 1024)
ANTHROPIC_LIMITS = ImageLimits(max_side=1568, max_bytes=5 * 1024 * 1024)


def prepare_image(path: Path, limits: ImageLimits) -> Path:
    """A PNG/JPEG within `limits` (GIFs become their first frame), cached by content and limits."""
    data = Path(path).read_bytes()
    key = hashlib.sha256(data + f"{limits.max_side}:{limits.max_bytes}".encode()).hexdigest()[:24]
    folder = cache_dir() / "model-images"
    for suffix in (".png", ".jpg"):
        cached = folder / f"{key}{suffix}"
        if cached.exists():
            return cached
    try:
        with PILImage.open(path) as original:
            frame = next(ImageSequence.Iterator(original)).copy()  # first frame of a GIF/APNG
    except (UnidentifiedImageError, OSError) as exc:
        raise UserError(f"{path}: not an image Pillow can read ({exc})") from None
    if frame.mode not in ("RGB", "RGBA"):
        frame = frame.convert("RGBA" if "transparency" in frame.info or frame.mode in ("LA", "P") else "RGB")
    if max(frame.size) > limits.max_side:
        frame.thumbnail((limits.max_side, limits.max_side), PILImage.LANCZOS)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{key}.png"
    frame.save(target, "PNG", optimize=True)
    if target.stat().st_size > limits.max_bytes:  # photographs compress badly as PNG
        target.unlink()
        target = folder / f"{key}.jpg"
        frame.convert("RGB").save(target, "JPEG", quality=85)
    return target


def media_type(path: Path) -> str:
    return {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
            ".webp": "image/webp"}[Path(path).suffix.lower()]


def base64_data(path: Path) -> str:
    return base64.b64encode(Path(path).read_bytes()).decode("ascii")
