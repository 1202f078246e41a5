"""Reading runs for reports: swebench-mm run folders, and SWE-bench's own run_evaluation report files."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from swebench_mm.errors import UserError
from swebench_mm.instances import TaskInstance, load_instances

LOG_TAIL_LINES = 60


@dataclass
class InstanceResult:
    instance_id: str
    status: str  # resolved | unresolved | error | missing
    failure_category: str | None = None
    apply_method: str | None = None
    patch_is_empty: bool | None = None
    tests_status: dict[str, dict[str, list[str]]] | None = None
    patch: str | None = None
    log_tail: str | None = None
    eval_seconds: float | None = None
    agent: dict[str, Any] | None = None  # exit_status, steps, tokens, cost, wall_time_s
    trajectory_file: Path | None = None
    folder: Path | None = None
    # Files of the checkout that were placeholders (the repository mirror lacked them): {"count", "paths"},
    # and whether the verdict may rest on one (harness/evaluate.py decides).
    placeholders: dict[str, Any] | None = None
    may_depend_on_placeholders: bool = False
    # Set directly (tests, other sources); otherwise read from trajectory_file each time it is asked for.
    trajectory_data: dict[str, Any] | None = None

    @property
    def resolved(self) -> bool:
        return self.status == "resolved"

    @property
    def trajectory(self) -> dict[str, Any] | None:
        """Read on demand: four full runs hold gigabytes of trajectories, the report needs one at a time."""
        if self.trajectory_data is not None:
            return self.trajectory_data
        return _json(self.trajectory_file) if self.trajectory_file is not None else None


@dataclass
class RunData:
    name: str
    model: str
    source: Path
    kind: str  # "swebench-mm" | "swebench"
    submitted: list[str]
    total_instances: int
    results: dict[str, InstanceResult] = field(default_factory=dict)
    instances_source: str | list[str] | None = None


def _json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise UserError(f"{path}: cannot read ({exc})") from None


def _tail(path: Path, lines: int = LOG_TAIL_LINES) -> str | None:
    if not path.exists():
        return None
    return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def load_instance_result(instance_id: str, directory: Path) -> InstanceResult:
    """One instance folder of a run (`<model>/<instance_id>/`): its verdict, patch, log tail, agent summary and
    trajectory file, whichever of them exist yet (status `missing` until it is evaluated)."""
    data = _json(directory / "report.json") if (directory / "report.json").exists() else {}
    prediction = _json(directory / "prediction.json") if (directory / "prediction.json").exists() else {}
    trajectory = directory / "trajectory.json"
    return InstanceResult(
        instance_id=instance_id,
        status=data.get("status", "missing"),
        failure_category=data.get("failure_category"),
        apply_method=data.get("apply_method"),
        patch_is_empty=data.get("patch_is_empty"),
        tests_status=data.get("tests_status"),
        patch=(directory / "patch.diff").read_text(encoding="utf-8") if (directory / "patch.diff").exists() else None,
        log_tail=_tail(directory / "test_output.txt"),
        eval_seconds=(data.get("timings") or {}).get("total_s"),
        agent=prediction.get("agent"),
        trajectory_file=trajectory if trajectory.exists() else None,
        folder=directory,
        placeholders=data.get("placeholders"),
        may_depend_on_placeholders=bool(data.get("may_depend_on_placeholders")),
    )


def load_swebench_mm_run(folder: Path) -> RunData:
    report = _json(folder / "report.json")
    model = report["model_name_or_path"]
    model_dir = folder / model.replace("/", "__")
    run = RunData(
        name=report.get("run_id", folder.name), model=model, source=folder, kind="swebench-mm",
        submitted=list(report["submitted_ids"]), total_instances=int(report["total_instances"]),
        instances_source=report.get("instances_source"),
    )
    for instance_id in run.submitted:
        run.results[instance_id] = load_instance_result(instance_id, model_dir / instance_id)
    return run


def load_unevaluated_run(folder: Path) -> RunData:
    """A run folder that `swebench-mm run` is writing, or was killed writing, with no report.json yet.

    Its instances are the `<model>/<instance_id>/` folders holding a trajectory or a prediction (a
    trajectory is saved after every step, so a killed instance has its steps so far); their status is
    `missing` until they are evaluated. The model is the one predictions.jsonl names, else the folder's.
    """
    models: list[str] = []
    predictions = folder / "predictions.jsonl"
    if predictions.exists():
        for line in predictions.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                name = json.loads(line).get("model_name_or_path")
            except (json.JSONDecodeError, AttributeError):
                continue
            if isinstance(name, str) and name not in models:
                models.append(name)
    model_dirs = {name.replace("/", "__"): name for name in models}
    for child in sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []:
        if any((d / "trajectory.json").exists() or (d / "prediction.json").exists() for d in child.iterdir() if d.is_dir()):
            model_dirs.setdefault(child.name, child.name)
    model_dirs = {d: m for d, m in model_dirs.items() if (folder / d).is_dir()}
    if not model_dirs:
        raise UserError(f"{folder}: neither a report.json nor any <model>/<instance_id>/ folder with a trajectory "
                        "or prediction in it (is this a swebench-mm run folder?)")
    directory, model = next(iter(model_dirs.items()))
    ids = sorted(d.name for d in (folder / directory).iterdir()
                 if d.is_dir() and ((d / "trajectory.json").exists() or (d / "prediction.json").exists()))
    run = RunData(name=folder.name, model=model, source=folder, kind="swebench-mm", submitted=ids,
                  total_instances=len(ids))
    for instance_id in ids:
        run.results[instance_id] = load_instance_result(instance_id, folder / directory / instance_id)
    return run


def load_swebench_report(path: Path) -> RunData:
    """SWE-bench's `<model>.<run_id>.json`: id lists only, no per-instance details."""
    report = _json(path)
    if "resolved_ids" not in report:
        raise UserError(f"{path}: not a SWE-bench or swebench-mm run report (no resolved_ids)")
    submitted = list(report.get("submitted_ids") or [
        *report.get("resolved_ids", []), *report.get("unresolved_ids", []), *report.get("error_ids", []),
        *report.get("empty_patch_ids", []),
    ])
    submitted = list(dict.fromkeys(submitted))
    run = RunData(name=path.stem, model=path.stem.split(".")[0], source=path, kind="swebench", submitted=submitted,
                  total_instances=int(report.get("total_instances") or len(submitted)))
    resolved, errors = set(report.get("resolved_ids", [])), set(report.get("error_ids", []))
    empty = set(report.get("empty_patch_ids", []))
    for instance_id in submitted:
        status = "resolved" if instance_id in resolved else "error" if instance_id in errors else "unresolved"
        run.results[instance_id] = InstanceResult(instance_id, status, patch_is_empty=instance_id in empty,
                                                  failure_category="empty_patch" if instance_id in empty else None)
    return run


