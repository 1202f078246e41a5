"""The `swebench-mm` command: one entry point, one subcommand per job.

User errors (bad files, no Docker) print one line and exit 2; `--debug` shows tracebacks for bugs.
"""

from __future__ import annotations

import argparse
import re
import signal
import sys
import textwrap
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from rich.console import Console
from rich.markup import escape as rich_escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from swebench_mm import __version__
from swebench_mm.errors import UserError

# Piped output (CI logs, `| less`) gets a wide table instead of rich's 80-column default.
console = Console(width=None if sys.stdout.isatty() else 130)
err_console = Console(stderr=True, soft_wrap=True)  # an error stays one line, however long

EPILOG = """\
examples:
  swebench-mm instances show shipped
  swebench-mm instances show ../shared/swebench-m-dev/instances.jsonl --id chartjs__Chart.js-11116
  swebench-mm images build --instances shipped
  swebench-mm evaluate --instances shipped --predictions gold --run-id gold-check
  swebench-mm evaluate --instances shipped --predictions runs/r1/predictions.jsonl --run-id r1 --workers 2
"""


# ---- instances ----------------------------------------------------------------------------------
def cmd_instances_show(args: argparse.Namespace) -> int:
    from swebench_mm.instances import load_instances, select_instances

    instances = select_instances(load_instances(args.source), [args.id] if args.id else None)
    if args.id:
        instance = instances[0]
        console.rule(f"[bold]{instance.instance_id}")
        table = Table(show_header=False, box=None)
        for key, value in (
            ("repo", instance.repo), ("version", instance.version), ("base_commit", instance.base_commit),
            ("created_at", instance.created_at), ("FAIL_TO_PASS", f"{len(instance.fail_to_pass)} tests"),
            ("PASS_TO_PASS", f"{len(instance.pass_to_pass)} tests"),
            ("gold patch", f"{instance.patch.count(chr(10))} lines"),
            ("test patch", f"{instance.test_patch.count(chr(10))} lines"),
            *((k, str(v)) for k, v in sorted(instance.extra.items()) if k != "test_cmd"),
        ):
            table.add_row(f"[cyan]{key}", value)
        console.print(table)
        console.print("[bold]images:")
        for ref in instance.problem_images:
            local = instance.image_path(ref)
            state = "" if local is None else (" (present)" if local.exists() else " [red](missing)")
            console.print(f"  {ref}{state}")
        _print_environment(instance)
        console.print("[bold]problem statement:")
        console.print(textwrap.indent(instance.problem_statement.strip()[:3000], "  "), markup=False, highlight=False)
        console.print("[bold]FAIL_TO_PASS:")
        for name in instance.fail_to_pass:
            console.print(f"  {name}", markup=False, highlight=False)
        return 0
    table = Table(title=f"{len(instances)} instances from {args.source}")
    for column in ("instance_id", "repo", "version", "images", "F2P", "P2P", "created"):
        table.add_column(column, no_wrap=column in ("instance_id", "repo"))
    for instance in instances:
        table.add_row(instance.instance_id, instance.repo, instance.version, str(len(instance.problem_images)),
                      str(len(instance.fail_to_pass)), str(len(instance.pass_to_pass)), instance.created_at[:10])
    console.print(table)
    repos: dict[str, int] = {}
    for instance in instances:
        repos[instance.repo] = repos.get(instance.repo, 0) + 1
    console.print("by repository: " + ", ".join(f"{repo} {count}" for repo, count in sorted(repos.items())))
    return 0


def _print_environment(instance) -> None:
    """The environment spec as it applies to this instance (its own overrides in), so a user sees what will run."""
    from swebench_mm.harness.specs import spec_for

    console.print("[bold]environment:")
    try:
        spec = spec_for(instance)
    except UserError as exc:
        console.print(f"  [red]no spec:[/] {rich_escape(str(exc))}")
        return
    managers = ", ".join(f"{name} {version}" for name, version in (("yarn", spec.yarn_version),
                                                                  ("pnpm", spec.pnpm_version)) if version)
    table = Table(show_header=False, box=None, padding=(0, 1, 0, 2))
    for key, value in (
        ("node / npm", f"{spec.node_version} / {spec.npm_version}" + (f"; {managers}" if managers else "")),
        ("system packages", " ".join(spec.system_packages) or "-"),
        ("install", spec.install_chain() if (spec.install or spec.build) else "-"),
        ("test command", spec.test_cmd + (" <test files of the test patch>" if spec.append_test_files else "")),
        ("parser / eval", f"{spec.parser} / {spec.eval_type}"),
        ("browser", ("Debian's Chromium" if spec.needs_browser else "none") + (f" — {spec.browser_note}" if spec.browser_note else "")),
        *((("notes", spec.notes),) if spec.notes else ()),
    ):
        table.add_row(f"[cyan]{key}", rich_escape(value))
    console.print(table)


def cmd_instances_images(args: argparse.Namespace) -> int:
    from swebench_mm.issue_images import ImageSources, issue_images
    from swebench_mm.instances import load_instances, select_instances

    instances = select_instances(load_instances(args.source), args.ids)
    sources = ImageSources([Path(d) for d in args.image_dir], allow_download=args.download)
    table = Table(title=f"issue images of {len(instances)} instances")
    for column in ("instance", "images", "available", "problems"):
        table.add_column(column, no_wrap=column == "instance")
    total = available = 0
    for instance in instances:
        result = issue_images(instance, sources=sources)
        total += len(instance.problem_images)
        available += len(result.paths)
        if result.problems or args.all:
            table.add_row(instance.instance_id, str(len(instance.problem_images)), str(len(result.paths)),
                          "\n".join(result.problems), style=None)
    console.print(table)
    console.print(f"{available}/{total} images available" + ("" if args.download else " (locally; --download fetches the rest)"))
    return 0


# ---- harness -------------------------------------------------------------------------------------
def _builder(args: argparse.Namespace):
    from swebench_mm.harness.docker_client import docker_client
    from swebench_mm.harness.images import ImageBuilder
    from swebench_mm.harness.repos import RepoSources

    client = docker_client()
    ca = None if args.ca_cert is None else [Path(p) for p in args.ca_cert]
    for path in ca or []:
        if not path.is_file():
            raise UserError(f"--ca-cert {path}: no such file")
    builder = ImageBuilder(
        client=client, sources=RepoSources(args.repo_mirror), ca_certificates=ca,
        log=lambda message: err_console.print(f"[dim]{message}"), image_registry=_registry(args.image_registry),
    )
    return client, builder


