"""The resolved spec of an instance: one object, one hash of everything besides the patch that decides
its verdict, so a resumed run re-evaluates exactly when one of them changed."""

from __future__ import annotations

import dataclasses
import json

import pytest

from swebench_mm.harness.container import Limits
from swebench_mm.harness.specs import spec_for
from swebench_mm.harness.test_assets import StagedAssets
from swebench_mm.harness.test_spec import VALIDATED_TESTS_FIELD, resolve_test_spec
from swebench_mm.errors import UserError
from swebench_mm.instances import load_instances


def _resolved(instance=None, assets=None, limits=None, timeout=None):
    instance = instance or load_instances("shipped")[0]
    return resolve_test_spec(instance, spec_for(instance), assets or StagedAssets(), limits or Limits(), timeout)


def test_the_same_inputs_give_the_same_key():
    assert _resolved().key == _resolved().key


def test_every_input_that_decides_a_verdict_changes_the_key():
    instance = load_instances("shipped")[0]
    base = _resolved(instance).key
    changed = {
        "limits": _resolved(instance, limits=Limits(memory="1g")),
        "timeout": _resolved(instance, timeout=5),
        "staged fixture": _resolved(instance, assets=StagedAssets(files={"test/a.png": b"\x89PNG"})),
        "missing fixture": _resolved(instance, assets=StagedAssets(missing=["test/a.png: gone"])),
        "test list": _resolved(dataclasses.replace(instance, fail_to_pass=instance.fail_to_pass[:-1])),
        "test patch": _resolved(dataclasses.replace(instance, test_patch=instance.test_patch + "\n")),
        "validated count": _resolved(dataclasses.replace(instance, extra={**instance.extra, VALIDATED_TESTS_FIELD: 3})),
    }
    for what, spec in changed.items():
        assert spec.key != base, what
    # The spec's prose is not an input: a reworded note keeps every verdict.
    env = spec_for(instance)
    reworded = resolve_test_spec(instance, dataclasses.replace(env, notes=env.notes + " (reworded)",
                                                               browser_note="a note"), StagedAssets(), Limits())
    assert reworded.key == base
    assert resolve_test_spec(instance, dataclasses.replace(env, test_timeout_s=env.test_timeout_s + 1), StagedAssets(),
                             Limits()).key != base


def test_the_resolved_spec_is_what_the_container_gets():
    resolved = _resolved(assets=StagedAssets(files={"test/ref.png": b"png"}))
    files = resolved.container_files()
    assert files["eval.sh"] == resolved.script and resolved.test_command in resolved.script
    assert files["test-assets/test/ref.png"] == b"png"
    assert resolved.timeout_s == resolved.env.test_timeout_s


def test_a_nonsense_validated_count_is_refused_on_load(tmp_path):
    record = load_instances("shipped")[0].to_dict()
    for value in (0, -4, "12", True, 2.5):
        path = tmp_path / "bad.jsonl"
        path.write_text(json.dumps({**record, VALIDATED_TESTS_FIELD: value}) + "\n")
        with pytest.raises(UserError, match=r"bad.jsonl:1 .*validated_tests_executed"):
            load_instances(path)
