"""One throwaway container: start from an image, copy files in, run a script, always remove it.

Tests run with networking off and memory/pids/CPU limits, because a model's patch is untrusted code
and a test suite that hangs or forks forever must not take the machine with it.
"""

from __future__ import annotations

import io
import tarfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import docker
from docker.errors import DockerException, NotFound
from docker.models.containers import Container

from swebench_mm.harness.docker_client import LABEL

EXIT_TIMEOUT = 124  # what coreutils `timeout` returns when it had to stop the command


@dataclass(frozen=True)
class Limits:
    memory: str = "4g"
    pids: int = 4096
    cpus: float = 2.0
    network: bool = False


@dataclass
class ExecResult:
    exit_code: int
    output: str
    seconds: float

    @property
    def timed_out(self) -> bool:
        return self.exit_code == EXIT_TIMEOUT


def container_options(limits: Limits, labels: dict[str, str]) -> dict:
    """The docker SDK options every container of ours gets: limits, network policy, labels, an init."""
    return {
        "network_mode": None if limits.network else "none",
        "mem_limit": limits.memory,
        "pids_limit": limits.pids,
        "nano_cpus": int(limits.cpus * 1e9),
        "labels": {LABEL: "1", **labels},
        "init": True,
    }


@contextmanager
def running_container(client: docker.DockerClient, image: str, limits: Limits, labels: dict[str, str]) -> Iterator[Container]:
    container = client.containers.run(image, ["sleep", "infinity"], detach=True, **container_options(limits, labels))
    try:
        yield container
    finally:
        try:
            container.remove(force=True)
        except NotFound:
            pass
        except DockerException:
            time.sleep(1)
            container.remove(force=True)


def _tar(directory: str, files: dict[str, str | bytes]) -> bytes:
    """A tar of `files` (names may contain sub-folders; text or bytes) under `directory`, with folder entries."""
    buffer = io.BytesIO()
    now = int(time.time())
    root = directory.strip("/")
    folders = {root} | {f"{root}/{'/'.join(name.split('/')[:depth])}" for name in files
                        for depth in range(1, name.count('/') + 1)}
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        for folder_name in sorted(folders):
            folder = tarfile.TarInfo(folder_name)
            # /tmp keeps its sticky, world-writable mode (a 755 /tmp breaks tools running as other users).
            folder.type, folder.mode, folder.mtime = tarfile.DIRTYPE, 0o1777 if folder_name == "tmp" else 0o755, now
            archive.addfile(folder)
        for name, text in files.items():
            data = text if isinstance(text, bytes) else text.encode("utf-8")
            info = tarfile.TarInfo(f"{root}/{name}")
            info.size, info.mode, info.mtime = len(data), (0o755 if name.endswith(".sh") else 0o644), now
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def put_files(container: Container, directory: str, files: dict[str, str | bytes]) -> None:
    """Copy text files into `directory` (an absolute path) inside the container, creating it."""
    container.put_archive("/", _tar(directory, files))


def run_script_once(client: docker.DockerClient, image: str, directory: str, files: dict[str, str | bytes], script: str,
                    timeout_s: int, limits: Limits, labels: dict[str, str]) -> ExecResult:
    """Create a container whose only process is `script` (copied in with `files`), run it, remove it.

    Cheaper than starting an idle container and exec-ing into it (no exec round trips, no kill), which
    matters when the tests themselves take a second or two.
    """
    started = time.monotonic()
    container = client.containers.create(
        image, ["timeout", "--kill-after=10", str(timeout_s), "bash", f"{directory}/{script}"],
        **container_options(limits, labels),
    )
    try:
        container.put_archive("/", _tar(directory, files))
        container.start()
        try:
            exit_code = container.wait(timeout=timeout_s + 60)["StatusCode"]
        except Exception:  # noqa: BLE001 — the engine did not answer in time: stop it ourselves
            container.kill()
            exit_code = EXIT_TIMEOUT
        output = container.logs(stdout=True, stderr=True).decode("utf-8", errors="replace")
        return ExecResult(exit_code, output, time.monotonic() - started)
    finally:
        try:
            container.remove(force=True)
        except NotFound:
            pass


def run_labels(runs_dir: Path, run_id: str) -> dict[str, str]:
    """The labels naming a run's containers. A run is its folder and its id: the same id under another
    runs folder (another user, another test) is another run, whose containers cleanup must not touch."""
    return {f"{LABEL}.run_dir": str(Path(runs_dir).resolve()), f"{LABEL}.run_id": run_id}


def run_containers(client: docker.DockerClient, runs_dir: Path, run_id: str, running_only: bool = False) -> list[Container]:
    """A run's containers, by its labels."""
    filters = [f"{LABEL}=1", *(f"{k}={v}" for k, v in run_labels(runs_dir, run_id).items())]
    return client.containers.list(all=not running_only, filters={"label": filters})


def remove_run_containers(client: docker.DockerClient, runs_dir: Path, run_id: str) -> int:
    """Remove a run's leftover containers (an earlier attempt killed half way, or this one interrupted)."""
    removed = 0
    for container in run_containers(client, runs_dir, run_id):
        try:
            container.remove(force=True)
            removed += 1
        except NotFound:
            pass
    return removed
