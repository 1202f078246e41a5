"""Report plots with matplotlib, returned as SVG text to inline into one self-contained HTML file."""

from __future__ import annotations

import io
from typing import Any


def _svg(figure) -> str:
    import matplotlib.pyplot as plt

    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight")
    plt.close(figure)
    text = buffer.getvalue()
    return text[text.find("<svg"):]  # drop the XML prolog and doctype: inline SVG needs neither


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")  # no display, and no surprise when one exists
    import matplotlib.pyplot as plt

    plt.rcParams["svg.hashsalt"] = "swebench-mm"  # stable element ids: same data, same file
    return plt


def resolve_rate_plot(report: dict[str, Any]) -> str:
    plt = _pyplot()
    runs = report["runs"]
    figure, axes = plt.subplots(figsize=(max(4, 1.2 * len(runs) + 2), 3.2))
    rates = [r["overall"]["rate"] * 100 for r in runs]
    lows = [rate - r["overall"]["ci95"][0] * 100 for rate, r in zip(rates, runs)]
    highs = [r["overall"]["ci95"][1] * 100 - rate for rate, r in zip(rates, runs)]
    axes.bar(range(len(runs)), rates, yerr=[lows, highs], capsize=6, color="#4e79a7")
    axes.set_xticks(range(len(runs)), [r["name"] for r in runs], rotation=20, ha="right")
    axes.set_ylabel("resolved (%)")
    axes.set_ylim(0, 100)
    axes.set_title("Resolve rate with 95% Wilson interval")
    return _svg(figure)


def cost_plot(report: dict[str, Any]) -> str | None:
    runs = [r for r in report["runs"] if r["cost"]["per_instance"] is not None]
    if not runs:
        return None
    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(5, 3.2))
    for run in runs:
        axes.scatter(run["cost"]["per_instance"], run["overall"]["rate"] * 100, s=40)
        label = run["name"] + ("" if run["cost"]["known"] else " (some costs unknown)")
        axes.annotate(label, (run["cost"]["per_instance"], run["overall"]["rate"] * 100), textcoords="offset points",
                      xytext=(5, 5), fontsize=8)
    axes.set_xlabel("cost per instance (USD)")
    axes.set_ylabel("resolved (%)")
    axes.set_ylim(-5, 105)
    axes.set_title("Cost versus resolve rate")
    return _svg(figure)


def repo_heatmap(report: dict[str, Any]) -> str | None:
    runs = report["runs"]
    repos = sorted({repo for run in runs for repo in run["by_repo"]})
    if not repos:
        return None
    plt = _pyplot()
    grid = [[run["by_repo"].get(repo, {}).get("rate", float("nan")) * 100 for run in runs] for repo in repos]
    figure, axes = plt.subplots(figsize=(max(4, 1.3 * len(runs) + 3), 0.45 * len(repos) + 1.5))
    image = axes.imshow(grid, cmap="viridis", vmin=0, vmax=100, aspect="auto")
    axes.set_xticks(range(len(runs)), [r["name"] for r in runs], rotation=20, ha="right")
    axes.set_yticks(range(len(repos)), repos)
    for y, row in enumerate(grid):
        for x, value in enumerate(row):
            if value == value:  # not NaN
                axes.text(x, y, f"{value:.0f}", ha="center", va="center", color="white" if value < 60 else "black", fontsize=8)
    figure.colorbar(image, ax=axes, label="resolved (%)")
    axes.set_title("Resolve rate per repository")
    return _svg(figure)