def load_run(reference: str, runs_dir: Path = Path("runs"), unevaluated: bool = False) -> RunData:
    """A run folder, a run id under `runs_dir`, or a SWE-bench report JSON file.

    With `unevaluated`, a run folder without report.json (an agent run not evaluated yet, or killed) is read
    as it is, instead of refused."""
    path = Path(reference)
    if not path.exists() and (runs_dir / reference).exists():
        path = runs_dir / reference
    if path.is_dir():
        if not (path / "report.json").exists() and unevaluated:
            return load_unevaluated_run(path)
        if not (path / "report.json").exists():
            raise UserError(f"{path}: no report.json (evaluate the run first: swebench-mm evaluate ... --run-id {path.name})")
        return load_swebench_mm_run(path)
    if path.is_file():
        data = _json(path)
        if isinstance(data, dict) and "run_id" in data and "submitted_ids" in data and (path.parent / data.get("model_name_or_path", "").replace("/", "__")).is_dir():
            return load_swebench_mm_run(path.parent)
        return load_swebench_report(path)
    raise UserError(f"{reference}: no such run (give a run folder, a run id under {runs_dir}/, or a report .json)")


def load_report_instances(runs: list[RunData], explicit: str | None) -> dict[str, TaskInstance]:
    """Instances for drill-down and breakdowns: --instances, else what the runs recorded, else none."""
    sources: list[str] = [explicit] if explicit else []
    if not sources:
        for run in runs:
            recorded = run.instances_source
            for source in ([recorded] if isinstance(recorded, str) else recorded or []):
                if source not in sources and Path(source).exists():
                    sources.append(source)
    instances: dict[str, TaskInstance] = {}
    for source in sources:
        for instance in load_instances(source):
            instances.setdefault(instance.instance_id, instance)
    return instances
