"""`swebench-mm run`: an agent over a task set, writing predictions per instance, resumable.

Each instance gets `runs/<run_id>/<model>/<instance_id>/{trajectory.json, prediction.json, images/}` as soon
as it finishes, and `runs/<run_id>/predictions.jsonl` is rewritten atomically after every instance, so an
interrupted run keeps all finished work and a re-run does only what is missing.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import docker

from swebench_mm.agents.environment import DockerEnvironment
from swebench_mm.agents.scaffolds.base import Agent
from swebench_mm.agents.trajectory import Trajectory
from swebench_mm.atomic import write_atomic, write_atomic_bytes, write_json
from swebench_mm.runlock import run_lock
from swebench_mm.errors import UserError
from swebench_mm.harness.container import Limits, remove_run_containers, run_labels
from swebench_mm.harness.images import BuilderSettings, ImageBuilder, node_builder
from swebench_mm.agents.recipe import AgentRecipe
from swebench_mm.cluster.ray_executor import RayOptions
from swebench_mm.harness.specs import load_specs, spec_for
from swebench_mm.instances import TaskInstance
from swebench_mm.issue_images import ImageSources, issue_images
from swebench_mm.predictions import Prediction, load_predictions


@dataclass
class RunOptions:
    run_id: str
    model_name: str  # model_name_or_path written into predictions
    runs_dir: Path = Path("runs")
    workers: int = 1
    force: bool = False
    use_images: bool = True
    limits: Limits = field(default_factory=Limits)
    image_sources: ImageSources | None = None
    # "ray": one Ray task per instance on the cluster's Docker nodes, each making its agent from `recipe`
    # (an agent holds live SDK clients and cannot travel); results are written here either way.
    executor: str = "local"
    ray: RayOptions = field(default_factory=RayOptions)
    recipe: AgentRecipe | None = None
    # Where a cluster task writes the instance's files before returning them to the driver (container
    # labels keep naming the run by its real runs folder, so the driver's cleanup finds them).
    scratch_dir: Path | None = None

    @property
    def run_dir(self) -> Path:
        return self.runs_dir / self.run_id

    def instance_dir(self, instance_id: str) -> Path:
        base = self.run_dir if self.scratch_dir is None else self.scratch_dir / self.run_id
        return base / self.model_name.replace("/", "__") / instance_id


class PredictionsFile:
    """`predictions.jsonl` of a run, rewritten atomically (under a lock) whenever an instance finishes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def existing(self) -> dict[str, Prediction]:
        return {p.instance_id: p for p in load_predictions(self.path)} if self.path.exists() else {}

    def put(self, prediction: Prediction) -> None:
        with self._lock:
            current = self.existing()
            current[prediction.instance_id] = prediction
            write_atomic(self.path, "".join(json.dumps(p.to_dict()) + "\n" for p in current.values()))


def run_one(instance: TaskInstance, agent: Agent, options: RunOptions, builder: ImageBuilder,
            client: docker.DockerClient, predictions: PredictionsFile) -> dict:
    folder = options.instance_dir(instance.instance_id)
    folder.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    images = issue_images(instance, sources=options.image_sources) if options.use_images else None
    trajectory = Trajectory(folder, instance.instance_id, agent.name, options.model_name)
    record = {"instance_id": instance.instance_id, "exit_status": "", "image_problems": images.problems if images else []}
    try:
        if agent.needs_environment:
            # The graded instance image; agents that take screenshots get Chromium as a thin layer on it.
            image = builder.agent_image(instance, spec_for(instance, load_specs()), browser=agent.uses_browser)
            labels = {**run_labels(options.runs_dir, options.run_id), "swebench-mm.instance_id": instance.instance_id}
            with DockerEnvironment(client, image, instance.base_commit, labels, options.limits) as env:
                result = agent.run(instance, env, images.paths if images else [], trajectory)
        else:
            result = agent.run(instance, None, images.paths if images else [], trajectory)
    except UserError:
        raise  # a bad key or model name: every instance would fail the same way
    except Exception as exc:  # noqa: BLE001 — this instance fails, the run goes on (and a re-run retries it)
        trajectory.exit_status = f"error: {type(exc).__name__}: {exc}"
        trajectory.save()
        record.update(exit_status=trajectory.exit_status, error=True)
        return record
    trajectory.exit_status = result.exit_status
    trajectory.save()
    prediction = Prediction(instance.instance_id, options.model_name, result.patch)
    summary = {
        **record, "exit_status": result.exit_status, "steps": len(trajectory.steps),
        "input_tokens": trajectory.input_tokens, "output_tokens": trajectory.output_tokens,
        "cost": trajectory.cost, "wall_time_s": round(time.monotonic() - started, 2),
        "patch_lines": result.patch.count("\n"),
    }
    write_json(folder / "prediction.json", {**prediction.to_dict(), "agent": summary})
    predictions.put(prediction)
    return summary


def run_agent(instances: list[TaskInstance], agent: Agent, options: RunOptions, builder: ImageBuilder,
              client: docker.DockerClient, on_result: Callable[[dict], None] = lambda r: None) -> list[dict]:
    with run_lock(options.run_dir, "run"):
        return _run_agent_locked(instances, agent, options, builder, client, on_result)


