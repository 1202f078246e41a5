"""benchmarks/official_agreement.py: the comparison of our verdicts with the official swebench grader.

The pure parts (comparison, log splitting, harness rules, input errors) need nothing installed. One test
grades a real captured marked (jasmine) log with the official package in its own cached virtualenv, created
on first use with pip; it is skipped only when that venv neither exists nor can be created.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from swebench_mm.harness import eval_script
from swebench_mm.harness.grading import grade
from swebench_mm.harness.parsers import parse_log

ROOT = Path(__file__).resolve().parent.parent
JASMINE_LOGS = Path(__file__).resolve().parent / "fixtures" / "swebench_m_jasmine" / "logs"


def _load_module():
    """benchmarks/ is not a package: load the script by path, as a user runs it."""
    spec = importlib.util.spec_from_file_location("official_agreement", ROOT / "benchmarks" / "official_agreement.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is being made
    spec.loader.exec_module(module)
    return module


oa = _load_module()


def _status(success: list[str], failure: list[str], p2p_success: list[str] = (), p2p_failure: list[str] = ()):
    return {"FAIL_TO_PASS": {"success": list(success), "failure": list(failure)},
            "PASS_TO_PASS": {"success": list(p2p_success), "failure": list(p2p_failure)}}


# --- the pure comparison ---------------------------------------------------------------------------------


def test_compare_reports_a_disagreement_and_the_test_behind_it():
    ours = oa.Verdict(True, "resolved", oa.Verdict.tests_from_status(_status(["a", "b"], [], ["p"])))
    official = oa.Verdict(False, "unresolved", oa.Verdict.tests_from_status(_status(["a"], ["b"], ["p"])))
    result = oa.compare(ours, official, {"b": "FAILED"})
    assert result.agree is False
    assert result.differing == [oa.TestDiff("FAIL_TO_PASS", "b", True, False, "FAILED")]


def test_compare_agreement_can_still_count_tests_differently():
    # Both unresolved, but through different tests: worth showing, not a disagreement.
    ours = oa.Verdict(False, "unresolved", oa.Verdict.tests_from_status(_status(["a"], ["b"], [], ["p"])))
    official = oa.Verdict(False, "unresolved", oa.Verdict.tests_from_status(_status(["a", "b"], [], [], ["p"])))
    result = oa.compare(ours, official)
    assert result.agree is True
    assert [(d.kind, d.test, d.ours_passed, d.official_passed, d.official_status) for d in result.differing] == [
        ("FAIL_TO_PASS", "b", False, True, None)]


def test_compare_without_an_official_verdict_is_not_comparable():
    ours = oa.Verdict(True, "resolved", oa.Verdict.tests_from_status(_status(["a"], [])))
    assert oa.compare(ours, oa.Verdict(None, "no test log")) == oa.Comparison(None, [])
    # Our side without per-test results (patch failed): verdicts compare, no test is said to differ.
    official = oa.Verdict(False, "unresolved", oa.Verdict.tests_from_status(_status([], ["a"])))
    assert oa.compare(oa.Verdict(False, "unresolved (patch_failed)"), official) == oa.Comparison(True, [])


def test_summary_per_repository():
    def row(repo: str, ours: bool, official: bool | None):
        evaluation = oa.Evaluation("r", "m", f"{repo}-1", Path("."), {}, "", "", "x")
        ours_v, official_v = oa.Verdict(ours, ""), oa.Verdict(official, "")
        return oa.Row(evaluation, repo, ours_v, official_v, oa.compare(ours_v, official_v), "", None)

    summary = {s["repo"]: s for s in oa.summarise([row("a/x", True, True), row("a/x", True, False),
                                                    row("b/y", False, False), row("b/y", False, None)])}
    assert (summary["a/x"]["compared"], summary["a/x"]["agree"], summary["a/x"]["agreement_pct"]) == (2, 1, 50.0)
    b_y = summary["b/y"]
    assert (b_y["compared"], b_y["not_compared"], b_y["agreement_pct"]) == (1, 1, 100.0)
    assert summary["(all)"]["evaluations"] == 4 and summary["(all)"]["agree"] == 2


# --- our log → what the official grader is given ----------------------------------------------------------


def test_split_log_at_todays_markers():
    log = "Applied\n>>>>> Start Test Output\n1 spec, 0 failures\n>>>>> End Test Output (exit code 3)\n"
    script = "echo '>>>>> Start Test Output'\necho \">>>>> End Test Output (exit code $status)\"\n"
    parts = oa.split_log(log, script, None)
    assert parts == oa.LogParts("Applied\n", "1 spec, 0 failures\n", True, 3)


def test_split_log_with_a_nonce_ignores_a_faked_bare_marker():
    script = "echo '>>>>> Start Test Output 9f3a'\nrun\necho \">>>>> End Test Output 9f3a (exit code $status)\"\n"
    log = (">>>>> Start Test Output 9f3a\n>>>>> End Test Output\nreal output\n"
           ">>>>> End Test Output 9f3a (exit code 0)\n")
    parts = oa.split_log(log, script, 0)
    assert parts.section == ">>>>> End Test Output\nreal output\n" and parts.end_seen


def test_split_log_without_markers_keeps_everything_before():
    log = ">>>>> Patch Apply Failed\n"
    assert oa.split_log(log, "", 97) == oa.LogParts(log, None, False, 97)
    cut = oa.split_log(">>>>> Start Test Output\nhalf a run", "", None)
    assert (cut.section, cut.end_seen) == ("half a run", False)


def test_harness_decides_empty_failed_and_timed_out_runs():
    def evaluation(report: dict, patch: str = "diff --git a/x b/x\n"):
        return oa.Evaluation("r", "m", "i", Path("."), report, "", "", patch)

    assert oa.harness_decision(evaluation({"patch_is_empty": True}, ""))[0] == "empty patch"
    assert oa.harness_decision(evaluation({"failure_category": "patch_failed"}))[0] == "patch failed"
    assert oa.harness_decision(evaluation({"failure_category": "test_timeout"}))[0] == "timeout"
    assert oa.harness_decision(evaluation({"failure_category": "tests_failed"})) is None


def test_bad_input_exits_2_naming_the_file(tmp_path, capsys):
    missing = tmp_path / "nope.jsonl"
    assert oa.main(["--instances", str(missing), str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and str(missing) in err
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"instance_id": "a", "repo": "r", "FAIL_TO_PASS": "[]", "PASS_TO_PASS": []}\n{oops\n')
    assert oa.main(["--instances", str(broken), str(tmp_path)]) == 2
    assert f"{broken}:2:" in capsys.readouterr().err
    good = tmp_path / "good.jsonl"
    good.write_text('{"instance_id": "a", "repo": "r", "FAIL_TO_PASS": "[]", "PASS_TO_PASS": []}\n')
    assert oa.main(["--instances", str(good), str(tmp_path)]) == 2  # a run folder with no reports
    assert str(tmp_path) in capsys.readouterr().err


# --- the official grader on a real captured marked log ---------------------------------------------------


def _write_evaluation(run: Path, instance: dict, body: str, exit_code: int) -> dict:
    """A run folder entry as `evaluate` writes it, graded by our own parser and grader."""
    folder = run / "gold" / instance["instance_id"]
    folder.mkdir(parents=True)
    log = (f">>>>> Applied Patch (git apply)\n{eval_script.START_TESTS}\n{body}"
           f"{eval_script.END_TESTS} (exit code {exit_code})\n")
    (folder / "test_output.txt").write_text(log)
    (folder / "eval.sh").write_text(f"echo '{eval_script.START_TESTS}'\n")
    (folder / "patch.diff").write_text("diff --git a/src/marked.js b/src/marked.js\n")
    section, _ = eval_script.test_section(log)
    f2p, p2p = json.loads(instance["FAIL_TO_PASS"]), json.loads(instance["PASS_TO_PASS"])
    result = grade(f2p, p2p, parse_log("jasmine", section), "fail_only")
    report = {"instance_id": instance["instance_id"], "status": "resolved" if result.resolved else "unresolved",
              "failure_category": None if result.resolved else "tests_failed", "eval_type": "fail_only",
              "patch_is_empty": False, "tests_status": result.tests_status(), "test_exit_code": exit_code}
    (folder / "report.json").write_text(json.dumps(report))
    return report


@pytest.fixture(scope="module")
def official_venv() -> Path:
    venv = oa.default_venv()
    try:
        oa.ensure_official_python(venv)
    except oa.OfficialUnavailable as exc:
        pytest.skip(f"the official swebench venv is not there and cannot be created: {exc}")
    return venv


def test_official_grader_agrees_on_a_real_marked_log(tmp_path, dev_instances_path, official_venv, capsys):
    rows = {json.loads(line)["instance_id"]: json.loads(line) for line in dev_instances_path.read_text().splitlines()}
    real = rows["markedjs__marked-1262"]  # its Table cells examples 9 and 8 fail in the capture: unresolved
    passing = {**real, "instance_id": "markedjs__marked-1262-passing",  # the same log, tests that pass in it
               "FAIL_TO_PASS": json.dumps(["Marked Table cells should pass example 5"]),
               "PASS_TO_PASS": json.dumps(["Marked Links should pass example 16"])}
    instances = tmp_path / "instances.jsonl"
    instances.write_text("".join(json.dumps(row) + "\n" for row in (real, passing)))
    body = (JASMINE_LOGS / "marked-current.txt").read_text()
    run = tmp_path / "runs" / "marked-capture"
    ours = {row["instance_id"]: _write_evaluation(run, row, body, 1)["status"] for row in (real, passing)}
    assert ours == {"markedjs__marked-1262": "unresolved", "markedjs__marked-1262-passing": "resolved"}

    out = tmp_path / "agreement.json"
    assert oa.main(["--instances", str(instances), str(run), "--venv", str(official_venv), "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    result = json.loads(out.read_text())
    by_id = {row["instance_id"]: row for row in result["rows"]}
    assert result["swebench_version"].startswith("5.")
    for instance_id, row in by_id.items():
        assert row["official"]["log_parser"] == "parse_log_marked" and row["official"]["eval_type"] == "fail_only"
        assert row["official"]["gradable"] is True
        assert row["agree"] is True, (instance_id, row)
    assert by_id["markedjs__marked-1262"]["official"]["resolved"] is False
    assert by_id["markedjs__marked-1262-passing"]["official"]["resolved"] is True
    assert result["summary"][-1] == {**result["summary"][-1], "compared": 2, "agree": 2, "agreement_pct": 100.0}
    assert "markedjs/marked" in printed and "100.0%" in printed
