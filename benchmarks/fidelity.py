#!/usr/bin/env python3
"""Fidelity on the real SWE-bench Multimodal: gold and empty on every repository that can be mirrored.

    # 1. run (resumable: per-instance results are kept; run it again to continue)
    .venv/bin/python benchmarks/fidelity.py run --instances /data/official-instances.jsonl \
        --repo-mirror /data/mirrors --runs-dir /data/fid/runs [--repos chartjs/Chart.js ...]
    # 2. the table (docs/fidelity.md), with the official grading's verdicts when --agreement is given
    .venv/bin/python benchmarks/fidelity.py table --instances /data/official-instances.jsonl \
        --runs-dir /data/fid/runs --out docs/fidelity.md [--agreement agreement.json]

The instances file holds all splits with their FAIL_TO_PASS / PASS_TO_PASS lists (made from the official
task files by benchmarks/official_tasks.py). Which instances: every dev instance of Chart.js, p5.js,
react-pdf and marked, and for every other repository whose mirror is found, PER_REPO instances picked by
a seeded sample of the sorted ids (`random.Random(f"{seed}:{repo}")`), all of them where it has fewer.

Per instance, `run` records in RUNS_DIR/fidelity-measures/<id>.json: the instance layer's build time and
size when its env image already existed (the cost of an extra instance of a built version), and the
wall time of the raw test command alone in the same image (for the first RAW_PER_REPO instances of a
repository), beside which the table puts the full evaluation time.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

from swebench_mm.atomic import write_json
from swebench_mm.errors import UserError
from swebench_mm.harness.container import Limits, run_script_once
from swebench_mm.harness.docker_client import docker_client
from swebench_mm.harness.evaluate import EvalOptions, evaluate, instance_dir
from swebench_mm.harness.images import ImageBuilder, ImageBuildFailed
from swebench_mm.harness.repos import RepoSources, find_in_mirror
from swebench_mm.harness.specs import spec_for
from swebench_mm.instances import TaskInstance, load_instances
from swebench_mm.predictions import pseudo_predictions

ALL_DEV = ("chartjs/Chart.js", "processing/p5.js", "diegomura/react-pdf", "markedjs/marked")
PER_REPO = 6
SEED = 11
RAW_PER_REPO = 3
RUN_IDS = {"gold": "fidelity-gold", "empty": "fidelity-empty"}


def select(instances: list[TaskInstance], mirrors: list[Path], per_repo: int, seed: int) -> list[TaskInstance]:
    """The fixed selection: all dev instances of ALL_DEV, a seeded sample of the rest, mirrored repos only."""
    by_repo: dict[str, list[TaskInstance]] = defaultdict(list)
    for instance in instances:
        by_repo[instance.repo].append(instance)
    chosen: list[TaskInstance] = []
    for repo in sorted(by_repo):
        if not any(find_in_mirror(mirror, repo) for mirror in mirrors):
            continue
        pool = sorted(by_repo[repo], key=lambda i: i.instance_id)
        if repo in ALL_DEV:
            picked = [i for i in pool if i.extra.get("split") == "dev"]
        else:
            picked = random.Random(f"{seed}:{repo}").sample(pool, min(per_repo, len(pool)))
        chosen.extend(sorted(picked, key=lambda i: i.instance_id))
    return chosen


def _image_mb(client, tag: str) -> float:
    return client.images.get(tag).attrs["Size"] / 1e6


def build_and_measure(instance: TaskInstance, builder: ImageBuilder, client, measures: Path, raw: bool) -> None:
    """Build the instance's images (timing the instance layer alone) and time the raw test command."""
    path = measures / f"{instance.instance_id}.json"
    record = json.loads(path.read_text()) if path.exists() else {}
    spec = spec_for(instance)
    try:
        env_existed = builder.exists(builder.env_tag(instance, spec))
        inst_existed = builder.exists(builder.instance_tag(instance, spec))
        started = time.monotonic()
        env = builder.ensure_env(instance, spec)
        env_s = time.monotonic() - started
        started = time.monotonic()
        tag = builder.ensure_instance(instance, spec)
        inst_s = time.monotonic() - started
    except ImageBuildFailed as exc:
        record["build_error"] = exc.log_tail[-600:]
        write_json(path, record)
        return
    if not env_existed:
        record["env_build_s"] = round(env_s, 1)
        record["env_mb"] = round(_image_mb(client, env), 1)
    if not inst_existed:
        record["instance_build_s"] = round(inst_s, 1)
        record["instance_extra_mb"] = round(_image_mb(client, tag) - _image_mb(client, env), 1)
    if raw and "raw_test_s" not in record:
        script = f"cd /testbed\n{spec.test_cmd}\n"
        result = run_script_once(client, tag, "/swebench_mm_raw", {"raw.sh": script}, "raw.sh", spec.test_timeout_s,
                                 Limits(), {"swebench-mm.fidelity": "raw"})
        record["raw_test_s"] = round(result.seconds, 2)
    write_json(path, record)


