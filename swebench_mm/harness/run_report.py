"""The run summary `runs/<run_id>/report.json`, with SWE-bench's field names so existing tools read it."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from swebench_mm.instances import TaskInstance
from swebench_mm.predictions import Prediction


def build_run_report(run_id: str, model: str, instances: list[TaskInstance], predictions: list[Prediction],
                     reports: dict[str, dict], version: str) -> dict:
    """Counts and id lists over the instance reports.

    `completed` means a verdict was reached (resolved or not, a patch that fails to apply included: that
    is the model's failure); `error` means the harness could not judge (build failure, infrastructure).
    """
    order = [p.instance_id for p in predictions]
    resolved = [i for i in order if reports.get(i, {}).get("status") == "resolved"]
    unresolved = [i for i in order if reports.get(i, {}).get("status") == "unresolved"]
    errors = [i for i in order if reports.get(i, {}).get("status") == "error"]
    missing = [i for i in order if i not in reports]
    empty = [p.instance_id for p in predictions if p.is_empty]
    categories: dict[str, int] = {}
    for instance_id in order:
        category = reports.get(instance_id, {}).get("failure_category")
        if category:
            categories[category] = categories.get(category, 0) + 1
    submitted = len(predictions)
    sources = sorted({i.source_file if i.source_file.startswith("hub:") else str(Path(i.source_file).resolve())
                      for i in instances if i.source_file})
    return {
        "run_id": run_id,
        "model_name_or_path": model,
        # Where the instances came from, so `swebench-mm report` can show their issues and images.
        "instances_source": sources[0] if len(sources) == 1 else sources,
        "total_instances": len(instances),
        "submitted_instances": submitted,
        "completed_instances": len(resolved) + len(unresolved),
        "resolved_instances": len(resolved),
        "unresolved_instances": len(unresolved),
        "empty_patch_instances": len(empty),
        "error_instances": len(errors) + len(missing),
        # Over all instances, as SWE-bench reports it: an instance without a prediction is not resolved.
        "resolve_rate": round(len(resolved) / len(instances), 4) if instances else 0.0,
        "failure_categories": categories,
        "submitted_ids": order,
        "completed_ids": resolved + unresolved,
        "resolved_ids": resolved,
        "unresolved_ids": unresolved,
        "empty_patch_ids": empty,
        "error_ids": errors + missing,
        "instances": {
            i: {key: reports.get(i, {}).get(key) for key in ("status", "failure_category", "apply_method", "patch_hash")}
            for i in order
        },
        "swebench_mm_version": version,
        "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
