"""Real infrastructure for the cluster tests, started and stopped by the tests themselves: a Ray cluster of
two nodes on this machine, a second Docker engine (the "other machine" of a node), and a local image
registry (Debian's `docker-registry`). Nothing here is mocked; everything listens on 127.0.0.1 or a
private socket, and everything is torn down afterwards.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


RAY = str(Path(sys.executable).parent / "ray")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(check, what: str, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.5)
    raise AssertionError(f"{what} did not come up within {timeout_s:.0f} s")


@contextmanager
def second_docker_engine() -> Iterator[str]:
    """Another dockerd with its own images and containers: the engine of a second machine. Yields DOCKER_HOST.

    It gets a bridge interface of its own and sets no iptables rules, so it cannot disturb the main
    engine (`--bridge none` would not do: dockerd then deletes the host's docker0, the main engine's)."""
    root = Path(tempfile.mkdtemp(prefix="swebench-mm-d2-"))
    host = f"unix://{root}/docker.sock"
    bridge = f"swmm{os.getpid() % 100000}"
    for command in (["ip", "link", "add", bridge, "type", "bridge"], ["ip", "addr", "add", "172.31.254.1/24", "dev", bridge],
                    ["ip", "link", "set", bridge, "up"]):
        subprocess.run(command, check=True, capture_output=True)
    log = open(root / "dockerd.log", "w")
    daemon = subprocess.Popen(
        ["dockerd", "--data-root", str(root / "data"), "--exec-root", str(root / "exec"), "-H", host,
         "--pidfile", str(root / "docker.pid"), "--bridge", bridge, "--iptables=false", "--ip-masq=false"],
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    env = {**os.environ, "DOCKER_HOST": host}
    try:
        _wait(lambda: subprocess.run(["docker", "info"], env=env, capture_output=True).returncode == 0,
              "the second Docker engine")
        yield host
    finally:
        subprocess.run(f"docker ps -aq | xargs -r docker rm -f", shell=True, env=env, capture_output=True)
        daemon.send_signal(signal.SIGTERM)
        try:
            daemon.wait(timeout=30)
        except subprocess.TimeoutExpired:
            daemon.kill()
        log.close()
        subprocess.run(["umount", "-R", str(root / "data")], capture_output=True)
        subprocess.run(["ip", "link", "del", bridge], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


@contextmanager
def image_registry() -> Iterator[str]:
    """A local registry (Debian's docker-registry) on 127.0.0.1; engines treat 127.0.0.0/8 as insecure
    by default, so no engine configuration is needed. Yields HOST:PORT."""
    binary = shutil.which("docker-registry")
    assert binary, "the cluster tests need Debian's docker-registry (scripts/setup.sh --with-test-deps installs it)"
    root = Path(tempfile.mkdtemp(prefix="swebench-mm-registry-"))
    port = free_port()
    (root / "config.yml").write_text(json.dumps({
        "version": 0.1, "storage": {"filesystem": {"rootdirectory": str(root / "data")}, "delete": {"enabled": True}},
        "http": {"addr": f"127.0.0.1:{port}"},
    }))
    log = open(root / "registry.log", "w")
    server = subprocess.Popen([binary, "serve", str(root / "config.yml")], stdout=log, stderr=subprocess.STDOUT)

    def answers() -> bool:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            return False
    try:
        _wait(answers, "the image registry")
        yield f"127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        shutil.rmtree(root, ignore_errors=True)


class RayCluster:
    """Ray nodes on this machine: a head, then workers joining it, each with its resources and engine."""

    def __init__(self) -> None:
        self.port = free_port()
        self.address = f"127.0.0.1:{self.port}"
        self.temp = Path(tempfile.mkdtemp(prefix="swebench-mm-ray-"))

    def _start(self, args: list[str], resources: dict[str, float], docker_host: str | None) -> None:
        env = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0"}
        env.pop("DOCKER_HOST", None)
        if docker_host:
            env["DOCKER_HOST"] = docker_host
        before = self.node_ids()
        result = subprocess.run([RAY, "start", *args, "--num-cpus", "1", "--resources", json.dumps(resources),
                                 "--disable-usage-stats"], env=env, capture_output=True, text=True, timeout=180)
        assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
        _wait(lambda: len(self.node_ids()) > len(before), "the new Ray node")

    def start_head(self, resources: dict[str, float], docker_host: str | None = None) -> None:
        self._start(["--head", "--port", str(self.port), "--include-dashboard=false",
                     f"--temp-dir={self.temp}"], resources, docker_host)

    def add_node(self, resources: dict[str, float], docker_host: str | None = None) -> str:
        before = set(self.node_ids())
        self._start(["--address", self.address], resources, docker_host)
        return next(iter(set(self.node_ids()) - before))

    def nodes(self) -> list[dict]:
        if not (self.temp / "session_latest").exists():
            return []
        code = ("import json, ray; ray.init(address='%s', logging_level='ERROR'); "
                "print(json.dumps([{k: n[k] for k in ('NodeID', 'Alive', 'NodeManagerPort', 'Resources')} "
                "for n in ray.nodes()]))" % self.address)
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
        return json.loads(out.stdout.strip().splitlines()[-1]) if out.returncode == 0 else []

    def node_ids(self) -> list[str]:
        return [n["NodeID"] for n in self.nodes() if n["Alive"]]

    def kill_node(self, node_id: str) -> None:
        """Kill a node's raylet, as when its machine dies: Ray must re-run that node's tasks elsewhere."""
        for proc in Path("/proc").iterdir():
            try:
                args = (proc / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if args and args[0].endswith(b"raylet") and f"--node_id={node_id}".encode() in args:
                os.kill(int(proc.name), signal.SIGKILL)
                return
        raise AssertionError(f"no raylet of node {node_id}")

    def stop(self) -> None:
        subprocess.run([RAY, "stop", "--force"], capture_output=True, timeout=120)
        shutil.rmtree(self.temp, ignore_errors=True)


@contextmanager
def ray_cluster() -> Iterator[RayCluster]:
    cluster = RayCluster()
    try:
        yield cluster
    finally:
        import ray

        if ray.is_initialized():
            ray.shutdown()
        cluster.stop()
