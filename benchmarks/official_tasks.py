"""Read the official SWE-bench Multimodal task folders and turn them into what swebench-mm uses.

The public repository SWE-bench/swe-bench-multimodal-dockerfiles keeps one folder per instance
(`tasks/<instance_id>/`: task.yaml, tests.json, gold.patch, test.patch, problem_statement.md, hints.md,
eval.sh, Dockerfile). This script reads them, from a checkout or straight from a bare git repository, and
writes three things, none of which copies the task files into this project:

- `instances`: a SWE-bench Multimodal instances JSONL that `swebench-mm` loads (the hub schema plus
  split / eval_type / log_parser; dev-split instances also carry the official node_version and test_cmd,
  as the shared dev file does, while the other splits get theirs from our spec table). Written outside the
  repository: it holds the patches and issue texts.
- `facts`: a small extract, one record per instance (ids, version, split, dates, commits, eval type,
  parser name, Node version, package-manager pins, extra apt packages, the official test command, the
  test patch's file names and the test counts), committed under tests/fixtures/ so that tests can check
  our spec table against the official evaluation without the task folders.
- `setup-commits`: rewrites the `setup_commits` key of each repository in our spec table: per version,
  the base commit its env image is installed at (the rule is in `setup_commits` below; `--repo-mirror`
  lets it read ancestry).

    .venv/bin/python benchmarks/official_tasks.py instances --dockerfiles DIR --out /tmp/official.jsonl
    .venv/bin/python benchmarks/official_tasks.py instances --dockerfiles DIR --out test.jsonl --split test --repo PrismJS/prism
    .venv/bin/python benchmarks/official_tasks.py facts --dockerfiles DIR --out tests/fixtures/swebench_m_official/facts.json
    .venv/bin/python benchmarks/official_tasks.py setup-commits --dockerfiles DIR [--repo-mirror MIRRORS]

DIR is a checkout of the repository (it has `tasks/`) or a git directory, bare or not (`--rev` picks the
commit, default HEAD).
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

ROOT = Path(__file__).resolve().parent.parent

SPEC_TABLE = ROOT / "swebench_mm" / "harness" / "swebench_m_specs.json"
SOURCE_REPOSITORY = "SWE-bench/swe-bench-multimodal-dockerfiles"
TASK_FILES = ("task.yaml", "tests.json", "gold.patch", "test.patch", "problem_statement.md", "hints.md",
              "eval.sh", "Dockerfile")
SPLITS = ("dev", "test", "deprecated")
START_MARKER = ": '>>>>> Start Test Output'"
END_MARKER = ": '>>>>> End Test Output'"
SHA = re.compile(r"[0-9a-f]{40}")


class InputError(Exception):
    """Bad input, reported as one line naming the file (no traceback)."""


# ---- reading the task folders --------------------------------------------------------------------------

@dataclass
class TaskSource:
    """The `tasks/` folders of a checkout or of a git repository at one commit.

    Reading a bare repository directly means nobody has to make a checkout of ~600 folders first; the blobs
    come out of one `git cat-file --batch` so that reading all of them takes seconds, not minutes.
    """

    root: Path
    rev: str = "HEAD"
    commit: str = ""
    _blobs: dict[str, str] = field(default_factory=dict)  # path -> blob id (git mode)
    _folder_mode: bool = False

    def open(self) -> "TaskSource":
        if (self.root / "tasks").is_dir() and self.rev == "HEAD":
            self._folder_mode = True
            self.commit = self._git("rev-parse", "HEAD", check=False).strip()
            return self
        head = self._git("rev-parse", "--verify", "--quiet", f"{self.rev}^{{commit}}", check=False).strip()
        if not SHA.fullmatch(head):
            raise InputError(f"{self.root}: neither a checkout with tasks/ nor a git repository with commit {self.rev!r}")
        self.commit = head
        for line in self._git("ls-tree", "-r", "--full-tree", head, "--", "tasks/").splitlines():
            meta, path = line.split("\t", 1)
            _, kind, blob = meta.split()
            if kind == "blob":
                self._blobs[path] = blob
        if not self._blobs:
            raise InputError(f"{self.root}: commit {head[:12]} has no tasks/ folder")
        return self

    def _git(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(["git", "-C", str(self.root), *args], capture_output=True, text=True)
        if check and done.returncode != 0:
            raise InputError(f"{self.root}: git {' '.join(args[:2])} failed: {done.stderr.strip()}")
        return done.stdout if done.returncode == 0 else ""

    def instance_ids(self) -> list[str]:
        if self._folder_mode:
            return sorted(p.name for p in (self.root / "tasks").iterdir() if (p / "task.yaml").is_file())
        return sorted({path.split("/")[1] for path in self._blobs if path.endswith("/task.yaml") and path.count("/") == 2})

    def read_all(self, instance_ids: list[str]) -> dict[str, dict[str, str]]:
        """{instance_id: {file name: text}} for the TASK_FILES each folder has."""
        if self._folder_mode:
            return {i: {name: _decode((self.root / "tasks" / i / name).read_bytes(), f"tasks/{i}/{name}")
                        for name in TASK_FILES if (self.root / "tasks" / i / name).is_file()} for i in instance_ids}
        wanted = [(i, name, f"tasks/{i}/{name}") for i in instance_ids for name in TASK_FILES
                  if f"tasks/{i}/{name}" in self._blobs]
        contents = self._cat_blobs([self._blobs[path] for _, _, path in wanted])
        files: dict[str, dict[str, str]] = {i: {} for i in instance_ids}
        for (instance_id, name, path), data in zip(wanted, contents):
            files[instance_id][name] = _decode(data, path)
        return files

    def _cat_blobs(self, blobs: list[str]) -> list[bytes]:
        done = subprocess.run(["git", "-C", str(self.root), "cat-file", "--batch"], input="\n".join(blobs).encode() + b"\n",
                              capture_output=True)
        if done.returncode != 0:
            raise InputError(f"{self.root}: git cat-file failed: {done.stderr.decode(errors='replace').strip()}")
        out, position, contents = done.stdout, 0, []
        for blob in blobs:
            header_end = out.index(b"\n", position)
            header = out[position:header_end].decode().split()
            if len(header) != 3 or header[0] != blob:
                raise InputError(f"{self.root}: git cat-file: unexpected answer {' '.join(header)!r} for {blob}")
            size = int(header[2])
            contents.append(out[header_end + 1:header_end + 1 + size])
            position = header_end + 1 + size + 1
        return contents


def _decode(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{where}: not UTF-8 ({exc.reason} at byte {exc.start})") from None


# ---- task.yaml: the small YAML subset the folders use --------------------------------------------------

_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?$")


def parse_task_yaml(text: str, where: str) -> dict[str, Any]:
    """Block mappings and sequences of scalars, as PyYAML writes task.yaml; all scalars stay strings.

    The task files are machine-written with a handful of shapes (`key: value`, `key: []`, lists of URLs,
    lists of {path, url}), so a strict reader of exactly that keeps PyYAML out of the project's
    dependencies, and anything else fails naming the line instead of being read wrongly.
    """
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    for number, line in lines:
        if "\t" in line[: len(line) - len(line.lstrip())]:
            raise InputError(f"{where}:{number}: tab in indentation")
    value, index = _yaml_block(lines, 0, 0, where)
    if index != len(lines):
        raise InputError(f"{where}:{lines[index][0]}: unexpected indentation")
    if not isinstance(value, dict):
        raise InputError(f"{where}: expected a mapping at the top")
    return value


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _yaml_block(lines: list[tuple[int, str]], index: int, indent: int, where: str) -> tuple[Any, int]:
    if lines[index][1][indent:].startswith("- ") or lines[index][1][indent:] == "-":
        return _yaml_sequence(lines, index, indent, where)
    return _yaml_mapping(lines, index, indent, where, {})


def _yaml_mapping(lines: list[tuple[int, str]], index: int, indent: int, where: str,
                  mapping: dict[str, Any]) -> tuple[dict[str, Any], int]:
    while index < len(lines) and _indent(lines[index][1]) == indent and not lines[index][1][indent:].startswith("-"):
        number, line = lines[index]
        match = _KEY.match(line[indent:])
        if not match:
            raise InputError(f"{where}:{number}: expected `key: value`")
        key, raw = match.group(1), match.group(2)
        if key in mapping:
            raise InputError(f"{where}:{number}: duplicate key {key!r}")
        index += 1
        if raw is not None and raw.strip():
            mapping[key] = _yaml_scalar(raw.strip(), f"{where}:{number}")
        elif index < len(lines) and (_indent(lines[index][1]) > indent or
                                     (_indent(lines[index][1]) == indent and lines[index][1][indent:].startswith("- "))):
            mapping[key], index = _yaml_block(lines, index, _indent(lines[index][1]), where)
        else:
            mapping[key] = None
    return mapping, index


def _yaml_sequence(lines: list[tuple[int, str]], index: int, indent: int, where: str) -> tuple[list[Any], int]:
    items: list[Any] = []
    while index < len(lines) and _indent(lines[index][1]) == indent and lines[index][1][indent:].startswith("- "):
        number, line = lines[index]
        content = line[indent + 2:]
        if _KEY.match(content):
            # A mapping item: its first key sits on the dash line, the others two columns in.
            lines = lines[:index] + [(number, " " * (indent + 2) + content)] + lines[index + 1:]
            item, index = _yaml_mapping(lines, index, indent + 2, where, {})
            items.append(item)
        else:
            items.append(_yaml_scalar(content.strip(), f"{where}:{number}"))
            index += 1
    return items, index


def _yaml_scalar(raw: str, where: str) -> Any:
    if raw == "[]":
        return []
    if raw == "{}":
        return {}
    if raw.startswith("'"):
        if len(raw) < 2 or not raw.endswith("'"):
            raise InputError(f"{where}: unterminated quoted string")
        return raw[1:-1].replace("''", "'")
    if raw.startswith('"'):
        try:
            return json.loads(raw)
        except json.JSONDecodeError:
            raise InputError(f"{where}: unsupported double-quoted string {raw!r}") from None
    if raw[0] in "[{|>&*!%@`" or " #" in raw:
        raise InputError(f"{where}: unsupported YAML value {raw!r}")
    return raw


# ---- one task ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Task:
    """One official task folder, read and checked."""

    instance_id: str
    meta: dict[str, Any]
    tests: dict[str, list[str]]
    files: dict[str, str]

    @property
    def where(self) -> str:
        return f"tasks/{self.instance_id}"

    def text(self, name: str) -> str:
        if name not in self.files:
            raise InputError(f"{self.where}/{name}: missing")
        return self.files[name]


_META_REQUIRED = ("repo", "instance_id", "base_commit", "created_at", "version", "split", "eval_type", "log_parser")


def load_task(instance_id: str, files: dict[str, str]) -> Task:
    where = f"tasks/{instance_id}"
    if "task.yaml" not in files:
        raise InputError(f"{where}/task.yaml: missing")
    meta = parse_task_yaml(files["task.yaml"], f"{where}/task.yaml")
    missing = [name for name in _META_REQUIRED if not isinstance(meta.get(name), str)]
    if missing:
        raise InputError(f"{where}/task.yaml: missing or not a string: {', '.join(missing)}")
    if meta["instance_id"] != instance_id:
        raise InputError(f"{where}/task.yaml: instance_id {meta['instance_id']!r} does not match the folder")
    if not SHA.fullmatch(meta["base_commit"]):
        raise InputError(f"{where}/task.yaml: base_commit {meta['base_commit']!r} is not a 40-hex commit")
    if meta["split"] not in SPLITS:
        raise InputError(f"{where}/task.yaml: split {meta['split']!r} is not one of {', '.join(SPLITS)}")
    if not isinstance(meta.get("image_assets", {}), dict):
        raise InputError(f"{where}/task.yaml: image_assets must be a mapping")
    try:
        tests = json.loads(files.get("tests.json", ""))
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}/tests.json:{exc.lineno}: invalid JSON ({exc.msg})") from None
    for name in ("FAIL_TO_PASS", "PASS_TO_PASS"):
        if not isinstance(tests.get(name), list) or not all(isinstance(t, str) for t in tests[name]):
            raise InputError(f"{where}/tests.json: {name} must be a list of strings")
    return Task(instance_id, meta, tests, files)


def official_test_command(task: Task) -> str:
    """The lines of eval.sh between the start and end markers: the command the official run graded."""
    lines = task.text("eval.sh").splitlines()
    try:
        start, end = lines.index(START_MARKER), lines.index(END_MARKER)
    except ValueError:
        raise InputError(f"{task.where}/eval.sh: no {START_MARKER!r} ... {END_MARKER!r} section") from None
    if end <= start + 1:
        raise InputError(f"{task.where}/eval.sh: empty test section")
    return "\n".join(lines[start + 1:end])


def node_version(task: Task) -> str:
    match = re.search(r"^ENV NODE_VERSION[ =]\s*(\S+)\s*$", task.text("Dockerfile"), re.MULTILINE)
    if not match:
        raise InputError(f"{task.where}/Dockerfile: no `ENV NODE_VERSION`")
    return match.group(1)


def _shell_commands(dockerfile: str) -> Iterator[str]:
    """Every simple command of the Dockerfile's RUN steps (continuations joined, split at && ; |)."""
    joined = re.sub(r"\\\n", " ", dockerfile)
    for line in joined.splitlines():
        line = re.sub(r"^\s*RUN\s+", "", line)
        for command in re.split(r"&&|;|\|\|", line):
            yield command.strip()