def _registry(value: str | None) -> str | None:
    """HOST:PORT of an image registry, checked before anything is built or pulled."""
    if value is None:
        return None
    if not re.fullmatch(r"[A-Za-z0-9.-]+(:\d{1,5})?(/[a-z0-9._/-]+)?", value):
        raise UserError(f"--image-registry / --registry {value!r}: expected HOST:PORT (e.g. 127.0.0.1:5000), "
                        "without a scheme")
    return value


def cmd_images_build(args: argparse.Namespace) -> int:
    from swebench_mm.harness.images import ImageBuildFailed
    from swebench_mm.harness.specs import load_specs, spec_for
    from swebench_mm.instances import load_instances, select_instances

    instances = select_instances(load_instances(args.instances), args.ids)
    specs = load_specs()
    client, builder = _builder(args)
    failures = 0
    for instance in instances:
        try:
            tag = builder.ensure_instance(instance, spec_for(instance, specs))
            console.print(f"[green]ok[/] {instance.instance_id}: {tag}")
        except ImageBuildFailed as exc:
            failures += 1
            err_console.print(f"[red]failed[/] {instance.instance_id}: {exc.image}"
                              f"{': ' + rich_escape(exc.cause) if exc.cause else ''} (log: {exc.log_path})")
            err_console.print(exc.log_tail[-1200:], markup=False, highlight=False)
    return 1 if failures else 0


def cmd_images_push(args: argparse.Namespace) -> int:
    from swebench_mm.harness.images import ImageBuildFailed
    from swebench_mm.harness.specs import load_specs, spec_for
    from swebench_mm.instances import load_instances, select_instances

    instances = select_instances(load_instances(args.instances), args.ids)
    specs = load_specs()
    client, builder = _builder(args)
    builder.image_registry = _registry(args.registry)
    pushed: set[str] = set()
    failures = 0
    for instance in instances:
        spec = spec_for(instance, specs)
        try:
            tags = [builder.ensure_env(instance, spec), builder.ensure_instance(instance, spec)]
        except ImageBuildFailed as exc:
            failures += 1
            err_console.print(f"[red]failed[/] {instance.instance_id}: {exc.image}"
                              f"{': ' + rich_escape(exc.cause) if exc.cause else ''} (log: {exc.log_path})")
            continue
        for tag in tags:
            if tag not in pushed:
                console.print(f"pushed {builder.push(tag)}", highlight=False)
                pushed.add(tag)
    return 1 if failures else 0


def cmd_images_list(args: argparse.Namespace) -> int:
    from swebench_mm.harness.docker_client import LABEL, docker_client

    client = docker_client()
    images = client.images.list(filters={"label": f"{LABEL}=1"})
    table = Table(title=f"{len(images)} swebench-mm images")
    for column in ("tag", "kind", "size", "created"):
        table.add_column(column, no_wrap=column == "tag")
    total = 0
    kind_order = {"base": 0, "env": 1, "instance": 2}
    for image in sorted(images, key=lambda i: (kind_order.get(i.labels.get(f"{LABEL}.kind", ""), 3), i.tags)):
        size = image.attrs.get("Size", 0)
        total += size
        for tag in image.tags or [image.short_id]:
            table.add_row(tag, image.labels.get(f"{LABEL}.kind", "?"), f"{size / 1e6:,.0f} MB",
                          image.attrs.get("Created", "")[:19])
    console.print(table)
    console.print(f"{total / 1e9:.2f} GB if nothing were shared; images share their lower layers "
                  "(`docker system df` shows the real disk use)")
    return 0


def cmd_images_prune(args: argparse.Namespace) -> int:
    from swebench_mm.harness.docker_client import LABEL, docker_client

    client = docker_client()
    kinds = {"instance": ["instance"], "env": ["instance", "env"], "all": ["instance", "env", "base"]}[args.level]
    removed = 0
    for kind in kinds:
        for image in client.images.list(filters={"label": [f"{LABEL}=1", f"{LABEL}.kind={kind}"]}):
            for tag in image.tags or [image.id]:
                client.images.remove(tag, force=True)
                removed += 1
    console.print(f"removed {removed} image tag(s) ({', '.join(kinds)})")
    return 0


@contextmanager
def _cache_level(builder, level: str) -> Iterator[None]:
    """Remove, after the run (even an interrupted one), the images this run built above `level`."""
    try:
        yield
    finally:
        removed = builder.remove_built_above(level)
        if removed:
            err_console.print(f"[dim]--cache-level {level}: removed {len(removed)} image(s) built by this run")


@contextmanager
def _progress(description: str, total: int) -> Iterator[Callable[[dict], None]]:
    """A progress bar with per-status counts; yields the callback that advances it."""
    with Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.fields[counts]}"), console=err_console, transient=True,
    ) as progress:
        task = progress.add_task(description, total=total, counts="")
        counts: dict[str, int] = {}

        def on_result(report: dict) -> None:
            counts[report["status"]] = counts.get(report["status"], 0) + 1
            progress.update(task, advance=1, counts=" ".join(f"{k}={v}" for k, v in sorted(counts.items())))

        yield on_result


def _warn_environment_differences(instances) -> None:
    """Say before the run, not only in the report, where a spec's browser differs from the original's."""
    from swebench_mm.reports.summary import environment_notes

    for note in environment_notes([i.instance_id for i in instances], {i.instance_id: i for i in instances}):
        if note["browser"]:
            err_console.print(f"[yellow]note:[/] {rich_escape(note['repo'])} {rich_escape(note['version'])} "
                              f"({note['instances']} instance(s)): {rich_escape(note['browser'])}")


def _eval_options(args: argparse.Namespace):
    """EvalOptions from the shared run options: one place, so `run --evaluate`, `evaluate` and `validate`
    mean the same by --timeout, --max-memory, --force, --workers and --image-dir."""
    from swebench_mm.harness.container import Limits
    from swebench_mm.harness.evaluate import EvalOptions

    return EvalOptions(
        run_id=args.run_id, runs_dir=Path(args.runs_dir).resolve(), workers=args.workers, force=args.force,
        limits=Limits(memory=args.max_memory), timeout_s=args.timeout, image_dirs=[Path(d) for d in args.image_dir],
        executor=args.executor, ray=_ray_options(args),
    )


def _ray_options(args: argparse.Namespace):
    from swebench_mm.cluster.ray_executor import RayOptions

    return RayOptions(address=args.ray_address)


def cmd_evaluate(args: argparse.Namespace) -> int:
    from swebench_mm.harness.evaluate import evaluate
    from swebench_mm.instances import load_instances, select_instances
    from swebench_mm.predictions import resolve_predictions

    instances = select_instances(load_instances(args.instances), args.ids)
    predictions = resolve_predictions(args.predictions, instances)
    wanted = {i.instance_id for i in instances}
    predictions = [p for p in predictions if p.instance_id in wanted]
    _warn_environment_differences([i for i in instances if i.instance_id in {p.instance_id for p in predictions}])
    client, builder = _builder(args)
    options = _eval_options(args)
    with _progress(f"evaluating {args.run_id}", len(predictions)) as on_result, _cache_level(builder, args.cache_level):
        run_report = evaluate(instances, predictions, options, builder, client, on_result)
    _print_run_table(run_report, options)
    return 0


