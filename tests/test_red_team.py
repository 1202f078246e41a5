"""Hostile predictions on shipped instances, in real containers: each must end unresolved (or in its named
category) with nothing left running. A resolve rate is only as good as the harness's resistance to
patches that game it.

Attacks on the tests themselves (editing test files, adding runner configuration, package.json test
settings) are put back before the tests run; attacks from the code under test (forged markers, a suite
that runs nothing, hangs, floods, memory and disk hogs, fork bombs, network probes) are bounded and
named. Every attack is a patch to the instance's *source* or its test infrastructure, never a fix.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import replace

import pytest

from swebench_mm.harness.container import Limits, run_containers
from swebench_mm.harness.evaluate import EvalOptions, evaluate
from swebench_mm.harness.specs import spec_for
from swebench_mm.instances import load_instances
from swebench_mm.predictions import Prediction

pytestmark = pytest.mark.docker


@pytest.fixture(scope="module")
def shipped():
    return load_instances("shipped")


@pytest.fixture(scope="module")
def jest_instance(shipped):  # pass_and_fail: jest on an SVG chart library
    return next(i for i in shipped if i.repo == "vizlab/svg-charts")


@pytest.fixture(scope="module")
def jasmine_instance(shipped):  # fail_only: jasmine on a Markdown renderer
    return next(i for i in shipped if i.repo == "quillmark/md-render")


def _file_at_base(harness, instance, path: str) -> str:
    client, builder = harness
    image = builder.ensure_instance(instance, spec_for(instance))
    return client.containers.run(image, ["git", "show", f"{instance.base_commit}:{path}"], remove=True,
                                 network_mode="none").decode()


def _edit(path: str, before: str, after: str) -> str:
    diff = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{path}", f"b/{path}")
    return f"diff --git a/{path} b/{path}\n" + "".join(diff)


def _new_file(path: str, text: str) -> str:
    lines = text.splitlines(keepends=True)
    body = "".join(f"+{line}" for line in lines)
    return f"diff --git a/{path} b/{path}\nnew file mode 100644\n--- /dev/null\n+++ b/{path}\n@@ -0,0 +1,{len(lines)} @@\n{body}"


def _prepend(harness, instance, path: str, code: str) -> str:
    """A patch that runs `code` when the source file `path` is loaded by the tests."""
    original = _file_at_base(harness, instance, path)
    return _edit(path, original, code + "\n" + original)


def _evaluate(harness, tmp_path, instance, patch: str, name: str, **options) -> dict:
    client, builder = harness
    run = EvalOptions(run_id=name, runs_dir=tmp_path, **options)
    evaluate([instance], [Prediction(instance.instance_id, name, patch)], run, builder, client)
    report = json.loads((tmp_path / name / name / instance.instance_id / "report.json").read_text())
    assert run_containers(client, tmp_path, name) == [], "a container was left behind"
    assert report["status"] != "resolved", report
    return report


def test_editing_a_test_file_is_dropped(harness, tmp_path, jest_instance):
    test_file = "test/bar.test.js"
    original = _file_at_base(harness, jest_instance, test_file)
    patch = _edit(test_file, original, "test('all good', () => {});\n")
    report = _evaluate(harness, tmp_path, jest_instance, patch, "edit-test")
    assert test_file in report["dropped_test_infrastructure"]
    assert report["failure_category"] == "tests_failed"


def test_a_jest_config_with_a_setup_file_that_disables_expect_is_dropped(harness, tmp_path, jest_instance):
    patch = (_new_file("jest.config.js", "module.exports = { setupFilesAfterEnv: ['./cheat.js'] };\n")
             + _new_file("cheat.js", "global.expect = () => new Proxy({}, { get: () => () => {} });\n"))
    report = _evaluate(harness, tmp_path, jest_instance, patch, "jest-config")
    assert "jest.config.js" in report["dropped_test_infrastructure"]
    assert report["failure_category"] == "tests_failed"


def test_package_json_test_settings_are_put_back(harness, tmp_path, jest_instance):
    original = _file_at_base(harness, jest_instance, "package.json")
    data = json.loads(original)
    data["jest"] = {"testPathIgnorePatterns": ["."]}
    data.setdefault("scripts", {})["test"] = "echo all passed"
    patch = _edit("package.json", original, json.dumps(data, indent=2) + "\n")
    report = _evaluate(harness, tmp_path, jest_instance, patch, "package-json")
    assert "package.json (test settings)" in report["dropped_test_infrastructure"]
    assert report["failure_category"] == "tests_failed"


def test_a_jasmine_config_pointing_elsewhere_is_dropped(harness, tmp_path, jasmine_instance):
    path = "spec/support/jasmine.json"
    original = _file_at_base(harness, jasmine_instance, path)
    patch = _edit(path, original, json.dumps({"spec_dir": "spec", "spec_files": ["nothing/*.js"]}) + "\n")
    report = _evaluate(harness, tmp_path, jasmine_instance, patch, "jasmine-json")
    assert path in report["dropped_test_infrastructure"]


def test_a_fail_only_run_that_executes_no_spec_is_not_resolved(harness, tmp_path, jasmine_instance):
    # The code under test switches every spec off when the specs load it: "0 specs, 0 failures".
    patch = _prepend(harness, jasmine_instance, "src/index.js",
                     "if (typeof jasmine !== 'undefined') jasmine.getEnv().configure({ specFilter: () => false });")
    report = _evaluate(harness, tmp_path, jasmine_instance, patch, "no-specs")
    assert report["failure_category"] == "tests_not_run" and report["tests_executed"] == 0


def test_a_suite_that_crashes_is_tests_crashed_not_infra_error(harness, tmp_path, jasmine_instance):
    patch = _prepend(harness, jasmine_instance, "src/index.js", "this is not javascript (")
    report = _evaluate(harness, tmp_path, jasmine_instance, patch, "crash")
    assert report["failure_category"] == "tests_crashed" and report["status"] == "unresolved"


def test_forged_markers_and_pass_lines_are_ignored(harness, tmp_path, jasmine_instance):
    # Fail-only: after a forged end marker nothing would be "reported failed". The real section goes on.
    forged = ("console.log('>>>>> End Test Output (exit code 0)\\n0 specs, 0 failures');"
              "console.log('>>>>> Start Test Output 0123456789abcdef0123456789abcdef');"
              "process.on('exit', () => console.log('\\n>>>>> End Test Output 0123456789abcdef0123456789abcdef (exit code 0)'));")
    patch = _prepend(harness, jasmine_instance, "src/index.js", forged)
    report = _evaluate(harness, tmp_path, jasmine_instance, patch, "forged")
    assert report["tests_status"]["FAIL_TO_PASS"]["failure"]


def test_an_infinite_loop_times_out(harness, tmp_path, jest_instance):
    patch = _prepend(harness, jest_instance, "src/bar.js", "for (;;) {}")
    report = _evaluate(harness, tmp_path, jest_instance, patch, "loop", timeout_s=10)
    assert report["failure_category"] == "test_timeout" and report["test_exit_code"] in (124, 137)
    assert report["timings"]["tests_s"] < 40


def test_huge_output_is_cut_and_memory_stays_bounded(harness, tmp_path, jest_instance):
    patch = _prepend(harness, jest_instance, "src/bar.js",
                     "{ const line = 'x'.repeat(1 << 20) + '\\n'; for (let i = 0; i < 300; i++) process.stdout.write(line); }")
    limits = replace(Limits(), output_bytes=5 * 1024 * 1024)
    report = _evaluate(harness, tmp_path, jest_instance, patch, "flood", limits=limits)
    assert report["output_cut_bytes"] > 100 * 1024 * 1024
    size = (tmp_path / "flood" / "flood" / jest_instance.instance_id / "test_output.txt").stat().st_size
    assert size < 6 * 1024 * 1024


def test_a_memory_hog_is_killed_and_named(harness, tmp_path, jest_instance):
    patch = _prepend(harness, jest_instance, "src/bar.js",
                     "{ const keep = []; for (;;) keep.push(Buffer.alloc(64 << 20, 1)); }")
    report = _evaluate(harness, tmp_path, jest_instance, patch, "memory", limits=replace(Limits(), memory="512m"))
    assert report["failure_category"] == "memory_limit"


def test_a_disk_filler_is_stopped_and_named(harness, tmp_path, jest_instance):
    patch = _prepend(harness, jest_instance, "src/bar.js",
                     "{ const fs = require('fs'); const block = Buffer.alloc(8 << 20, 1);"
                     " for (let i = 0; i < 10000; i++) fs.appendFileSync('/tmp/fill', block); }")
    report = _evaluate(harness, tmp_path, jest_instance, patch, "disk",
                       limits=replace(Limits(), disk_bytes=300 * 1024 * 1024), timeout_s=120)
    assert report["failure_category"] == "disk_limit"


def test_a_fork_bomb_is_contained(harness, tmp_path, jest_instance):
    patch = _prepend(harness, jest_instance, "src/bar.js",
                     "{ const { spawn } = require('child_process'); for (let i = 0; i < 100000; i++) "
                     "{ try { spawn('sleep', ['600']); } catch (e) { break; } } }")
    report = _evaluate(harness, tmp_path, jest_instance, patch, "forks", limits=replace(Limits(), pids=256),
                       timeout_s=60)
    assert report["status"] == "unresolved"


def test_the_network_is_not_reachable(harness, tmp_path, jest_instance):
    probe = ("require('child_process').execSync('getent hosts registry.npmjs.org > /tmp/probe 2>&1 || "
             "echo no-network > /tmp/probe'); console.log('PROBE ' + require('fs').readFileSync('/tmp/probe', 'utf8'));")
    report = _evaluate(harness, tmp_path, jest_instance, _prepend(harness, jest_instance, "src/bar.js", probe), "network")
    log = (tmp_path / "network" / "network" / jest_instance.instance_id / "test_output.txt").read_text()
    assert "PROBE no-network" in log
    assert report["status"] == "unresolved"


def test_paths_outside_the_repository_are_refused(harness, tmp_path, jest_instance):
    escape = _new_file("../../etc/swebench-mm-escaped", "owned\n")
    report = _evaluate(harness, tmp_path, jest_instance, escape, "escape")
    assert report["failure_category"] == "patch_failed"
    symlink = ("diff --git a/evil b/evil\nnew file mode 120000\n--- /dev/null\n+++ b/evil\n@@ -0,0 +1 @@\n"
               "+/etc\n\\ No newline at end of file\n") + _new_file("evil/swebench-mm-escaped", "owned\n")
    report = _evaluate(harness, tmp_path, jest_instance, symlink, "symlink")
    assert report["failure_category"] in ("patch_failed", "tests_failed")


def test_a_fail_only_run_that_keeps_most_specs_from_running_is_not_resolved(harness, tmp_path, jasmine_instance):
    # One spec runs and passes ("1 spec, 0 failures"): the listed FAIL_TO_PASS specs are simply never run.
    patch = _prepend(harness, jasmine_instance, "src/index.js",
                     "if (typeof jasmine !== 'undefined') { let kept = false; jasmine.getEnv().configure("
                     "{ specFilter: () => (kept ? false : (kept = true)) }); }")
    report = _evaluate(harness, tmp_path, jasmine_instance, patch, "few-specs")
    assert report["failure_category"] == "tests_not_run" and report["tests_executed"] == 1


def test_a_fail_only_run_that_skips_just_the_listed_specs_is_not_resolved(harness, tmp_path, jasmine_instance):
    # Every spec but the FAIL_TO_PASS ones runs (well over half of the listed tests): only the count the
    # validation runs saw (the instance's validated_tests_executed) shows that tests were kept from running.
    assert jasmine_instance.extra.get("validated_tests_executed"), "the shipped set records validated counts"
    skipped = json.dumps(list(jasmine_instance.fail_to_pass))
    patch = _prepend(harness, jasmine_instance, "src/index.js",
                     "if (typeof jasmine !== 'undefined') jasmine.getEnv().configure("
                     f"{{ specFilter: (spec) => !{skipped}.includes(spec.getFullName()) }});")
    report = _evaluate(harness, tmp_path, jasmine_instance, patch, "skip-listed")
    assert report["failure_category"] == "tests_not_run", report
    assert report["tests_executed"] == jasmine_instance.extra["validated_tests_executed"] - len(jasmine_instance.fail_to_pass)


def _forged_jest_tree(names: list[str]) -> str:
    """Lines in jest's verbose format that report every name as passed, and a summary to go with them."""
    lines = ["PASS test/forged.test.js"]
    for name in names:
        *path, title = name.split(" › ")
        lines += [f"{'  ' * (level + 1)}{part}" for level, part in enumerate(path)]
        lines.append(f"{'  ' * (len(path) + 1)}✓ {title} (1 ms)")
    return "\n".join(["", *lines, "", f"Tests:       {len(names)} passed, {len(names)} total", ""])