def package_managers(task: Task) -> dict[str, str]:
    """Package managers the image installs besides the npm of its Node: {name: pinned version or ""}.

    "" means installed unpinned (`npm i -g yarn`: whatever the registry's latest was at build time).
    """
    dockerfile = task.text("Dockerfile")
    found: dict[str, str] = {}
    for command in _shell_commands(dockerfile):
        words = command.split()
        if len(words) >= 4 and words[0] == "npm" and words[1] in ("i", "install") and ("-g" in words or "--global" in words):
            for spec in words[2:]:
                if spec.startswith("-"):
                    continue
                name, _, version = spec.partition("@") if not spec.startswith("@") else (spec, "", "")
                if name in ("yarn", "pnpm", "npm"):
                    found[name] = version
        if words[:2] == ["corepack", "prepare"] and len(words) > 2:
            name, _, version = words[2].partition("@")
            found[name] = version
    pnpm = re.search(r"^ENV PNPM_VERSION[ =]\s*(\S+)\s*$", dockerfile, re.MULTILINE)
    if pnpm:
        found["pnpm"] = pnpm.group(1)
    return dict(sorted(found.items()))


def apt_packages(task: Task) -> set[str]:
    """Debian/Ubuntu packages the Dockerfile installs with apt-get (names only, options dropped)."""
    packages: set[str] = set()
    for command in _shell_commands(task.text("Dockerfile")):
        words = command.split()
        if words[:2] == ["apt-get", "install"]:
            packages.update(w for w in words[2:] if not w.startswith("-"))
    return packages