def _print_run_table(run_report: dict, options) -> None:
    import json

    from swebench_mm.harness.evaluate import instance_dir

    table = Table(title=f"run {run_report['run_id']} — {run_report['model_name_or_path']}")
    for column in ("instance", "applied", "F2P", "P2P", "resolved", "note"):
        table.add_column(column, no_wrap=column == "instance")
    for instance_id in run_report["submitted_ids"]:
        path = instance_dir(options, run_report["model_name_or_path"], instance_id) / "report.json"
        report = json.loads(path.read_text(encoding="utf-8"))
        status = report.get("tests_status") or {}

        def frac(key: str) -> str:
            bucket = status.get(key)
            if not bucket:
                return "-"
            return f"{len(bucket['success'])}/{len(bucket['success']) + len(bucket['failure'])}"

        applied = report.get("apply_method") or "no"
        resolved = "[green]yes" if report["status"] == "resolved" else ("[red]error" if report["status"] == "error" else "no")
        note = report.get("failure_category") or ""
        if report.get("resumed"):
            note = (note + " (resumed)").strip()
        table.add_row(instance_id, applied, frac("FAIL_TO_PASS"), frac("PASS_TO_PASS"), resolved, note)
    console.print(table)
    console.print(
        f"resolved {run_report['resolved_instances']}/{run_report['total_instances']} "
        f"({run_report['resolve_rate']:.1%}); errors {run_report['error_instances']}; "
        f"report: {options.runs_dir / run_report['run_id'] / 'report.json'}"
    )
    for instance_id in run_report["error_ids"]:
        path = instance_dir(options, run_report["model_name_or_path"], instance_id) / "report.json"
        if path.exists():
            error = json.loads(path.read_text(encoding="utf-8")).get("error") or ""
            err_console.print(f"[red]{instance_id}[/]: {error.splitlines()[0] if error else 'unknown error'}")


def _declared_measured(declared: tuple[str, ...], measured: list[str]) -> str:
    if sorted(declared) == measured:
        return str(len(declared))
    return f"[yellow]{len(declared)} (measured {len(measured)})"


def cmd_validate(args: argparse.Namespace) -> int:
    import dataclasses
    import json

    from swebench_mm.atomic import write_atomic
    from swebench_mm.harness.test_spec import VALIDATED_TESTS_FIELD
    from swebench_mm.harness.validate import validate
    from swebench_mm.instances import load_instances, select_instances

    if args.reruns < 1:
        raise UserError("--reruns must be at least 1")
    instances = select_instances(load_instances(args.instances), args.ids)
    _warn_environment_differences(instances)
    client, builder = _builder(args)
    options = _eval_options(args)
    with _progress(f"validating ({args.reruns} reruns)", len(instances) * args.reruns * 2) as on_result, \
            _cache_level(builder, args.cache_level):
        result = validate(instances, args.reruns, options, builder, client, on_result)
    table = Table(title=f"validation of {len(instances)} instances, {args.reruns} reruns")
    for column in ("instance", "valid", "F2P", "P2P", "flaky", "problem"):
        table.add_column(column, no_wrap=column == "instance")
    by_id = {i.instance_id: i for i in instances}
    for instance_id, verdict in result["instances"].items():
        instance = by_id[instance_id]
        table.add_row(
            instance_id, "[green]yes" if verdict["valid"] else "[red]no",
            _declared_measured(instance.fail_to_pass, verdict["computed_FAIL_TO_PASS"]),
            _declared_measured(instance.pass_to_pass, verdict["computed_PASS_TO_PASS"]),
            str(len(verdict["flaky_tests"])), (verdict["problems"] or [""])[0][:80],
        )
    console.print(table)
    console.print(f"valid {result['valid_instances']}/{result['total_instances']}; "
                  f"report: {options.runs_dir / options.run_id / 'validation.json'}")
    if args.write_instances:
        rows = []
        for instance in instances:
            verdict = result["instances"][instance.instance_id]
            if args.only_valid and not verdict["valid"]:
                continue
            extra = {k: v for k, v in instance.extra.items() if k != VALIDATED_TESTS_FIELD}
            if verdict["min_tests_executed"]:
                extra[VALIDATED_TESTS_FIELD] = verdict["min_tests_executed"]
            updated = dataclasses.replace(instance, fail_to_pass=tuple(verdict["computed_FAIL_TO_PASS"]),
                                          pass_to_pass=tuple(verdict["computed_PASS_TO_PASS"]), extra=extra)
            rows.append(json.dumps(updated.to_dict(), ensure_ascii=False) + "\n")
        write_atomic(Path(args.write_instances), "".join(rows))
        console.print(f"wrote instances with measured FAIL_TO_PASS/PASS_TO_PASS and {VALIDATED_TESTS_FIELD} to "
                      f"{args.write_instances}")
    return 0 if result["valid_instances"] == result["total_instances"] else 1


# ---- agents --------------------------------------------------------------------------------------
def _agent_recipe(args: argparse.Namespace):
    from swebench_mm.agents.recipe import AgentRecipe

    recipe = AgentRecipe(agent=args.agent, model=args.model, prices=args.prices, step_limit=args.step_limit,
                         cost_limit=args.cost_limit, total_cost_limit=args.total_cost_limit,
                         keep_images=args.keep_images, attempts=args.attempts)
    recipe.check()
    return recipe


def _make_agent(args: argparse.Namespace):
    return _agent_recipe(args).build()


def cmd_run(args: argparse.Namespace) -> int:
    from swebench_mm.agents.runner import RunOptions
    from swebench_mm.harness.container import Limits
    from swebench_mm.instances import load_instances, select_instances

    instances = select_instances(load_instances(args.instances), args.ids)
    agent, model_name = _make_agent(args)
    client, builder = _builder(args)
    from swebench_mm.issue_images import ImageSources

    options = RunOptions(run_id=args.run_id, model_name=model_name, runs_dir=Path(args.runs_dir).resolve(),
                         workers=args.workers, force=args.force, use_images=not args.no_images,
                         image_sources=ImageSources([Path(d) for d in args.image_dir]),
                         limits=Limits(memory=args.max_memory, network=args.allow_network),
                         executor=args.executor, ray=_ray_options(args), recipe=_agent_recipe(args))

    def finished(summary: dict) -> dict:
        return {"status": "error" if summary.get("error") else "done"}

    with _cache_level(builder, args.cache_level):  # after the evaluation too: it uses the same images
        return _run_and_evaluate(args, instances, agent, model_name, options, builder, client, finished)


