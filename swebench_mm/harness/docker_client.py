"""The Docker engine connection, with an error that says what to do when there is none."""

from __future__ import annotations

import docker
from docker.errors import DockerException

from swebench_mm.errors import UserError

LABEL = "swebench-mm"


def docker_client() -> docker.DockerClient:
    """A client whose daemon answers, or a `UserError` telling the user how to get one."""
    try:
        client = docker.from_env(timeout=600)
        client.ping()
        return client
    except DockerException as exc:
        raise UserError(
            "no Docker engine answers "
            f"({str(exc).splitlines()[0][:160]}). Start one (as root: `apt-get install -y docker.io && dockerd &`, "
            "or run `make setup`, which does it for you), or set DOCKER_HOST to a reachable engine."
        ) from None
