"""Where swebench-mm keeps things on the host, decided at call time (never at import)."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """Downloads, repository mirrors and build logs: `$SWEBENCH_MM_CACHE` or `~/.cache/swebench-mm`."""
    explicit = os.environ.get("SWEBENCH_MM_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "swebench-mm"
