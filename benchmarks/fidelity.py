#!/usr/bin/env python3
"""Fidelity on the real SWE-bench Multimodal: gold and empty on every repository that can be mirrored.

    # 1. run (resumable: per-instance results are kept; run it again to continue)
    .venv/bin/python benchmarks/fidelity.py run --instances /data/official-instances.jsonl \
        --repo-mirror /data/mirrors --runs-dir /data/fid/runs [--repos chartjs/Chart.js ...]
    # 2. the table (docs/fidelity.md) from the ledger, merged with a runs dir and the official grading's verdicts
    .venv/bin/python benchmarks/fidelity.py table --instances /data/official-instances.jsonl \
        [--runs-dir /data/fid/runs] [--agreement agreement.json] --out docs/fidelity.md

The instances file holds all splits with their FAIL_TO_PASS / PASS_TO_PASS lists (made from the official
task files by benchmarks/official_tasks.py). Which instances: every dev instance of Chart.js, p5.js,
react-pdf and marked, and for every other repository whose mirror is found, PER_REPO instances picked by
a seeded sample of the sorted ids (`random.Random(f"{seed}:{repo}")`), all of them where it has fewer.

Per instance, `run` records in RUNS_DIR/fidelity-measures/<id>.json: the instance layer's build time and
size when its env image already existed (the cost of an extra instance of a built version), and the
wall time of the raw test command alone in the same image (for the first RAW_PER_REPO instances of a
repository), beside which the table puts the full evaluation time.

`layers` rebuilds the instance layer of every selected instance whose env image is built (after a change
of the layering) and records its size and build time (with --build-envs, first the missing env images, which
are not measured); the table's extra-instance column counts the instances on their version's shared env.

Results accumulate across sessions and machines in a small committed ledger, benchmarks/fidelity-results.json
(--ledger): per instance id and kind (gold / empty) the status, failure category, a one-line cause, timings,
whether the official grading agrees, the date measured and the harness commit. No patches, no issue text.
`run` merges every finished evaluation into it as it comes (and, after each repository, the official
grading's verdicts from benchmarks/official_agreement.py); `table` merges the runs dir it is given (if
any) and writes the table from the ledger, so rows measured elsewhere are kept. A newer measurement of the
same (instance, kind) replaces an older one; an older one never replaces a newer one. Two hand-kept parts
of the ledger: `cannot_run_offline` (instance id → why it cannot pass offline for a reason outside the
project; the table names it and counts it as not resolved) and `notes` (repository → a status line).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from swebench_mm.atomic import write_json
from swebench_mm.errors import UserError

ALL_DEV = ("chartjs/Chart.js", "processing/p5.js", "diegomura/react-pdf", "markedjs/marked")
PER_REPO = 6
SEED = 11
RAW_PER_REPO = 3
RUN_IDS = {"gold": "fidelity-gold", "empty": "fidelity-empty"}
KINDS = tuple(RUN_IDS)
ROOT = Path(__file__).resolve().parent.parent
LEDGER = Path(__file__).resolve().with_name("fidelity-results.json")
LEDGER_FORMAT = 1
ENTRY_KEYS = ("status", "failure_category", "cause", "tests_pass_without_change", "tests_s", "total_s", "finished_at", "official_agrees",
              "measured", "harness_sha")
# Build failures are not measures: the gold / empty entries carry their cause.
MEASURE_KEYS = ("env_build_s", "env_mb", "instance_build_s", "instance_extra_mb", "raw_test_s",
                "instance_shares_env", "instance_layer_measured", "env_chain_length", "env_step_s", "env_step_mb",
                "env_step_image")


# ---------------------------------------------------------------------------------------------------------
# Selection
# ---------------------------------------------------------------------------------------------------------

def select_repo(pool: list, repo: str, per_repo: int, seed: int) -> list:
    """The fixed selection of one repository: all its dev instances if it is in ALL_DEV, else a seeded sample."""
    pool = sorted(pool, key=lambda i: i.instance_id)
    if repo in ALL_DEV:
        picked = [i for i in pool if i.extra.get("split") == "dev"]
    else:
        picked = random.Random(f"{seed}:{repo}").sample(pool, min(per_repo, len(pool)))
    return sorted(picked, key=lambda i: i.instance_id)


def select(instances: list, mirrors: list[Path] | None, per_repo: int, seed: int) -> list:
    """The fixed selection: all dev instances of ALL_DEV, a seeded sample of the rest; mirrored repos only
    when `mirrors` is given."""
    from swebench_mm.harness.repos import find_in_mirror

    by_repo: dict[str, list] = defaultdict(list)
    for instance in instances:
        by_repo[instance.repo].append(instance)
    chosen = []
    for repo in sorted(by_repo):
        if mirrors is not None and not any(find_in_mirror(mirror, repo) for mirror in mirrors):
            continue
        chosen.extend(select_repo(by_repo[repo], repo, per_repo, seed))
    return chosen


# ---------------------------------------------------------------------------------------------------------
# The ledger (pure functions, plus load/save)
# ---------------------------------------------------------------------------------------------------------

def new_ledger() -> dict:
    return {"format": LEDGER_FORMAT,
            "about": "Per-instance results of benchmarks/fidelity.py on the real repositories (see its docstring).",
            "cannot_run_offline": {}, "notes": {}, "instances": {}}


def validate_ledger(data: Any, where: str) -> dict:
    """The ledger as read from a file; anything malformed is a UserError naming the file and the place."""
    if not isinstance(data, dict):
        raise UserError(f"{where}: the fidelity ledger must be a JSON object")
    if data.get("format") != LEDGER_FORMAT:
        raise UserError(f"{where}: unknown ledger format {data.get('format')!r} (this script writes {LEDGER_FORMAT})")
    for key in ("cannot_run_offline", "notes", "instances"):
        if not isinstance(data.get(key, {}), dict):
            raise UserError(f"{where}: {key!r} must be an object")
    for key in ("cannot_run_offline", "notes"):
        for name, text in data.get(key, {}).items():
            if not isinstance(text, str) or not text.strip():
                raise UserError(f"{where}: {key}[{name!r}] must be a non-empty string (the reason)")
    for instance_id, row in data.get("instances", {}).items():
        if not isinstance(row, dict) or not isinstance(row.get("repo"), str):
            raise UserError(f"{where}: instances[{instance_id!r}] must be an object with a 'repo'")
        for kind in KINDS:
            entry = row.get(kind)
            if entry is None:
                continue
            if not isinstance(entry, dict) or entry.get("status") not in ("resolved", "unresolved", "error"):
                raise UserError(f"{where}: instances[{instance_id!r}].{kind} needs a status of resolved, "
                                f"unresolved or error")
            if not isinstance(entry.get("measured"), str):
                raise UserError(f"{where}: instances[{instance_id!r}].{kind} has no 'measured' date")
    ledger = new_ledger()
    ledger.update({key: value for key, value in data.items()})
    return ledger


def load_ledger(path: Path) -> dict:
    if not path.exists():
        return new_ledger()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise UserError(f"{path}: cannot read the fidelity ledger ({exc})") from None
    return validate_ledger(data, str(path))


def save_ledger(path: Path, ledger: dict) -> None:
    ordered = dict(ledger)
    ordered["instances"] = {i: ledger["instances"][i] for i in sorted(ledger["instances"])}
    write_json(path, ordered)


def first_line(text: str | None, limit: int = 200) -> str:
    for line in (text or "").splitlines():
        if line.strip():
            return line.strip()[:limit]
    return ""


def observation(report: dict, measured: str, harness_sha: str | None) -> dict:
    """A ledger entry from one per-instance report.json: verdict, cause, timings; nothing of the patch."""
    timings = report.get("timings") or {}
    return {
        "status": report["status"],
        "failure_category": report.get("failure_category"),
        "cause": first_line(report.get("error")),
        "tests_pass_without_change": bool(report.get("tests_pass_without_change")),
        "tests_s": timings.get("tests_s"),
        "total_s": timings.get("total_s"),
        "finished_at": report.get("finished_at"),
        "official_agrees": None,
        "measured": measured,
        "harness_sha": harness_sha,
    }


def _order(entry: dict) -> tuple[str, str]:
    return (entry.get("measured") or "", entry.get("finished_at") or "")


def merge(ledger: dict, observations: list[tuple[str, str, str, str, dict]],
          measures: dict[str, dict] | None = None) -> dict:
    """A new ledger with observations (instance_id, repo, version, kind, entry) and measures merged in.

    Per (instance, kind) the newer measurement wins (measured date, then finish time); an older one is
    ignored. The same evaluation seen again keeps the official verdict already recorded for it.
    """
    out = json.loads(json.dumps(ledger))
    rows = out.setdefault("instances", {})
    for instance_id, repo, version, kind, entry in observations:
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}")
        row = rows.setdefault(instance_id, {"repo": repo, "version": version})
        row["repo"], row["version"] = repo, version
        old = row.get(kind)
        if old is not None and _order(entry) < _order(old):
            continue
        new = dict(entry)
        if (old is not None and new.get("official_agrees") is None and old.get("finished_at")
                and old.get("finished_at") == new.get("finished_at")):
            new["official_agrees"] = old.get("official_agrees")
        row[kind] = new
    for instance_id, values in (measures or {}).items():
        if instance_id in rows:
            kept = {**rows[instance_id].get("measures", {}), **values}
            rows[instance_id]["measures"] = {k: v for k, v in kept.items() if k in MEASURE_KEYS}
    return out


def apply_agreement(ledger: dict, rows: list[dict]) -> tuple[dict, int]:
    """Official verdicts (rows of official_agreement.py --json) set on the entries of the same evaluation.

    A row applies only when its run is one of ours and its evaluation's finish time is the ledger entry's:
    a verdict on an older log never lands on a newer result. Returns the new ledger and how many applied.
    """
    out = json.loads(json.dumps(ledger))
    kinds = {run_id: kind for kind, run_id in RUN_IDS.items()}
    applied = 0
    for row in rows:
        kind = kinds.get(row.get("run"))
        entry = out["instances"].get(row.get("instance_id"), {}).get(kind) if kind else None
        if entry is None or row.get("agree") is None:
            continue
        if not row.get("finished_at") or row.get("finished_at") != entry.get("finished_at"):
            continue
        entry["official_agrees"] = bool(row["agree"])
        applied += 1
    return out, applied


# ---------------------------------------------------------------------------------------------------------
# The table (pure: ledger + selection → markdown)
# ---------------------------------------------------------------------------------------------------------

def _median(values: list[float]) -> str:
    return f"{statistics.median(values):.1f}" if values else "–"


def render_table(ledger: dict, selected: dict[str, list[str]], today: str, commands: list[str]) -> str:
    """docs/fidelity.md from the ledger; `selected` is the fixed selection per repository (ids)."""
    instances = ledger["instances"]
    offline = ledger.get("cannot_run_offline", {})
    notes = ledger.get("notes", {})
    repos = sorted({row["repo"] for row in instances.values()} | set(selected))
    rows, problems, empty_wins, disagreements, left = [], [], [], [], []
    totals = Counter()
    dates = sorted({e["measured"] for row in instances.values() for k in KINDS if (e := row.get(k))})
    for repo in repos:
        ids = sorted(set(selected.get(repo, [])) | {i for i, row in instances.items() if row["repo"] == repo})
        chosen = selected.get(repo, ids)
        gold = {i: instances.get(i, {}).get("gold") for i in ids}
        empty = {i: instances.get(i, {}).get("empty") for i in ids}
        tried = [i for i in ids if gold[i] is not None]
        if not tried and not any(empty.values()):
            left.append(f"- {repo}: not run yet ({len(chosen)} selected)")
            continue
        gold_ok = [i for i in tried if gold[i]["status"] == "resolved" and i not in offline]
        empty_tried = [i for i in ids if empty[i] is not None]
        empty_ok = [i for i in empty_tried if empty[i]["status"] == "resolved"]
        causes = Counter()
        for i in tried:
            if i in offline:
                causes["cannot run offline"] += 1
                problems.append(f"- `{i}`: cannot run offline — {offline[i]}")
            elif gold[i]["status"] != "resolved":
                category = gold[i].get("failure_category") or gold[i]["status"]
                causes[category] += 1
                problems.append(f"- `{i}`: {category} — {gold[i].get('cause') or '(no message)'} "
                                f"(measured {gold[i]['measured']})")
        for i in empty_ok:
            empty_wins.append(f"- `{i}`: the empty patch resolves (measured {empty[i]['measured']})")
        for i in empty_tried:
            if empty[i].get("tests_pass_without_change"):
                empty_wins.append(f"- `{i}`: unresolved by rule (an empty patch never resolves), but the tests it "
                                  f"lists pass without any change: they do not detect its issue (measured "
                                  f"{empty[i]['measured']})")
        judged = [(i, k) for i in ids for k in KINDS
                  if (e := instances.get(i, {}).get(k)) and e.get("official_agrees") is not None]
        agreed = [(i, k) for i, k in judged if instances[i][k]["official_agrees"]]
        disagreements += [f"- `{i}` ({k}): ours {instances[i][k]['status']}, the official grading disagrees"
                          for i, k in judged if not instances[i][k]["official_agrees"]]
        missing = [i for i in chosen if gold[i] is None or empty[i] is None]
        if missing:
            left.append(f"- {repo}: {len(missing)} of {len(chosen)} selected not evaluated with both gold and empty: "
                        + ", ".join(f"`{i}`" for i in missing))
        measures = [instances[i].get("measures", {}) for i in ids if i in instances]
        eval_s = [gold[i]["tests_s"] for i in tried if gold[i].get("tests_s")]
        raw_s = [m["raw_test_s"] for m in measures if "raw_test_s" in m]
        measured = sorted({e["measured"] for i in ids for k in KINDS if (e := instances.get(i, {}).get(k))})
        totals.update(tried=len(tried), gold=len(gold_ok), empty=len(empty_ok), empty_tried=len(empty_tried),
                      judged=len(judged), agreed=len(agreed), selected=len(chosen),
                      runnable=len([i for i in tried if i not in offline]))
        rows.append(
            f"| {repo} | {len(tried)}/{len(chosen)} | {len(gold_ok)} | {len(empty_ok)}/{len(empty_tried)} | "
            f"{', '.join(f'{c} {n}' for c, n in sorted(causes.items())) or '–'} | "
            f"{f'{len(agreed)}/{len(judged)}' if judged else '–'} | {_median(eval_s)} / {_median(raw_s)} | "
            f"{_extra_instance_cell(measures)} | {', '.join(measured)} |"
        )
    rate = totals["gold"] / totals["tried"] if totals["tried"] else 0.0
    current = _current_extra([row.get("measures", {}) for row in instances.values()])
    layered = [m["instance_extra_mb"] for m in current if "instance_extra_mb" in m]
    layer_s = [m["instance_build_s"] for m in current if "instance_build_s" in m]
    extra_line = (f" Extra instances measured with the current layering: {len(layered)}, median "
                  f"{statistics.median(layered):.1f} MB, {sum(1 for mb in layered if mb <= 50)} of them at most 50 MB"
                  + (f"; median build {statistics.median(layer_s):.1f} s, {sum(1 for t in layer_s if t <= 20)} of "
                     f"{len(layer_s)} at most 20 s" if layer_s else "") + "." if layered else "")
    # One figure per env image (the instance that built it carries it); a rebuilt env's older figure, kept
    # on another instance, names another image and is left out with the images of other layerings.
    current_steps = {m["env_step_image"]: m for row in instances.values()
                     if "env_step_image" in (m := row.get("measures", {}))}
    steps = list(current_steps.values())
    if steps:
        sizes = [m["env_step_mb"] for m in steps]
        extra_line += (f" Envs at a later setup commit of their version (an incremental install on the env below, "
                       f"where the version's lockfile changed past the drift limit): {len(steps)} built, median "
                       f"{statistics.median(sizes):.1f} MB (max {max(sizes):.1f} MB), median "
                       f"{statistics.median(m['env_step_s'] for m in steps):.0f} s.")
    runnable = (f"; of the {totals['runnable']} that can run offline, {totals['gold']} "
                f"({totals['gold'] / totals['runnable']:.1%})" if totals["runnable"] else "")
    agreement = (f"{totals['agreed']}/{totals['judged']} evaluations agree with the official grading"
                 if totals["judged"] else "no official grading recorded")
    text = [
        "# Fidelity on the real SWE-bench Multimodal",
        "",
        f"Generated {today} from the ledger `benchmarks/fidelity-results.json` (measurements dated "
        f"{', '.join(dates) or '–'}), on this project's 2-core machine with local mirrors of the real repositories.",
        "Commands:",
        "",
        "```bash",
        *commands,
        "```",
        "",
        f"Overall: gold resolved **{totals['gold']}/{totals['tried']} ({rate:.1%})** of the evaluated instances "
        f"({totals['selected']} selected in the repositories listed{runnable}), empty resolved **{totals['empty']}/"
        f"{totals['empty_tried']}**; {agreement}.{extra_line}",
        "",
        "| repository | gold evaluated / selected | gold resolved | empty resolved / evaluated | gold not resolved, by cause | "
        "agrees with official grading | median eval / raw test command (s) | extra instance of a built version | measured |",
        "|---|---|---|---|---|---|---|---|---|",
        *rows,
        "",
        "An instance that cannot run offline for a reason outside the project counts as not resolved.",
        "Timing columns are medians over the instances that have them; \"raw\" is the spec's test command alone in a",
        "fresh container of the same image (both include container start-up); \"–\" means not measured.",
        "An extra instance is one on a shared env image of its version (not at one of the version's setup commits);",
        "its column gives the median layer size and build time of those measured since the instance layer holds only",
        "what the instance changes (n, and the largest); \"old layering\" marks a repository measured only before",
        "that change (commit 3b8ddf8), whose figures include every file git or a reinstall rewrote. Layers measured",
        "before a version could have several setup commits (commit a726247) and before a release-version bump no",
        "longer made a layer reinstall (commit 701182e) stay as they were measured: the later changes only ever",
        "take a reinstall away from a layer, so those figures are upper bounds.",
        "",
        "## Instances gold does not resolve",
        "",
        *(problems or ["None."]),
        "",
        "## Instances the empty patch resolves, or whose tests pass without any change",
        "",
        *(empty_wins or ["None."]),
        "",
        "## Disagreements with the official grading",
        "",
        *(disagreements or ["None."]),
        "",
        "## What is left",
        "",
        *(left or ["Nothing: every selected instance has gold and empty results."]),
        "",
    ]
    if notes:
        text += ["## Notes", "", *[f"- **{repo}**: {note}" for repo, note in sorted(notes.items())], ""]
    return "\n".join(text)


# ---------------------------------------------------------------------------------------------------------
# Runs dir → ledger
# ---------------------------------------------------------------------------------------------------------

def harness_sha() -> str | None:
    """The project's commit, with +dirty when the harness or the Docker templates differ from it."""
    try:
        sha = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short=12", "HEAD"], capture_output=True,
                             text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "swebench_mm/harness", "docker"],
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return f"{sha}+dirty" if dirty else sha


