"""What every scaffold provides to the runner, and what the model-driven ones share."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from swebench_mm.agents.environment import Environment
from swebench_mm.agents.models.base import Image, Message, Model, Reply, Text, ToolSpec
from swebench_mm.agents.models.budget import Budget
from swebench_mm.agents.trajectory import Trajectory
from swebench_mm.instances import TaskInstance


@dataclass
class AgentResult:
    patch: str
    exit_status: str  # "submitted", "limit: ...", "error: ...", "stopped: ..."


class Agent(Protocol):
    name: str
    # False for baselines that never look at the repository (no container is started for them).
    needs_environment: bool
    # True for scaffolds that render pages (screenshots): their container is the image with Chromium.
    uses_browser: bool

    def run(self, instance: TaskInstance, env: Environment | None, images: list[Path],
            trajectory: Trajectory) -> AgentResult: ...


def issue_message(instance: TaskInstance, images: list[Path], after: str = "") -> Message:
    """The issue as every scaffold shows it: its text, then its images in order, then `after`."""
    parts: list[Text | Image] = [Text(
        f"Repository: {instance.repo} (at /testbed)\n\n<issue>\n{instance.problem_statement.strip()}\n</issue>\n"
        + (f"\nThe issue has {len(images)} image(s), shown below in order." if images else "")
    )]
    parts += [Image(path, f"issue image {n}") for n, path in enumerate(images, start=1)]
    if after:
        parts.append(Text(after))
    return Message("user", parts)


def ask(model: Model, budget: Budget, messages: list[Message], tools: list[ToolSpec] | None = None) -> Reply:
    """One model call within the budget: raises LimitReached before a call that could break a cap."""
    budget.check()
    reply = model.complete(messages, tools or [])
    budget.record(reply.cost)
    return reply
