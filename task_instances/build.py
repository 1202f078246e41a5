#!/usr/bin/env python3
"""Rebuild the shipped task set reproducibly: git history, screenshots, instances.jsonl.

    python task_instances/build.py mirror --dest DIR   # bare repos DIR/owner__name.git, prints head SHAs
    python task_instances/build.py screenshots         # images/<id>/actual.png from the buggy code (Chromium)
    python task_instances/build.py instances           # instances.jsonl, F2P/P2P measured by running the tests
    python task_instances/build.py all                 # screenshots, then instances

Each repository lives in `task_instances/<name>/`: `source/` (the tree at the base commit), `repo.json`
(how that tree is split into commits), `spec.json` (its test environment) and `tasks/<instance_id>/`
(`issue.md`, `gold.patch`, `test.patch`, `meta.json`). Commits get fixed authors and dates and the
host's git configuration is ignored, so the SHAs are the same on every machine.

Only the standard library and the git, node, npm and chromium command-line tools are used, so this
runs before the package is installed.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--hide-scrollbars", "--disable-dev-shm-usage",
]


class BuildError(Exception):
    pass


def run(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise BuildError(f"{' '.join(cmd)} failed in {cwd}:\n{(result.stderr or result.stdout)[-2000:]}")
    return result


def repo_dirs() -> list[Path]:
    return sorted(p.parent for p in HERE.glob("*/repo.json"))


def load_repo(repo_dir: Path) -> dict:
    return json.loads((repo_dir / "repo.json").read_text(encoding="utf-8"))


def git_env(author: dict, when: datetime) -> dict[str, str]:
    stamp = when.strftime("%Y-%m-%dT%H:%M:%S+0000")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        GIT_CONFIG_GLOBAL="/dev/null", GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME=author["name"], GIT_AUTHOR_EMAIL=author["email"], GIT_AUTHOR_DATE=stamp,
        GIT_COMMITTER_NAME=author["name"], GIT_COMMITTER_EMAIL=author["email"], GIT_COMMITTER_DATE=stamp,
        TZ="UTC",
    )
    return env


def source_files(source: Path) -> list[str]:
    files = []
    for path in sorted(source.rglob("*")):
        rel = path.relative_to(source)
        if path.is_file() and "node_modules" not in rel.parts:
            files.append(rel.as_posix())
    return files


def build_repo(repo_dir: Path, work: Path) -> str:
    """Commit `source/` as the history in repo.json into a fresh repository at `work`; returns HEAD."""
    meta = load_repo(repo_dir)
    source = repo_dir / "source"
    files = source_files(source)
    assigned: dict[str, str] = {}
    for commit in meta["history"]:
        for prefix in commit["paths"]:
            matched = [f for f in files if f == prefix or f.startswith(prefix.rstrip("/") + "/")]
            if not matched:
                raise BuildError(f"{repo_dir}/repo.json: path {prefix!r} matches no file in source/")
            for f in matched:
                if f in assigned:
                    raise BuildError(f"{repo_dir}/repo.json: {f} is in two commits ({assigned[f]!r}, {commit['message']!r})")
                assigned[f] = commit["message"]
    missing = [f for f in files if f not in assigned]
    if missing:
        raise BuildError(f"{repo_dir}/repo.json: files in no commit: {', '.join(missing)}")

    start = datetime.strptime(meta["start_date"], "%Y-%m-%dT%H:%M:%SZ")
    env = git_env(meta["author"], start)
    run(["git", "init", "-q", "-b", "main", str(work)], env=env)
    for index, commit in enumerate(meta["history"]):
        env = git_env(meta["author"], start + timedelta(hours=index))
        for f in files:
            if assigned[f] == commit["message"]:
                target = work / f
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source / f, target)
                os.chmod(target, 0o755 if os.access(source / f, os.X_OK) else 0o644)
        run(["git", "-c", "core.autocrlf=false", "-c", "core.fileMode=true", "add", "-A"], cwd=work, env=env)
        run(["git", "-c", "commit.gpgsign=false", "commit", "-q", "-m", commit["message"]], cwd=work, env=env)
    return run(["git", "rev-parse", "HEAD"], cwd=work, env=env).stdout.strip()


def build_mirror(dest: Path) -> dict[str, str]:
    """Bare repositories `dest/owner__name.git` for every shipped repository; returns {repo: head}."""
    dest.mkdir(parents=True, exist_ok=True)
    heads = {}
    for repo_dir in repo_dirs():
        meta = load_repo(repo_dir)
        name = meta["repo"].replace("/", "__")
        with tempfile.TemporaryDirectory(prefix="svgc-build-") as tmp:
            head = build_repo(repo_dir, Path(tmp) / "work")
            bare = dest / f"{name}.git"
            if bare.exists():
                shutil.rmtree(bare)
            run(["git", "clone", "-q", "--bare", str(Path(tmp) / "work"), str(bare)], env=git_env(meta["author"], datetime(2024, 1, 1)))
        heads[meta["repo"]] = head
    return heads


def tasks(repo_dir: Path) -> list[Path]:
    return sorted(p for p in (repo_dir / "tasks").iterdir() if p.is_dir())


def screenshot(repo_dir: Path, task: Path) -> Path:
    meta = json.loads((task / "meta.json").read_text(encoding="utf-8"))
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise BuildError("chromium is not installed (Debian: apt-get install -y chromium)")
    with tempfile.TemporaryDirectory(prefix="svgc-shot-") as tmp:
        tmp_path = Path(tmp)
        (tmp_path / "config.json").write_text(json.dumps(meta["screenshot_config"]))
        svg = run(["node", str(repo_dir / "source" / "examples" / "render.js"), str(tmp_path / "config.json")]).stdout
        page = tmp_path / "page.html"
        page.write_text(
            "<!doctype html><html><head><meta charset='utf-8'><title>"
            + html.escape(task.name)
            + "</title><style>body{margin:0;background:#fff}div{padding:10px}</style></head><body><div>"
            + svg + "</div></body></html>",
            encoding="utf-8",
        )
        out = repo_dir / "images" / task.name / "actual.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        width = int(meta["screenshot_config"].get("width", 480)) + 20
        height = int(meta["screenshot_config"].get("height", 300)) + 20
        run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={out}",
             f"--window-size={width},{height}", page.as_uri()])
        if not out.exists():
            raise BuildError(f"chromium wrote no screenshot for {task.name}")
    return out


def jest_statuses(checkout: Path) -> dict[str, str]:
    report = checkout / "jest-report.json"
    run(["npx", "jest", "--ci", "--json", f"--outputFile={report}"], cwd=checkout, check=False)
    if not report.exists():
        raise BuildError(f"jest wrote no report in {checkout}")
    data = json.loads(report.read_text(encoding="utf-8"))
    report.unlink()
    statuses = {}
    for suite in data["testResults"]:
        for test in suite["assertionResults"]:
            statuses[" › ".join([*test["ancestorTitles"], test["title"]])] = test["status"]
    return statuses


def instance_record(repo_dir: Path, task: Path, head: str, checkout: Path) -> dict:
    meta_repo = load_repo(repo_dir)
    meta = json.loads((task / "meta.json").read_text(encoding="utf-8"))
    gold, test_patch = (task / "gold.patch").read_text(), (task / "test.patch").read_text()
    run(["git", "checkout", "-q", "-f", head], cwd=checkout)
    run(["git", "clean", "-fdq"], cwd=checkout)
    run(["git", "apply", str(task / "test.patch")], cwd=checkout)
    before = jest_statuses(checkout)
    run(["git", "apply", str(task / "gold.patch")], cwd=checkout)
    after = jest_statuses(checkout)
    run(["git", "checkout", "-q", "-f", head], cwd=checkout)
    run(["git", "clean", "-fdq"], cwd=checkout)
    not_passing = sorted(name for name, status in after.items() if status != "passed")
    if not_passing:
        raise BuildError(f"{task.name}: with the gold patch these tests do not pass: {not_passing}")
    f2p = sorted(n for n in after if before.get(n) != "passed")
    p2p = sorted(n for n in after if before.get(n) == "passed")
    if not f2p:
        raise BuildError(f"{task.name}: no test fails before the gold patch")
    images = sorted((repo_dir / "images" / task.name).glob("*.png"))
    if not images:
        raise BuildError(f"{task.name}: no screenshot; run `build.py screenshots` first")
    return {
        "repo": meta_repo["repo"],
        "instance_id": task.name,
        "base_commit": head,
        "patch": gold,
        "test_patch": test_patch,
        "problem_statement": (task / "issue.md").read_text(encoding="utf-8"),
        "hints_text": meta.get("hints_text", ""),
        "created_at": meta["created_at"],
        "version": meta_repo["version"],
        "environment_setup_commit": head,
        "FAIL_TO_PASS": f2p,
        "PASS_TO_PASS": p2p,
        "image_assets": {
            "problem_statement": [p.relative_to(HERE).as_posix() for p in images],
            "patch": [],
            "test_patch": [],
        },
        "image_needed": meta["image_needed"],
        "image_note": meta["image_note"],
    }


def build_instances() -> list[dict]:
    records = []
    with tempfile.TemporaryDirectory(prefix="svgc-inst-") as tmp:
        heads = build_mirror(Path(tmp) / "mirror")
        for repo_dir in repo_dirs():
            meta = load_repo(repo_dir)
            checkout = Path(tmp) / "checkout"
            run(["git", "clone", "-q", str(Path(tmp) / "mirror" / (meta["repo"].replace("/", "__") + ".git")), str(checkout)])
            print(f"  {meta['repo']}: npm ci", flush=True)
            run(["npm", "ci", "--no-audit", "--no-fund"], cwd=checkout)
            for task in tasks(repo_dir):
                print(f"  {task.name}: running tests without and with the gold patch", flush=True)
                records.append(instance_record(repo_dir, task, heads[meta["repo"]], checkout))
            shutil.rmtree(checkout)
    records.sort(key=lambda r: r["instance_id"])
    (HERE / "instances.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    mirror = sub.add_parser("mirror", help="build bare git repositories with reproducible SHAs")
    mirror.add_argument("--dest", required=True, type=Path)
    sub.add_parser("screenshots", help="render each instance's buggy chart in headless Chromium")
    sub.add_parser("instances", help="write instances.jsonl (runs each repository's tests)")
    sub.add_parser("all", help="screenshots, then instances")
    args = parser.parse_args(argv)
    try:
        if args.command == "mirror":
            print(json.dumps(build_mirror(args.dest)))
        if args.command in ("screenshots", "all"):
            for repo_dir in repo_dirs():
                for task in tasks(repo_dir):
                    print(f"  screenshot {screenshot(repo_dir, task).relative_to(HERE)}", flush=True)
        if args.command in ("instances", "all"):
            records = build_instances()
            print(f"wrote {len(records)} instances to {HERE / 'instances.jsonl'}")
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
