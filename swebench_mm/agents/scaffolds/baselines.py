"""`gold` and `empty` as agents, so baselines take the same path through the runner as real models."""

from __future__ import annotations

from pathlib import Path

from swebench_mm.agents.environment import Environment
from swebench_mm.agents.scaffolds.base import AgentResult
from swebench_mm.agents.trajectory import Trajectory
from swebench_mm.instances import TaskInstance


class GoldAgent:
    name = "gold"
    needs_environment = False
    uses_browser = False

    def run(self, instance: TaskInstance, env: Environment | None, images: list[Path],
            trajectory: Trajectory) -> AgentResult:
        return AgentResult(instance.patch, "submitted")


class EmptyAgent:
    name = "empty"
    needs_environment = False
    uses_browser = False

    def run(self, instance: TaskInstance, env: Environment | None, images: list[Path],
            trajectory: Trajectory) -> AgentResult:
        return AgentResult("", "submitted")
