#!/usr/bin/env python3
"""Rebuild the shipped task set reproducibly: git history, screenshots, instances.jsonl.

    python task_instances/build.py mirror --dest DIR   # bare repos DIR/<owner>__<name>.git; prints {repo: head}
    python task_instances/build.py screenshots         # <repo>/images/<id>/actual.png of the buggy base commit
    python task_instances/build.py instances           # instances.jsonl; FAIL_TO_PASS / PASS_TO_PASS measured
    python task_instances/build.py all                 # screenshots, then instances

Layout of one shipped repository, `task_instances/<dir>/`:

    source/                 the whole tree at the base commit (node_modules is never part of it)
    repo.json               {"repo", "version", "author", "start_date", "history": [{"message", "paths"}]}
                            -- how source/ is split into commits; a path may be a directory prefix and
                            every file belongs to exactly one commit
    spec.json               the test environment, read by the harness (not by this script)
    tasks/<instance_id>/    issue.md, gold.patch (src/ only), test.patch (test/ only), meta.json
    images/<instance_id>/   actual.png, written by `screenshots`

The SHAs do not depend on the machine: commit k is dated start_date + k hours (author and committer),
author and committer are fixed, every file is committed as a plain 100644 blob, and git runs without
the host's global or system configuration, templates or hooks.

`mirror` and `screenshots` need only the standard library and the git, node and chromium command-line
tools. `instances` measures FAIL_TO_PASS / PASS_TO_PASS with the harness itself (`swebench-mm validate`,
real containers), so run it with the project's virtualenv: `.venv/bin/python task_instances/build.py
instances`. Everything temporary goes to the system temp directory.
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
from datetime import datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
INSTANCES_FILE = HERE / "instances.jsonl"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--hide-scrollbars",
]
PAGE_PADDING = 10


class BuildError(Exception):
    pass


# ---------------------------------------------------------------------------------------------------
# helpers


def run(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None,
        check: bool = True, timeout: int = 900) -> subprocess.CompletedProcess[str]:
    try:
        result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    except FileNotFoundError:
        raise BuildError(f"`{cmd[0]}` is not installed (needed: git, node, npm, chromium)") from None
    except subprocess.TimeoutExpired:
        raise BuildError(f"`{' '.join(cmd)}` took more than {timeout}s (in {cwd})") from None
    if check and result.returncode != 0:
        output = (result.stderr.strip() or result.stdout.strip())[-3000:]
        raise BuildError(f"`{' '.join(cmd)}` exited with {result.returncode} (in {cwd}):\n{output}")
    return result


def progress(message: str) -> None:
    print(message, flush=True)


def read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BuildError(f"{path}: missing") from None
    except json.JSONDecodeError as exc:
        raise BuildError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from None


def require(data: dict, keys: list[str], where: Path) -> None:
    missing = [k for k in keys if k not in data]
    if missing:
        raise BuildError(f"{where}: missing field(s) {', '.join(missing)}")


class Repo:
    """One shipped repository: task_instances/<dir>/ with its repo.json."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.meta = read_json(root / "repo.json")
        require(self.meta, ["repo", "version", "author", "start_date", "history"], root / "repo.json")
        self.name = self.meta["repo"]
        self.mirror_name = self.name.replace("/", "__") + ".git"
        self.source = root / "source"

    def tasks(self) -> list[Path]:
        tasks_dir = self.root / "tasks"
        if not tasks_dir.is_dir():
            return []
        return sorted(p for p in tasks_dir.iterdir() if p.is_dir())


def repos() -> list[Repo]:
    found = [Repo(p.parent) for p in sorted(HERE.glob("*/repo.json"))]
    if not found:
        raise BuildError(f"no */repo.json under {HERE}")
    return found


# ---------------------------------------------------------------------------------------------------
# git history


