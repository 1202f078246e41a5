import json

import pytest

from swebench_mm.errors import UserError
from swebench_mm.instances import load_instances
from swebench_mm.predictions import Prediction, load_predictions, resolve_predictions, write_predictions


def test_jsonl_round_trip(tmp_path):
    predictions = [Prediction("a__b-1", "m", "diff --git a/x b/x\n"), Prediction("a__b-2", "m", "")]
    path = tmp_path / "predictions.jsonl"
    write_predictions(path, predictions)
    assert load_predictions(path) == predictions
    assert not list(tmp_path.glob(".*.tmp"))  # the atomic write leaves no temporary behind


def test_swe_agent_preds_json(tmp_path):
    path = tmp_path / "preds.json"
    path.write_text(json.dumps({"a__b-1": {"model_name_or_path": "sweagent", "model_patch": "p", "instance_id": "a__b-1"},
                                "a__b-2": {"model_name_or_path": "sweagent", "model_patch": None}}))
    loaded = load_predictions(path)
    assert [(p.instance_id, p.model_patch) for p in loaded] == [("a__b-1", "p"), ("a__b-2", "")]


def test_gold_and_empty(dev_instances_path):
    instances = load_instances(dev_instances_path)[:3]
    gold = resolve_predictions("gold", instances)
    assert [p.model_patch for p in gold] == [i.patch for i in instances]
    assert all(p.is_empty for p in resolve_predictions("empty", instances))
    assert gold[0].patch_hash != resolve_predictions("empty", instances)[0].patch_hash


def test_bad_prediction_lines_are_located(tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_text('{"instance_id": "a", "model_name_or_path": "m", "model_patch": ""}\n{"instance_id": "b"}\n')
    with pytest.raises(UserError, match=rf"{path}:2 \(b\): missing field 'model_name_or_path'"):
        load_predictions(path)


def test_predictions_for_unknown_instances_are_rejected(tmp_path, dev_instances_path):
    instances = load_instances(dev_instances_path)[:2]
    path = tmp_path / "p.jsonl"
    path.write_text('{"instance_id": "zzz-1", "model_name_or_path": "m", "model_patch": ""}\n')
    with pytest.raises(UserError, match="not in the task set: zzz-1"):
        resolve_predictions(str(path), instances)