def _report_path(runs: Path, kind: str, instance_id: str) -> Path:
    return runs / RUN_IDS[kind] / kind / instance_id / "report.json"


def observations_from_runs(runs: Path, instances: dict, sha: str | None) -> tuple[list, dict[str, dict]]:
    """Every gold/empty report and measures file under a runs dir, as ledger observations.

    The date measured is the report's finish date; the harness commit is the one recorded with the report
    (fidelity.py writes it beside the report), else unknown.
    """
    found = []
    for kind in KINDS:
        for path in sorted((runs / RUN_IDS[kind] / kind).glob("*/report.json")):
            try:
                report = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as exc:
                raise UserError(f"{path}: unreadable report ({exc})") from None
            instance = instances.get(report.get("instance_id"))
            if instance is None or "status" not in report:
                continue
            finished = report.get("finished_at") or ""
            stamp = path.with_name("fidelity-harness.txt")
            recorded = stamp.read_text(encoding="utf-8").strip() if stamp.exists() else None
            entry = observation(report, finished[:10] or date.today().isoformat(), recorded)
            found.append((instance.instance_id, instance.repo, instance.version, kind, entry))
    measures = {}
    for path in sorted((runs / "fidelity-measures").glob("*.json")):
        try:
            measures[path.stem] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise UserError(f"{path}: unreadable measures ({exc})") from None
    return found, measures


