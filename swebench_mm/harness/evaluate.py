"""Evaluate predictions: for each, build the instance image, run eval.sh in a fresh container, grade.

Every instance writes its own files under `runs/<run_id>/<model>/<instance_id>/` as soon as it finishes,
atomically, so an interrupted run loses nothing and a re-run skips what is done (same patch hash).
One broken instance never stops the run: its report records a failure category and the error.
"""

from __future__ import annotations

import json
import secrets
import threading
from importlib import resources
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import docker

from swebench_mm import __version__
from swebench_mm.atomic import write_atomic, write_json
from swebench_mm.errors import UserError
from swebench_mm.harness import eval_script
from swebench_mm.harness.container import ExecResult, Limits, remove_run_containers, run_labels, run_script_once
from swebench_mm.harness.evidence import tests_executed
from swebench_mm.harness.grading import grade
from swebench_mm.cluster import ray_executor
from swebench_mm.cluster.ray_executor import RayOptions
from swebench_mm.harness.docker_client import docker_client
from swebench_mm.harness.images import BuilderSettings, ImageBuilder, ImageBuildFailed, node_builder
from swebench_mm.harness.parsers import TestLog, parse_log
from swebench_mm.harness.patch_dependencies import remove_image, sync_dependencies
from swebench_mm.harness.result_files import READERS
from swebench_mm.harness.run_report import build_run_report
from swebench_mm.harness.specs import EnvSpec, load_specs, spec_for
from swebench_mm.harness.test_assets import stage_test_assets
from swebench_mm.harness.test_spec import TestSpec, resolve_test_spec
from swebench_mm.instances import TaskInstance
from swebench_mm.patches import files_in_patch
from swebench_mm.predictions import Prediction
from swebench_mm.runlock import run_lock

# Failure categories, recorded in each instance report (None when resolved).
PATCH_FAILED = "patch_failed"
EMPTY_PATCH = "empty_patch"
ENV_BUILD_FAILED = "env_build_failed"
TEST_TIMEOUT = "test_timeout"
TESTS_FAILED = "tests_failed"
INFRA_ERROR = "infra_error"
TEST_ASSETS_MISSING = "test_assets_missing"
TESTS_CRASHED = "tests_crashed"  # the suite stopped before its summary (a syntax error, a crash in a test file)
TESTS_NOT_RUN = "tests_not_run"  # the suite's summary says it executed no test
MEMORY_LIMIT = "memory_limit"
DISK_LIMIT = "disk_limit"


@dataclass
class EvalOptions:
    run_id: str
    runs_dir: Path = Path("runs")
    workers: int = 1
    force: bool = False
    limits: Limits = field(default_factory=Limits)
    timeout_s: int | None = None  # overrides the spec's test timeout
    # Where binary test fixtures may come from besides the repository mirror (see harness/test_assets.py).
    image_dirs: list[Path] = field(default_factory=list)
    allow_download: bool = True
    # "local": threads on this machine's engine; "ray": one Ray task per instance on the cluster's Docker
    # nodes (swebench_mm/cluster/ray_executor.py), results still written here.
    executor: str = "local"
    ray: RayOptions = field(default_factory=RayOptions)


def helper_files() -> dict[str, str]:
    """Files swebench-mm provides inside every evaluation container (e.g. list reporters), under helpers/."""
    folder = resources.files("swebench_mm.harness").joinpath("helpers")
    return {f"helpers/{item.name}": item.read_text(encoding="utf-8") for item in folder.iterdir() if item.is_file()}


def instance_dir(options: EvalOptions, model: str, instance_id: str) -> Path:
    safe_model = model.replace("/", "__")
    return options.runs_dir / options.run_id / safe_model / instance_id


def _finished_report(path: Path, prediction: Prediction, key: str) -> dict | None:
    """A previous report for the same patch and the same verdict inputs that reached a verdict, or None."""
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None
    if report.get("patch_hash") != prediction.patch_hash or report.get("verdict_key") != key:
        return None
    if report.get("status") == "error":
        return None
    return report


@dataclass
class EvalOutcome:
    """One evaluation's result before it is written: the report and the files kept beside it."""

    report: dict
    files: dict[str, str]  # file name in the instance folder -> text (patch.diff, eval.sh, test_output.txt)


def evaluate_one(
    test_spec: TestSpec,
    prediction: Prediction,
    builder: ImageBuilder,
    client: docker.DockerClient,
    options: EvalOptions,
    cancelled: threading.Event | None = None,
) -> dict | None:
    """Evaluate one prediction and write its files; None (nothing written) when cancelled meanwhile."""
    outcome = run_evaluation(test_spec, prediction, builder, client, options, cancelled)
    return None if outcome is None else record_evaluation(options, outcome)


