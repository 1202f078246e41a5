"""What every scaffold provides to the runner."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from swebench_mm.agents.environment import DockerEnvironment
from swebench_mm.agents.trajectory import Trajectory
from swebench_mm.instances import TaskInstance


@dataclass
class AgentResult:
    patch: str
    exit_status: str  # "submitted", "limit: ...", "error: ..."


class Agent(Protocol):
    name: str
    # False for baselines that never look at the repository (no container is started for them).
    needs_environment: bool

    def run(self, instance: TaskInstance, env: DockerEnvironment | None, images: list[Path],
            trajectory: Trajectory) -> AgentResult: ...
