#!/usr/bin/env python3
"""Measure the harness on this machine: overhead per evaluation, cold builds, workers, disk.

    .venv/bin/python benchmarks/bench_harness.py [--repeat 3] [--cold] [--out benchmarks/results.json]

- overhead: wall time of one warm evaluation (fresh container, patch, test patch, tests, parse, grade,
  remove) against the bare test command run in a container that is already up with everything applied.
  Target: ratio <= 1.3.
- cold (with --cold): every swebench-mm image removed, then all shipped images built from nothing.
- workers: the gold run over the shipped set with --workers 1 and --workers 2.
- disk: the size each image layer adds (base, env per repo, instance per instance).
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from swebench_mm.harness import eval_script
from swebench_mm.harness.container import Limits, put_files, running_container
from swebench_mm.harness.docker_client import LABEL, docker_client
from swebench_mm.harness.evaluate import EvalOptions, Job, evaluate, evaluate_one, resolve_jobs
from swebench_mm.harness.images import ROOT_IMAGE_BOOTSTRAP, ImageBuilder
from swebench_mm.harness.repos import RepoSources
from swebench_mm.harness.specs import load_specs, spec_for
from swebench_mm.instances import load_instances
from swebench_mm.predictions import resolve_predictions


def measure_overhead(builder, client, instances, repeat: int) -> list[dict]:
    specs = load_specs()
    rows = []
    for instance in instances:
        spec = spec_for(instance, specs)
        image = builder.ensure_instance(instance, spec)
        prediction = resolve_predictions("gold", [instance])[0]
        full, raw = [], []
        with tempfile.TemporaryDirectory() as tmp:
            options = EvalOptions(run_id="bench-overhead", runs_dir=Path(tmp), force=True)
            test_spec = resolve_jobs([Job(instance, prediction, spec)], options, builder)[0]
            for _ in range(repeat):
                started = time.monotonic()
                report = evaluate_one(test_spec, prediction, builder, client, options)
                full.append(time.monotonic() - started)
                assert report and report["status"] == "resolved", report
        # The floor: the same test command in a container that is already running with both patches applied.
        with running_container(client, image, Limits(), {"swebench-mm.run_id": "bench-overhead"}) as container:
            put_files(container, eval_script.WORKDIR, {"patch.diff": instance.patch, "test.patch": instance.test_patch})
            container.exec_run(["bash", "-c", f"cd /testbed && git apply {eval_script.WORKDIR}/patch.diff && "
                                              f"git apply {eval_script.WORKDIR}/test.patch"])
            command = eval_script.test_command(instance, spec)
            for _ in range(repeat):
                started = time.monotonic()
                container.exec_run(["bash", "-c", f"cd /testbed && CI=true {command}"])
                raw.append(time.monotonic() - started)
        rows.append({
            "instance_id": instance.instance_id,
            "evaluation_s": round(statistics.median(full), 2),
            "raw_test_command_s": round(statistics.median(raw), 2),
            "ratio": round(statistics.median(full) / statistics.median(raw), 2),
        })
    return rows


def measure_cold(client, instances) -> dict:
    for image in client.images.list(filters={"label": f"{LABEL}=1"}):
        for tag in image.tags:
            client.images.remove(tag, force=True)
    for name in (ROOT_IMAGE_BOOTSTRAP, "debian:bookworm-slim"):
        try:
            client.images.remove(name, force=True)
        except Exception:  # noqa: BLE001 — absent is fine
            pass
    builder = ImageBuilder(client=client, sources=RepoSources())
    specs = load_specs()
    started = time.monotonic()
    root_started = time.monotonic()
    builder.root_image()
    root_s = time.monotonic() - root_started
    for instance in instances:
        builder.ensure_instance(instance, spec_for(instance, specs))
    return {"all_images_s": round(time.monotonic() - started, 1), "root_image_s": round(root_s, 1),
            "images_built": len(builder.built)}


def measure_workers(builder, client, instances) -> dict:
    predictions = resolve_predictions("gold", instances)
    times = {}
    for workers in (1, 2):
        with tempfile.TemporaryDirectory() as tmp:
            options = EvalOptions(run_id=f"bench-workers-{workers}", runs_dir=Path(tmp), workers=workers, force=True)
            started = time.monotonic()
            report = evaluate(instances, predictions, options, builder, client)
            times[workers] = time.monotonic() - started
            assert report["resolved_instances"] == len(instances), report
    return {"instances": len(instances), "workers_1_s": round(times[1], 1), "workers_2_s": round(times[2], 1),
            "speedup": round(times[1] / times[2], 2)}


def measure_disk(client, builder, instances) -> dict:
    specs = load_specs()
    sizes = {}
    for instance in instances:
        spec = spec_for(instance, specs)
        base = client.images.get(builder.base_tag(spec.needs_browser)).attrs["Size"]
        env = client.images.get(builder.env_tag(instance, spec)).attrs["Size"]
        inst = client.images.get(builder.instance_tag(instance, spec)).attrs["Size"]
        sizes[instance.instance_id] = {"base_mb": round(base / 1e6), "env_adds_mb": round((env - base) / 1e6),
                                       "instance_adds_mb": round((inst - env) / 1e6, 1)}
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cold", action="store_true", help="also remove every image and time a build from nothing")
    parser.add_argument("--out", default="benchmarks/results.json")
    args = parser.parse_args()
    client = docker_client()
    instances = load_instances("shipped")
    results: dict = {"machine": {"cpus": __import__("os").cpu_count()}}
    if args.cold:
        results["cold_build"] = measure_cold(client, instances)
        print("cold build:", results["cold_build"], flush=True)
    builder = ImageBuilder(client=client, sources=RepoSources())
    results["overhead"] = measure_overhead(builder, client, instances, args.repeat)
    print("overhead:", json.dumps(results["overhead"], indent=1), flush=True)
    results["workers"] = measure_workers(builder, client, instances)
    print("workers:", results["workers"], flush=True)
    results["disk"] = measure_disk(client, builder, instances)
    print("disk:", json.dumps(results["disk"], indent=1), flush=True)
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
