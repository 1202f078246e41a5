"""Results files read instead of the console log: real jest `--json` files, captured beside the verbose log
of the same run (shipped instances, test patch applied, no fix: tests/fixtures/jest/results/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from swebench_mm.errors import UserError
from swebench_mm.harness import eval_script
from swebench_mm.harness.parsers import parse_log
from swebench_mm.harness.result_files import read_jest_json
from swebench_mm.harness.specs import load_spec_file, spec_for
from swebench_mm.instances import load_instances

RESULTS = Path(__file__).resolve().parent / "fixtures" / "jest" / "results"


@pytest.mark.parametrize("capture,instance_id", [("svg-charts-14", "vizlab__svg-charts-14"),
                                                 ("components-187", "tinyui__components-187")])
def test_the_results_file_names_tests_as_the_log_does(capture, instance_id):
    from_file, executed = read_jest_json((RESULTS / f"{capture}.json").read_text())
    from_log = parse_log("jest", (RESULTS / f"{capture}.log.txt").read_text())
    assert from_file.completed and from_file.statuses == from_log.statuses
    assert executed == len([s for s in from_log.statuses.values() if s in ("PASSED", "FAILED")])
    instance = next(i for i in load_instances("shipped") if i.instance_id == instance_id)
    # The run had the test patch and no fix: FAIL_TO_PASS fails, PASS_TO_PASS passes, read from the file.
    assert all(from_file.statuses[name] == "FAILED" for name in instance.fail_to_pass)
    assert all(from_file.statuses[name] == "PASSED" for name in instance.pass_to_pass)


@pytest.mark.parametrize("text", ["", "not json", "[]", '{"numTotalTests": 3}', "PASS test/a.test.js\n  ✓ forged"])
def test_anything_but_a_jest_report_reads_as_no_run(text):
    parsed, executed = read_jest_json(text)
    assert parsed.statuses == {} and not parsed.completed and executed is None


def test_the_shipped_jest_repositories_are_graded_from_their_results_file():
    for repo in ("vizlab/svg-charts", "tinyui/components"):
        instance = next(i for i in load_instances("shipped") if i.repo == repo)
        spec = spec_for(instance)
        assert spec.results_file == "jest_json"
        script = eval_script.render_eval_script(instance, spec)
        # Named with the nonce, written by the test command, printed only after every other process is gone.
        assert 'RESULTS_FILE="/tmp/swebench-mm-results-$NONCE.json"' in script
        assert script.index("kill -KILL") < script.index(eval_script.START_RESULTS)


def test_the_results_section_needs_the_nonce():
    nonce = "ab" * 16
    log = (f"{eval_script.END_TESTS} {nonce} (exit code 0)\n{eval_script.START_RESULTS} feedface\n{{}}\n"
           f"{eval_script.END_RESULTS} feedface\n")
    assert eval_script.results_file_section(log, nonce) is None
    real = log + f"{eval_script.START_RESULTS} {nonce}\n{{\"testResults\": []}}\n\n{eval_script.END_RESULTS} {nonce}\n"
    assert eval_script.results_file_section(real, nonce) == '{"testResults": []}\n'


def test_a_spec_whose_command_does_not_write_the_file_is_refused(tmp_path):
    spec = tmp_path / "spec.json"
    spec.write_text('{"repo": "o/n", "versions": {"1": {"node_version": "18.20.4", "npm_version": "10.8.2", '
                    '"install": ["npm ci"], "test_cmd": "jest --json", "parser": "jest", "results_file": "jest_json"}}}')
    with pytest.raises(UserError, match="RESULTS_FILE"):
        load_spec_file(spec)
    spec.write_text(spec.read_text().replace('"jest_json"', '"tap_file"'))
    with pytest.raises(UserError, match="unknown results_file 'tap_file'"):
        load_spec_file(spec)
