"""How long `swebench-mm report` takes, and how big its HTML gets, at the scale of the whole benchmark.

Writes N synthetic runs of the full SWE-bench Multimodal size (612 instances) to disk exactly as `run`
and `evaluate` lay them out (report.json, per-instance report.json, prediction.json with agent data,
patch.diff, test_output.txt and a trajectory of S steps), then times loading them and writing the JSON,
Markdown and HTML reports, and records peak memory.

    .venv/bin/python benchmarks/bench_report.py --runs 4 --instances 612 --steps 30
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from pathlib import Path
from tempfile import TemporaryDirectory

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from swebench_mm.cli import main as cli  # noqa: E402

REPOS = ["Automattic/wp-calypso", "chartjs/Chart.js", "markedjs/marked", "processing/p5.js", "diegomura/react-pdf",
         "PrismJS/prism", "GoogleChrome/lighthouse", "highlightjs/highlight.js", "eslint/eslint", "bpmn-io/bpmn-js",
         "alibaba-fusion/next", "carbon-design-system/carbon", "grommet/grommet", "openlayers/openlayers",
         "prettier/prettier", "scratchfoundation/scratch-gui", "quarto-dev/quarto-cli"]


def write_run(folder: Path, name: str, ids: list[str], steps: int, rng: random.Random) -> None:
    model_dir = folder / name / name
    statuses = {}
    for instance_id in ids:
        directory = model_dir / instance_id
        directory.mkdir(parents=True)
        status = rng.choice(["resolved", "unresolved", "unresolved", "unresolved"])
        statuses[instance_id] = status
        patch = "diff --git a/src/a.js b/src/a.js\n--- a/src/a.js\n+++ b/src/a.js\n@@ -1,3 +1,3 @@\n" + " ctx\n-old\n+new\n" * 20
        (directory / "patch.diff").write_text(patch)
        (directory / "test_output.txt").write_text("".join(f"  ✓ test {n} (3 ms)\n" for n in range(400)))
        (directory / "report.json").write_text(json.dumps({
            "status": status, "failure_category": None if status == "resolved" else "tests_failed",
            "apply_method": "git apply", "patch_is_empty": False, "timings": {"total_s": rng.uniform(5, 60)},
            "tests_status": {"FAIL_TO_PASS": {"success": ["a"], "failure": []}, "PASS_TO_PASS": {"success": ["b"] * 50, "failure": []}},
        }))
        (directory / "prediction.json").write_text(json.dumps({"agent": {
            "exit_status": "submitted", "steps": steps, "cost": rng.uniform(0.1, 2), "input_tokens": 100_000,
            "output_tokens": 5_000, "wall_time_s": 120}}))
        (directory / "trajectory.json").write_text(json.dumps({
            "exit_status": "submitted", "steps_taken": steps, "cost": 1.0,
            "initial_messages": [{"role": "system", "text": "x" * 2000, "images": []},
                                 {"role": "user", "text": "issue " * 400, "images": []}],
            "steps": [{"step": n, "time": n, "thought": "thinking " * 40, "cost": 0.01,
                       "tool_calls": [{"id": str(n), "name": "bash", "arguments": {"command": "grep -rn foo src"}}],
                       "observations": [{"name": "bash", "text": "src/a.js:1: foo\n" * 300, "images": []}]}
                      for n in range(1, steps + 1)],
        }))
    (folder / name / "report.json").write_text(json.dumps({
        "run_id": name, "model_name_or_path": name, "total_instances": len(ids), "submitted_ids": ids,
        "resolved_ids": [i for i in ids if statuses[i] == "resolved"]}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=4)
    parser.add_argument("--instances", type=int, default=612)
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--out", default=str(Path(__file__).with_name("results-report.json")))
    args = parser.parse_args()
    rng = random.Random(0)
    ids = [f"{REPOS[n % len(REPOS)].replace('/', '__')}-{1000 + n}" for n in range(args.instances)]
    with TemporaryDirectory() as tmp:
        folder = Path(tmp)
        names = [f"scaffold-{n}" for n in range(args.runs)]
        for name in names:
            write_run(folder, name, ids, args.steps, rng)
        on_disk = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        outputs = {kind: folder / f"report.{kind}" for kind in ("json", "md", "html")}
        started = time.monotonic()
        code = cli(["report", *[str(folder / n) for n in names], "--json", str(outputs["json"]),
                    "--md", str(outputs["md"]), "--html", str(outputs["html"])])
        seconds = time.monotonic() - started
        result = {
            "runs": args.runs, "instances": args.instances, "steps": args.steps, "exit_code": code,
            "runs_on_disk_mb": round(on_disk / 1e6, 1), "seconds": round(seconds, 2),
            "html_mb": round(outputs["html"].stat().st_size / 1e6, 1),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        }
    print(json.dumps(result, indent=2))
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