def test_patch_files(task: Task) -> list[str]:
    """Paths the test patch touches (new names), in patch order, once each."""
    seen: dict[str, None] = {}
    for path in re.findall(r"^diff --git a/\S+ b/(\S+)$", task.text("test.patch"), re.MULTILINE):
        seen.setdefault(path, None)
    return list(seen)


# ---- outputs -------------------------------------------------------------------------------------------

def instance_record(task: Task) -> dict[str, Any]:
    """The instance in the hub schema, field for field as the shared dev file has it."""
    meta = task.meta
    record: dict[str, Any] = {
        "repo": meta["repo"],
        "instance_id": task.instance_id,
        "base_commit": meta["base_commit"],
        "patch": task.text("gold.patch"),
        "test_patch": task.text("test.patch"),
        "problem_statement": task.text("problem_statement.md"),
        "hints_text": task.files.get("hints.md", ""),
        "created_at": meta["created_at"],
        "image_assets": json.dumps(meta.get("image_assets") or {}),
        "version": meta["version"],
        "FAIL_TO_PASS": json.dumps(task.tests["FAIL_TO_PASS"]),
        "PASS_TO_PASS": json.dumps(task.tests["PASS_TO_PASS"]),
        "split": meta["split"],
        "eval_type": meta["eval_type"],
        "log_parser": meta["log_parser"],
    }
    # Only the dev split carries the official environment per instance (as the shared dev file does); the
    # other splits must get theirs from swebench-mm's spec table, which is what running them checks.
    if meta["split"] == "dev":
        record["test_cmd"] = official_test_command(task)
        record["node_version"] = node_version(task)
    return record


