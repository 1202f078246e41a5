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
REAL_MIRRORS = _shared_dir() / "mirrors"


@pytest.fixture(scope="session")
def real_mirrors() -> Path:
    """The folder of real repository mirrors (`owner__name.bundle`) shared with the project."""
    assert (REAL_MIRRORS / "markedjs__marked.bundle").exists(), (
        f"real mirrors are expected in {REAL_MIRRORS} (set SWEBENCH_MM_SHARED_DIR to the folder holding mirrors/)"
    )
    return REAL_MIRRORS


@pytest.fixture
def dev_instances_path() -> Path:
    assert DEV_INSTANCES.exists(), (
        f"the real dev split is expected at {DEV_INSTANCES} (set SWEBENCH_MM_SHARED_DIR to the folder holding swebench-m-dev/)"
    )
    return DEV_INSTANCES


@pytest.fixture(scope="module")
def harness():
    """A Docker client and an image builder over the shipped repositories; fails (never skips) without an engine."""
    from swebench_mm.errors import UserError
    from swebench_mm.harness.docker_client import docker_client
    from swebench_mm.harness.images import ImageBuilder
    from swebench_mm.harness.repos import RepoSources

    try:
        client = docker_client()
    except UserError as exc:
        pytest.fail(f"this test needs a Docker engine: {exc}")
    return client, ImageBuilder(client=client, sources=RepoSources())