def git_env(author: dict, when: datetime | None = None) -> dict[str, str]:
    """The environment every git command runs in: no host configuration, fixed identity and date."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME=author["name"],
        GIT_AUTHOR_EMAIL=author["email"],
        GIT_COMMITTER_NAME=author["name"],
        GIT_COMMITTER_EMAIL=author["email"],
        GIT_TERMINAL_PROMPT="0",
        TZ="UTC",
        LC_ALL="C",
    )
    if when is not None:
        stamp = when.strftime("%Y-%m-%dT%H:%M:%S+0000")
        env.update(GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp)
    return env


GIT_OPTIONS = [
    "-c", "core.autocrlf=false", "-c", "core.eol=lf", "-c", "core.fileMode=true",
    "-c", "core.hooksPath=/dev/null", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false",
    "-c", "i18n.commitEncoding=UTF-8",
]


def git(args: list[str], cwd: Path | None, env: dict[str, str]) -> str:
    return run(["git", *GIT_OPTIONS, *args], cwd=cwd, env=env).stdout.strip()


def source_files(source: Path) -> list[str]:
    if not source.is_dir():
        raise BuildError(f"{source}: missing")
    files = []
    for path in sorted(source.rglob("*")):
        rel = path.relative_to(source)
        if "node_modules" in rel.parts or ".git" in rel.parts:
            continue
        if path.is_symlink():
            raise BuildError(f"{path}: symlinks are not supported in source/")
        if path.is_file():
            files.append(rel.as_posix())
    return files


def plan_commits(repo: Repo) -> list[tuple[str, list[str]]]:
    """[(message, files)] in history order; every file of source/ in exactly one commit."""
    files = source_files(repo.source)
    where = repo.root / "repo.json"
    owner: dict[str, int] = {}
    plan = []
    for index, commit in enumerate(repo.meta["history"]):
        require(commit, ["message", "paths"], where)
        chosen: list[str] = []
        for prefix in commit["paths"]:
            stem = prefix.rstrip("/")
            matched = [f for f in files if f == stem or f.startswith(stem + "/")]
            if not matched:
                raise BuildError(f"{where}: path {prefix!r} (commit {index + 1}) matches no file in source/")
            for f in matched:
                if f in owner:
                    raise BuildError(f"{where}: {f} is in commit {owner[f] + 1} and commit {index + 1}")
                owner[f] = index
                chosen.append(f)
        plan.append((commit["message"], sorted(chosen)))
    missing = [f for f in files if f not in owner]
    if missing:
        raise BuildError(f"{where}: these files of source/ are in no commit: {', '.join(missing)}")
    return plan


def build_history(repo: Repo, work: Path) -> str:
    """Commit source/ into a new non-bare repository at `work` as repo.json says; returns HEAD."""
    author = repo.meta["author"]
    start = datetime.strptime(repo.meta["start_date"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    plan = plan_commits(repo)
    env = git_env(author, start)
    git(["init", "-q", "--template=", "-b", "main", str(work)], cwd=None, env=env)
    committed: list[str] = []
    for index, (message, files) in enumerate(plan):
        env = git_env(author, start + timedelta(hours=index))
        for f in files:
            target = work / f
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes((repo.source / f).read_bytes())
            os.chmod(target, 0o644)
        git(["add", "--force", "--", *files], cwd=work, env=env)
        git(["commit", "-q", "--no-verify", "--allow-empty-message", "-m", message], cwd=work, env=env)
        committed.extend(files)
    tracked = git(["ls-files", "-z"], cwd=work, env=env).split("\0")
    if sorted(t for t in tracked if t) != sorted(committed):
        raise BuildError(f"{repo.name}: the committed tree differs from source/")
    return git(["rev-parse", "HEAD"], cwd=work, env=env)


def build_mirror(dest: Path, only: list[str] | None = None) -> dict[str, str]:
    """Bare repositories dest/<owner>__<name>.git of the shipped repositories (all, or the folders in
    `only`); returns {repo: head}."""
    dest.mkdir(parents=True, exist_ok=True)
    heads: dict[str, str] = {}
    for repo in repos():
        if only and repo.root.name not in only:
            continue
        env = git_env(repo.meta["author"])
        with tempfile.TemporaryDirectory(prefix="swebench-mm-history-") as tmp:
            work = Path(tmp) / "work"
            head = build_history(repo, work)
            bare = dest / repo.mirror_name
            if bare.exists():
                shutil.rmtree(bare)
            git(["clone", "-q", "--bare", "--template=", str(work), str(bare)], cwd=None, env=env)
            git(["remote", "remove", "origin"], cwd=bare, env=env)
        if git(["rev-parse", "HEAD"], cwd=bare, env=env) != head:
            raise BuildError(f"{repo.name}: the bare mirror's HEAD is not {head}")
        heads[repo.name] = head
    return heads


def build_mirror_checked(dest: Path, only: list[str] | None = None) -> dict[str, str]:
    """build_mirror, plus a second build elsewhere that must give the same SHAs."""
    heads = build_mirror(dest, only)
    with tempfile.TemporaryDirectory(prefix="swebench-mm-recheck-") as tmp:
        again = build_mirror(Path(tmp), only)
    if again != heads:
        raise BuildError(f"the history is not reproducible: {heads} then {again}")
    return heads


def checkout(mirror: Path, repo: Repo, commit: str, dest: Path) -> Path:
    env = git_env(repo.meta["author"])
    git(["clone", "-q", "--template=", str(mirror / repo.mirror_name), str(dest)], cwd=None, env=env)
    git(["checkout", "-q", "--detach", commit], cwd=dest, env=env)
    return dest


# ---------------------------------------------------------------------------------------------------
# tasks


TASK_FILES = ["issue.md", "gold.patch", "test.patch", "meta.json"]
META_KEYS = ["created_at", "image_needed", "image_note", "hints_text", "screenshot_config"]


def task_meta(task: Path) -> dict:
    for name in TASK_FILES:
        if not (task / name).is_file():
            raise BuildError(f"{task}: missing {name}")
    meta = read_json(task / "meta.json")
    require(meta, META_KEYS, task / "meta.json")
    try:
        datetime.strptime(meta["created_at"], "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        raise BuildError(f"{task / 'meta.json'}: created_at must look like 2024-04-02T09:14:27Z") from None
    if not isinstance(meta["image_needed"], bool):
        raise BuildError(f"{task / 'meta.json'}: image_needed must be true or false")
    return meta


def patch_paths(patch: Path) -> list[str]:
    paths = []
    for line in patch.read_text(encoding="utf-8").splitlines():
        if line.startswith("diff --git "):
            parts = line.split(" ")
            if len(parts) != 4 or not parts[2].startswith("a/") or not parts[3].startswith("b/"):
                raise BuildError(f"{patch}: cannot read header {line!r}")
            paths.extend({parts[2][2:], parts[3][2:]})
    if not paths:
        raise BuildError(f"{patch}: no `diff --git` header")
    return paths


def check_patch_scope(repo: "Repo", task: Path) -> None:
    """Gold patches touch code only, test patches tests only (folders from repo.json, default src/, test/)."""
    scopes = (("gold.patch", repo.meta.get("code_dirs", ["src/"])), ("test.patch", repo.meta.get("test_dirs", ["test/"])))
    for name, folders in scopes:
        outside = [p for p in patch_paths(task / name) if not any(p.startswith(f) for f in folders)]
        if outside:
            raise BuildError(f"{task / name}: touches files outside {', '.join(folders)}: {', '.join(outside)}")


# ---------------------------------------------------------------------------------------------------
# screenshots


def chromium_binary() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise BuildError("chromium is not installed (Debian: apt-get install -y chromium)")


def screenshot(repo: Repo, task: Path, base: Path) -> Path:
    """Render the task's chart with the code at `base` (a checkout) and photograph it in Chromium."""
    meta = task_meta(task)
    config = meta["screenshot_config"]
    out = repo.root / "images" / task.name / "actual.png"
    with tempfile.TemporaryDirectory(prefix="swebench-mm-shot-") as tmp:
        tmp_path = Path(tmp)
        config_file = tmp_path / "config.json"
        config_file.write_text(json.dumps(config, indent=2), encoding="utf-8")
        rendered = run(["node", "examples/render.js", str(config_file)], cwd=base).stdout.strip()
        page = tmp_path / "chart.html"
        if rendered.lower().startswith(("<!doctype", "<html")):
            page.write_text(rendered, encoding="utf-8")  # a whole page (HTML renderers, canvas demos)
        elif rendered.startswith("<svg"):
            page.write_text(
                "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>"
                + html.escape(task.name)
                + "</title>\n<style>html,body{margin:0;background:#fff}"
                + f"body{{padding:{PAGE_PADDING}px}}svg{{display:block}}</style></head>\n<body>"
                + rendered
                + "</body></html>\n",
                encoding="utf-8",
            )
        else:
            raise BuildError(f"{task.name}: examples/render.js printed neither an SVG nor an HTML page:\n{rendered[:300]}")
        size = meta.get("screenshot_size") or [int(config.get("width", 480)), int(config.get("height", 300))]
        width, height = int(size[0]) + 2 * PAGE_PADDING, int(size[1]) + 2 * PAGE_PADDING
        shot = tmp_path / "shot.png"
        run([chromium_binary(), *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}",
             f"--screenshot={shot}", f"--window-size={width},{height}", page.as_uri()],
            cwd=tmp_path, timeout=180)
        if not shot.is_file() or shot.stat().st_size == 0:
            raise BuildError(f"{task.name}: chromium wrote no screenshot")
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, out)
    return out