def agreement_rows(path: Path) -> list[dict]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise UserError(f"{path}: cannot read the agreement JSON ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("rows"), list):
        raise UserError(f"{path}: not the JSON of benchmarks/official_agreement.py --json (no 'rows' list)")
    return data["rows"]


# ---------------------------------------------------------------------------------------------------------
# Docker side
# ---------------------------------------------------------------------------------------------------------

def _extra_instance(measure: dict) -> bool:
    """Whether an instance's layer measures "an extra instance of a built version": an instance on the
    version's shared env (not at its setup commit); in records older than that fact, one whose env was
    there before it."""
    if "instance_shares_env" in measure:
        return bool(measure["instance_shares_env"])
    return "env_build_s" not in measure


def _current_extra(measures: list[dict]) -> list[dict]:
    """The extra instances whose layer was built since the instance layer holds only what the instance
    changes (records with `instance_layer_measured`)."""
    return [m for m in measures if _extra_instance(m) and m.get("instance_layer_measured")]


def _extra_instance_cell(measures: list[dict]) -> str:
    """Median size and build time of the extra instances, from layers built since the instance layer holds
    only what the instance changes (records with `instance_layer_measured`); where a repository has none
    yet, the older figures, marked: they include every file git or the reinstall rewrote and overstate."""
    current = _current_extra(measures)
    chosen = current or [m for m in measures if _extra_instance(m)]
    sizes = [m["instance_extra_mb"] for m in chosen if "instance_extra_mb" in m]
    times = [m["instance_build_s"] for m in chosen if "instance_build_s" in m]
    if not sizes and not times:
        return "– MB, – s"
    cell = f"{_median(sizes)} MB, {_median(times)} s"
    if current:
        return cell + (f" (n={len(sizes)}, max {max(sizes):.1f} MB)" if sizes else "")
    return cell + " (old layering)"


def _image_mb(client, tag: str) -> float:
    return client.images.get(tag).attrs["Size"] / 1e6


def _layer_record(builder, client, instance, spec, env: str, tag: str) -> dict:
    """What an instance layer costs, whether it counts as an extra instance of its version, and on how many
    setup commits its env is installed (more than one: an env at a later setup commit, see env_sharing.py)."""
    return {"instance_extra_mb": round(_image_mb(client, tag) - _image_mb(client, env), 1),
            "instance_shares_env": builder.setup_commit(instance, spec) != instance.base_commit,
            "instance_layer_measured": date.today().isoformat(),
            "env_chain_length": len(builder.env_plan(instance, spec))}


def _build_env_chain(builder, client, instance, spec) -> dict:
    """Build the instance's env, one setup commit at a time; where the last is an env at a later setup commit
    (an incremental install on the env below it) built here, what that step cost."""
    from swebench_mm.harness.images import ImageBuildFailed

    plan = builder.env_plan(instance, spec)
    step: dict = {}
    try:
        for depth in range(1, len(plan) + 1):
            tag = builder.chain_tag(instance.repo, spec, plan[:depth])
            if builder.exists(tag):
                continue
            started = time.monotonic()
            builder.ensure_chain(instance.repo, spec, plan[:depth])
            if depth == len(plan) > 1:
                below = builder.chain_tag(instance.repo, spec, plan[:-1])
                step = {"env_step_s": round(time.monotonic() - started, 1),
                        "env_step_mb": round(_image_mb(client, tag) - _image_mb(client, below), 1),
                        "env_step_image": tag}
    except ImageBuildFailed:
        builder.ensure_env(instance, spec)  # the plan falls back, as in an evaluation; raises if that fails too
    return step


def build_and_measure(instance, builder, client, measures: Path, raw: bool) -> None:
    """Build the instance's images (timing the instance layer alone) and time the raw test command."""
    from swebench_mm.harness.container import Limits, run_script_once
    from swebench_mm.harness.images import ImageBuildFailed
    from swebench_mm.harness.specs import spec_for

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
    record.pop("build_error", None)
    if not env_existed:
        record["env_build_s"] = round(env_s, 1)
        record["env_mb"] = round(_image_mb(client, env), 1)
    if not inst_existed:
        record["instance_build_s"] = round(inst_s, 1)
        record.update(_layer_record(builder, client, instance, spec, env, tag))
    if raw and "raw_test_s" not in record:
        script = f"cd /testbed\n{spec.test_cmd}\n"
        result = run_script_once(client, tag, "/swebench_mm_raw", {"raw.sh": script}, "raw.sh", spec.test_timeout_s,
                                 Limits(), {"swebench-mm.fidelity": "raw"})
        record["raw_test_s"] = round(result.seconds, 2)
    write_json(path, record)


def cmd_layers(args: argparse.Namespace) -> int:
    """Rebuild the instance layer of every selected instance whose env image is built, with this harness,
    and record its build time and size (the extra-instance cost) in the ledger. Envs are not built."""
    from swebench_mm.harness.docker_client import docker_client
    from swebench_mm.harness.images import ImageBuildFailed, ImageBuilder
    from swebench_mm.harness.repos import RepoSources
    from swebench_mm.harness.specs import spec_for
    from swebench_mm.instances import load_instances

    mirrors = [Path(m) for m in args.repo_mirror]
    ledger_path = Path(args.ledger)
    instances = [i for i in select(load_instances(args.instances), mirrors, args.per_repo, args.seed)
                 if (not args.repos or i.repo in args.repos) and (not args.ids or i.instance_id in args.ids)]
    client = docker_client()
    builder = ImageBuilder(client=client, sources=RepoSources(mirrors, allow_github=False))
    stop_at = time.monotonic() + args.max_minutes * 60 if args.max_minutes else None
    for instance in instances:
        if stop_at is not None and time.monotonic() > stop_at:
            print(f"-- --max-minutes reached: {instance.instance_id} and the rest not measured", flush=True)
            break
        spec = spec_for(instance)
        env = builder.env_tag(instance, spec)
        step: dict = {}
        if not builder.exists(env):
            if not args.build_envs:
                print(f"   {instance.instance_id}: env {env} not built here, skipped", flush=True)
                continue
            try:
                step = _build_env_chain(builder, client, instance, spec)
            except ImageBuildFailed as exc:
                print(f"   {instance.instance_id}: env build failed: {first_line(exc.cause or exc.log_tail)}", flush=True)
                continue
        tag = builder.instance_tag(instance, spec)
        existed = builder.exists(tag)
        started = time.monotonic()
        try:
            builder.ensure_instance(instance, spec)
        except ImageBuildFailed as exc:
            print(f"   {instance.instance_id}: instance build failed: {first_line(exc.cause or exc.log_tail)}", flush=True)
            continue
        record = {**_layer_record(builder, client, instance, spec, env, tag), **step}
        if not existed:
            record["instance_build_s"] = round(time.monotonic() - started, 1)
        ledger = merge(load_ledger(ledger_path), [], {instance.instance_id: record})
        save_ledger(ledger_path, ledger)
        print(f"   {instance.instance_id}: {record['instance_extra_mb']} MB"
              f"{', ' + str(record['instance_build_s']) + ' s' if 'instance_build_s' in record else ' (built before)'}"
              f"{'; env step ' + str(step['env_step_mb']) + ' MB, ' + str(step['env_step_s']) + ' s' if step else ''}",
              flush=True)
        if args.remove_replaced:
            name = tag.rsplit(":", 1)[0]
            for image in client.images.list(name=name):
                for old in image.tags:
                    if old != tag:
                        try:
                            client.images.remove(old)
                        except Exception as exc:  # in use by a container, or a parent: keep it
                            print(f"      kept {old}: {exc}", flush=True)
    return 0


def run_agreement(instances_file: str, runs: Path, out: Path) -> list[dict] | None:
    """benchmarks/official_agreement.py on the two fidelity runs; its rows, or None (with the reason printed)."""
    dirs = [str(runs / run_id) for run_id in RUN_IDS.values() if (runs / run_id).is_dir()]
    if not dirs:
        return None
    command = [sys.executable, str(Path(__file__).with_name("official_agreement.py")), "--instances", instances_file,
               *dirs, "--json", str(out)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        print(f"   official agreement not measured: {first_line(done.stderr) or done.returncode}", flush=True)
        return None
    return agreement_rows(out)


def cmd_run(args: argparse.Namespace) -> int:
    from swebench_mm.harness.docker_client import docker_client
    from swebench_mm.harness.evaluate import EvalOptions, evaluate, instance_dir
    from swebench_mm.harness.images import ImageBuilder
    from swebench_mm.harness.repos import RepoSources
    from swebench_mm.instances import load_instances
    from swebench_mm.predictions import pseudo_predictions

    mirrors = [Path(m) for m in args.repo_mirror]
    ledger_path = Path(args.ledger)
    ledger = load_ledger(ledger_path)
    instances = select(load_instances(args.instances), mirrors, args.per_repo, args.seed)
    if args.repos:
        unknown = sorted(set(args.repos) - {i.repo for i in instances})
        if unknown:
            raise UserError(f"--repos {', '.join(unknown)}: not among the mirrored repositories of the selection")
        instances = [i for i in instances if i.repo in args.repos]
    if args.ids:
        unknown = sorted(set(args.ids) - {i.instance_id for i in instances})
        if unknown:
            raise UserError(f"--ids {', '.join(unknown)}: not in the selection (of --repos)")
        instances = [i for i in instances if i.instance_id in args.ids]
    by_id = {i.instance_id: i for i in instances}
    runs = Path(args.runs_dir)
    measures = runs / "fidelity-measures"
    measures.mkdir(parents=True, exist_ok=True)
    client = docker_client()
    builder = ImageBuilder(client=client, sources=RepoSources(mirrors, allow_github=False),
                           log=lambda message: print(f"  {message}", file=sys.stderr, flush=True))
    sha = harness_sha()

    def record(kind: str, options) -> callable:
        def on_result(report: dict) -> None:
            nonlocal ledger
            instance = by_id[report["instance_id"]]
            stamp = instance_dir(options, kind, instance.instance_id) / "fidelity-harness.txt"
            if not report.get("resumed") or not stamp.exists():
                stamp.write_text(f"{sha}\n", encoding="utf-8")
            recorded = stamp.read_text(encoding="utf-8").strip() or None
            measured = (report.get("finished_at") or "")[:10] or date.today().isoformat()
            path = measures / f"{instance.instance_id}.json"
            values = {instance.instance_id: json.loads(path.read_text())} if path.exists() else {}
            # Read again before each update: the hand-kept parts may have been edited while the run goes on.
            ledger = merge(load_ledger(ledger_path), [(instance.instance_id, instance.repo, instance.version, kind,
                                                      observation(report, measured, recorded))], values)
            save_ledger(ledger_path, ledger)
            print(f"   {kind} {instance.instance_id}: {report['status']}"
                  f"{' (' + str(report.get('failure_category')) + ')' if report['status'] != 'resolved' else ''}",
                  flush=True)
        return on_result

    order = {repo: index for index, repo in enumerate(args.first)}
    for repo in sorted({i.repo for i in instances}, key=lambda r: (order.get(r, len(order)), r)):
        batch = [i for i in instances if i.repo == repo]
        print(f"== {repo}: {len(batch)} instance(s)", flush=True)
        for index, instance in enumerate(batch):
            build_and_measure(instance, builder, client, measures, raw=index < RAW_PER_REPO)
        for kind, run_id in RUN_IDS.items():
            if kind not in args.kinds:
                continue
            options = EvalOptions(run_id=run_id, runs_dir=runs, workers=args.workers)
            report = evaluate(batch, pseudo_predictions(kind, batch), options, builder, client,
                              on_result=record(kind, options))
            print(f"   {kind}: {report['resolved_instances']}/{len(batch)} resolved, "
                  f"{report['error_instances']} error(s)", flush=True)
        if not args.no_agreement:
            rows = run_agreement(args.instances, runs, runs / "agreement.json")
            if rows is not None:
                ledger, applied = apply_agreement(load_ledger(ledger_path), rows)
                save_ledger(ledger_path, ledger)
                ours = [r for r in rows if r.get("instance_id") in {i.instance_id for i in batch}]
                print(f"   official grading: {sum(1 for r in ours if r.get('agree'))}/"
                      f"{sum(1 for r in ours if r.get('agree') is not None)} agree ({applied} recorded)", flush=True)
    return 0


def cmd_table(args: argparse.Namespace) -> int:
    from swebench_mm.instances import load_instances

    all_instances = load_instances(args.instances)
    by_id = {i.instance_id: i for i in all_instances}
    ledger_path = Path(args.ledger)
    ledger = load_ledger(ledger_path)
    if args.runs_dir:
        found, measures = observations_from_runs(Path(args.runs_dir), by_id, None)
        ledger = merge(ledger, found, measures)
    if args.agreement:
        ledger, _ = apply_agreement(ledger, agreement_rows(Path(args.agreement)))
    if args.runs_dir or args.agreement:
        save_ledger(ledger_path, ledger)
    mirrors = [Path(m) for m in args.repo_mirror] if args.repo_mirror else None
    repos = {row["repo"] for row in ledger["instances"].values()}
    selected: dict[str, list[str]] = defaultdict(list)
    for instance in select(all_instances, mirrors, args.per_repo, args.seed):
        if mirrors is not None or instance.repo in repos:
            selected[instance.repo].append(instance.instance_id)
    commands = [
        ".venv/bin/python benchmarks/fidelity.py run --instances OFFICIAL.jsonl --repo-mirror MIRRORS "
        "--runs-dir RUNS --repos OWNER/NAME --workers 1",
        ".venv/bin/python benchmarks/official_agreement.py --instances OFFICIAL.jsonl RUNS/fidelity-gold "
        "RUNS/fidelity-empty --json agreement.json   # run also does this after each repository",
        "# after a layering change: layer and env-step figures, then gold on the instances whose env changed",
        ".venv/bin/python benchmarks/fidelity.py layers --instances OFFICIAL.jsonl --repo-mirror MIRRORS "
        "--build-envs --ids ID ...",
        ".venv/bin/python benchmarks/fidelity.py run --instances OFFICIAL.jsonl --repo-mirror MIRRORS "
        "--runs-dir RUNS --kinds gold --ids ID ...",
        ".venv/bin/python benchmarks/fidelity.py table --instances OFFICIAL.jsonl --repo-mirror MIRRORS "
        "[--runs-dir RUNS] [--agreement agreement.json] --out docs/fidelity.md",
    ]
    text = render_table(ledger, selected, date.today().isoformat(), commands)
    Path(args.out).write_text(text, encoding="utf-8")
    print(text)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="build, measure and evaluate gold and empty; update the ledger")
    run.add_argument("--instances", required=True)
    run.add_argument("--repo-mirror", action="append", required=True)
    run.add_argument("--runs-dir", required=True)
    run.add_argument("--repos", nargs="+", help="only these repositories")
    run.add_argument("--ids", nargs="+", help="only these instances (of the selection)")
    run.add_argument("--kinds", nargs="+", choices=list(KINDS), default=list(KINDS),
                     help="which predictions to evaluate (default: all; gold alone re-checks a new layering)")
    run.add_argument("--first", nargs="+", default=[], help="repositories to run before the others, in this order")
    run.add_argument("--per-repo", type=int, default=PER_REPO)
    run.add_argument("--seed", type=int, default=SEED)
    run.add_argument("--workers", type=int, default=1)
    run.add_argument("--ledger", default=str(LEDGER))
    run.add_argument("--no-agreement", action="store_true", help="do not run official_agreement.py per repository")
    run.set_defaults(func=cmd_run)
    layers = sub.add_parser("layers", help="rebuild instance layers on the built envs; record size and build time")
    layers.add_argument("--instances", required=True)
    layers.add_argument("--repo-mirror", action="append", required=True)
    layers.add_argument("--repos", nargs="+", help="only these repositories")
    layers.add_argument("--ids", nargs="+", help="only these instances (of the selection)")
    layers.add_argument("--per-repo", type=int, default=PER_REPO)
    layers.add_argument("--seed", type=int, default=SEED)
    layers.add_argument("--ledger", default=str(LEDGER))
    layers.add_argument("--max-minutes", type=float, help="start no build after this many minutes")
    layers.add_argument("--build-envs", action="store_true",
                        help="build the env images that are missing (not measured) instead of skipping their instances")
    layers.add_argument("--remove-replaced", action="store_true",
                        help="remove the instance's images of other tags (an older harness's) once measured")
    layers.set_defaults(func=cmd_layers)
    table = sub.add_parser("table", help="write docs/fidelity.md from the ledger (merging a runs dir if given)")
    table.add_argument("--instances", required=True)
    table.add_argument("--runs-dir")
    table.add_argument("--agreement", help="JSON written by benchmarks/official_agreement.py --json")
    table.add_argument("--ledger", default=str(LEDGER))
    table.add_argument("--repo-mirror", action="append",
                       help="list every mirrored repository of the selection, run or not (default: those in the ledger)")
    table.add_argument("--per-repo", type=int, default=PER_REPO)
    table.add_argument("--seed", type=int, default=SEED)
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
