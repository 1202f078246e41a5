"""The harness end to end on the shipped task set: real images, real containers, real jest.

These tests need a Docker engine (`make test` starts one); without it they fail with the reason.
"""

from __future__ import annotations

import dataclasses
import json
import re

import docker
import pytest

from swebench_mm.errors import UserError
from swebench_mm.harness.container import Limits, remove_run_containers, run_containers, run_labels, running_container
from swebench_mm.harness.docker_client import docker_client
from swebench_mm.harness.evaluate import EvalOptions, Job, evaluate, run_jobs
from swebench_mm.harness.images import ImageBuilder
from swebench_mm.harness.repos import RepoSources
from swebench_mm.harness.specs import spec_for
from swebench_mm.instances import load_instances
from swebench_mm.predictions import Prediction, resolve_predictions

pytestmark = pytest.mark.docker


@pytest.fixture(scope="module")
def client():
    try:
        return docker_client()
    except UserError as exc:
        pytest.fail(f"these tests need a Docker engine: {exc}")


@pytest.fixture(scope="module")
def builder(client):
    return ImageBuilder(client=client, sources=RepoSources())


@pytest.fixture(scope="module")
def shipped():
    return load_instances("shipped")


@pytest.fixture(scope="module")
def jest_instance(shipped):
    """One instance of the jest repository, for tests that write jest test files."""
    return next(i for i in shipped if i.repo == "vizlab/svg-charts")


def test_gold_resolves_every_shipped_instance(tmp_path, client, builder, shipped):
    options = EvalOptions(run_id="gold", runs_dir=tmp_path)
    report = evaluate(shipped, resolve_predictions("gold", shipped), options, builder, client)
    assert report["resolved_instances"] == report["total_instances"] == len(shipped)
    assert report["error_ids"] == [] and report["resolve_rate"] == 1.0
    for instance in shipped:
        folder = tmp_path / "gold" / "gold" / instance.instance_id
        assert {p.name for p in folder.iterdir()} >= {"patch.diff", "eval.sh", "test_output.txt", "report.json"}
        instance_report = json.loads((folder / "report.json").read_text())
        assert instance_report["apply_method"] == "git apply"
        assert "dependencies_synced" not in instance_report  # no manifest changed: the instance image itself
        assert set(instance_report["tests_status"]["FAIL_TO_PASS"]["success"]) == set(instance.fail_to_pass)
        assert re.search(r">>>>> End Test Output [0-9a-f]{32} \(exit code 0\)$", (folder / "test_output.txt").read_text(),
                         re.MULTILINE)
    saved = json.loads((tmp_path / "gold" / "report.json").read_text())
    for key in ("total_instances", "submitted_instances", "completed_instances", "resolved_instances",
                "unresolved_instances", "error_instances", "resolved_ids", "unresolved_ids", "error_ids"):
        assert key in saved
    assert run_containers(client, tmp_path, "gold") == []


def test_empty_resolves_nothing_and_f2p_really_fails(tmp_path, client, builder, shipped):
    options = EvalOptions(run_id="empty", runs_dir=tmp_path)
    report = evaluate(shipped, resolve_predictions("empty", shipped), options, builder, client)
    assert report["resolved_instances"] == 0 and report["error_instances"] == 0
    assert report["unresolved_instances"] == len(shipped)
    for instance in shipped:
        result = json.loads((tmp_path / "empty" / "empty" / instance.instance_id / "report.json").read_text())
        assert result["failure_category"] == "empty_patch"
        assert result["tests_status"]["FAIL_TO_PASS"]["success"] == []
        assert set(result["tests_status"]["PASS_TO_PASS"]["success"]) == set(instance.pass_to_pass)


