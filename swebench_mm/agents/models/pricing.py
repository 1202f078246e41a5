"""Prices per model, from a data file users can extend; unknown stays unknown."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from swebench_mm.errors import UserError

Price = dict[str, float]


def load_prices(extra: Path | None = None) -> dict[str, Price]:
    """The shipped table, overridden by `extra` (same shape) if given."""
    table = json.loads(resources.files("swebench_mm.agents.models").joinpath("prices.json").read_text(encoding="utf-8"))
    if extra is not None:
        try:
            table.update(json.loads(Path(extra).read_text(encoding="utf-8")))
        except (OSError, json.JSONDecodeError) as exc:
            raise UserError(f"{extra}: cannot read prices ({exc})") from None
    prices = {}
    for model, price in table.items():
        if model.startswith("_"):
            continue
        if not isinstance(price, dict) or not {"input_per_mtok", "output_per_mtok"} <= price.keys():
            raise UserError(f"prices: {model!r} needs input_per_mtok and output_per_mtok")
        prices[model] = price
    return prices


def price_for(model: str, prices: dict[str, Price]) -> Price | None:
    """Exact name first, then the longest known prefix (dated snapshots share their family's price)."""
    if model in prices:
        return prices[model]
    candidates = [name for name in prices if model.startswith(name + "-") or model.startswith(name + "@")]
    return prices[max(candidates, key=len)] if candidates else None


def cost_of(price: Price | None, input_tokens: int, output_tokens: int) -> float | None:
    if price is None:
        return None
    return (input_tokens * price["input_per_mtok"] + output_tokens * price["output_per_mtok"]) / 1_000_000