def build_screenshots(only: list[str] | None = None) -> int:
    count = 0
    with tempfile.TemporaryDirectory(prefix="swebench-mm-screens-") as tmp:
        mirror = Path(tmp) / "mirror"
        heads = build_mirror(mirror, only)
        for repo in repos():
            if only and repo.root.name not in only:
                continue
            base = checkout(mirror, repo, heads[repo.name], Path(tmp) / repo.mirror_name)
            for task in repo.tasks():
                out = screenshot(repo, task, base)
                progress(f"  screenshot {out.relative_to(HERE)}")
                count += 1
    return count


# ---------------------------------------------------------------------------------------------------
# instances


def draft_record(repo: Repo, task: Path, base: str) -> dict:
    """The instance without its test lists, which the harness measures next."""
    meta = task_meta(task)
    check_patch_scope(repo, task)
    image = repo.root / "images" / task.name / "actual.png"
    if not image.is_file():
        raise BuildError(f"{task.name}: {image.relative_to(HERE)} is missing; run `build.py screenshots` first")
    return {
        "repo": repo.name,
        "instance_id": task.name,
        "base_commit": base,
        "patch": (task / "gold.patch").read_text(encoding="utf-8"),
        "test_patch": (task / "test.patch").read_text(encoding="utf-8"),
        "problem_statement": (task / "issue.md").read_text(encoding="utf-8"),
        "hints_text": meta["hints_text"],
        "created_at": meta["created_at"],
        "version": repo.meta["version"],
        "environment_setup_commit": base,
        "FAIL_TO_PASS": [],
        "PASS_TO_PASS": [],
        "image_assets": {"problem_statement": [image.relative_to(HERE).as_posix()], "patch": [], "test_patch": []},
        "image_needed": meta["image_needed"],
        "image_note": meta["image_note"],
    }


