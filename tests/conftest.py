"""Shared fixtures: paths of the real data the tests read."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEV_INSTANCES = ROOT.parent / "shared" / "swebench-m-dev" / "instances.jsonl"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def dev_instances_path() -> Path:
    assert DEV_INSTANCES.exists(), f"the real dev split is expected at {DEV_INSTANCES}"
    return DEV_INSTANCES
