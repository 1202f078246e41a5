"""Shared fixtures: paths of the real data the tests read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _shared_dir() -> Path:
    """`shared/` sits beside the project root; a checkout elsewhere (CI) finds it by env or at /work."""
    candidates = [os.environ.get("SWEBENCH_MM_SHARED_DIR"), ROOT.parent / "shared", "/work/shared"]
    for candidate in candidates:
        if candidate and (Path(candidate) / "swebench-m-dev" / "instances.jsonl").exists():
            return Path(candidate)
    return ROOT.parent / "shared"


DEV_INSTANCES = _shared_dir() / "swebench-m-dev" / "instances.jsonl"


@pytest.fixture
def dev_instances_path() -> Path:
    assert DEV_INSTANCES.exists(), (
        f"the real dev split is expected at {DEV_INSTANCES} (set SWEBENCH_MM_SHARED_DIR to the folder holding swebench-m-dev/)"
    )
    return DEV_INSTANCES