def _run_and_evaluate(args, instances, agent, model_name, options, builder, client, finished) -> int:
    from swebench_mm.agents.runner import run_agent

    with _progress(f"running {agent.name} ({model_name})", len(instances)) as advance:
        results = run_agent(instances, agent, options, builder, client, lambda r: advance(finished(r)))
    resolved: dict[str, str] = {}
    if args.evaluate:
        from swebench_mm.harness.evaluate import evaluate
        from swebench_mm.predictions import load_predictions

        predictions = load_predictions(options.run_dir / "predictions.jsonl")
        wanted = {i.instance_id for i in instances}
        predictions = [p for p in predictions if p.instance_id in wanted]
        eval_options = _eval_options(args)
        with _progress(f"evaluating {args.run_id}", len(predictions)) as advance:
            report = evaluate(instances, predictions, eval_options, builder, client, advance)
        resolved = {i: "yes" for i in report["resolved_ids"]} | {i: "no" for i in report["unresolved_ids"]} | \
                   {i: "error" for i in report["error_ids"]}
    table = Table(title=f"run {args.run_id} — {model_name}")
    for column in ("instance", "exit", "steps", "tokens in/out", "cost", "patch", *(["resolved"] if args.evaluate else [])):
        table.add_column(column, no_wrap=column == "instance")
    total_cost, cost_known = 0.0, True
    for r in results:
        cost = r.get("cost")
        cost_known = cost_known and (cost is not None or r.get("error", False) or "steps" not in r)
        total_cost += cost or 0.0
        row = [r["instance_id"], (r.get("exit_status") or "")[:40] + (" (resumed)" if r.get("resumed") else ""),
               str(r.get("steps", "-")), f"{r.get('input_tokens', 0)}/{r.get('output_tokens', 0)}",
               "unknown" if cost is None and "steps" in r else f"${cost or 0:.4f}", f"{r.get('patch_lines', 0)} lines"]
        if args.evaluate:
            row.append(resolved.get(r["instance_id"], "-"))
        table.add_row(*row)
    console.print(table)
    console.print(f"predictions: {options.run_dir / 'predictions.jsonl'}; total cost: "
                  + (f"${total_cost:.4f}" if cost_known else f"at least ${total_cost:.4f} (some prices unknown)"))
    if args.evaluate:
        console.print(f"resolved {report['resolved_instances']}/{report['total_instances']} ({report['resolve_rate']:.1%})")
    failed = [r["instance_id"] for r in results if r.get("error")]
    if failed:
        # Not predictions: nothing was saved for them, so the same command retries exactly these.
        err_console.print(f"[red]{len(failed)} instance(s) failed[/] (e.g. the model API was unreachable after "
                          f"retries): {', '.join(failed[:5])}{' ...' if len(failed) > 5 else ''}; run the same "
                          "command again to retry them")
        return 1
    return 0


def cmd_fake_llm(args: argparse.Namespace) -> int:
    from swebench_mm.agents.models.fake_server import FakeLLMServer, load_script

    server = FakeLLMServer(load_script(Path(args.script)), port=args.port, log_file=Path(args.log) if args.log else None)
    with server:
        console.print(f"fake LLM on {server.url}: OpenAI base_url {server.openai_base_url}, Anthropic base_url {server.url}; "
                      f"{server.remaining} scripted replies. Ctrl-C to stop.")
        _serve_until_ctrl_c()
        console.print(f"served {len(server.requests)} requests")
    return 0


def _serve_until_ctrl_c() -> None:
    """Wait while a server thread serves; Ctrl-C (or SIGTERM, which main() turns into it) ends the wait."""
    import threading

    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass


def cmd_predictions_export(args: argparse.Namespace) -> int:
    from swebench_mm.atomic import write_atomic
    from swebench_mm.predictions import export_predictions, load_predictions

    source = Path(args.source)
    if not source.exists():
        candidate = Path(args.runs_dir) / args.source / "predictions.jsonl"
        if not candidate.exists():
            raise UserError(f"{args.source}: neither a predictions file nor a run id with {candidate}")
        source = candidate
    predictions = load_predictions(source)
    write_atomic(Path(args.out), export_predictions(predictions, args.format))
    console.print(f"wrote {len(predictions)} predictions to {args.out} ({args.format})")
    return 0


# ---- reports -------------------------------------------------------------------------------------
def cmd_report(args: argparse.Namespace) -> int:
    import json

    from swebench_mm.atomic import write_atomic
    from swebench_mm.reports.load import load_report_instances, load_run
    from swebench_mm.reports.markdown_report import render_markdown
    from swebench_mm.reports.summary import build_report

    runs = [load_run(reference, Path(args.runs_dir)) for reference in args.runs]
    names = [run.name for run in runs]
    for run in runs:  # two runs with the same id (different folders) need telling apart
        if names.count(run.name) > 1:
            run.name = f"{run.name} ({run.source})"
    instances = load_report_instances(runs, args.instances)
    report = build_report(runs, instances)
    table = Table(title="resolve rates (95% Wilson interval)")
    for column in ("run", "model", "resolved", "95% CI", "cost / instance", "errors"):
        table.add_column(column)
    for run in report["runs"]:
        overall = run["overall"]
        cost = run["cost"]["per_instance"]
        table.add_row(run["name"], run["model"], f"{overall['resolved']}/{overall['total']} ({overall['rate']:.1%})",
                      f"{overall['ci95'][0]:.1%}–{overall['ci95'][1]:.1%}",
                      "–" if not run["cost"]["available"] else "unknown" if cost is None else f"${cost:.4f}",
                      str(run["errors"]))
    console.print(table)
    for comparison in report["comparisons"]:
        console.print(f"{comparison['a']} vs {comparison['b']}: both {comparison['both']}, only A {comparison['only_a']}, "
                      f"only B {comparison['only_b']}, neither {comparison['neither']}; exact McNemar p = {comparison['mcnemar_p']:.4f}")
        if comparison["warning"]:
            err_console.print(f"[yellow]warning:[/] {comparison['warning']}")
    if args.json:
        write_atomic(Path(args.json), json.dumps(report, indent=2) + "\n")
        console.print(f"JSON: {args.json}")
    if args.md:
        write_atomic(Path(args.md), render_markdown(report))
        console.print(f"Markdown: {args.md}")
    if args.html:
        from swebench_mm.reports.html_report import render_html

        write_atomic(Path(args.html), render_html(report, runs, instances))
        console.print(f"HTML: {args.html}")
    return 0