def _run_agent_locked(instances: list[TaskInstance], agent: Agent, options: RunOptions, builder: ImageBuilder,
                      client: docker.DockerClient, on_result: Callable[[dict], None]) -> list[dict]:
    predictions = PredictionsFile(options.run_dir / "predictions.jsonl")
    done = {} if options.force else predictions.existing()
    results: list[dict] = []
    todo = []
    for instance in instances:
        saved = options.instance_dir(instance.instance_id) / "prediction.json"
        if instance.instance_id in done and saved.exists():
            summary = {**json.loads(saved.read_text(encoding="utf-8")).get("agent", {}), "resumed": True}
            results.append(summary)
            on_result(summary)
        else:
            todo.append(instance)
    if options.executor == "ray":
        results += _run_on_ray(todo, agent, options, builder, predictions, on_result)
        return _finish(instances, agent, options, results)
    remove_run_containers(client, options.runs_dir, options.run_id)
    pool = ThreadPoolExecutor(max_workers=max(1, options.workers))
    try:
        futures = [pool.submit(run_one, i, agent, options, builder, client, predictions) for i in todo]
        for future in as_completed(futures):
            summary = future.result()
            results.append(summary)
            on_result(summary)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        remove_run_containers(client, options.runs_dir, options.run_id)
        raise
    finally:
        pool.shutdown(wait=True)
    return _finish(instances, agent, options, results)


def _finish(instances: list[TaskInstance], agent: Agent, options: RunOptions, results: list[dict]) -> list[dict]:
    order = {i.instance_id: n for n, i in enumerate(instances)}
    results.sort(key=lambda r: order[r["instance_id"]])
    write_json(options.run_dir / "agent_summary.json", {"run_id": options.run_id, "model_name_or_path": options.model_name,
                                                          "agent": agent.name, "instances": results})
    return results


# ---- on a Ray cluster ------------------------------------------------------------------------------------
# The driver's settings a task needs to reach the model API (and the shared cache), forwarded by Ray.
FORWARDED_ENV = ("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_ORG_ID", "ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL",
                 "SWEBENCH_MM_CACHE")
def run_on_node(instance: TaskInstance, total, options: RunOptions, settings: BuilderSettings) -> dict:
    """One Ray task: make the agent from its recipe, run it in a scratch folder on this node, and return
    what a local run would have written (the summary, and every file of the instance folder) for the
    driver to write. The run's cost cap is the shared ledger `total`."""
    import ray

    client, builder = node_builder(settings)
    agent, _ = options.recipe.build(total)
    with tempfile.TemporaryDirectory(prefix="swebench-mm-task-") as scratch:
        local = dataclasses.replace(options, scratch_dir=Path(scratch), executor="local")
        summary = run_one(instance, agent, local, builder, client, PredictionsFile(Path(scratch) / "predictions.jsonl"))
        folder = local.instance_dir(instance.instance_id)
        files = {str(path.relative_to(folder)): path.read_bytes() for path in folder.rglob("*") if path.is_file()}
    return {"summary": {**summary, "node": ray.get_runtime_context().get_node_id()}, "files": files}


def _run_on_ray(todo: list[TaskInstance], agent: Agent, options: RunOptions, builder: ImageBuilder,
                predictions: PredictionsFile, on_result: Callable[[dict], None]) -> list[dict]:
    from swebench_mm.cluster import ray_executor
    from swebench_mm.cluster.cost_ledger import new_ledger
    from swebench_mm.harness.evaluate import remove_containers_here

    if options.recipe is None:
        raise UserError("--executor ray runs agents made from a recipe (the CLI's options); none was given")
    ray_executor.connect(options.ray)
    ray_executor.on_every_docker_node(remove_containers_here, options.runs_dir, options.run_id)
    total = new_ledger(options.recipe.total_cost_limit)
    settings = builder.settings()

    def failed(position: int, error: BaseException) -> dict:
        first = (str(error).strip().splitlines() or [type(error).__name__])[-1][:300]
        return {"summary": {"instance_id": todo[position].instance_id, "error": True,
                            "exit_status": f"error: the cluster task failed: {type(error).__name__}: {first}"}, "files": {}}

    def end_running() -> None:
        total.stop()
        ray_executor.on_every_docker_node(remove_containers_here, options.runs_dir, options.run_id)

    results = []
    calls = [(instance, total, options, settings) for instance in todo]
    try:
        env = {name: os.environ[name] for name in FORWARDED_ENV if os.environ.get(name)}
        for _, outcome in ray_executor.run_tasks(run_on_node, calls, options.ray, failed, env, end_running):
            summary, files = outcome["summary"], outcome["files"]
            folder = options.instance_dir(summary["instance_id"])
            for name, data in files.items():
                write_atomic_bytes(folder / name, data)
            if "prediction.json" in files and not summary.get("error"):
                saved = json.loads(files["prediction.json"])
                predictions.put(Prediction(saved["instance_id"], saved["model_name_or_path"], saved["model_patch"]))
            results.append(summary)
            on_result(summary)
    finally:
        ray_executor.on_every_docker_node(remove_containers_here, options.runs_dir, options.run_id)
    return results