def test_an_empty_patch_is_never_resolved_even_where_the_listed_tests_already_pass(tmp_path, client, builder,
                                                                                jest_instance):
    # A dataset defect seen on real openlayers instances: the listed FAIL_TO_PASS test passes at the base
    # commit. Here a PASS_TO_PASS test is listed as FAIL_TO_PASS, so the empty patch passes every listed test.
    instance = dataclasses.replace(jest_instance, fail_to_pass=jest_instance.pass_to_pass[:1],
                                   pass_to_pass=jest_instance.pass_to_pass[1:])
    report = evaluate([instance], resolve_predictions("empty", [instance]),
                      EvalOptions(run_id="defect", runs_dir=tmp_path), builder, client)
    assert report["resolved_instances"] == 0 and report["unresolved_ids"] == [instance.instance_id]
    result = json.loads((tmp_path / "defect" / "empty" / instance.instance_id / "report.json").read_text())
    assert result["failure_category"] == "empty_patch" and result["resolved"] is False
    assert result["tests_pass_without_change"] is True and "do not detect" in result["error"]
    assert result["tests_status"]["FAIL_TO_PASS"]["success"] == list(instance.fail_to_pass)


def _gold_with_package_json(client, builder, instance, edit_js: str, extra: str = "") -> str:
    """The gold patch plus a package.json change (`edit_js` gets the parsed package.json as p), as a diff."""
    image = builder.ensure_instance(instance, spec_for(instance))
    script = (
        "cd /testbed && printf '%s' \"$GOLD\" | git apply - && "
        f"node -e \"const fs=require('fs');const p=JSON.parse(fs.readFileSync('package.json'));{edit_js};"
        "fs.writeFileSync('package.json',JSON.stringify(p,null,2)+'\\n')\" && "
        f"{extra or 'true'} && git diff"
    )
    return client.containers.run(image, ["bash", "-c", script], environment={"GOLD": instance.patch}, remove=True,
                                 network_mode="none").decode()


def test_a_dependency_the_patch_adds_is_installed_before_the_offline_test_run(tmp_path, client, builder, jest_instance):
    # As Chart.js 9613's gold patch bumps chartjs-test-utils: the fix needs a package the image lacks. The
    # prediction requires is-number from the code under test; only a re-sync of the patch's manifest has it.
    instance = jest_instance
    patch = _gold_with_package_json(client, builder, instance, "p.dependencies={'is-number':'7.0.0'}",
                                    "sed -i '1i require(\"is-number\");' src/legend.js")
    assert "is-number" in patch and "src/legend.js" in patch
    report = evaluate([instance], [Prediction(instance.instance_id, "adds-a-dependency", patch)],
                      EvalOptions(run_id="deps", runs_dir=tmp_path), builder, client)
    folder = tmp_path / "deps" / "adds-a-dependency" / instance.instance_id
    result = json.loads((folder / "report.json").read_text())
    assert result["dependencies_synced"]["exit_code"] == 0, (folder / "dependency_sync.txt").read_text()[-2000:]
    assert report["resolved_ids"] == [instance.instance_id], result.get("error")
    with pytest.raises(docker.errors.ImageNotFound):  # the throw-away image is gone
        client.images.get(result["dependencies_synced"]["image"])


def test_a_manifest_change_that_replaces_the_test_runner_is_not_installed(tmp_path, client, builder, jest_instance):
    # Red team: `"jest": "npm:<some package>"` would swap the test runner for anything the registry serves.
    instance = jest_instance
    patch = _gold_with_package_json(client, builder, instance, "p.devDependencies.jest='npm:is-number@7.0.0'")
    evaluate([instance], [Prediction(instance.instance_id, "swaps-jest", patch)],
             EvalOptions(run_id="swap", runs_dir=tmp_path), builder, client)
    folder = tmp_path / "swap" / "swaps-jest" / instance.instance_id
    result = json.loads((folder / "report.json").read_text())
    assert result["dependencies_synced"]["refused"] is True, (folder / "dependency_sync.txt").read_text()[-2000:]
    assert "would replace a test runner" in (folder / "dependency_sync.txt").read_text()
    assert result["image"] == result["dependencies_synced"]["image"]  # the tests ran on the instance image
    assert result["status"] == "resolved"  # the real jest ran the real tests of the (gold) fix


def test_a_patch_that_does_not_apply_is_unresolved_with_its_category(tmp_path, client, builder, shipped, jest_instance):
    instance = jest_instance
    broken = Prediction(instance.instance_id, "broken", "diff --git a/nope.js b/nope.js\n--- a/nope.js\n+++ b/nope.js\n@@ -1 +1 @@\n-x\n+y\n")
    report = evaluate([instance], [broken], EvalOptions(run_id="broken", runs_dir=tmp_path), builder, client)
    assert report["unresolved_ids"] == [instance.instance_id]
    assert report["failure_categories"] == {"patch_failed": 1}