def cmd_view(args: argparse.Namespace) -> int:
    from swebench_mm.viewer.app import create_app, make_viewer_server

    app = create_app(args.runs, Path(args.runs_dir), args.instances, [Path(d) for d in args.image_dir])
    try:
        server = make_viewer_server(app, args.port)
    except OSError as exc:
        raise UserError(f"cannot listen on 127.0.0.1:{args.port} ({exc.strerror or exc}): choose another port with "
                        "--port N, or --port 0 for a free one") from None
    runs = app.extensions["swebench_mm_runs"].runs()
    console.print(f"viewing {len(runs)} run(s) ({', '.join(run.name for run in runs)}) on "
                  f"http://127.0.0.1:{server.port}/ — Ctrl-C to stop", highlight=False, soft_wrap=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        console.print("viewer stopped")
    finally:
        server.server_close()
    return 0


# ---- collecting new instances --------------------------------------------------------------------
def cmd_collect(args: argparse.Namespace) -> int:
    import os

    from swebench_mm.collect.candidates import CollectOptions, collect, parse_time
    from swebench_mm.collect.github import GITHUB_API, GitHubClient
    from swebench_mm.collect.history import history_dir
    from swebench_mm.jsonfiles import check_name
    from swebench_mm.test_infrastructure import TEST_INFRA_PATTERNS

    if args.repo.count("/") != 1 or not all(args.repo.split("/")):
        raise UserError(f"--repo {args.repo!r}: expected owner/name, e.g. chartjs/Chart.js")
    check_name(args.repo, "--repo", "command line", allow_slash=True)
    if args.max is not None and args.max < 1:
        raise UserError("--max must be at least 1")
    out = Path(args.out)
    options = CollectOptions(
        repo=args.repo, out=out, state=Path(args.state) if args.state else out.with_name(out.name + ".state.json"),
        since=parse_time(args.since) if args.since else None, max_candidates=args.max,
        allow_no_images=args.allow_no_images, download_images=not args.no_download,
        test_patterns=TEST_INFRA_PATTERNS + tuple(args.test_pattern),
    )
    client = GitHubClient(token=os.environ.get("GITHUB_TOKEN") or None, api_url=args.api_url or GITHUB_API,
                          on_wait=lambda message: err_console.print(f"[yellow]{message}"))
    info = client.repository(args.repo)
    git_dir = history_dir(args.repo, [Path(m) for m in args.repo_mirror], str(info.get("clone_url") or ""))

    def show(number: int, outcome: str) -> None:
        style = "green" if outcome == "candidate" else "dim"
        console.print(f"[{style}]#{number} {rich_escape(outcome)}", highlight=False, soft_wrap=True)

    summary = collect(client, git_dir, options, show)
    if summary.reconsidered:
        console.print(f"{summary.reconsidered} pull requests skipped under other filters in an earlier run were "
                      "looked at again", highlight=False)
    table = Table(title=f"{args.repo}: {summary.pulls_seen} pull requests looked at")
    table.add_column("outcome")
    table.add_column("pull requests", justify="right")
    table.add_row("[green]candidate (new this run)", str(summary.new_candidates))
    for reason, count in sorted(summary.skipped.items(), key=lambda item: -item[1]):
        table.add_row(f"skipped: {rich_escape(reason)}", str(count))
    console.print(table)
    console.print(f"{summary.candidates} candidates in {out} (state: {options.state}); measure their tests with\n"
                  f"  swebench-mm validate --instances {out} --write-instances instances.jsonl --only-valid",
                  highlight=False, soft_wrap=True)
    return 0


def cmd_fake_github(args: argparse.Namespace) -> int:
    import json

    from swebench_mm.collect.fake_github import FakeGitHub

    path = Path(args.data)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(f"--data {path}: no such file") from None
    except json.JSONDecodeError as exc:
        raise UserError(f"{path}:{exc.lineno}: invalid JSON ({exc.msg})") from None
    fake = FakeGitHub(data, base_dir=path.parent)
    try:
        url = fake.start(args.port)
    except OSError as exc:
        raise UserError(f"cannot listen on 127.0.0.1:{args.port} ({exc.strerror}); pick another --port") from None
    console.print(f"fake GitHub API on {url} (repositories: {', '.join(data.get('repos', {})) or 'none'}); "
                  f"use --api-url {url} — Ctrl-C to stop", highlight=False, soft_wrap=True)
    try:
        _serve_until_ctrl_c()
        console.print("fake GitHub stopped")
    finally:
        fake.stop()
    return 0


# ---- parser ---------------------------------------------------------------------------------------
def _add_harness_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--instances", default="shipped", help="'shipped' (default) or a .jsonl/.json file")
    parser.add_argument("--ids", nargs="+", metavar="ID", help="only these instance ids")
    parser.add_argument("--repo-mirror", action="append", default=[], metavar="DIR",
                        help="clone owner/name from DIR/owner__name (bare repo, checkout or .bundle); repeatable")
    parser.add_argument("--cache-level", choices=("none", "base", "env", "instance"), default="instance",
                        help="which images built by this command to keep afterwards: none, base, base+env, or all "
                             "(default: instance, i.e. keep all)")
    parser.add_argument("--ca-cert", action="append", metavar="PEM",
                        help="extra CA certificate for HTTPS inside image builds; repeatable "
                             "(default: the host's /usr/local/share/ca-certificates/*.crt)")
    parser.add_argument("--image-dir", action="append", default=[], metavar="DIR",
                        help="local copies of issue images and of binary test fixtures (a folder with manifest.json "
                             "{url: file}); repeatable. Fixtures are otherwise read from the repository mirror, or "
                             "downloaded")
    parser.add_argument("--image-registry", metavar="HOST:PORT",
                        help="pull an image from this registry before building it (images a cluster node or another "
                             "machine built and pushed with `images push`)")


def _add_run_options(parser: argparse.ArgumentParser, force_help: str, workers_help: str) -> None:
    """The options every command that runs containers for a run id shares; `_eval_options` reads them."""
    parser.add_argument("--runs-dir", default="runs", help="where runs are written (default: runs)")
    parser.add_argument("--workers", type=int, default=1, help=f"{workers_help} (default: 1)")
    parser.add_argument("--force", action="store_true", help=force_help)
    parser.add_argument("--timeout", type=int, help="test time limit per evaluation in seconds (default: the spec's)")
    parser.add_argument("--max-memory", default="4g", help="memory limit per container (default: 4g)")
    parser.add_argument("--executor", choices=("local", "ray"), default="local",
                        help="local: this machine's Docker engine, --workers at once (default); ray: one Ray task per "
                             "instance on the cluster's nodes that declare a 'docker' resource (pip install "
                             "'swebench-mm[ray]'); results are written here either way")
    parser.add_argument("--ray-address", default="auto",
                        help="the Ray cluster to join with --executor ray: auto (the one started on this machine with "
                             "`ray start`), HOST:PORT, or ray://HOST:PORT (default: auto)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="swebench-mm",
        description="Evaluate software-engineering agents on visual JavaScript tasks (SWE-bench Multimodal style).",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"swebench-mm {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    instances = sub.add_parser("instances", help="inspect task instances")
    instances_sub = instances.add_subparsers(dest="instances_command", metavar="ACTION", required=True)
    show = instances_sub.add_parser(
        "show", help="summarise a task set, or one instance with --id",
        description="Load a task set (the shipped one or a SWE-bench Multimodal .jsonl/.json file), validate it and "
                    "print a summary; with --id, show one instance's issue, images and tests.",
    )
    show.add_argument("source", help="'shipped', swebench-m:dev|test (hub), or a .jsonl/.json/.parquet file")
    show.add_argument("--id", help="show this instance in detail, with its environment spec")
    show.set_defaults(func=cmd_instances_show)
    images_cmd = instances_sub.add_parser(
        "images", help="check that every issue image is available (local copies, cache, or download)",
        description="Resolve every issue image of a task set: shipped paths, --image-dir copies (a folder with a "
                    "manifest.json of {url: file}), the download cache, and with --download the network. Lists the "
                    "instances with a missing image or a link that is not an image.",
    )
    images_cmd.add_argument("source", help="'shipped', swebench-m:dev|test, or a .jsonl/.json/.parquet file")
    images_cmd.add_argument("--ids", nargs="+", metavar="ID", help="only these instance ids")
    images_cmd.add_argument("--image-dir", action="append", default=[], metavar="DIR", help="local image copies with a manifest.json; repeatable")
    images_cmd.add_argument("--download", action="store_true", help="download images that have no local copy")
    images_cmd.add_argument("--all", action="store_true", help="list every instance, not only those with problems")
    images_cmd.set_defaults(func=cmd_instances_images)

    images = sub.add_parser("images", help="build Docker images for instances")
    images_sub = images.add_subparsers(dest="images_command", metavar="ACTION", required=True)
    build = images_sub.add_parser(
        "build", help="build base, env and instance images",
        description="Build (or reuse) the base → env → instance images of each instance. Tags are content hashes: "
                    "nothing is rebuilt unless an input changed.",
    )
    _add_harness_options(build)
    build.set_defaults(func=cmd_images_build)
    push = images_sub.add_parser(
        "push", help="push instances' env and instance images to a registry, for other machines to pull",
        description="Build (or reuse) the images of each instance, then push its env and instance images to the "
                    "registry, where `--image-registry` on other machines (cluster nodes) pulls them instead of "
                    "building. Tags are content hashes, so a pulled image is exactly what a build would make.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="example:\n  swebench-mm images push --instances shipped --registry 127.0.0.1:5000",
    )
    _add_harness_options(push)
    push.add_argument("--registry", required=True, metavar="HOST:PORT", help="the registry to push to")
    push.set_defaults(func=cmd_images_push)
    listing = images_sub.add_parser("list", help="list swebench-mm images with their sizes")
    listing.set_defaults(func=cmd_images_list)
    prune = images_sub.add_parser(
        "prune", help="remove swebench-mm images",
        description="Remove images built by swebench-mm: instance images only (default), env and instance images, "
                    "or all including the base. They are rebuilt on demand.",
    )
    prune.add_argument("--level", choices=("instance", "env", "all"), default="instance",
                       help="what to remove (default: instance)")
    prune.set_defaults(func=cmd_images_prune)

    evaluate = sub.add_parser(
        "evaluate", help="grade predictions by running the repository's tests in containers",
        description="Apply each prediction in a fresh container (network off), run the instance's tests, parse the "
                    "log and grade FAIL_TO_PASS/PASS_TO_PASS. Writes runs/RUN_ID/MODEL/INSTANCE/{patch.diff, eval.sh, "
                    "test_output.txt, report.json} and runs/RUN_ID/report.json. Finished instances are skipped on a "
                    "re-run with the same run id (use --force to redo them).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n  swebench-mm evaluate --predictions gold --run-id gold\n"
               "  swebench-mm evaluate --instances my.jsonl --predictions preds.json --run-id swe-agent-1 --workers 2",
    )
    _add_harness_options(evaluate)
    evaluate.add_argument("--predictions", required=True,
                          help="'gold' (the instances' own fixes), 'empty', or a predictions .jsonl / SWE-agent preds.json")
    evaluate.add_argument("--run-id", required=True, help="name of this evaluation; results go to RUNS_DIR/RUN_ID")
    _add_run_options(evaluate, "re-evaluate instances that already have a report", "instances evaluated in parallel")
    evaluate.set_defaults(func=cmd_evaluate)

    validate = sub.add_parser(
        "validate", help="check instances: F2P fails without the gold patch, everything passes with it",
        description="Run each instance's tests RERUNS times without any patch and with its gold patch, in fresh "
                    "containers. Valid means: FAIL_TO_PASS fails and PASS_TO_PASS passes without the gold patch, all "
                    "pass with it, identically on every rerun. Writes runs/RUN_ID/validation.json with the invalid "
                    "instances, the flaky tests and the FAIL_TO_PASS/PASS_TO_PASS lists the runs measured. Exits 1 if "
                    "any instance is invalid.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n  swebench-mm validate --instances shipped --reruns 3\n"
               "  swebench-mm validate --instances new.jsonl --write-instances measured.jsonl",
    )
    _add_harness_options(validate)
    validate.add_argument("--reruns", type=int, default=1, help="runs per instance and condition (default: 1)")
    validate.add_argument("--run-id", default="validate", help="name of this validation (default: validate)")
    _add_run_options(validate, "redo evaluations that already have a report", "evaluations in parallel")
    validate.add_argument("--write-instances", metavar="FILE",
                          help="write the instances with the FAIL_TO_PASS/PASS_TO_PASS lists the runs measured and the "
                               "fewest tests a run executed (validated_tests_executed: later evaluations must reach it)")
    validate.add_argument("--only-valid", action="store_true",
                          help="with --write-instances: write only the valid instances (at least one FAIL_TO_PASS "
                               "test, stable over reruns), as for candidates from `collect`")
    validate.set_defaults(func=cmd_validate)

    run = sub.add_parser(
        "run", help="run an agent on instances and write predictions (optionally evaluate them)",
        description="Run an agent scaffold on each instance; the model gets the issue text and its images. "
                    "tool-agent works in the instance's container (network off) with tools (shell, file view/edit, "
                    "search, view_image, screenshot, submit); pipeline localises files then writes search/replace "
                    "edits (a fixed few calls); retrieval puts BM25-ranked source files in one prompt and takes one "
                    "diff back. Writes runs/RUN_ID/predictions.jsonl and per instance "
                    "runs/RUN_ID/MODEL/ID/{trajectory.json, prediction.json, images/}. A re-run skips finished "
                    "instances. API keys come from OPENAI_API_KEY / ANTHROPIC_API_KEY (and OPENAI_BASE_URL / "
                    "ANTHROPIC_BASE_URL if set).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n"
               "  swebench-mm run --agent tool-agent --model openai:gpt-4o --run-id gpt4o --evaluate\n"
               "  swebench-mm run --agent tool-agent --model anthropic:claude-sonnet-4-5 --run-id sonnet --cost-limit 2\n"
               "  swebench-mm run --agent tool-agent --model openai-compatible:qwen2.5-vl@http://localhost:8000/v1 --run-id qwen\n"
               "  swebench-mm run --agent pipeline --model openai:gpt-4o --run-id gpt4o-pipeline --evaluate\n"
               "  swebench-mm run --agent retrieval --model openai:gpt-4o --run-id gpt4o-bm25\n"
               "  swebench-mm run --agent gold --run-id gold-run --evaluate",
    )
    _add_harness_options(run)
    run.add_argument("--agent", required=True, choices=("tool-agent", "pipeline", "retrieval", "gold", "empty"),
                     help="the scaffold: tool-agent (tool-calling loop with image tools), pipeline (localise then "
                          "edit, a fixed few calls), retrieval (BM25 files + one diff), gold, empty")
    run.add_argument("--model", help="PROVIDER:NAME — openai:NAME, anthropic:NAME, openai-compatible:NAME@URL")
    run.add_argument("--run-id", required=True, help="name of this run; results go to RUNS_DIR/RUN_ID")
    _add_run_options(run, "redo instances that already have a prediction (and their evaluation)",
                     "instances in parallel")
    run.add_argument("--evaluate", action="store_true", help="evaluate the predictions with the harness afterwards")
    run.add_argument("--step-limit", type=int, default=40, help="model calls per instance (default: 40)")
    run.add_argument("--cost-limit", type=float, help="USD per instance, checked before every call")
    run.add_argument("--total-cost-limit", type=float, help="USD for the whole run, checked before every call")
    run.add_argument("--prices", help="JSON file of extra model prices (USD per million tokens)")
    run.add_argument("--no-images", action="store_true", help="do not show the issue images (ablation)")
    run.add_argument("--attempts", type=int, default=1, metavar="N",
                     help="retrieval: up to N answers, re-asking with git's message while the diff does not apply "
                          "(default: 1, the SWE-bench baseline)")
    run.add_argument("--keep-images", type=int, default=3, metavar="N",
                     help="tool-agent: re-send only the last N screenshots/viewed images on each call, older ones "
                          "become a note (the issue's images are always sent; default: 3)")
    run.add_argument("--allow-network", action="store_true", help="give the agent's container network access")
    run.set_defaults(func=cmd_run)

    predictions_cmd = sub.add_parser("predictions", help="convert predictions for SWE-bench tools")
    predictions_sub = predictions_cmd.add_subparsers(dest="predictions_command", metavar="ACTION", required=True)
    export = predictions_sub.add_parser(
        "export", help="write predictions in the format SWE-bench's run_evaluation or sb-cli reads",
        description="Convert a predictions file (or a run id's runs/RUN_ID/predictions.jsonl) to: jsonl (SWE-bench "
                    "run_evaluation --predictions_path), swebench-json (a JSON list, same reader), or sb-cli (a JSON "
                    "dict keyed by instance id, for `sb-cli submit swe-bench-m dev --predictions_path`).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="example:\n  swebench-mm predictions export gpt4o --format sb-cli --out preds.json",
    )
    export.add_argument("source", help="a predictions .jsonl/.json file, or a run id")
    export.add_argument("--format", choices=("jsonl", "swebench-json", "sb-cli"), default="sb-cli")
    export.add_argument("--out", required=True, help="the file to write")
    export.add_argument("--runs-dir", default="runs", help="where run ids are looked up (default: runs)")
    export.set_defaults(func=cmd_predictions_export)

    report = sub.add_parser(
        "report", help="compare runs: resolve rates with intervals, breakdowns, McNemar tests, plots, drill-down",
        description="Summarise one or more evaluated runs (run folders, run ids under --runs-dir, or SWE-bench "
                    "run_evaluation report .json files) and compare them pairwise. Writes a self-contained HTML report "
                    "(plots, per-instance drill-down with issue images, patches, test logs and trajectories), Markdown "
                    "and JSON (schema: docs/report-schema.md).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n  swebench-mm report demo-gold demo-empty --html report.html\n"
               "  swebench-mm report runs/gpt4o runs/sonnet sweagent.run1.json --md report.md --json report.json",
    )
    report.add_argument("runs", nargs="+", metavar="RUN", help="run folder, run id, or SWE-bench report .json")
    report.add_argument("--runs-dir", default="runs", help="where run ids are looked up (default: runs)")
    report.add_argument("--instances", help="instances file for issue texts and images (default: what the runs recorded)")
    report.add_argument("--html", metavar="FILE", help="write the HTML report here")
    report.add_argument("--md", metavar="FILE", help="write the Markdown report here")
    report.add_argument("--json", metavar="FILE", help="write the JSON report here")
    report.set_defaults(func=cmd_report)

    view = sub.add_parser(
        "view", help="browse runs in a local web viewer: filter instances, step through trajectories, compare two runs",
        description=textwrap.dedent("""\
            Serve a web viewer of runs on http://127.0.0.1:PORT/ (this machine only; the pages load nothing
            from the internet and run no script) and print the URL. Ctrl-C stops it.

            - the list: every instance of the runs, filterable by run, status (resolved, unresolved, error,
              not evaluated), failure category, repository and image needed, and a search of the text of
              the trajectories (thoughts, tool calls, observations);
            - an instance of a run: its trajectory step by step (prompt, thoughts, tool calls,
              observations, screenshots), the issue and its images, the patch as a coloured diff, the
              FAIL_TO_PASS / PASS_TO_PASS results and the tail of the test log;
            - side by side: two runs of the same instance.

            Runs an agent is still writing, or that were killed, show the steps saved so far; pages re-read
            the runs as they change. Without RUN, every run under --runs-dir is shown."""),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n  swebench-mm view                                   # every run under runs/, on port 8780\n"
               "  swebench-mm view gpt4o sonnet --port 0             # two runs (ids under runs/), on a free port\n"
               "  swebench-mm view runs/gpt4o-m-dev --instances dev.jsonl --image-dir /data/swebench-m-images\n"
               "                                                     # issues from this file, images from local copies",
    )
    view.add_argument("runs", nargs="*", metavar="RUN", help="run folder or run id (default: every run under --runs-dir)")
    view.add_argument("--runs-dir", default="runs", help="where run ids are looked up (default: runs)")
    view.add_argument("--instances", help="instances file for issue texts and images (default: what the runs recorded)")
    view.add_argument("--image-dir", action="append", default=[], metavar="DIR",
                      help="local copies of issue images (a folder with manifest.json {url: file}), as given to run; "
                           "repeatable (default: the download cache only; the viewer downloads nothing)")
    view.add_argument("--port", type=int, default=8780, help="port on 127.0.0.1 (default: 8780; 0 picks a free one)")
    view.set_defaults(func=cmd_view)

    collect_cmd = sub.add_parser(
        "collect", help="new task instances from a repository's merged pull requests (candidates for validate)",
        description=textwrap.dedent("""\
            Crawl a repository's closed pull requests, newest first, through the GitHub REST API (token from
            GITHUB_TOKEN; pages followed, rate limit waited out) and write one candidate instance per pull
            request that passes every filter:

            - merged;
            - closes an issue of the repository by a closing keyword ("fixes #12", "closes owner/name#12",
              or the issue's URL) in its title, body or commit messages;
            - changes both test files and other files (test paths: the harness's list, plus --test-pattern);
            - the issue exists (a deleted or missing issue is skipped) and it, or a comment written before
              the fix's first commit, shows an image that downloads as a real image (--allow-no-images
              lifts this; --no-download keeps links unchecked).

            A candidate's patch / test_patch is the merged change (merge commit, squash or rebase) split by
            test paths; base_commit is the pull request's base; version is major.minor of package.json at
            the base; problem_statement is the issue's title and body, hints_text its earlier comments;
            binary test files are listed in image_assets.test_patch with commit-pinned URLs. The history
            comes from --repo-mirror DIR/owner__name (bare repo, checkout or .bundle), else the API's clone
            URL. FAIL_TO_PASS / PASS_TO_PASS stay empty: `validate --write-instances --only-valid` measures
            them in containers and keeps the instances with a stable FAIL_TO_PASS test.

            OUT and the state file (--state, default OUT.state.json) are rewritten after every pull
            request: run the same command again to resume where an interrupted run stopped."""),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n"
               "  swebench-mm collect --repo markedjs/marked --since 2023-01-01 --max 20 --out marked-candidates.jsonl\n"
               "  swebench-mm collect --repo markedjs/marked --repo-mirror ../shared/mirrors --out candidates.jsonl\n"
               "  swebench-mm collect --repo acme/charts --api-url https://ghe.example.com/api/v3 --out acme.jsonl\n"
               "  swebench-mm validate --instances candidates.jsonl --write-instances instances.jsonl --only-valid",
    )
    collect_cmd.add_argument("--repo", required=True, metavar="OWNER/NAME", help="the repository to collect from")
    collect_cmd.add_argument("--out", required=True, metavar="FILE", help="the candidates .jsonl to write (and resume)")
    collect_cmd.add_argument("--repo-mirror", action="append", default=[], metavar="DIR",
                             help="read the history from DIR/owner__name (bare repo, checkout or .bundle); repeatable "
                                  "(default: clone the API's clone_url into the cache)")
    collect_cmd.add_argument("--since", metavar="DATE", help="only pull requests created on or after DATE (YYYY-MM-DD)")
    collect_cmd.add_argument("--max", type=int, metavar="N", help="stop once OUT holds N candidates")
    collect_cmd.add_argument("--state", metavar="FILE",
                             help="where the crawl records each pull request's outcome (default: OUT.state.json)")
    collect_cmd.add_argument("--api-url", metavar="URL",
                             help="the REST API root (default: https://api.github.com; GitHub Enterprise: "
                                  "https://HOST/api/v3; or a `fake-github` server)")
    collect_cmd.add_argument("--allow-no-images", action="store_true",
                             help="keep pull requests whose issue has no image (not multimodal: for text-only sets)")
    collect_cmd.add_argument("--no-download", action="store_true",
                             help="keep image links without downloading them (check later with `instances images --download`)")
    collect_cmd.add_argument("--test-pattern", action="append", default=[], metavar="GLOB",
                             help="one more shell pattern of test paths (e.g. 'e2e/*'), for a repository whose tests "
                                  "live outside the usual folders; repeatable")
    collect_cmd.set_defaults(func=cmd_collect)

    fake_github = sub.add_parser(
        "fake-github", help="serve a fixed GitHub REST API world on 127.0.0.1 (for trying collect offline)",
        description="Serve repositories, pull requests, issues, comments and files from a JSON data file in "
                    "GitHub's response shapes, with Link pagination and x-ratelimit headers: "
                    "{\"repos\": {\"owner/name\": {\"clone_url\", \"pulls\": [...], \"pull_commits\": {N: [...]}, "
                    "\"issues\": {N: {...} | {\"status\": 410}}, \"comments\": {N: [...]}}}, \"files\": {\"/path\": "
                    "{\"path\" | \"base64\" | \"text\", \"content_type\"} | {\"status\": 404}}, \"rate_limit\": "
                    "{\"limit\", \"window_s\"}, \"token\"}. The record shapes are those of "
                    "swebench_mm/collect/fake_github.py's builders.",
    )
    fake_github.add_argument("--data", required=True, help="the JSON data file to serve")
    fake_github.add_argument("--port", type=int, default=8766, help="port on 127.0.0.1 (default: 8766; 0 picks a free one)")
    fake_github.set_defaults(func=cmd_fake_github)

    fake = sub.add_parser(
        "fake-llm", help="serve a scripted OpenAI/Anthropic-compatible model on 127.0.0.1 (for tests and demos)",
        description="Replays the replies of a JSON script ({\"replies\": [{\"text\": ..., \"tool_calls\": [{\"name\": ..., "
                    "\"arguments\": {...}}]}, {\"error\": {\"status\": 429}}]}) to any OpenAI chat-completions or Anthropic "
                    "messages client, and logs each request.",
    )
    fake.add_argument("--script", required=True, help="the JSON script of replies")
    fake.add_argument("--port", type=int, default=8765, help="port on 127.0.0.1 (default: 8765)")
    fake.add_argument("--log", help="append every request as a JSON line to this file")
    fake.set_defaults(func=cmd_fake_llm)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)

    def terminate(signum: int, frame: object) -> None:
        raise KeyboardInterrupt  # same clean-up path as Ctrl-C: containers removed, finished work kept

    signal.signal(signal.SIGTERM, terminate)
    try:
        return args.func(args)
    except UserError as exc:
        if args.debug:
            raise
        err_console.print(f"[bold red]error:[/] {rich_escape(str(exc))}", highlight=False)
        return 2
    except KeyboardInterrupt:
        err_console.print("[yellow]interrupted[/]: finished instances are saved; re-run the same command to resume")
        return 130


if __name__ == "__main__":
    sys.exit(main())