def record_evaluation(options: EvalOptions, outcome: EvalOutcome) -> dict:
    """Write an evaluation's files, the report last (its presence means the rest is complete)."""
    report = outcome.report
    out = instance_dir(options, report["model_name_or_path"], report["instance_id"])
    out.mkdir(parents=True, exist_ok=True)
    for name, text in outcome.files.items():
        write_atomic(out / name, text)
    write_json(out / "report.json", report)
    return report


def _new_report(test_spec: TestSpec, prediction: Prediction, options: EvalOptions) -> dict:
    """An instance report before anything ran: an error until the evaluation says otherwise."""
    return {
        "instance_id": test_spec.instance.instance_id,
        "model_name_or_path": prediction.model_name_or_path,
        "run_id": options.run_id,
        "patch_hash": prediction.patch_hash,
        "verdict_key": test_spec.key,
        "patch_is_empty": prediction.is_empty,
        "patch_applied": False,
        "apply_method": None,
        "resolved": False,
        "status": "error",
        "failure_category": None,
        "error": None,
        "eval_type": test_spec.eval_type,  # the resolved spec's: the instance's own field is already applied
        "tests_status": None,
        "test_statuses": None,
        "test_exit_code": None,
        "log_complete": False,
        "image": None,
        "timings": {},
    }


