"""How long the pipeline and retrieval scaffolds take to read and rank a large repository's sources.

wp-calypso, the largest SWE-bench Multimodal repository, tracks tens of thousands of JS/TS files. Both
scaffolds list, read and BM25-rank the sources before their first model call, so that step has to stay
well under a model call's latency and within a worker's memory. This benchmark grows a shipped
repository to N source files inside a real container (copies of its own sources under new names, so the
text is real JavaScript), then times each step and records the peak memory of this process.

    .venv/bin/python benchmarks/bench_retrieval.py --files 25000
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from swebench_mm.agents.environment import DockerEnvironment  # noqa: E402
from swebench_mm.agents.repo_context import fit_files, list_source_files, rank_files, read_source_files  # noqa: E402
from swebench_mm.harness.docker_client import docker_client  # noqa: E402
from swebench_mm.harness.images import ImageBuilder  # noqa: E402
from swebench_mm.harness.repos import RepoSources  # noqa: E402
from swebench_mm.harness.specs import spec_for  # noqa: E402
from swebench_mm.instances import load_instances  # noqa: E402

INSTANCE_ID = "vizlab__svg-charts-14"


def grow_repository(env: DockerEnvironment, files: int) -> None:
    """Copy the repository's own sources into packages/pNNN/ until it tracks `files` source files, committed."""
    script = f"""
set -e
sources=$(git ls-files 'src/*.js')
count=$(echo "$sources" | wc -l)
need=$(( {files} - count ))
n=0; p=0
while [ $n -lt $need ]; do
  dir=packages/p$p/lib; mkdir -p $dir
  for f in $sources; do
    [ $n -ge $need ] && break
    sed "s/function /function p${{p}}_/" "$f" > "$dir/$(basename "$f" .js)_$n.js"
    n=$((n + 1))
  done
  p=$((p + 1))
done
git add -A >/dev/null && git -c user.name=b -c user.email=b@b commit -qm grow
"""
    result = env.execute(script, timeout_s=1800)
    if result.exit_code != 0:
        raise SystemExit(f"growing the repository failed: {result.output[-500:]}")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=25_000, help="source files the grown repository tracks")
    parser.add_argument("--out", default=str(Path(__file__).with_name("results-retrieval.json")))
    args = parser.parse_args()

    client = docker_client()
    builder = ImageBuilder(client=client, sources=RepoSources())
    instance = next(i for i in load_instances("shipped") if i.instance_id == INSTANCE_ID)
    image = builder.ensure_instance(instance, spec_for(instance))
    with DockerEnvironment(client, image, instance.base_commit, {"swebench-mm.run_id": "bench-retrieval"}) as env:
        started = time.monotonic()
        grow_repository(env, args.files)
        grow_s = time.monotonic() - started
        rss_before = peak_rss_mb()
        timings = {}
        started = time.monotonic()
        paths = list_source_files(env)
        timings["list_s"] = time.monotonic() - started
        started = time.monotonic()
        sources = read_source_files(env, paths)
        timings["read_s"] = time.monotonic() - started
        started = time.monotonic()
        ranked = rank_files(instance.problem_statement, sources)
        timings["rank_s"] = time.monotonic() - started
        started = time.monotonic()
        context = fit_files([p for p, _ in ranked], sources, 50_000)
        timings["fit_s"] = time.monotonic() - started
    result = {
        "files": len(paths), "bytes_read": sum(len(t) for t in sources.values()),
        **{k: round(v, 2) for k, v in timings.items()},
        "total_s": round(sum(timings.values()), 2),
        "peak_rss_mb": round(peak_rss_mb(), 1), "rss_before_mb": round(rss_before, 1),
        "files_in_context": len(context.files), "grow_s": round(grow_s, 1),
    }
    print(json.dumps(result, indent=2))
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
