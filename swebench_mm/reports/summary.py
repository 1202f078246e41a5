"""Numbers of a report: per-run metrics with intervals, breakdowns, and pairwise comparisons.

Pure functions over `RunData` and instances, returning plain dicts: the JSON output *is* this data, and
the HTML/Markdown renderers only format it. Schema documented in `docs/report-schema.md`.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from swebench_mm.harness.specs import load_specs
from swebench_mm.instances import TaskInstance
from swebench_mm.reports.load import RunData
from swebench_mm.reports.stats import mcnemar_exact, percentile, wilson_interval

SCHEMA_VERSION = 1


def repo_of(instance_id: str, instances: dict[str, TaskInstance]) -> str:
    if instance_id in instances:
        return instances[instance_id].repo
    owner_name = instance_id.rsplit("-", 1)[0]
    return owner_name.replace("__", "/", 1)


def framework_of(instance: TaskInstance | None, specs: dict) -> str:
    if instance is None:
        return "unknown"
    spec = specs.get((instance.repo, instance.version))
    if spec is not None:
        return spec.parser
    return str(instance.extra.get("log_parser") or "unknown")


def image_needed_of(instance: TaskInstance | None) -> str:
    """`yes` / `no` from the instance's `image_needed` field, `unknown` when it has none."""
    if instance is None or "image_needed" not in instance.extra:
        return "unknown"
    return "yes" if instance.extra["image_needed"] else "no"


def rate(resolved: int, total: int) -> dict[str, Any]:
    low, high = wilson_interval(resolved, total)
    return {"resolved": resolved, "total": total, "rate": resolved / total if total else 0.0,
            "ci95": [round(low, 4), round(high, 4)]}


def _spread(values: list[float | None]) -> dict[str, float | None]:
    known = [v for v in values if v is not None]
    return {"median": percentile(known, 50), "p90": percentile(known, 90), "n": len(known)}


def exit_kind(exit_status: str | None) -> str:
    """`limit: step limit 40 reached` → `limit`: how an agent ended, without the instance's details."""
    return (exit_status or "unknown").split(":", 1)[0].strip() or "unknown"


def run_summary(run: RunData, instances: dict[str, TaskInstance]) -> dict[str, Any]:
    specs = load_specs()
    results = [run.results[i] for i in run.submitted]
    resolved_ids = [r.instance_id for r in results if r.resolved]
    groups: dict[str, dict[str, list[bool]]] = {"repo": {}, "framework": {}, "image_needed": {}}
    for result in results:
        instance = instances.get(result.instance_id)
        keys = {
            "repo": repo_of(result.instance_id, instances),
            "framework": framework_of(instance, specs),
            "image_needed": image_needed_of(instance),
        }
        for group, key in keys.items():
            groups[group].setdefault(key, []).append(result.resolved)
    categories = Counter(r.failure_category for r in results if r.failure_category)
    non_empty = [r for r in results if r.patch_is_empty is False and r.status != "error"]
    applied = [r for r in non_empty if r.apply_method not in (None, "none")]
    agent = [r.agent for r in results if r.agent]
    costs = [a.get("cost") for a in agent]
    cost_known = bool(agent) and all(c is not None for c in costs)
    total_cost = sum(c for c in costs if c is not None) if agent else None
    return {
        "name": run.name,
        "model": run.model,
        "kind": run.kind,
        "source": str(run.source),
        # Over all instances of the evaluated set, as SWE-bench reports it.
        "overall": rate(len(resolved_ids), run.total_instances),
        "submitted": len(results),
        "errors": sum(r.status == "error" for r in results),
        "by_repo": {k: rate(sum(v), len(v)) for k, v in sorted(groups["repo"].items())},
        "by_framework": {k: rate(sum(v), len(v)) for k, v in sorted(groups["framework"].items())},
        "by_image_needed": {k: rate(sum(v), len(v)) for k, v in sorted(groups["image_needed"].items())},
        "patch_apply_rate": (len(applied) / len(non_empty)) if non_empty else None,
        "failure_categories": dict(sorted(categories.items())),
        # How the agent ended on each instance (submitted, limit, error, stopped, ...); empty without agent data.
        "agent_exits": dict(sorted(Counter(exit_kind(a.get("exit_status")) for a in agent).items())),
        "cost": {
            "available": bool(agent),  # False for runs evaluated without an agent run (no cost data at all)
            "known": cost_known,
            "total": total_cost,
            "per_instance": (total_cost / len(agent)) if agent and total_cost is not None else None,
            "per_resolved": (total_cost / len(resolved_ids)) if resolved_ids and total_cost is not None else None,
        },
        "tokens_in": _spread([a.get("input_tokens") for a in agent]),
        "tokens_out": _spread([a.get("output_tokens") for a in agent]),
        "steps": _spread([a.get("steps") for a in agent]),
        "agent_wall_time_s": _spread([a.get("wall_time_s") for a in agent]),
        "eval_wall_time_s": _spread([r.eval_seconds for r in results]),
        "resolved_ids": resolved_ids,
    }