def fact_record(task: Task, common_apt: set[str]) -> dict[str, Any]:
    """What the official evaluation of one instance used, without patches or issue text."""
    meta = task.meta
    return {
        "instance_id": task.instance_id,
        "repo": meta["repo"],
        "version": meta["version"],
        "split": meta["split"],
        "created_at": meta["created_at"],
        "base_commit": meta["base_commit"],
        "eval_type": meta["eval_type"],
        "log_parser": meta["log_parser"],
        "node_version": node_version(task),
        "package_managers": package_managers(task),
        "apt_packages": sorted(apt_packages(task) - common_apt),
        "test_cmd": official_test_command(task),
        "test_patch_files": test_patch_files(task),
        "fail_to_pass": len(task.tests["FAIL_TO_PASS"]),
        "pass_to_pass": len(task.tests["PASS_TO_PASS"]),
    }


def load_tasks(source: TaskSource, repos: list[str] | None = None, split: str = "all") -> list[Task]:
    ids = source.instance_ids()
    files = source.read_all(ids)
    tasks = [load_task(i, files[i]) for i in ids]
    if repos:
        unknown = sorted(set(repos) - {t.meta["repo"] for t in tasks})
        if unknown:
            raise InputError(f"{source.root}: no task of repository {', '.join(unknown)}")
        tasks = [t for t in tasks if t.meta["repo"] in repos]
    if split != "all":
        tasks = [t for t in tasks if t.meta["split"] == split]
    return tasks


