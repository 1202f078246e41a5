"""Caps on steps and cost, checked *before* each model call so no cap is overrun by more than one call."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field


class LimitReached(Exception):
    """A step or cost cap stops the agent; the scaffold submits what it has."""


@dataclass
class TotalCost:
    """Cost shared by every instance of a run (thread-safe)."""

    limit: float | None = None
    spent: float = 0.0
    stopped: bool = False  # set when the run is interrupted: no agent makes another call
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, cost: float | None) -> None:
        with self._lock:
            self.spent += cost or 0.0


@dataclass
class Budget:
    step_limit: int | None = None
    cost_limit: float | None = None
    total: TotalCost = field(default_factory=TotalCost)
    steps: int = 0
    spent: float = 0.0
    cost_known: bool = True

    def check(self) -> None:
        """Raise `LimitReached` if another call could break a cap."""
        if self.total.stopped:
            raise LimitReached("the run was stopped")
        if self.step_limit is not None and self.steps >= self.step_limit:
            raise LimitReached(f"step limit {self.step_limit} reached")
        if self.cost_limit is not None and self.spent >= self.cost_limit:
            raise LimitReached(f"instance cost limit ${self.cost_limit:.2f} reached (spent ${self.spent:.4f})")
        if self.total.limit is not None and self.total.spent >= self.total.limit:
            raise LimitReached(f"total cost limit ${self.total.limit:.2f} reached (spent ${self.total.spent:.4f})")

    def record(self, cost: float | None) -> None:
        self.steps += 1
        if cost is None:
            self.cost_known = False
        self.spent += cost or 0.0
        self.total.add(cost)