def cmd_run(args: argparse.Namespace) -> int:
    mirrors = [Path(m) for m in args.repo_mirror]
    instances = select(load_instances(args.instances), mirrors, args.per_repo, args.seed)
    if args.repos:
        instances = [i for i in instances if i.repo in args.repos]
    runs = Path(args.runs_dir)
    measures = runs / "fidelity-measures"
    measures.mkdir(parents=True, exist_ok=True)
    client = docker_client()
    builder = ImageBuilder(client=client, sources=RepoSources(mirrors, allow_github=False),
                           log=lambda message: print(f"  {message}", file=sys.stderr, flush=True))
    order = {repo: index for index, repo in enumerate(args.first)}
    for repo in sorted({i.repo for i in instances}, key=lambda r: (order.get(r, len(order)), r)):
        batch = [i for i in instances if i.repo == repo]
        print(f"== {repo}: {len(batch)} instance(s)", flush=True)
        for index, instance in enumerate(batch):
            build_and_measure(instance, builder, client, measures, raw=index < RAW_PER_REPO)
        for kind, run_id in RUN_IDS.items():
            options = EvalOptions(run_id=run_id, runs_dir=runs, workers=args.workers)
            report = evaluate(batch, pseudo_predictions(kind, batch), options, builder, client)
            print(f"   {kind}: {report['resolved_instances']}/{len(batch)} resolved, "
                  f"{report['error_instances']} error(s)", flush=True)
    return 0


def _report(runs: Path, kind: str, instance_id: str) -> dict | None:
    options = EvalOptions(run_id=RUN_IDS[kind], runs_dir=runs)
    path = instance_dir(options, kind, instance_id) / "report.json"
    return json.loads(path.read_text()) if path.exists() else None


def _median(values: list[float]) -> str:
    return f"{statistics.median(values):.1f}" if values else "–"