def test_a_rerun_resumes_finished_instances(tmp_path, client, builder, shipped, jest_instance):
    instance = jest_instance
    predictions = resolve_predictions("gold", [instance])
    options = EvalOptions(run_id="resume", runs_dir=tmp_path)
    evaluate([instance], predictions, options, builder, client)
    seen = []
    evaluate([instance], predictions, options, builder, client, on_result=seen.append)
    assert seen[0].get("resumed") is True
    seen.clear()
    evaluate([instance], predictions, dataclasses.replace(options, force=True), builder, client, on_result=seen.append)
    assert "resumed" not in seen[0]


def test_tests_run_without_network(tmp_path, client, builder, shipped, jest_instance):
    image = builder.ensure_instance(jest_instance, spec_for(jest_instance))
    with running_container(client, image, Limits(), run_labels(tmp_path, "net")) as container:
        interfaces = container.exec_run(["ls", "/sys/class/net"]).output.decode().split()
    assert interfaces == ["lo"]
    assert run_containers(client, tmp_path, "net") == []


def test_a_commit_missing_from_the_mirror_is_named(tmp_path, client, builder, shipped, jest_instance):
    missing = "0123456789abcdef0123456789abcdef01234567"
    instance = dataclasses.replace(jest_instance, environment_setup_commit=missing, base_commit=missing)
    report = evaluate([instance], resolve_predictions("gold", [instance]),
                      EvalOptions(run_id="missing", runs_dir=tmp_path), builder, client)
    assert report["error_ids"] == [instance.instance_id]
    saved = json.loads((tmp_path / "missing" / "gold" / instance.instance_id / "report.json").read_text())
    assert missing in saved["error"] and saved["failure_category"] == "env_build_failed"


def test_cache_level_removes_what_this_run_built_above_it(client, shipped, jest_instance):
    builder = ImageBuilder(client=client, sources=RepoSources())
    instance = jest_instance
    parent = client.containers.run(
        builder.ensure_env(instance, spec_for(instance)), ["git", "rev-parse", "HEAD~1"], remove=True, network_mode="none",
    ).decode().strip()
    # An env at the parent commit, then an instance at the original base on top of it (the setup commit
    # is an ancestor of the base, so the env is shared): only the instance layer is built.
    older = dataclasses.replace(instance, instance_id="vizlab__svg-charts-older", base_commit=parent,
                                environment_setup_commit=parent)
    builder.ensure_env(older, spec_for(older))
    builder = ImageBuilder(client=client, sources=RepoSources())
    newer = dataclasses.replace(instance, instance_id="vizlab__svg-charts-newer", environment_setup_commit=parent)
    tag = builder.ensure_instance(newer, spec_for(newer))
    assert builder.built == [("instance", tag)]  # base and env were reused, not rebuilt
    assert builder.env_tag(newer, spec_for(newer)) == builder.env_tag(older, spec_for(older))
    assert builder.remove_built_above("instance") == []
    assert builder.remove_built_above("env") == [tag]
    assert not builder.exists(tag) and builder.exists(builder.env_tag(older, spec_for(older)))


def _fuzz_only(patch: str) -> str:
    """The patch with the first context line of its first hunk changed: git apply refuses it, patch --fuzz takes it."""
    lines = patch.splitlines(keepends=True)
    hunk = next(i for i, line in enumerate(lines) if line.startswith("@@"))
    context = next(i for i in range(hunk + 1, len(lines)) if lines[i].startswith(" "))
    lines[context] = " // a line that is not in the file\n"
    return "".join(line for line in lines if not line.startswith("index "))


def test_patch_fallbacks_are_tried_and_recorded(tmp_path, client, builder, shipped, jest_instance):
    instance = jest_instance
    fuzzy = Prediction(instance.instance_id, "fuzzy", _fuzz_only(instance.patch))
    report = evaluate([instance], [fuzzy], EvalOptions(run_id="fuzzy", runs_dir=tmp_path), builder, client)
    saved = json.loads((tmp_path / "fuzzy" / "fuzzy" / instance.instance_id / "report.json").read_text())
    assert saved["apply_method"] == "patch --fuzz=3"
    assert report["resolved_ids"] == [instance.instance_id]


