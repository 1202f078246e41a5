"""Killing an evaluation half way loses no finished work, leaves no containers, and a re-run resumes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from swebench_mm.errors import UserError
from swebench_mm.harness.container import run_containers
from swebench_mm.harness.docker_client import docker_client

pytestmark = pytest.mark.docker
CLI = [sys.executable, "-m", "swebench_mm.cli"]
RERUNS = 8


def _reports(runs: Path) -> list[Path]:
    return sorted(runs.glob("intr/*/*/report.json"))


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_interrupt_then_resume(tmp_path, sig):
    try:
        client = docker_client()
    except UserError as exc:
        pytest.fail(f"this test needs a Docker engine: {exc}")
    run_id = "intr"
    # Enough work (2 instances x 8 reruns x gold/empty, ~1.5 s each) that the signal lands mid-run.
    args = [*CLI, "validate", "--reruns", str(RERUNS), "--run-id", run_id, "--runs-dir", str(tmp_path),
            "--ids", "vizlab__svg-charts-14", "vizlab__svg-charts-21"]
    # A background job (nohup ... &) inherits SIGINT ignored, and Python then never raises
    # KeyboardInterrupt: give the child the default disposition, as an interactive shell would.
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ.copy(),
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 300
    # Wait until some instances are finished and the next one is running in a container.
    while time.monotonic() < deadline:
        if len(_reports(tmp_path)) >= 2 and run_containers(client, tmp_path, run_id, running_only=True):
            break
        assert process.poll() is None, process.communicate()
        time.sleep(0.2)
    else:
        pytest.fail("the evaluation never got going")
    finished_before = {p: p.read_text() for p in _reports(tmp_path)}
    process.send_signal(sig)
    process.communicate(timeout=120)
    if sig == signal.SIGINT:
        assert process.returncode == 130
        assert run_containers(client, tmp_path, run_id) == []  # cleaned up on the way out
    # Finished reports are intact JSON; nothing half-written is left behind.
    for path in _reports(tmp_path):
        json.loads(path.read_text())
    assert not list(tmp_path.rglob(".*.tmp"))

    rerun = subprocess.run(args, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert run_containers(client, tmp_path, run_id) == []  # a SIGKILLed run's leftovers are removed on start
    for path, text in finished_before.items():
        assert path.read_text() == text  # resumed, not redone
    validation = json.loads((tmp_path / run_id / "validation.json").read_text())
    assert validation["valid_instances"] == validation["total_instances"]
    assert len(_reports(tmp_path)) == validation["total_instances"] * RERUNS * 2
    assert len(finished_before) < validation["total_instances"] * RERUNS * 2  # the signal did land mid-run
