"""benchmarks/fidelity.py: the committed ledger of real-repository results (merge, agreement, table).

Pure functions only: no Docker, no mirrors. The committed ledger itself is loaded and checked too.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from swebench_mm.errors import UserError

ROOT = Path(__file__).resolve().parent.parent


def _load_module():
    spec = importlib.util.spec_from_file_location("fidelity", ROOT / "benchmarks" / "fidelity.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


fid = _load_module()


def _report(status="resolved", category=None, error=None, finished="2026-12-04T10:00:00+00:00", tests_s=3.0,
            without_change=False):
    return {"instance_id": "x", "status": status, "failure_category": category, "error": error,
            "tests_pass_without_change": without_change,
            "finished_at": finished, "timings": {"tests_s": tests_s, "total_s": tests_s + 1}, "model_patch": "SECRET"}


def _obs(instance_id, kind, repo="o/r", **kwargs):
    report = _report(**kwargs)
    return (instance_id, repo, "1.0", kind, fid.observation(report, report["finished_at"][:10], "abc"))


def test_observation_keeps_the_verdict_and_a_one_line_cause_and_nothing_of_the_patch():
    entry = fid.observation(_report("error", "env_build_failed", "\n  npm ERR! 404 x\nmore\n"), "2026-12-04", "abc")
    assert entry["status"] == "error" and entry["failure_category"] == "env_build_failed"
    assert entry["cause"] == "npm ERR! 404 x"
    assert set(entry) == set(fid.ENTRY_KEYS)
    assert "SECRET" not in json.dumps(entry)


def test_merge_adds_and_a_newer_measurement_replaces_an_older_one():
    ledger = fid.merge(fid.new_ledger(), [_obs("a", "gold", status="error", category="env_build_failed",
                                               finished="2026-12-02T01:00:00+00:00")])
    assert ledger["instances"]["a"]["gold"]["status"] == "error"
    newer = fid.merge(ledger, [_obs("a", "gold", finished="2026-12-04T01:00:00+00:00"),
                               _obs("a", "empty", status="unresolved", category="empty_patch")])
    assert newer["instances"]["a"]["gold"]["status"] == "resolved"
    assert newer["instances"]["a"]["empty"]["status"] == "unresolved"
    assert ledger["instances"]["a"]["gold"]["status"] == "error"  # the input is not modified


def test_merge_never_lets_an_older_measurement_replace_a_newer_one():
    ledger = fid.merge(fid.new_ledger(), [_obs("a", "gold", finished="2026-12-04T01:00:00+00:00")])
    older = fid.merge(ledger, [_obs("a", "gold", status="unresolved", category="tests_failed",
                                    finished="2026-12-03T23:00:00+00:00")])
    assert older["instances"]["a"]["gold"]["status"] == "resolved"


def test_merge_keeps_rows_of_other_instances_and_seeded_rows_without_a_finish_time():
    seeded = fid.new_ledger()
    seeded["instances"]["old"] = {"repo": "o/r", "version": "0.1",
                                  "gold": {"status": "resolved", "measured": "2026-12-02", "official_agrees": True}}
    merged = fid.merge(seeded, [_obs("new", "gold")])
    assert merged["instances"]["old"]["gold"]["official_agrees"] is True
    assert set(merged["instances"]) == {"old", "new"}
    # a measurement of a later day replaces the seeded row even though the seeded row has no finish time
    again = fid.merge(seeded, [("old", "o/r", "0.1", "gold",
                                fid.observation(_report("unresolved", "tests_failed"), "2026-12-04", "abc"))])
    assert again["instances"]["old"]["gold"]["status"] == "unresolved"


def test_the_same_evaluation_seen_again_keeps_its_official_verdict():
    ledger = fid.merge(fid.new_ledger(), [_obs("a", "gold")])
    ledger, applied = fid.apply_agreement(ledger, [{"run": "fidelity-gold", "instance_id": "a", "agree": True,
                                                    "finished_at": "2026-12-04T10:00:00+00:00"}])
    assert applied == 1 and ledger["instances"]["a"]["gold"]["official_agrees"] is True
    resumed = fid.merge(ledger, [_obs("a", "gold")])
    assert resumed["instances"]["a"]["gold"]["official_agrees"] is True
    rerun = fid.merge(ledger, [_obs("a", "gold", finished="2026-12-04T12:00:00+00:00")])
    assert rerun["instances"]["a"]["gold"]["official_agrees"] is None


def test_agreement_on_an_older_log_does_not_land_on_a_newer_result():
    ledger = fid.merge(fid.new_ledger(), [_obs("a", "gold"), _obs("a", "empty", status="unresolved")])
    rows = [{"run": "fidelity-gold", "instance_id": "a", "agree": False, "finished_at": "2026-12-01T00:00:00+00:00"},
            {"run": "fidelity-empty", "instance_id": "a", "agree": False, "finished_at": "2026-12-04T10:00:00+00:00"},
            {"run": "someone-else", "instance_id": "a", "agree": True, "finished_at": "2026-12-04T10:00:00+00:00"},
            {"run": "fidelity-gold", "instance_id": "unknown", "agree": True, "finished_at": "x"}]
    ledger, applied = fid.apply_agreement(ledger, rows)
    assert applied == 1
    assert ledger["instances"]["a"]["gold"]["official_agrees"] is None
    assert ledger["instances"]["a"]["empty"]["official_agrees"] is False


def test_measures_merge_per_instance_and_drop_unknown_keys():
    ledger = fid.merge(fid.new_ledger(), [_obs("a", "gold")], {"a": {"raw_test_s": 1.5, "junk": 1},
                                                                 "unknown": {"raw_test_s": 9}})
    ledger = fid.merge(ledger, [], {"a": {"instance_extra_mb": 8.0, "build_error": "npm ERR! ... a long tail"}})
    assert ledger["instances"]["a"]["measures"] == {"raw_test_s": 1.5, "instance_extra_mb": 8.0}
    assert "unknown" not in ledger["instances"]


def test_table_counts_offline_instances_as_not_resolved_and_names_empty_wins_and_what_is_left():
    ledger = fid.merge(fid.new_ledger(), [
        _obs("r-1", "gold"), _obs("r-1", "empty", status="unresolved", category="empty_patch"),
        _obs("r-2", "gold"), _obs("r-2", "empty", status="resolved"),
        _obs("r-3", "gold", status="unresolved", category="tests_failed", error="fetch fonts.gstatic.com failed"),
        _obs("r-3", "empty", status="unresolved", category="empty_patch", without_change=True),
    ])
    ledger["cannot_run_offline"]["r-2"] = "a PASS_TO_PASS test downloads a font"
    ledger, _ = fid.apply_agreement(ledger, [{"run": "fidelity-gold", "instance_id": "r-1", "agree": True,
                                              "finished_at": "2026-12-04T10:00:00+00:00"}])
    text = fid.render_table(ledger, {"o/r": ["r-1", "r-2", "r-3", "r-4"], "q/s": ["s-1"]}, "2026-12-04", ["cmd"])
    assert "| o/r | 3/4 | 1 | 1/3 | cannot run offline 1, tests_failed 1 | 1/1 |" in text
    assert "gold resolved **1/3 (33.3%)**" in text and "of the 2 that can run offline, 1 (50.0%)" in text
    assert "`r-2`: cannot run offline — a PASS_TO_PASS test downloads a font" in text
    assert "`r-3`: tests_failed — fetch fonts.gstatic.com failed" in text
    assert "`r-2`: the empty patch resolves" in text
    assert "`r-3`: unresolved by rule (an empty patch never resolves), but the tests it lists pass" in text
    assert "`r-1`: unresolved by rule" not in text
    assert "not evaluated with both gold and empty: `r-4`" in text and "q/s: not run yet (1 selected)" in text


def test_bad_ledgers_are_clear_errors(tmp_path):
    path = tmp_path / "ledger.json"
    path.write_text("{not json")
    with pytest.raises(UserError, match="ledger.json: cannot read the fidelity ledger"):
        fid.load_ledger(path)
    path.write_text(json.dumps({"format": 99}))
    with pytest.raises(UserError, match="unknown ledger format 99"):
        fid.load_ledger(path)
    path.write_text(json.dumps({"format": 1, "instances": {"a": {"repo": "o/r", "gold": {"status": "fine"}}}}))
    with pytest.raises(UserError, match=r"instances\['a'\].gold needs a status"):
        fid.load_ledger(path)
    path.write_text(json.dumps({"format": 1, "cannot_run_offline": {"a": ""}}))
    with pytest.raises(UserError, match="must be a non-empty string"):
        fid.load_ledger(path)
    assert fid.load_ledger(tmp_path / "absent.json")["instances"] == {}


def test_the_committed_ledger_loads_and_holds_no_patches():
    text = fid.LEDGER.read_text(encoding="utf-8")
    ledger = fid.load_ledger(fid.LEDGER)
    assert ledger["instances"], "the committed ledger is empty"
    for needle in ("diff --git", "model_patch", "problem_statement", "+++ b/"):
        assert needle not in text
    for instance_id, row in ledger["instances"].items():
        assert instance_id.startswith(row["repo"].replace("/", "__") + "-")


def test_the_extra_instance_column_counts_layers_on_a_shared_env():
    """Only instances on their version's shared env are extra ones; figures from layers built since the
    layer holds only what the instance changes win over older ones, which are shown only where nothing
    newer exists, marked as such."""
    today = {"instance_layer_measured": "2026-12-05"}
    ledger = fid.merge(fid.new_ledger(), [_obs(i, "gold") for i in ("r-1", "r-2", "r-3", "r-4", "r-5")]
                       + [_obs("q-1", "gold", repo="o/q"), _obs("q-2", "gold", repo="o/q")], {
        "r-1": {"instance_extra_mb": 2.0, "instance_build_s": 4.0, "instance_shares_env": True, **today},
        "r-2": {"instance_extra_mb": 60.0, "instance_build_s": 8.0, "instance_shares_env": True,
                "env_build_s": 100.0, **today},
        "r-3": {"instance_extra_mb": 900.0, "instance_build_s": 900.0, "instance_shares_env": False, **today,
                "env_chain_length": 2, "env_step_mb": 120.0, "env_step_s": 40.0, "env_step_image": "swebench-mm/env.x:1"},
        "r-4": {"instance_extra_mb": 700.0, "instance_build_s": 700.0, "env_build_s": 50.0,
                "env_step_mb": 99.0, "env_step_s": 9.0},  # a step of an older layering: names no image
        "r-5": {"instance_extra_mb": 300.0, "instance_build_s": 30.0},
        "q-1": {"instance_extra_mb": 500.0, "instance_build_s": 50.0},
        "q-2": {"instance_extra_mb": 400.0, "instance_build_s": 40.0, "env_build_s": 10.0},
    })
    text = fid.render_table(ledger, {"o/r": ["r-1", "r-2", "r-3", "r-4", "r-5"], "o/q": ["q-1", "q-2"]},
                            "2026-12-05", ["cmd"])
    assert "| 31.0 MB, 6.0 s (n=2, max 60.0 MB) |" in text
    assert "| 500.0 MB, 50.0 s (old layering) |" in text
    assert ("Extra instances measured with the current layering: 2, median 31.0 MB, 1 of them at most 50 MB; "
            "median build 6.0 s, 2 of 2 at most 20 s.") in text
    # An env at a later setup commit is reported on its own: what it costs is paid once for its instances.
    assert "past the drift limit): 1 built, median 120.0 MB (max 120.0 MB), median 40 s." in text
