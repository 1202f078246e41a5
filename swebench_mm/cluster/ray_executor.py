"""The Ray executor: one task per instance, scheduled only on nodes that declare a `docker` resource.

Why Ray: research groups already run it for agent rollouts, it schedules by custom resources (a node
says how many evaluations its Docker engine takes at once: `ray start --resources '{"docker": 4}'`),
retries a task whose node died, and cancels on request. No home-made scheduler.

What stays on the driver: the runs folder. A task computes its result on whichever node it ran and
returns it (the report and the files beside it); the driver writes it, atomically, exactly once per
instance. So resume, `--force` and `report` behave the same whatever the executor. A task's node builds
the images it lacks (content-hash tags make concurrent builds of one tag harmless) or pulls them from
`--image-registry`.
"""

from __future__ import annotations

import logging
import os
import socket
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from swebench_mm.errors import UserError

DOCKER_RESOURCE = "docker"
# How often a task is re-run when its node or worker process dies under it (not when it raises).
DEFAULT_RETRIES = 2


@dataclass(frozen=True)
class RayOptions:
    address: str = "auto"
    retries: int = DEFAULT_RETRIES


def _ray():
    try:
        import ray
    except ImportError:
        raise UserError("--executor ray needs Ray on this machine and every node: pip install 'swebench-mm[ray]'") from None
    return ray


def _reachable(address: str) -> str | None:
    """Why the cluster at `address` cannot be there, checked in seconds (ray.init itself waits minutes)."""
    if address == "auto":
        if os.environ.get("RAY_ADDRESS") or Path(tempfile.gettempdir(), "ray", "ray_current_cluster").exists():
            return None
        return "no Ray cluster was started on this machine"
    host, _, port = address.removeprefix("ray://").rpartition(":")
    if not host or not port.isdigit():
        return "expected auto, HOST:PORT or ray://HOST:PORT"
    try:
        with socket.create_connection((host, int(port)), timeout=5):
            return None
    except OSError as exc:
        return f"nothing answers there: {exc.strerror or exc}"


def connect(options: RayOptions) -> None:
    """Join the cluster at `options.address`, and check that some node can take instances."""
    ray = _ray()
    problem = None if ray.is_initialized() else _reachable(options.address)
    if problem:
        raise UserError(f"cannot join the Ray cluster at {options.address!r} ({problem}); start one with "
                        "`ray start --head --resources '{\"docker\": 2}'` or pass --ray-address")
    if not ray.is_initialized():
        try:
            ray.init(address=options.address, logging_level=logging.WARNING, log_to_driver=False,
                     configure_logging=False)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise UserError(f"cannot join the Ray cluster at {options.address!r} ({first}); start one with "
                            "`ray start --head --resources '{\"docker\": 2}'` or pass --ray-address") from None
    if not docker_nodes():
        raise UserError("no node of the Ray cluster declares a Docker engine: start nodes that have one with "
                        "`ray start ... --resources '{\"docker\": N}'` (N = evaluations that node runs at once)")


def docker_nodes() -> list[dict[str, Any]]:
    ray = _ray()
    return [node for node in ray.nodes() if node.get("Alive") and node.get("Resources", {}).get(DOCKER_RESOURCE, 0) > 0]


def on_every_docker_node(function: Callable[..., Any], *args: Any) -> list[Any]:
    """Run `function(*args)` once on each live node with a Docker engine (cleanups); errors are returned."""
    ray = _ray()
    from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

    remote = ray.remote(num_cpus=0, max_retries=0)(function)
    refs = [remote.options(scheduling_strategy=NodeAffinitySchedulingStrategy(node["NodeID"], soft=False)).remote(*args)
            for node in docker_nodes()]
    results = []
    for ref in refs:
        try:
            results.append(ray.get(ref, timeout=120))
        except Exception as exc:  # noqa: BLE001 — a node gone meanwhile: nothing left to clean there
            results.append(exc)
    return results


# How long, after Ctrl-C, the tasks under way get to end on their own before they are cancelled by force.
STOP_GRACE_S = 60.0


class _StopFlag:
    """A Ray actor every task of one run asks before it starts: set once the driver is interrupted."""

    def __init__(self) -> None:
        self.stopped = False

    def stop(self) -> None:
        self.stopped = True

    def is_stopped(self) -> bool:
        return self.stopped


STOPPED = "swebench-mm: stopped before it started"


def on_driver_node(cls: type) -> Any:
    """An actor of `cls` on the driver's node: the run's shared state must not die with a worker node (the
    driver's node going away ends the run anyway)."""
    ray = _ray()
    from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

    here = NodeAffinitySchedulingStrategy(ray.get_runtime_context().get_node_id(), soft=False)
    return ray.remote(num_cpus=0, scheduling_strategy=here)(cls).remote()


def _unless_stopped(flag: Any, function: Callable[..., Any], *args: Any) -> Any:
    import ray

    try:
        stopped = ray.get(flag.is_stopped.remote(), timeout=60)
    except (ray.exceptions.RayError, TimeoutError):
        stopped = False  # the flag cannot be read: run, as before any stop; a stopped driver drops the result
    if stopped:
        return STOPPED
    return function(*args)


def run_tasks(function: Callable[..., Any], calls: list[tuple[Any, ...]], options: RayOptions,
              failed: Callable[[int, BaseException], Any], env: dict[str, str] | None = None,
              end_running: Callable[[], Any] | None = None) -> Iterator[tuple[int, Any]]:
    """Run `function(*calls[i])` as one Ray task each, on Docker nodes; yield `(i, result)` as they finish.

    A task whose node or worker died is re-run up to `options.retries` times by Ray; one that still
    fails (or raises) yields `failed(i, error)` instead, so every call is answered exactly once. `env`
    reaches the tasks' environment through Ray (API keys: never written to the nodes' disks).

    On Ctrl-C (or any exception of the caller) the run stops without `ray.cancel` where it can: a
    force-cancel that meets a task just finishing crashes the driver inside Ray (a race in Ray's task
    manager, seen here under load). So tasks not yet started find the run's stop flag set and return at
    once, `end_running` ends those under way (evaluations: their containers are removed), and only a task
    still running after STOP_GRACE_S is cancelled by force.
    """
    ray = _ray()
    flag = on_driver_node(_StopFlag)
    remote = ray.remote(num_cpus=0, resources={DOCKER_RESOURCE: 1}, max_retries=options.retries,
                        retry_exceptions=False)(_unless_stopped)
    if env:
        remote = remote.options(runtime_env={"env_vars": env})
    pending = {remote.remote(flag, function, *args): index for index, args in enumerate(calls)}
    try:
        while pending:
            done, _ = ray.wait(list(pending), num_returns=1)
            for ref in done:
                index = pending.pop(ref)
                try:
                    result = ray.get(ref)
                except (ray.exceptions.RayError, Exception) as exc:  # noqa: BLE001 — answered, not raised
                    result = failed(index, exc)
                yield index, result
    finally:
        if pending:
            _stop(ray, flag, list(pending), end_running)


def _stop(ray: Any, flag: Any, refs: list[Any], end_running: Callable[[], Any] | None) -> None:
    """End the run's remaining tasks (their results are dropped: an interrupted instance is re-run)."""
    ray.get(flag.stop.remote(), timeout=30)
    if end_running is not None:
        end_running()
    _, stragglers = ray.wait(refs, num_returns=len(refs), timeout=STOP_GRACE_S)
    for ref in stragglers:
        ray.cancel(ref, force=True)