def measure(drafts: list[dict], workdir: Path, reruns: int, workers: int) -> list[dict]:
    """FAIL_TO_PASS / PASS_TO_PASS measured by the harness itself (`swebench-mm validate`) in containers.

    The lists are what the real evaluation will see: the same images, the same test command, the same
    log parser. Needs the package importable (run this script with the project's .venv python) and Docker.
    """
    try:
        import swebench_mm  # noqa: F401
    except ImportError:
        raise BuildError("swebench_mm is not importable: run this script with .venv/bin/python") from None
    draft_file = workdir / "instances.jsonl"
    draft_file.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in drafts), encoding="utf-8")
    measured_file = workdir / "measured.jsonl"
    command = [sys.executable, "-m", "swebench_mm.cli", "validate", "--instances", str(draft_file),
               "--reruns", str(reruns), "--workers", str(workers), "--runs-dir", str(workdir / "runs"),
               "--run-id", "build", "--write-instances", str(measured_file)]
    progress(f"  measuring {len(drafts)} instances with the harness ({reruns} rerun(s))")
    result = subprocess.run(command, capture_output=True, text=True)
    validation_file = workdir / "runs" / "build" / "validation.json"
    if not validation_file.exists() or not measured_file.exists():
        raise BuildError(f"swebench-mm validate failed:\n{(result.stderr or result.stdout)[-3000:]}")
    validation = json.loads(validation_file.read_text(encoding="utf-8"))
    problems = []
    for instance_id, verdict in validation["instances"].items():
        if verdict["problems"]:
            problems.append(f"{instance_id}: {verdict['problems'][0]}")
        if verdict["flaky_tests"]:
            problems.append(f"{instance_id}: flaky tests {verdict['flaky_tests']}")
        if verdict["failing_with_gold"]:
            problems.append(f"{instance_id}: tests that do not pass with gold.patch: {verdict['failing_with_gold']}")
        if not verdict["computed_FAIL_TO_PASS"]:
            problems.append(f"{instance_id}: FAIL_TO_PASS is empty (test.patch shows no failure without gold.patch)")
    if problems:
        raise BuildError("\n  ".join(["instances are not valid:", *problems]))
    return [json.loads(line) for line in measured_file.read_text(encoding="utf-8").splitlines() if line.strip()]


def build_instances(only: list[str] | None, out: Path, reruns: int, workers: int) -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="swebench-mm-instances-") as tmp:
        heads = build_mirror_checked(Path(tmp) / "mirror", only)
        selected = [r for r in repos() if not only or r.root.name in only]
        if only and len(selected) != len(only):
            raise BuildError(f"unknown repository folder(s) in --repo: {only}")
        drafts = [draft_record(repo, task, heads[repo.name]) for repo in selected for task in repo.tasks()]
        records = measure(drafts, Path(tmp), reruns, workers)
    for record in records:
        progress(f"  {record['instance_id']}: FAIL_TO_PASS {len(record['FAIL_TO_PASS'])}, "
                 f"PASS_TO_PASS {len(record['PASS_TO_PASS'])}")
    if only and out.exists():  # keep the other repositories' instances as they are
        kept = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
        records += [r for r in kept if r["repo"] not in {repo.name for repo in selected}]
    records.sort(key=lambda r: r["instance_id"])
    ids = [r["instance_id"] for r in records]
    if len(set(ids)) != len(ids):
        raise BuildError(f"duplicate instance ids: {ids}")
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    tmp_out = out.with_suffix(".jsonl.tmp")
    tmp_out.write_text(text, encoding="utf-8")
    tmp_out.replace(out)
    return records