def run_evaluation(
    test_spec: TestSpec,
    prediction: Prediction,
    builder: ImageBuilder,
    client: docker.DockerClient,
    options: EvalOptions,
    cancelled: threading.Event | None = None,
) -> EvalOutcome | None:
    """Evaluate one prediction end to end without writing anything under the runs folder (so it can run on
    another machine); never raises for problems of this instance alone.

    Returns None when the run was cancelled meanwhile: a half-finished evaluation must not be mistaken
    for a result on resume.
    """
    if cancelled is not None and cancelled.is_set():
        return None
    instance, spec = test_spec.instance, test_spec.env
    started = time.monotonic()
    files = {"patch.diff": prediction.model_patch, "eval.sh": test_spec.script}
    report = _new_report(test_spec, prediction, options)
    if test_spec.assets.files:
        report["test_assets"] = test_spec.assets.origins
    if test_spec.assets.missing:
        report["test_assets_missing"] = test_spec.assets.missing
    if test_spec.expected_tests is not None:
        report["tests_expected"] = test_spec.expected_tests
    try:
        image_started = time.monotonic()
        report["image"] = builder.ensure_instance(instance, spec)
        report["timings"]["image_s"] = round(time.monotonic() - image_started, 3)
        labels = {**run_labels(options.runs_dir, options.run_id), "swebench-mm.instance_id": instance.instance_id}
        nonce = secrets.token_hex(16)
        # What goes into the container (staged binary fixtures, the nonce, helpers) is not what is kept in the
        # instance folder (`files`: patch, script, log).
        container_files = {**test_spec.container_files(), "patch.diff": prediction.model_patch,
                           eval_script.NONCE_FILE: nonce, **helper_files()}
        synced = sync_dependencies(client, report["image"], prediction.model_patch, test_spec.limits, labels)
        if synced is not None:
            report["dependencies_synced"] = {"exit_code": synced.exit_code, "seconds": round(synced.seconds, 3),
                                             "image": synced.image, "refused": synced.refused}
            files["dependency_sync.txt"] = synced.output
        try:
            result = run_script_once(client, synced.image if synced else report["image"], eval_script.WORKDIR,
                                     container_files, "eval.sh", test_spec.timeout_s, test_spec.limits, labels)
        finally:
            if synced is not None and not synced.refused:
                remove_image(client, synced.image)
        report["timings"]["tests_s"] = round(result.seconds, 3)
        files["test_output.txt"] = result.output
        report["test_exit_code"] = result.exit_code
        report["apply_method"] = eval_script.apply_method(result.output)
        _note_placeholders(report, instance, eval_script.placeholders(result.output))
        dropped = eval_script.dropped_test_infrastructure(result.output)
        if dropped:
            report["dropped_test_infrastructure"] = dropped
        if result.output_cut_bytes:
            report["output_cut_bytes"] = result.output_cut_bytes
        report["patch_applied"] = report["apply_method"] not in (None, "none")
        _grade_into(report, test_spec, result, nonce, prediction)
    except ImageBuildFailed as exc:
        cause = f"{exc.cause}; " if exc.cause else ""
        report.update(status="error", failure_category=ENV_BUILD_FAILED,
                      error=f"{exc.image}: {cause}see {exc.log_path}\n{exc.log_tail[-800:]}")
    except UserError as exc:
        report.update(status="error", failure_category=ENV_BUILD_FAILED, error=str(exc))
    except Exception as exc:  # noqa: BLE001 — one instance's infrastructure failure must not end the run
        report.update(status="error", failure_category=INFRA_ERROR, error=f"{type(exc).__name__}: {exc}")
    if cancelled is not None and cancelled.is_set():
        return None
    report["timings"]["total_s"] = round(time.monotonic() - started, 3)
    report["finished_at"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
    return EvalOutcome(report, files)


MAX_LISTED_PLACEHOLDERS = 50


def _note_placeholders(report: dict, instance: TaskInstance, paths: list[str]) -> None:
    """Record the checkout's placeholder files, and whether the verdict may rest on one of them.

    "May depend" is a cautious heuristic: a placeholder that a patch touches, or one in the folder of a
    file the patches touch or below it, or below that folder's parent (fixtures sit beside or near the
    tests that read them); the repository root alone does not count as near.
    """
    if not paths:
        return
    touched = files_in_patch(instance.test_patch) + files_in_patch(instance.patch)
    near = {str(folder) for path in touched for folder in list(Path(path).parents)[:2] if str(folder) != "."}
    report["placeholders"] = {"count": len(paths), "paths": paths[:MAX_LISTED_PLACEHOLDERS]}
    report["may_depend_on_placeholders"] = any(
        path in touched or any(path.startswith(folder + "/") for folder in near) for path in paths
    )


def _grade_into(report: dict, test_spec: TestSpec, result: ExecResult, nonce: str, prediction: Prediction) -> None:
    instance, spec = test_spec.instance, test_spec.env
    output, exit_code = result.output, result.exit_code
    if exit_code == eval_script.EXIT_APPLY_FAILED and eval_script.APPLY_FAILED in output:
        report.update(status="unresolved", failure_category=PATCH_FAILED, error="no patch method applied the prediction")
        return
    if exit_code == eval_script.EXIT_TEST_PATCH_FAILED and eval_script.TEST_PATCH_FAILED in output:
        report.update(status="error", failure_category=INFRA_ERROR, error="the instance's test patch does not apply")
        return
    tests_log, complete = eval_script.test_section(output, nonce)
    report["log_complete"] = complete
    if spec.results_file:
        # Graded from the framework's results file; a run that wrote none reached no verdict of its own.
        section = eval_script.results_file_section(output, nonce)
        parsed, executed = READERS[spec.results_file](section) if section is not None else (TestLog(), None)
        report["results_source"] = f"results file ({spec.results_file})"
    else:
        parsed, executed = parse_log(spec.parser, tests_log), tests_executed(tests_log)
        report["results_source"] = f"log ({spec.parser})"
    report["test_statuses"] = parsed.statuses
    report["log_summary_seen"] = parsed.completed
    report["tests_executed"] = executed
    graded = grade(instance.fail_to_pass, instance.pass_to_pass, parsed, report["eval_type"])
    report["tests_status"] = graded.tests_status()
    report["resolved"] = graded.resolved
    unresolved = {"status": "unresolved", "resolved": False}
    listed = len(set(instance.fail_to_pass) | set(instance.pass_to_pass))
    if result.oom_killed:
        report.update(**unresolved, failure_category=MEMORY_LIMIT,
                      error="a process was killed by the kernel for going over the container's memory limit")
    elif result.disk_exceeded:
        report.update(**unresolved, failure_category=DISK_LIMIT, error="the container wrote more than its disk limit")
    elif eval_script.test_exit_status(output, nonce) == eval_script.EXIT_FILE_TOO_LARGE:
        report.update(**unresolved, failure_category=DISK_LIMIT,
                      error=f"a file grew past the {eval_script.MAX_FILE_KB // 1024**2} GiB single-file limit "
                            "(the test command was killed by SIGXFSZ)")
    elif result.timed_out:
        report.update(**unresolved, failure_category=TEST_TIMEOUT, error="tests did not finish within the time limit")
    elif prediction.is_empty:
        # An empty patch is never resolved, as in the official harness: otherwise an agent that changes
        # nothing "resolves" every instance whose FAIL_TO_PASS tests already pass at the base commit.
        report.update(**unresolved, failure_category=EMPTY_PATCH)
        if graded.resolved:
            report["tests_pass_without_change"] = True
            report["error"] = ("the tests the instance lists pass without any change: the empty patch is graded "
                               "unresolved by rule, and the instance's tests do not detect its issue")
    elif report["tests_executed"] == 0 or (not parsed.statuses and parsed.completed and report["eval_type"] != "fail_only"):
        # A summary that says nothing ran proves nothing, on every eval type.
        report.update(**unresolved, failure_category=TESTS_NOT_RUN, error="the test run executed no tests")
    elif graded.resolved and test_spec.expected_tests is not None and (
            report["tests_executed"] is None or report["tests_executed"] < test_spec.expected_tests):
        # Validation saw at least this many tests run, with and without the gold patch: a run with fewer
        # kept some from running, and a test that did not run cannot count as passed.
        seen = "no test count" if report["tests_executed"] is None else f"{report['tests_executed']} tests"
        report.update(**unresolved, failure_category=TESTS_NOT_RUN,
                      error=f"the test run executed {seen}, fewer than the {test_spec.expected_tests} every "
                            "validation run of this instance executed")
    elif report["tests_executed"] is not None and report["tests_executed"] < listed / 2:
        # Every listed test must run; far fewer executed means most were kept from running.
        report.update(**unresolved, failure_category=TESTS_NOT_RUN,
                      error=f"the test run executed {report['tests_executed']} tests, under half of the {listed} "
                            "the instance lists")
    elif graded.error or (not parsed.completed and not graded.resolved):
        report.update(**unresolved, failure_category=TESTS_CRASHED,
                      error=graded.error or "the test run stopped before its summary")
    elif not graded.resolved and report.get("test_assets_missing"):
        # The tests ran without some of their reference files: a failure says nothing about the patch.
        report.update(status="error", failure_category=TEST_ASSETS_MISSING,
                      error="binary test fixtures could not be staged: " + "; ".join(report["test_assets_missing"][:3]))
    elif graded.resolved:
        report.update(status="resolved", failure_category=None)
    else:
        report.update(**unresolved, failure_category=TESTS_FAILED)


ProgressCallback = Callable[[dict], None]


@dataclass(frozen=True)
class Job:
    instance: TaskInstance
    prediction: Prediction
    spec: EnvSpec


def check_gradable(instance: TaskInstance) -> None:
    if not instance.fail_to_pass and not instance.pass_to_pass:
        raise UserError(
            f"{instance.where}: {instance.instance_id} has no FAIL_TO_PASS or PASS_TO_PASS tests to grade (the SWE-bench "
            "Multimodal test split keeps them hidden: grade its predictions with sb-cli, after "
            "`swebench-mm predictions export RUN_ID --format sb-cli --out preds.json`)"
        )


def run_jobs(jobs: list[Job], options: EvalOptions, builder: ImageBuilder, client: docker.DockerClient,
             on_result: ProgressCallback = lambda report: None) -> list[dict]:
    """Evaluate jobs on `options.workers` threads, skipping finished ones; returns reports in job order.

    On Ctrl-C the run's containers are removed at once (which also ends the tests running in them),
    interrupted instances write no report, and the interrupt is re-raised: a re-run resumes.
    """
    with run_lock(options.runs_dir / options.run_id, "evaluate"):
        return _run_jobs_locked(jobs, options, builder, client, on_result)


def resolve_jobs(jobs: list[Job], options: EvalOptions, builder: ImageBuilder) -> list[TestSpec]:
    """Each job's TestSpec; jobs of one instance and spec (validation's reruns) share one resolution."""
    resolved: dict[tuple[str, int], TestSpec] = {}
    out = []
    for job in jobs:
        memo = (job.instance.instance_id, id(job.spec))
        if memo not in resolved:
            assets = stage_test_assets(job.instance, builder.sources, options.image_dirs, options.allow_download)
            resolved[memo] = resolve_test_spec(job.instance, job.spec, assets, options.limits, options.timeout_s)
        out.append(resolved[memo])
    return out


def _run_jobs_locked(jobs: list[Job], options: EvalOptions, builder: ImageBuilder, client: docker.DockerClient,
                     on_result: ProgressCallback) -> list[dict]:
    if options.executor == "ray":
        ray_executor.connect(options.ray)
        ray_executor.on_every_docker_node(remove_containers_here, options.runs_dir, options.run_id)
    else:
        remove_run_containers(client, options.runs_dir, options.run_id)
    specs = resolve_jobs(jobs, options, builder)
    reports: dict[int, dict] = {}
    todo: list[int] = []
    for index, job in enumerate(jobs):
        path = instance_dir(options, job.prediction.model_name_or_path, job.instance.instance_id) / "report.json"
        previous = None if options.force else _finished_report(path, job.prediction, specs[index].key)
        if previous is not None:
            previous["resumed"] = True
            reports[index] = previous
            on_result(previous)
        else:
            todo.append(index)

    if options.executor == "ray":
        _run_on_ray([(i, specs[i], jobs[i].prediction) for i in todo], options, builder, reports, on_result)
        return [reports[i] for i in sorted(reports)]
    cancelled = threading.Event()
    pool = ThreadPoolExecutor(max_workers=max(1, options.workers))
    try:
        futures = {
            pool.submit(evaluate_one, specs[i], jobs[i].prediction, builder, client, options, cancelled): i
            for i in todo
        }
        for future in as_completed(futures):
            report = future.result()
            if report is not None:
                reports[futures[future]] = report
                on_result(report)
    except BaseException:
        cancelled.set()
        pool.shutdown(wait=False, cancel_futures=True)
        remove_run_containers(client, options.runs_dir, options.run_id)
        raise
    finally:
        pool.shutdown(wait=True)
    return [reports[i] for i in sorted(reports)]


def remove_containers_here(runs_dir: Path, run_id: str) -> int:
    """Remove a run's containers from this node's engine (run on every node by the Ray executor)."""
    return remove_run_containers(docker_client(), runs_dir, run_id)


def evaluate_on_node(test_spec: TestSpec, prediction: Prediction, settings: BuilderSettings,
                     options: EvalOptions) -> EvalOutcome | None:
    """One Ray task: evaluate on this node's Docker engine, return the outcome for the driver to write.
    A worker process keeps one builder per settings (images.node_builder)."""
    client, builder = node_builder(settings)
    outcome = run_evaluation(test_spec, prediction, builder, client, options)
    if outcome is not None:
        import ray

        outcome.report["node"] = ray.get_runtime_context().get_node_id()  # where it ran, for people and tests
    return outcome


def _run_on_ray(todo: list[tuple[int, TestSpec, Prediction]], options: EvalOptions, builder: ImageBuilder,
                reports: dict[int, dict], on_result: ProgressCallback) -> None:
    settings = builder.settings()

    def failed(position: int, error: BaseException) -> EvalOutcome:
        _, test_spec, prediction = todo[position]
        first = (str(error).strip().splitlines() or [type(error).__name__])[-1][:300]
        report = _new_report(test_spec, prediction, options)
        report.update(failure_category=INFRA_ERROR, error=f"the cluster task failed: {type(error).__name__}: {first}")
        return EvalOutcome(report, {"patch.diff": prediction.model_patch, "eval.sh": test_spec.script})

    calls = [(test_spec, prediction, settings, options) for _, test_spec, prediction in todo]
    try:
        end_running = lambda: ray_executor.on_every_docker_node(  # noqa: E731 — the tasks' containers end them
            remove_containers_here, options.runs_dir, options.run_id)
        for position, outcome in ray_executor.run_tasks(evaluate_on_node, calls, options.ray, failed,
                                                        end_running=end_running):
            if outcome is None:
                continue
            report = record_evaluation(options, outcome)
            reports[todo[position][0]] = report
            on_result(report)
    finally:
        # Cancelled tasks, and those whose node died, leave their containers behind: remove them on every
        # live node (a finished task has removed its own already).
        ray_executor.on_every_docker_node(remove_containers_here, options.runs_dir, options.run_id)


def evaluate(
    instances: list[TaskInstance],
    predictions: list[Prediction],
    options: EvalOptions,
    builder: ImageBuilder,
    client: docker.DockerClient,
    on_result: ProgressCallback = lambda report: None,
) -> dict:
    """Evaluate every prediction (resuming finished ones), then write and return the run report."""
    if not predictions:
        raise UserError("no predictions to evaluate")
    models = sorted({p.model_name_or_path for p in predictions})
    if len(models) > 1:
        raise UserError(f"one model per run id, got {', '.join(models)}: split the predictions file")
    by_id = {instance.instance_id: instance for instance in instances}
    specs = load_specs()
    # Resolve every spec up front so a missing one is reported before anything is built.
    jobs = [Job(by_id[p.instance_id], p, spec_for(by_id[p.instance_id], specs)) for p in predictions]
    for job in jobs:
        check_gradable(job.instance)
    results = run_jobs(jobs, options, builder, client, on_result)
    run_report = build_run_report(
        run_id=options.run_id, model=models[0], instances=instances, predictions=predictions,
        reports={report["instance_id"]: report for report in results}, version=__version__,
    )
    write_json(options.runs_dir / options.run_id / "report.json", run_report)
    return run_report
