"""`--executor ray` on a real two-node Ray cluster on this machine (tests/cluster.py starts and stops it):
the same report as the local executor, a node lost mid-run, and images shared through a real registry."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import docker
import pytest

from cluster import image_registry, ray_cluster, second_docker_engine
from swebench_mm.cli import main
from swebench_mm.harness.container import run_containers
from swebench_mm.instances import load_instances

pytestmark = pytest.mark.docker
VERDICT = ("status", "failure_category", "resolved", "tests_status", "test_statuses", "apply_method", "verdict_key")


def _reports(runs: Path, run_id: str) -> dict[str, dict]:
    return {p.parent.name: json.loads(p.read_text()) for p in (runs / run_id).glob("*/*/report.json")}


def _evaluate(runs: Path, run_id: str, *extra: str) -> int:
    return main(["evaluate", "--predictions", "gold", "--run-id", run_id, "--runs-dir", str(runs), *extra])


@pytest.fixture(scope="module")
def shipped_images(harness):
    """Every shipped instance image, built on the main engine before the clusters start."""
    assert main(["images", "build", "--instances", "shipped"]) == 0


def test_the_shipped_set_through_ray_gives_the_local_report(shipped_images, tmp_path):
    with ray_cluster() as cluster:
        cluster.start_head({"docker": 1})
        worker = cluster.add_node({"docker": 1})
        assert _evaluate(tmp_path, "on-ray", "--executor", "ray", "--ray-address", cluster.address) == 0
    assert _evaluate(tmp_path, "local", "--workers", "2") == 0
    on_ray, local = _reports(tmp_path, "on-ray"), _reports(tmp_path, "local")
    assert sorted(on_ray) == sorted(local) == sorted(i.instance_id for i in load_instances("shipped"))
    for instance_id in local:
        assert {k: on_ray[instance_id][k] for k in VERDICT} == {k: local[instance_id][k] for k in VERDICT}, instance_id
    # Both nodes took instances; the files were written here, on the driver, as a local run writes them.
    assert worker in {r["node"] for r in on_ray.values()} and len({r["node"] for r in on_ray.values()}) == 2
    for instance_id in local:
        folder = tmp_path / "on-ray" / "gold" / instance_id
        assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in (tmp_path / "local" / "gold" / instance_id).iterdir())
    summaries = [json.loads((tmp_path / run / "report.json").read_text()) for run in ("on-ray", "local")]
    for key in ("resolved_instances", "completed_instances", "error_instances", "resolved_ids"):
        assert summaries[0][key] == summaries[1][key], key
    # And a re-run resumes through Ray as locally: nothing is evaluated again.
    with ray_cluster() as cluster:
        cluster.start_head({"docker": 1})
        assert _evaluate(tmp_path, "on-ray", "--executor", "ray", "--ray-address", cluster.address) == 0
    assert all(r["finished_at"] == on_ray[i]["finished_at"] for i, r in _reports(tmp_path, "on-ray").items())


def test_a_node_lost_mid_run_has_its_instances_run_elsewhere_and_each_graded_once(shipped_images, harness, tmp_path):
    client, _ = harness
    with ray_cluster() as cluster:
        head = cluster.start_head({"docker": 1}) or cluster.node_ids()[0]
        worker = cluster.add_node({"docker": 1})
        # The driver in its own process, as a user runs it.
        run = subprocess.Popen([sys.executable, "-m", "swebench_mm.cli", "evaluate", "--predictions", "gold",
                                "--run-id", "lost", "--runs-dir", str(tmp_path), "--executor", "ray",
                                "--ray-address", cluster.address], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        # Wait until the worker node has finished one instance (so it is busy with the next), then kill it.
        deadline = time.monotonic() + 600
        while not any(r.get("node") == worker for r in _reports(tmp_path, "lost").values()):
            assert time.monotonic() < deadline and run.poll() is None, "the worker node never finished an instance"
            time.sleep(0.5)
        cluster.kill_node(worker)
        killed_at = time.monotonic()
        output, _ = run.communicate(timeout=1200)
        assert run.returncode == 0, output.decode(errors="replace")[-3000:]
    reports = _reports(tmp_path, "lost")
    assert len(reports) == len(load_instances("shipped"))
    assert all(r["status"] == "resolved" for r in reports.values()), {i: r["error"] for i, r in reports.items() if r["error"]}
    nodes = [r["node"] for r in reports.values()]
    assert worker in nodes and head in nodes
    summary = json.loads((tmp_path / "lost" / "report.json").read_text())
    assert summary["resolved_instances"] == len(reports) and not summary["error_ids"]
    assert run_containers(client, tmp_path, "lost") == [], "containers of the lost node were left behind"
    assert time.monotonic() - killed_at < 900


def test_a_node_pulls_through_the_registry_what_another_built(shipped_images, tmp_path):
    ids = [i.instance_id for i in load_instances("shipped") if i.repo == "vizlab/svg-charts"][:2]
    with second_docker_engine() as other_engine, image_registry() as registry, ray_cluster() as cluster:
        # Built on this machine's engine, pushed; the only node that takes instances has an empty engine.
        assert main(["images", "push", "--instances", "shipped", "--ids", *ids, "--registry", registry]) == 0
        cluster.start_head({})  # no Docker here: it must never receive an instance
        worker = cluster.add_node({"docker": 1}, docker_host=other_engine)
        assert _evaluate(tmp_path, "pulled", "--ids", *ids, "--executor", "ray", "--ray-address", cluster.address,
                         "--image-registry", registry) == 0
        reports = _reports(tmp_path, "pulled")
        assert sorted(reports) == sorted(ids)
        assert all(r["status"] == "resolved" and r["node"] == worker for r in reports.values())
        other = docker.DockerClient(base_url=other_engine)
        tags = {tag for image in other.images.list() for tag in image.tags}
        assert {r["image"] for r in reports.values()} <= tags
        # Pulled, not built: a build would have needed the root image and the base image first.
        assert not any(tag.startswith(("swebench-mm/root", "swebench-mm/base")) for tag in tags), tags
        other.close()


def test_ray_errors_are_one_line(tmp_path, capsys):
    code = _evaluate(tmp_path, "nowhere", "--executor", "ray", "--ray-address", "127.0.0.1:1", "--ids",
                     load_instances("shipped")[0].instance_id)
    assert code != 0
    err = capsys.readouterr().err
    assert "cannot join the Ray cluster at '127.0.0.1:1'" in err and "Traceback" not in err


def test_agents_run_on_the_cluster_under_one_total_cost_cap(shipped_images, tmp_path, monkeypatch):
    """tool-agent on two instances at once, one per node, against a scripted server that never lets them
    finish: the run-wide cap (one ledger actor) stops both, overrun by at most one call per task."""
    from swebench_mm.agents.models.fake_server import FakeLLMServer

    ids = [i.instance_id for i in load_instances("shipped") if i.repo == "vizlab/svg-charts"][:2]
    looping = [{"tool_calls": [{"name": "bash", "arguments": {"command": "echo step"}}]}] * 200
    prices = tmp_path / "prices.json"
    prices.write_text(json.dumps({"priced-model": {"input_per_mtok": 100.0, "output_per_mtok": 100.0}}))
    monkeypatch.setenv("OPENAI_API_KEY", "test-key")
    limit = 10.0
    with FakeLLMServer(looping) as server, ray_cluster() as cluster:
        cluster.start_head({"docker": 1})
        cluster.add_node({"docker": 1})
        code = main(["run", "--agent", "tool-agent", "--model", f"openai-compatible:priced-model@{server.openai_base_url}",
                     "--prices", str(prices), "--total-cost-limit", str(limit), "--step-limit", "150", "--ids", *ids, "--run-id", "capped",
                     "--runs-dir", str(tmp_path), "--executor", "ray", "--ray-address", cluster.address])
    assert code == 0
    summaries = json.loads((tmp_path / "capped" / "agent_summary.json").read_text())["instances"]
    assert sorted(s["instance_id"] for s in summaries) == sorted(ids)
    assert all(s["exit_status"].startswith("limit: total cost limit") for s in summaries), summaries
    assert len({s["node"] for s in summaries}) == 2  # one instance per node, at the same time
    step_costs = [step["cost"] for instance_id in ids for step in json.loads(
        (tmp_path / "capped" / "tool-agent__priced-model" / instance_id / "trajectory.json").read_text())["steps"]]
    spent = sum(step_costs)
    # Every call was allowed by the shared total: past the cap only by calls already under way (one per task).
    # Two budgets of their own would each have spent up to the cap: about twice as much.
    assert limit <= spent < limit + 2 * max(step_costs), (spent, max(step_costs))
    assert len(server.requests) == len(step_costs)
    predictions = [json.loads(line) for line in (tmp_path / "capped" / "predictions.jsonl").read_text().splitlines()]
    assert sorted(p["instance_id"] for p in predictions) == sorted(ids)


def test_ctrl_c_on_the_driver_cancels_the_tasks_and_leaves_no_container(shipped_images, harness, tmp_path):
    client, _ = harness
    with ray_cluster() as cluster:
        cluster.start_head({"docker": 1})
        cluster.add_node({"docker": 1})
        args = [sys.executable, "-m", "swebench_mm.cli", "validate", "--reruns", "4", "--run-id", "intr",
                "--runs-dir", str(tmp_path), "--ids", "vizlab__svg-charts-14", "vizlab__svg-charts-21",
                "--executor", "ray", "--ray-address", cluster.address]
        driver = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                  preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        deadline = time.monotonic() + 300
        while not (_reports(tmp_path, "intr") and run_containers(client, tmp_path, "intr", running_only=True)):
            assert time.monotonic() < deadline and driver.poll() is None, driver.communicate()[0][-2000:]
            time.sleep(0.2)
        driver.send_signal(signal.SIGINT)
        output, _ = driver.communicate(timeout=180)
        assert driver.returncode == 130, output.decode(errors="replace")[-2000:]
        assert run_containers(client, tmp_path, "intr") == []
        finished = len(_reports(tmp_path, "intr"))
        assert 0 < finished < 2 * 4 * 2  # the interrupt landed mid-run; finished work is kept
        # Nothing keeps running on the cluster after the driver is gone.
        time.sleep(5)
        assert run_containers(client, tmp_path, "intr") == [] and len(_reports(tmp_path, "intr")) == finished


def test_every_call_is_answered_once_even_when_its_task_raises(tmp_path):
    """run_tasks on a real one-node cluster: results come back as they finish, a raising task is answered
    by `failed` (never raised into the run), and every call is answered exactly once."""
    import statistics

    from swebench_mm.cluster import ray_executor

    with ray_cluster() as cluster:
        cluster.start_head({"docker": 2})
        options = ray_executor.RayOptions(address=cluster.address)
        ray_executor.connect(options)
        calls = [([1, 3],), ([],), ([2, 3],)]  # the mean of nothing raises StatisticsError
        answered = list(ray_executor.run_tasks(statistics.mean, calls, options,
                                               failed=lambda i, error: f"failed: {type(error).__name__}"))
    assert sorted(index for index, _ in answered) == [0, 1, 2]
    results = dict(answered)
    assert results[0] == 2.0 and results[2] == 2.5
    assert results[1].startswith("failed: ") and "StatisticsError" in results[1]


def test_an_interrupted_run_stops_its_tasks_without_cancelling_them(tmp_path):
    """Closing run_tasks early (what Ctrl-C does): tasks not yet started find the stop flag and never run
    their function, `end_running` ends the one under way, and nothing waits for the force-cancel grace."""
    from swebench_mm.cluster import ray_executor

    def mark_and_wait(folder: str, index: int) -> int:
        import pathlib
        import time as clock

        pathlib.Path(folder, f"started-{index}").touch()
        deadline = clock.monotonic() + 120
        while index > 0 and not pathlib.Path(folder, "end").exists() and clock.monotonic() < deadline:
            clock.sleep(0.1)
        return index

    ended = []

    def end_running() -> None:
        ended.append(True)
        (tmp_path / "end").touch()

    with ray_cluster() as cluster:
        cluster.start_head({"docker": 1})  # one task at a time: the rest wait in the queue
        options = ray_executor.RayOptions(address=cluster.address)
        ray_executor.connect(options)
        calls = [(str(tmp_path), index) for index in range(4)]
        answers = ray_executor.run_tasks(mark_and_wait, calls, options, failed=lambda i, e: e, end_running=end_running)
        first = next(answers)
        while not list(tmp_path.glob("started-[1-3]")):
            time.sleep(0.1)
        started = time.monotonic()
        answers.close()
        stopped_in = time.monotonic() - started
        # Agents on the cluster read the same kind of flag through the run's cost ledger before each call.
        from swebench_mm.agents.models.budget import Budget, LimitReached
        from swebench_mm.cluster.cost_ledger import new_ledger

        shared = new_ledger(None)
        Budget(total=shared).check()
        shared.stop()
        with pytest.raises(LimitReached, match="the run was stopped"):
            Budget(total=shared).check()
    assert first == (0, 0)
    assert ended == [True] and stopped_in < ray_executor.STOP_GRACE_S / 2, stopped_in
    assert len(list(tmp_path.glob("started-*"))) == 2  # the first, and the one under way when stopped


def test_the_runs_shared_state_lives_on_the_drivers_node():
    """The stop flag and the cost ledger are actors the tasks call: on a worker node, losing that node would
    fail every task after it (seen here: retried tasks answered ActorUnavailableError)."""
    import ray

    from swebench_mm.cluster import ray_executor

    class Where:
        def node(self) -> str:
            import ray as worker_ray

            return worker_ray.get_runtime_context().get_node_id()

    with ray_cluster() as cluster:
        cluster.start_head({"docker": 1})
        cluster.add_node({"docker": 1})
        ray_executor.connect(ray_executor.RayOptions(address=cluster.address))
        here = ray.get_runtime_context().get_node_id()
        assert len(ray_executor.docker_nodes()) == 2
        placed = {ray.get(ray_executor.on_driver_node(Where).node.remote()) for _ in range(6)}
    assert placed == {here}, (here, placed)