def write_instances(tasks: list[Task], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        for task in tasks:
            handle.write(json.dumps(instance_record(task)) + "\n")


def facts_document(tasks: list[Task], source: TaskSource) -> dict[str, Any]:
    # "Common" apt packages are those every official image installs (the shared base layers); what is left
    # per instance is what its repository or version needed on top.
    common = set.intersection(*(apt_packages(t) for t in tasks)) if tasks else set()
    return {
        "about": "Facts of the official SWE-bench Multimodal evaluation, one record per instance, extracted by "
                 "benchmarks/official_tasks.py from the task folders (task.yaml, tests.json, eval.sh, Dockerfile). "
                 "test_cmd is the eval.sh section between the test-output markers; package_managers maps yarn/pnpm/npm "
                 "installed by the Dockerfile to its pinned version (\"\" = unpinned); apt_packages leaves out the "
                 "packages every official image installs (common_apt_packages); fail_to_pass / pass_to_pass are counts.",
        "source": {"repository": SOURCE_REPOSITORY, "commit": source.commit},
        "common_apt_packages": sorted(common),
        "instances": [fact_record(t, common) for t in tasks],
    }


def write_facts(document: dict[str, Any], out: Path) -> None:
    """One instance per line, so a regenerated extract diffs line by line."""
    head = {k: v for k, v in document.items() if k != "instances"}
    body = ",\n".join("    " + json.dumps(record, ensure_ascii=False) for record in document["instances"])
    text = json.dumps(head, indent=2, ensure_ascii=False)[:-2] + ',\n  "instances": [\n' + body + "\n  ]\n}\n"
    json.loads(text)  # the hand-joined document must still be JSON
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")


# ---- setup commits in the spec table -------------------------------------------------------------------

def _mirror_sources(mirrors: list[Path] | None, repo: str):
    """The repository's history from a mirror (a directory as it is, a bundle cloned once into the cache),
    or None where no mirror has it."""
    from swebench_mm.harness.repos import RepoSources, find_in_mirror

    if not any(find_in_mirror(mirror, repo) for mirror in mirrors or []):
        return None
    return RepoSources(mirrors, allow_github=False)


def setup_commits(tasks: list[Task], mirrors: list[Path] | None = None) -> dict[str, dict[str, list[str]]]:
    """{repo: {version: the base commits its env images are installed at, oldest first}}.

    swebench-mm's images hold no history later than an instance's base commit, so a setup commit must be an
    ancestor of the base commits that share it (the instance layer then adds only the commits in between).
    Where a mirror of the repository is at hand, the commits are picked by env_sharing.choose_setup_commits
    (a new one where dependency drift passes its limit); without one, the oldest base by created_at, which
    is the root of the version's history whenever that history is a line.
    """
    from swebench_mm.harness.env_sharing import choose_setup_commits

    by_version: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for task in tasks:
        key = (task.meta["repo"], task.meta["version"])
        by_version.setdefault(key, []).append((task.meta["created_at"], task.meta["base_commit"]))
    chosen: dict[tuple[str, str], list[str]] = {}
    for (repo, version), bases in by_version.items():
        bases = sorted(set(bases))
        sources = _mirror_sources(mirrors, repo)
        if sources is None or len(bases) == 1:
            chosen[(repo, version)] = [bases[0][1]]
            continue
        chosen[(repo, version)] = choose_setup_commits(bases, functools.partial(sources.is_ancestor, repo),
                                                       functools.partial(sources.dependency_drift, repo))
    result: dict[str, dict[str, list[str]]] = {}
    for (repo, version), commits in sorted(chosen.items(), key=lambda item: (item[0][0], version_key(item[0][1]))):
        result.setdefault(repo, {})[version] = commits
    return result


def version_key(version: str) -> tuple[Any, ...]:
    """Numeric order for versions such as 6.5.1 < 6.10 ("" first)."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in version.split(".") if part)


def _commits_json(commits: list[str]) -> str:
    """One commit as a string (most versions), several as a list on one line."""
    return json.dumps(commits[0] if len(commits) == 1 else commits)


def rewrite_setup_commits(table_text: str, commits: dict[str, dict[str, list[str]]], where: str) -> str:
    """The table with each repository's `setup_commits` replaced (or added before `defaults`).

    Text surgery, not json.dump: the table is formatted by hand (one group a line) and a re-dump would
    rewrite every line; this way the diff is the setup_commits blocks and nothing else.
    """
    text = table_text
    for repo, versions in commits.items():
        start = text.find(f'\n    {json.dumps(repo)}: {{\n')
        if start < 0:
            raise InputError(f"{where}: repository {repo} is not in the table; add its specs first")
        end = text.find("\n    }", start + 1)
        entry = text[start:end]
        block = "      \"setup_commits\": {\n" + ",\n".join(
            f"        {json.dumps(version)}: {_commits_json(commits)}" for version, commits in versions.items()) + "\n      },\n"
        existing = re.search(r"\n      \"setup_commits\": \{\n.*?\n      \},\n", entry, re.DOTALL)
        if existing:
            entry = entry[:existing.start() + 1] + block + entry[existing.end():]
        else:
            anchor = entry.find('\n      "defaults": {')
            if anchor < 0:
                raise InputError(f"{where}: {repo} has no \"defaults\" to put setup_commits before")
            entry = entry[:anchor + 1] + block + entry[anchor + 1:]
        text = text[:start] + entry + text[end:]
    _check_only_setup_commits_changed(table_text, text, commits, where)
    return text


def _check_only_setup_commits_changed(before: str, after: str, commits: dict[str, dict[str, list[str]]],
                                      where: str) -> None:
    old, new = json.loads(before), json.loads(after)
    for repo, entry in new["repos"].items():
        written = {version: [c] if isinstance(c, str) else c for version, c in entry.get("setup_commits", {}).items()}
        expected = commits.get(repo) or {version: [c] if isinstance(c, str) else c
                                         for version, c in old["repos"][repo].get("setup_commits", {}).items()}
        if written != expected:
            raise InputError(f"{where}: rewriting setup_commits of {repo} went wrong; the table was not written")
        entry.pop("setup_commits", None)
        old["repos"][repo].pop("setup_commits", None)
    if old != new:
        raise InputError(f"{where}: rewriting setup_commits changed other keys; the table was not written")


# ---- command line --------------------------------------------------------------------------------------

def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--dockerfiles", type=Path, required=True,
                         help="checkout or git directory of SWE-bench/swe-bench-multimodal-dockerfiles")
        sub.add_argument("--rev", default="HEAD", help="commit to read in git mode (default HEAD)")

    instances = commands.add_parser("instances", help="write a SWE-bench Multimodal instances JSONL")
    common(instances)
    instances.add_argument("--out", type=Path, required=True)
    instances.add_argument("--repo", action="append", help="only this repository (owner/name); repeatable")
    instances.add_argument("--split", choices=(*SPLITS, "all"), default="all")
    facts = commands.add_parser("facts", help="write the small extract the spec tests compare against")
    common(facts)
    facts.add_argument("--out", type=Path, default=ROOT / "tests" / "fixtures" / "swebench_m_official" / "facts.json")
    table = commands.add_parser("setup-commits", help="rewrite setup_commits in the spec table")
    common(table)
    table.add_argument("--table", type=Path, default=SPEC_TABLE)
    table.add_argument("--repo-mirror", type=Path, action="append", default=[],
                       help="folder of repository mirrors (owner__name): the setup commit is then chosen by ancestry")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        source = TaskSource(args.dockerfiles, args.rev).open()
        if args.command == "instances":
            tasks = load_tasks(source, args.repo, args.split)
            write_instances(tasks, args.out)
            print(f"{args.out}: {len(tasks)} instances from {SOURCE_REPOSITORY}@{source.commit[:12]}")
        elif args.command == "facts":
            tasks = load_tasks(source)
            write_facts(facts_document(tasks, source), args.out)
            print(f"{args.out}: facts of {len(tasks)} instances from {SOURCE_REPOSITORY}@{source.commit[:12]}")
        else:
            commits = setup_commits(load_tasks(source), args.repo_mirror)
            before = args.table.read_text(encoding="utf-8")
            after = rewrite_setup_commits(before, commits, str(args.table))
            args.table.write_text(after, encoding="utf-8")
            print(f"{args.table}: setup_commits of {sum(map(len, commits.values()))} versions in {len(commits)} repositories")
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: {exc.filename}: {exc.strerror}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
