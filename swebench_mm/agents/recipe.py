"""How to make a run's agent: the command line's choices as data, so any process can make the same agent.

An agent holds a live SDK client (locks, sockets) and cannot travel to a cluster node; its recipe can.
The CLI and every Ray task build agents through `AgentRecipe.build`, so an option means the same thing
wherever the agent runs. The run-wide cost cap is passed in: a local `TotalCost`, or on a cluster one
ledger actor all tasks share (swebench_mm/cluster/cost_ledger.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from swebench_mm.errors import UserError


@dataclass(frozen=True)
class AgentRecipe:
    agent: str  # tool-agent | pipeline | retrieval | gold | empty
    model: str | None = None
    prices: str | None = None
    step_limit: int | None = None
    cost_limit: float | None = None
    total_cost_limit: float | None = None
    keep_images: int = 3
    attempts: int = 1

    def check(self) -> None:
        """Refuse bad choices before anything runs (on the driver, once)."""
        if self.agent in ("gold", "empty"):
            return
        if not self.model:
            raise UserError(f"--agent {self.agent} needs --model (e.g. openai:gpt-4o, anthropic:claude-sonnet-4-5, "
                            "openai-compatible:NAME@http://localhost:8000/v1)")
        if self.keep_images < 0:
            raise UserError("--keep-images must be 0 or more")
        if self.attempts < 1:
            raise UserError("--attempts must be at least 1")

    def build(self, total=None):
        """The agent and the model name its predictions carry. `total` is the run's shared cost (anything
        with `limit`, `spent` and `add`); a fresh local one when None."""
        from swebench_mm.agents.models.budget import Budget, TotalCost
        from swebench_mm.agents.models.registry import make_model
        from swebench_mm.agents.scaffolds.baselines import EmptyAgent, GoldAgent
        from swebench_mm.agents.scaffolds.pipeline import PipelineAgent
        from swebench_mm.agents.scaffolds.retrieval import RetrievalAgent
        from swebench_mm.agents.scaffolds.tool_agent import ToolAgent

        self.check()
        if self.agent in ("gold", "empty"):
            return (GoldAgent() if self.agent == "gold" else EmptyAgent()), self.agent
        model = make_model(self.model, Path(self.prices) if self.prices else None)
        if getattr(model, "price", None) is None and (self.cost_limit or self.total_cost_limit):
            raise UserError(f"a cost limit is set but the price of {model.name!r} is unknown: add it with --prices FILE "
                            '({"NAME": {"input_per_mtok": X, "output_per_mtok": Y}})')
        shared = total if total is not None else TotalCost(limit=self.total_cost_limit)

        def budget() -> Budget:
            return Budget(step_limit=self.step_limit, cost_limit=self.cost_limit, total=shared)

        if self.agent == "pipeline":
            agent = PipelineAgent(model, budget)
        elif self.agent == "retrieval":
            agent = RetrievalAgent(model, budget, attempts=self.attempts)
        else:
            agent = ToolAgent(model, budget, keep_images=self.keep_images)
        return agent, f"{self.agent}__{model.name}"