# ---------------------------------------------------------------------------------------------------


def patch_size(patch: str) -> str:
    files = len([line for line in patch.splitlines() if line.startswith("diff --git ")])
    changed = len([line for line in patch.splitlines()
                   if line[:1] in "+-" and not line.startswith(("+++", "---"))])
    return f"{files} file{'s' if files > 1 else ''}, {changed} lines"


def data_card() -> str:
    """The repository and instance tables of README.md, from the data (so they cannot drift)."""
    records = [json.loads(line) for line in INSTANCES_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    lines = ["| folder | repo | kind | test framework (parser) | node | tests at base | instances |",
             "|---|---|---|---|---|---|---|"]
    for repo in repos():
        spec = read_json(repo.root / "spec.json")["versions"][repo.meta["version"]]
        mine = [r for r in records if r["repo"] == repo.name]
        base_tests = min((len(r["PASS_TO_PASS"]) for r in mine), default=0)
        description = json.loads((repo.root / "source" / "package.json").read_text(encoding="utf-8")).get("description", "")
        lines.append(f"| `{repo.root.name}/` | `{repo.name}` | {description} | {spec['parser']}"
                     f"{' (fail-only)' if spec.get('eval_type') == 'fail_only' else ''}"
                     f"{', in Chromium' if spec.get('needs_browser') else ''} | {spec['node_version']} | "
                     f"{base_tests} | {len(mine)} |")
    lines += ["", "| instance | issue title | image needed (what it shows) | gold patch | F2P | P2P |", "|---|---|---|---|---|---|"]
    for record in records:
        title = record["problem_statement"].strip().splitlines()[0].lstrip("# ").strip()
        needed = ("**yes**: " if record.get("image_needed") else "no: ") + record.get("image_note", "")
        lines.append(f"| `{record['instance_id']}` | {title.replace('|', '/')} | {needed.replace('|', '/')} | "
                     f"{patch_size(record['patch'])} | {len(record['FAIL_TO_PASS'])} | {len(record['PASS_TO_PASS'])} |")
    shown = [r for r in records if r.get("image_needed")]
    lines += ["", f"{len(records)} instances on {len(repos())} repositories; the image is needed in {len(shown)} "
                  f"({len(shown) * 100 // max(len(records), 1)}%)."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    mirror = sub.add_parser("mirror", help="build bare git repositories with reproducible SHAs")
    mirror.add_argument("--dest", required=True, type=Path, help="directory for <owner>__<name>.git")
    shots = sub.add_parser("screenshots", help="render each instance's chart on the base commit in headless Chromium")
    shots.add_argument("--repo", action="append", metavar="DIR", help="only this repository folder; repeatable")
    for name, help_text in (("instances", "write instances.jsonl (the harness measures the test lists)"),
                            ("all", "screenshots, then instances")):
        command = sub.add_parser(name, help=help_text)
        command.add_argument("--repo", action="append", metavar="DIR", help="only this repository folder; repeatable")
        command.add_argument("--out", type=Path, default=INSTANCES_FILE, help="default: task_instances/instances.jsonl")
        command.add_argument("--reruns", type=int, default=1, help="validation reruns per instance (default: 1)")
        command.add_argument("--workers", type=int, default=2, help="parallel evaluations (default: 2)")
    sub.add_parser("card", help="print the data card tables (repositories, instances) for README.md")
    args = parser.parse_args(argv)
    try:
        if args.command == "card":
            print(data_card(), end="")
        if args.command == "mirror":
            print(json.dumps(build_mirror(args.dest.resolve()), indent=None))
        if args.command in ("screenshots", "all"):
            progress("screenshots:")
            progress(f"wrote {build_screenshots(args.repo)} screenshots")
        if args.command in ("instances", "all"):
            progress("instances:")
            records = build_instances(args.repo, args.out.resolve(), args.reruns, args.workers)
            progress(f"wrote {len(records)} instances to {args.out}")
    except BuildError as exc:
        print(f"build.py {args.command}: error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