def cmd_table(args: argparse.Namespace) -> int:
    runs = Path(args.runs_dir)
    instances = {i.instance_id: i for i in load_instances(args.instances)}
    agreement = json.loads(Path(args.agreement).read_text()) if args.agreement else {}
    # benchmarks/official_agreement.py --json: one row per evaluation, "agree" None where not comparable.
    agree_by_id = {f"{row['instance_id']}/{row.get('model', '')}": row for row in agreement.get("rows", [])
                   if row.get("agree") is not None}
    rows, problems = [], []
    repos = sorted({instances[p.stem].repo for p in (runs / "fidelity-measures").glob("*.json") if p.stem in instances})
    totals = Counter()
    for repo in repos:
        ids = sorted(p.stem for p in (runs / "fidelity-measures").glob("*.json") if instances.get(p.stem, None)
                     and instances[p.stem].repo == repo)
        gold = {i: _report(runs, "gold", i) for i in ids}
        empty = {i: _report(runs, "empty", i) for i in ids}
        measures = {i: json.loads((runs / "fidelity-measures" / f"{i}.json").read_text()) for i in ids}
        tried = [i for i in ids if gold[i] is not None]
        gold_ok = [i for i in tried if gold[i]["status"] == "resolved"]
        empty_ok = [i for i in ids if empty[i] is not None and empty[i]["status"] == "resolved"]
        causes = Counter(gold[i]["failure_category"] or "?" for i in tried if gold[i]["status"] != "resolved")
        for i in tried:
            if gold[i]["status"] != "resolved":
                problems.append((i, gold[i]["failure_category"], (gold[i].get("error") or "").splitlines()[:1]))
        agreed = [key for key, row in agree_by_id.items() if key.split("/")[0] in ids and row.get("agree")]
        judged = [key for key in agree_by_id if key.split("/")[0] in ids]
        eval_s = [gold[i]["timings"].get("tests_s") for i in tried if gold[i]["timings"].get("tests_s")]
        raw_s = [m["raw_test_s"] for m in measures.values() if "raw_test_s" in m]
        extra_mb = [m["instance_extra_mb"] for m in measures.values() if "instance_extra_mb" in m and "env_build_s" not in m]
        extra_s = [m["instance_build_s"] for m in measures.values() if "instance_build_s" in m and "env_build_s" not in m]
        totals.update(tried=len(tried), gold=len(gold_ok), empty=len(empty_ok))
        rows.append(
            f"| {repo} | {len(tried)}/{len(ids)} | {len(gold_ok)} | {len(empty_ok)} | "
            f"{', '.join(f'{c} {n}' for c, n in causes.items()) or '–'} | "
            f"{f'{len(agreed)}/{len(judged)}' if judged else '–'} | {_median(eval_s)} / {_median(raw_s)} | "
            f"{_median(extra_mb)} MB, {_median(extra_s)} s |"
        )
    rate = totals["gold"] / totals["tried"] if totals["tried"] else 0.0
    text = [
        "# Fidelity on the real SWE-bench Multimodal",
        "",
        f"Measured {date.today().isoformat()} on this project's 2-core machine with local mirrors of the real repositories.",
        "Command: `.venv/bin/python benchmarks/fidelity.py run --instances OFFICIAL.jsonl --repo-mirror MIRRORS "
        "--runs-dir RUNS`, then `benchmarks/official_agreement.py` on the two runs and `benchmarks/fidelity.py table`.",
        "",
        f"Overall: gold resolved **{totals['gold']}/{totals['tried']} ({rate:.1%})**, empty resolved "
        f"**{totals['empty']}**.",
        "",
        "| repository | evaluated / selected | gold resolved | empty resolved | gold not resolved, by cause | "
        "agrees with official grading | median eval / raw test command (s) | extra instance of a built version |",
        "|---|---|---|---|---|---|---|---|",
        *rows,
        "",
        "## Instances gold does not resolve",
        "",
        *([f"- `{i}`: {cause} — {(first[0] if first else '')[:200]}" for i, cause, first in problems] or ["None."]),
        "",
    ]
    Path(args.out).write_text("\n".join(text), encoding="utf-8")
    print("\n".join(text))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="build, measure and evaluate gold and empty")
    run.add_argument("--instances", required=True)
    run.add_argument("--repo-mirror", action="append", required=True)
    run.add_argument("--runs-dir", required=True)
    run.add_argument("--repos", nargs="+", help="only these repositories")
    run.add_argument("--first", nargs="+", default=[], help="repositories to run before the others, in this order")
    run.add_argument("--per-repo", type=int, default=PER_REPO)
    run.add_argument("--seed", type=int, default=SEED)
    run.add_argument("--workers", type=int, default=1)
    run.set_defaults(func=cmd_run)
    table = sub.add_parser("table", help="write docs/fidelity.md from the runs")
    table.add_argument("--instances", required=True)
    table.add_argument("--runs-dir", required=True)
    table.add_argument("--agreement", help="JSON written by benchmarks/official_agreement.py --json")
    table.add_argument("--out", default="docs/fidelity.md")
    table.set_defaults(func=cmd_table)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
