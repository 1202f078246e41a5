"""One throwaway container: start from an image, copy files in, run a script, always remove it.

Tests run with networking off and memory/pids/CPU limits, because a model's patch is untrusted code
and a test suite that hangs or forks forever must not take the machine with it.
"""

from __future__ import annotations

import io
import tarfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import docker
from docker.errors import DockerException, NotFound
from docker.models.containers import Container
from docker.types import LogConfig

from swebench_mm.harness.docker_client import LABEL

EXIT_TIMEOUT = 124  # what coreutils `timeout` returns when it had to stop the command
EXIT_KILLED = 137  # 128 + SIGKILL: `timeout --kill-after` had to kill it, or the kernel's OOM killer did
MAX_OUTPUT_BYTES = 50 * 1024 * 1024  # what is kept of a script's output; the rest is cut with a note
DISK_POLL_S = 5.0
# Capabilities a test suite never needs (raw sockets, device nodes, chroot, audit, file capabilities).
DROPPED_CAPABILITIES = ["NET_RAW", "MKNOD", "SYS_CHROOT", "AUDIT_WRITE", "SETFCAP", "SETPCAP", "NET_BIND_SERVICE"]


@dataclass(frozen=True)
class Limits:
    memory: str = "4g"
    pids: int = 4096
    cpus: float = 2.0
    network: bool = False
    # How much the container may write (its writable layer); over it the container is stopped (disk_limit).
    disk_bytes: int = 8 * 1024**3
    output_bytes: int = MAX_OUTPUT_BYTES


@dataclass
class ExecResult:
    exit_code: int
    output: str
    seconds: float
    timeout_s: float | None = None
    oom_killed: bool = False
    disk_exceeded: bool = False
    output_cut_bytes: int = 0  # output beyond Limits.output_bytes, not kept

    @property
    def timed_out(self) -> bool:
        """`timeout` exits 124 when the command stopped on TERM, 137 when it had to KILL it; a 137 that
        is not an OOM kill and came at the time limit is the same timeout."""
        if self.exit_code == EXIT_TIMEOUT:
            return True
        return (self.exit_code == EXIT_KILLED and not self.oom_killed and self.timeout_s is not None
                and self.seconds >= self.timeout_s)


def container_options(limits: Limits, labels: dict[str, str]) -> dict:
    """The docker SDK options every container of ours gets: limits, network policy, labels, an init."""
    return {
        "network_mode": None if limits.network else "none",
        "mem_limit": limits.memory,
        "pids_limit": limits.pids,
        "nano_cpus": int(limits.cpus * 1e9),
        "labels": {LABEL: "1", **labels},
        "init": True,
        "cap_drop": DROPPED_CAPABILITIES,
        "security_opt": ["no-new-privileges"],
        # The engine's own copy of the output is bounded too (the harness reads the live stream).
        "log_config": LogConfig(type="json-file", config={"max-size": "20m", "max-file": "2"}),
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


class _OutputReader(threading.Thread):
    """Reads a container's output as it comes, keeping at most `limit` bytes: a patch that prints
    gigabytes costs the harness no more memory than that."""

    def __init__(self, container: Container, limit: int) -> None:
        super().__init__(daemon=True)
        self.container, self.limit = container, limit
        self.chunks: list[bytes] = []
        self.kept = self.cut = 0

    def run(self) -> None:
        try:
            for chunk in self.container.logs(stream=True, follow=True, stdout=True, stderr=True):
                room = self.limit - self.kept
                if room > 0:
                    self.chunks.append(chunk[:room])
                    self.kept += min(room, len(chunk))
                self.cut += max(0, len(chunk) - max(room, 0))
        except DockerException:
            pass

    def text(self) -> str:
        text = b"".join(self.chunks).decode("utf-8", errors="replace")
        if self.cut:
            text += f"\n[swebench-mm: output cut here: {self.cut} more bytes beyond the {self.limit}-byte limit]\n"
        return text


def _disk_used(client: docker.DockerClient, container_id: str) -> int:
    try:
        listed = client.api.containers(all=True, size=True, filters={"id": container_id})
    except DockerException:
        return 0
    return int(listed[0].get("SizeRw") or 0) if listed else 0


def run_script_once(client: docker.DockerClient, image: str, directory: str, files: dict[str, str | bytes], script: str,
                    timeout_s: int, limits: Limits, labels: dict[str, str],
                    before_removal: Callable[[Container], None] | None = None) -> ExecResult:
    """Create a container whose only process is `script` (copied in with `files`), run it, remove it.

    Cheaper than starting an idle container and exec-ing into it (no exec round trips, no kill), which
    matters when the tests themselves take a second or two. Output is streamed and capped, the writable
    layer is watched (stopped past limits.disk_bytes), and an OOM kill is read from the engine.
    """
    started = time.monotonic()
    container = client.containers.create(
        image, ["timeout", "--kill-after=10", str(timeout_s), "bash", f"{directory}/{script}"],
        **container_options(limits, labels),
    )
    try:
        container.put_archive("/", _tar(directory, files))
        container.start()
        reader = _OutputReader(container, limits.output_bytes)
        reader.start()
        disk_exceeded = False
        deadline = time.monotonic() + timeout_s + 60
        while True:
            try:
                exit_code = container.wait(timeout=DISK_POLL_S)["StatusCode"]
                break
            except Exception:  # noqa: BLE001 — still running (the SDK raises on its read timeout)
                pass
            if _disk_used(client, container.id) > limits.disk_bytes:
                disk_exceeded = True
                container.kill()
            elif time.monotonic() > deadline:  # the engine did not stop it in time: stop it ourselves
                container.kill()
        reader.join(timeout=30)
        state = client.api.inspect_container(container.id)["State"]
        if before_removal is not None:
            before_removal(container)
        return ExecResult(exit_code, reader.text(), time.monotonic() - started, timeout_s,
                          bool(state.get("OOMKilled")), disk_exceeded, reader.cut)
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