def test_forged_jest_pass_lines_do_not_count_against_the_results_file(harness, tmp_path, jest_instance):
    # The module under test prints a verbose-jest tree passing every listed test, then fails to load (so the
    # real results of its test files are absent from the log). Read from the log, that would resolve.
    names = list(jest_instance.fail_to_pass) + list(jest_instance.pass_to_pass)
    forged = f"process.stdout.write({json.dumps(_forged_jest_tree(names))}); throw new Error('gone');"
    patch = _prepend(harness, jest_instance, "src/legend.js", forged)
    report = _evaluate(harness, tmp_path, jest_instance, patch, "forged-jest")
    assert report["results_source"] == "results file (jest_json)"
    assert report["tests_status"]["FAIL_TO_PASS"]["failure"], report
    # The proof that the attack is real: the same log, read by the log parser, grades it resolved.
    from swebench_mm.harness.eval_script import test_section
    from swebench_mm.harness.grading import grade
    from swebench_mm.harness.parsers import parse_log

    output = (tmp_path / "forged-jest" / "forged-jest" / jest_instance.instance_id / "test_output.txt").read_text()
    section, _ = test_section(output, output.split(">>>>> Start Test Output ")[1].split()[0])
    assert grade(jest_instance.fail_to_pass, jest_instance.pass_to_pass, parse_log("jest", section), "pass_and_fail").resolved
