"""Predictions: the patch a model (or a baseline) proposes for each instance.

The on-disk format is SWE-bench's `predictions.jsonl` (`instance_id`, `model_name_or_path`,
`model_patch`); SWE-agent's `preds.json` (a dict keyed by instance id) is read too. `gold` and `empty`
are pseudo-predictions built from the instances themselves, so baselines go through the same path as
real models.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from swebench_mm.atomic import write_atomic
from swebench_mm.errors import UserError
from swebench_mm.jsonfiles import check_name, check_storable, json_document, json_lines, read_text
from swebench_mm.instances import TaskInstance

PSEUDO_PREDICTIONS = ("gold", "empty")


@dataclass(frozen=True)
class Prediction:
    instance_id: str
    model_name_or_path: str
    model_patch: str

    @property
    def patch_hash(self) -> str:
        """Identifies the patch content, so a re-run can tell a changed prediction from a finished one."""
        return hashlib.sha256(self.model_patch.encode("utf-8")).hexdigest()[:16]

    @property
    def is_empty(self) -> bool:
        return not self.model_patch.strip()

    def to_dict(self) -> dict[str, str]:
        return {
            "instance_id": self.instance_id,
            "model_name_or_path": self.model_name_or_path,
            "model_patch": self.model_patch,
        }


def pseudo_predictions(kind: str, instances: Iterable[TaskInstance]) -> list[Prediction]:
    """`gold`: each instance's own fix; `empty`: no change at all (the floor every scaffold must beat)."""
    if kind == "gold":
        return [Prediction(i.instance_id, "gold", i.patch) for i in instances]
    if kind == "empty":
        return [Prediction(i.instance_id, "empty", "") for i in instances]
    raise UserError(f"unknown pseudo-prediction {kind!r} (choose from {', '.join(PSEUDO_PREDICTIONS)})")


def _prediction(record: object, where: str, fallback_id: str | None = None) -> Prediction:
    if not isinstance(record, dict):
        raise UserError(f"{where}: expected a JSON object with instance_id, model_name_or_path, model_patch")
    instance_id = record.get("instance_id", fallback_id)
    if not isinstance(instance_id, str) or not instance_id:
        raise UserError(f"{where}: missing field 'instance_id'")
    check_name(instance_id, "instance_id", where)
    model = record.get("model_name_or_path")
    if not isinstance(model, str) or not model:
        raise UserError(f"{where} ({instance_id}): missing field 'model_name_or_path'")
    check_name(model, "model_name_or_path", f"{where} ({instance_id})", allow_slash=True)
    patch = record.get("model_patch")
    if patch is None:
        patch = ""
    if not isinstance(patch, str):
        raise UserError(f"{where} ({instance_id}): field 'model_patch' must be a string (or null)")
    check_storable(patch, "model_patch", f"{where} ({instance_id})")
    return Prediction(instance_id, model, patch)


def load_predictions(source: str | Path) -> list[Prediction]:
    """Read `predictions.jsonl`, a JSON list of predictions, or SWE-agent's `preds.json` dict."""
    path = Path(source)
    if not path.exists():
        raise UserError(f"{path}: no such file (expected gold, empty, or a predictions .jsonl/.json file)")
    if path.is_dir():
        raise UserError(f"{path}: is a directory; pass the predictions file")
    text = read_text(path)
    predictions: list[Prediction] = []
    if path.suffix == ".json":
        document = json_document(path, text)
        if isinstance(document, dict):  # SWE-agent: {instance_id: {model_name_or_path, model_patch, ...}}
            for instance_id, record in document.items():
                predictions.append(_prediction(record, f"{path} [{instance_id}]", instance_id))
        elif isinstance(document, list):
            for index, record in enumerate(document):
                predictions.append(_prediction(record, f"{path} [item {index}]"))
        else:
            raise UserError(f"{path}: expected a list of predictions or a dict keyed by instance id")
    else:
        for number, record in json_lines(path, text):
            predictions.append(_prediction(record, f"{path}:{number}"))
    seen: set[str] = set()
    for prediction in predictions:
        if prediction.instance_id in seen:
            raise UserError(f"{path}: more than one prediction for instance '{prediction.instance_id}'")
        seen.add(prediction.instance_id)
    return predictions


def resolve_predictions(spec: str, instances: list[TaskInstance]) -> list[Prediction]:
    """`gold`, `empty` or a file; predictions for instances outside the set are an error."""
    if spec in PSEUDO_PREDICTIONS:
        return pseudo_predictions(spec, instances)
    predictions = load_predictions(spec)
    known = {instance.instance_id for instance in instances}
    unknown = sorted(p.instance_id for p in predictions if p.instance_id not in known)
    if unknown:
        raise UserError(f"{spec}: predictions for instances not in the task set: {', '.join(unknown[:5])}")
    return predictions


def write_predictions(path: Path, predictions: Iterable[Prediction]) -> None:
    write_atomic(path, "".join(json.dumps(p.to_dict()) + "\n" for p in predictions))


EXPORT_FORMATS = ("jsonl", "swebench-json", "sb-cli")


def export_predictions(predictions: list[Prediction], fmt: str) -> str:
    """Predictions as SWE-bench's run_evaluation (`jsonl`, `swebench-json` list) or sb-cli (dict by id) read them."""
    if fmt == "jsonl":
        return "".join(json.dumps(p.to_dict()) + "\n" for p in predictions)
    if fmt == "swebench-json":
        return json.dumps([p.to_dict() for p in predictions], indent=2) + "\n"
    if fmt == "sb-cli":
        return json.dumps({p.instance_id: {"model_patch": p.model_patch, "model_name_or_path": p.model_name_or_path}
                           for p in predictions}, indent=2) + "\n"
    raise UserError(f"unknown export format {fmt!r} (choose from {', '.join(EXPORT_FORMATS)})")