def compare(a: RunData, b: RunData) -> dict[str, Any]:
    common = [i for i in a.submitted if i in set(b.submitted)]
    counts = {"both": 0, "only_a": 0, "only_b": 0, "neither": 0}
    for instance_id in common:
        ra, rb = a.results[instance_id].resolved, b.results[instance_id].resolved
        key = "both" if ra and rb else "only_a" if ra else "only_b" if rb else "neither"
        counts[key] += 1
    warning = None
    if set(a.submitted) != set(b.submitted):
        warning = (f"{a.name} and {b.name} cover different instances "
                   f"({len(a.submitted)} vs {len(b.submitted)}, {len(common)} in common): compared on the common ones")
    return {"a": a.name, "b": b.name, "common_instances": len(common), **counts,
            "mcnemar_p": mcnemar_exact(counts["only_a"], counts["only_b"]), "warning": warning}


def environment_notes(ids: list[str], instances: dict[str, TaskInstance]) -> list[dict[str, Any]]:
    """Where swebench-mm's environment differs from the original evaluation (another browser, say), per
    (repo, version) among the report's instances: a reader comparing numbers with published ones needs it."""
    specs = load_specs()
    notes: dict[tuple[str, str], dict[str, Any]] = {}
    for instance_id in ids:
        instance = instances.get(instance_id)
        spec = specs.get((instance.repo, instance.version)) if instance is not None else None
        if spec is None or not (spec.notes or spec.browser_note):
            continue
        entry = notes.setdefault((spec.repo, spec.version), {
            "repo": spec.repo, "version": spec.version, "instances": 0,
            "browser": spec.browser_note or None, "notes": spec.notes or None,
        })
        entry["instances"] += 1
    return [notes[key] for key in sorted(notes)]


def placeholder_notes(runs: list[RunData]) -> list[dict[str, Any]]:
    """Instances evaluated on a checkout with placeholder files (a partial mirror), per run: a verdict
    that may rest on a missing file must not pass for an ordinary one."""
    notes = []
    for run in runs:
        for instance_id in run.submitted:
            result = run.results.get(instance_id)
            if result is None or not result.placeholders:
                continue
            notes.append({
                "run": run.name, "instance_id": instance_id, "count": result.placeholders.get("count", 0),
                "paths": list(result.placeholders.get("paths", []))[:5], "status": result.status,
                "may_depend": result.may_depend_on_placeholders,
            })
    return notes


def build_report(runs: list[RunData], instances: dict[str, TaskInstance]) -> dict[str, Any]:
    ids = list(dict.fromkeys(i for run in runs for i in run.submitted))
    return {
        "schema_version": SCHEMA_VERSION,
        "runs": [run_summary(run, instances) for run in runs],
        "comparisons": [compare(a, b) for n, a in enumerate(runs) for b in runs[n + 1:]],
        "environment_notes": environment_notes(ids, instances),
        "placeholder_notes": placeholder_notes(runs),
        "instances": {
            i: {
                "repo": repo_of(i, instances),
                "image_needed": instances[i].extra.get("image_needed") if i in instances else None,
                "status": {run.name: (run.results[i].status if i in run.results else "not run") for run in runs},
            }
            for i in ids
        },
    }
