#!/usr/bin/env python3
"""The Ray executor against the local one on this machine, and what N nodes would give (a simulation).

    .venv/bin/python benchmarks/bench_ray.py --repeat 2 [--slots 2] [--out benchmarks/results-ray.json]

1. Overhead: the shipped set evaluated as `make demo` does (gold, then empty: 48 evaluations, `--force`,
   warm images), alternately by the local executor (`--workers SLOTS`) and by Ray (a one-node cluster
   started here with `docker: SLOTS`), wall time of the two whole commands. Same engine, same
   parallelism: the difference is Ray's. Ray's fixed cost per command (joining the cluster, the job's
   first worker processes) is measured alone as well.
2. Scaling: a simulation, not a measurement. From the per-instance evaluation times of the last local
   run, instances are handed in order to the first free slot of N nodes × SLOTS (what Ray's scheduler does
   with equal tasks), each task paying the per-task overhead measured in 1; the makespan is reported for
   N = 1, 2, 4, 8, 16, and the same for the full 612-instance benchmark with instance times drawn
   (seeded) from the real SWE-bench Multimodal evaluations in benchmarks/fidelity-results.json (gold runs'
   test times), or from the shipped set's where that ledger has too few. It assumes images are present on every node (pulled or built beforehand)
   and a test run's time does not depend on the node.
"""

from __future__ import annotations

import argparse
import heapq
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "swebench_mm.cli"]
RAY = str(Path(sys.executable).parent / "ray")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# Join the cluster, then run one trivial task per Docker slot and a cleanup: what a command pays before
# its first evaluation starts (measured minus a plain `python -c import`).
FIXED_COST = """
import statistics
from pathlib import Path
from swebench_mm.cluster import ray_executor
from swebench_mm.harness.evaluate import remove_containers_here
options = ray_executor.RayOptions(address="{address}")
ray_executor.connect(options)
ray_executor.on_every_docker_node(remove_containers_here, Path("/nonexistent"), "bench")
list(ray_executor.run_tasks(statistics.mean, [([1],), ([2],)], options, failed=lambda i, e: None))
"""


def timed(args: list[str]) -> float:
    started = time.monotonic()
    result = subprocess.run(args, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return time.monotonic() - started


def simulate(times: list[float], nodes: int, slots: int, overhead: float) -> float:
    """Makespan of handing tasks in order to the first free slot."""
    free = [0.0] * (nodes * slots)
    heapq.heapify(free)
    for seconds in times:
        start = heapq.heappop(free)
        heapq.heappush(free, start + seconds + overhead)
    return max(free)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--slots", type=int, default=2, help="evaluations at once per node (default: 2 = cores)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results-ray.json")
    args = parser.parse_args()
    runs = Path(tempfile.mkdtemp(prefix="bench-ray-"))
    subprocess.run([*CLI, "images", "build", "--instances", "shipped"], check=True, capture_output=True)
    port = free_port()
    temp = Path(tempfile.mkdtemp(prefix="bench-ray-session-"))
    env = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0"}
    subprocess.run([RAY, "start", "--head", "--port", str(port), "--num-cpus", str(args.slots), "--resources",
                    json.dumps({"docker": args.slots}), "--include-dashboard=false", f"--temp-dir={temp}",
                    "--disable-usage-stats"], check=True, capture_output=True, env=env)
    local_s, ray_s = [], []
    try:
        for _ in range(args.repeat):
            local = ray = 0.0
            for kind in ("gold", "empty"):
                common = ["evaluate", "--predictions", kind, "--force", "--runs-dir", str(runs)]
                local += timed([*CLI, *common, "--run-id", f"local-{kind}", "--workers", str(args.slots)])
                ray += timed([*CLI, *common, "--run-id", f"ray-{kind}", "--executor", "ray", "--ray-address",
                               f"127.0.0.1:{port}"])
            local_s.append(local)
            ray_s.append(ray)
        fixed_s = timed([sys.executable, "-c", FIXED_COST.format(address=f"127.0.0.1:{port}")])
        empty_python_s = timed([sys.executable, "-c", "import swebench_mm.harness.evaluate"])
    finally:
        subprocess.run([RAY, "stop", "--force"], capture_output=True)
    reports = [json.loads(p.read_text()) for p in (runs / "local-gold").glob("*/*/report.json")]
    times = [r["timings"]["total_s"] for r in reports]
    local_median, ray_median = statistics.median(local_s), statistics.median(ray_s)
    overhead_per_task = max(0.0, (ray_median - local_median) * args.slots / (2 * len(times)))
    rng = random.Random(612)
    ledger = json.loads((ROOT / "benchmarks" / "fidelity-results.json").read_text())["instances"]
    real = [r["gold"]["total_s"] for r in ledger.values() if (r.get("gold") or {}).get("total_s")]
    pool, pool_name = (real, "real SWE-bench M gold evaluations (fidelity ledger)") if len(real) >= 5 else (times, "shipped set")
    full = [rng.choice(pool) for _ in range(612)]
    result = {
        "date": date.today().isoformat(),
        "machine": f"{os.cpu_count()} cores",
        "command": f"benchmarks/bench_ray.py --repeat {args.repeat} --slots {args.slots}",
        "instances": len(times),
        "evaluations_per_round": 2 * len(times),
        "ray_fixed_cost_per_command_s": round(fixed_s - empty_python_s, 2),
        "local_wall_s": [round(s, 2) for s in local_s],
        "ray_wall_s": [round(s, 2) for s in ray_s],
        "ray_overhead_pct": round(100 * (ray_median - local_median) / local_median, 1),
        "ray_overhead_per_task_s": round(overhead_per_task, 3),
        "instance_time_s": {"median": round(statistics.median(times), 2), "max": round(max(times), 2),
                            "sum": round(sum(times), 1)},
        "simulated_makespan_s": {
            "shipped": {n: round(simulate(times, n, args.slots, overhead_per_task), 1) for n in (1, 2, 4, 8, 16)},
            "612_instances": {n: round(simulate(full, n, args.slots, overhead_per_task), 1) for n in (1, 2, 4, 8, 16)},
        },
        "612_instances_times_from": f"{pool_name}: {len(pool)} times, median {statistics.median(pool):.1f} s",
    }
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