def test_yarn_pnpm_and_system_packages_of_a_spec_are_in_its_images(tmp_path, client, builder, shipped):
    """SWE-bench M specs install with yarn or pnpm and need Debian packages (react-pdf: cairo, Chart.js:
    xvfb); the env image provides them, and they work in the network-less evaluation container."""
    instance = next(i for i in shipped if i.repo == "boxline/diagram")
    base = spec_for(instance)
    spec = dataclasses.replace(
        base,
        yarn_version="1.22.22", pnpm_version="7.9.0", system_packages=("jq",),
        install=("yarn install --non-interactive --no-progress", "pnpm install --reporter=silent"),
        test_cmd=f"jq --version >&2 && pnpm --version >&2 && yarn --version >&2 && yarn --silent {base.test_cmd}",
    )
    options = EvalOptions(run_id="managers", runs_dir=tmp_path)
    [report] = run_jobs([Job(instance, resolve_predictions("gold", [instance])[0], spec)], options, builder, client)
    log = (tmp_path / "managers" / "gold" / instance.instance_id / "test_output.txt").read_text()
    assert report["status"] == "resolved", report["error"] or log[-2000:]
    assert "jq-1.6" in log and "7.9.0" in log and "1.22.22" in log
    assert builder.env_tag(instance, spec) != builder.env_tag(instance, base)


def test_cleanup_touches_only_its_own_runs_folder(tmp_path, client, builder, jest_instance):
    """The same run id under two runs folders is two runs: starting one must not kill the other's containers."""
    image = builder.ensure_instance(jest_instance, spec_for(jest_instance))
    mine, theirs = tmp_path / "mine", tmp_path / "theirs"
    with running_container(client, image, Limits(), run_labels(theirs, "same-id")):
        with running_container(client, image, Limits(), run_labels(mine, "same-id")):
            assert remove_run_containers(client, mine, "same-id") == 1
            assert run_containers(client, mine, "same-id") == []
            assert len(run_containers(client, theirs, "same-id")) == 1


def test_verdicts_are_deterministic(tmp_path, client, builder, shipped):
    """The same predictions evaluated three times give identical per-instance verdicts (TZ, locale pinned)."""
    instances = [next(i for i in shipped if i.repo == repo) for repo in ("vizlab/svg-charts", "quillmark/md-render")]
    verdicts = []
    for attempt in range(3):
        options = EvalOptions(run_id="same", runs_dir=tmp_path, force=True)
        evaluate(instances, resolve_predictions("gold", instances), options, builder, client)
        verdicts.append([
            {key: report[key] for key in ("status", "failure_category", "tests_status", "test_statuses", "verdict_key")}
            for report in (json.loads((tmp_path / "same" / "gold" / i.instance_id / "report.json").read_text())
                           for i in instances)
        ])
    assert verdicts[0] == verdicts[1] == verdicts[2]
    assert all(v["status"] == "resolved" for v in verdicts[0])


def test_a_failed_env_build_is_not_retried_for_every_instance(tmp_path, client, shipped):
    """Instances sharing a broken env get its failure at once instead of each re-running the install."""
    instance = next(i for i in shipped if i.repo == "vizlab/svg-charts")
    broken = dataclasses.replace(spec_for(instance), install=("echo swebench-mm-broken-install && false",))
    twins = [dataclasses.replace(instance, instance_id=f"vizlab__svg-charts-{n}") for n in (901, 902, 903)]
    builder = ImageBuilder(client=client, sources=RepoSources())
    jobs = [Job(twin, resolve_predictions("gold", [twin])[0], broken) for twin in twins]
    reports = run_jobs(jobs, EvalOptions(run_id="broken", runs_dir=tmp_path), builder, client)
    assert [r["failure_category"] for r in reports] == ["env_build_failed"] * 3
    assert len({r["error"] for r in reports}) == 1
    assert len(builder._failed) == 1  # one build attempted; the other two got its failure
