"""The run's total cost on a cluster: one Ray actor that every task's budget reads and adds to.

`Budget.check` reads `total.spent` before each model call; with one ledger for the whole run, a task on
any node sees what all the others spent. Calls already under way when the cap is reached still finish,
so the cap is overrun by at most one call per task running at that moment (locally: per worker thread).
"""

from __future__ import annotations


class CostLedger:
    """The actor's state: what the run spent so far."""

    def __init__(self) -> None:
        self.spent = 0.0
        self.stopped = False

    def stop(self) -> None:
        self.stopped = True

    def is_stopped(self) -> bool:
        return self.stopped

    def add(self, cost: float | None) -> float:
        self.spent += cost or 0.0
        return self.spent

    def total(self) -> float:
        return self.spent


class SharedTotalCost:
    """`TotalCost`'s interface over a ledger actor (picklable: it holds only the actor's handle)."""

    def __init__(self, ledger, limit: float | None) -> None:
        self.ledger = ledger
        self.limit = limit

    @property
    def spent(self) -> float:
        import ray

        return ray.get(self.ledger.total.remote())

    @property
    def stopped(self) -> bool:
        """Set by the driver on Ctrl-C: every agent on the cluster ends before its next model call."""
        import ray

        return ray.get(self.ledger.is_stopped.remote())

    def stop(self) -> None:
        import ray

        ray.get(self.ledger.stop.remote(), timeout=30)

    def add(self, cost: float | None) -> None:
        import ray

        ray.get(self.ledger.add.remote(cost))


def new_ledger(limit: float | None) -> SharedTotalCost:
    from swebench_mm.cluster.ray_executor import on_driver_node

    return SharedTotalCost(on_driver_node(CostLedger), limit)
