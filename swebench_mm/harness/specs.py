"""Environment specs: how to build and test a repository at a version.

Specs are data, not code, from two places, both validated here on load:
- each shipped repository keeps a `spec.json` beside its source (`task_instances/<repo>/spec.json`);
- the SWE-bench Multimodal repositories are one table shipped in the package,
  `swebench_mm/harness/swebench_m_specs.json`: per repository, `defaults` and `groups` of versions.

The lookup is one function, `spec_for(instance)`, so an unknown repo or version fails in one place with
one clear message, and it is also the one place where an instance's own fields override the table:
`node_version` (npm follows, from the table's `bundled_npm`), `log_parser` (SWE-bench's parser names,
such as `parse_log_calypso`, are mapped to ours by the table's `log_parsers`, except that a spec's own
`swebench_log_parser` keeps the spec's parser), `eval_type`, and
`test_cmd` (unless the repository's spec says `use_instance_test_cmd: false`, with the reason in its
notes). The spec it returns has the instance's test command fully built where the spec selects test
files itself (`test_file_pattern`, `test_file_rewrites`, `run_per_file`, `test_file_commands`).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from swebench_mm.errors import UserError
from swebench_mm.instances import SHIPPED_DIR, TaskInstance
from swebench_mm.patches import files_in_patch

EVAL_TYPES = ("pass_and_fail", "fail_only")
SWEBENCH_M_TABLE = Path(__file__).resolve().parent / "swebench_m_specs.json"


@dataclass(frozen=True)
class EnvSpec:
    """Everything an image build and a test run need to know about one (repo, version)."""

    repo: str
    version: str
    node_version: str
    npm_version: str
    install: tuple[str, ...]
    test_cmd: str
    parser: str
    build: tuple[str, ...] = ()
    # Run once at the end of the instance image build, failures ignored, to fill caches the tests use
    # (jest's transform cache, for one): every evaluation then starts warm instead of paying for it.
    warmup: tuple[str, ...] = ()
    eval_type: str = "pass_and_fail"
    needs_browser: bool = False
    append_test_files: bool = True
    # For fail-only frameworks: a command whose log names *every* test with its status (e.g. jasmine with
    # the reporter in swebench_mm/harness/helpers/), and its parser. `validate` uses it to measure
    # PASS_TO_PASS, which a log that lists only failures cannot show; evaluation never does.
    measure_cmd: str = ""
    measure_parser: str = ""
    test_timeout_s: int = 600
    install_timeout_s: int = 1800
    env: dict[str, str] = field(default_factory=dict)
    # Package managers the install commands call besides npm ("" = not needed): the image provides them.
    yarn_version: str = ""
    pnpm_version: str = ""
    # Debian packages the repository needs beyond the base image (and Chromium, with needs_browser).
    system_packages: tuple[str, ...] = ()
    # Which of the test patch's files are test files to run (a regex searched in each path, after the
    # rewrites, each a (regex, replacement) pair: e.g. a jest snapshot stands for its test file), and
    # whether the test command runs once per file (`cmd a ; cmd b`) instead of once on all of them.
    test_file_pattern: str = ""
    test_file_rewrites: tuple[tuple[str, str], ...] = ()
    run_per_file: bool = False
    # Where the kind of test file decides the command rather than its path (OpenLayers: files under
    # test/rendering/ run `npm run test-rendering -- ...`, test/browser/ `npm run test-browser`): (regex,
    # command) pairs; each command whose regex matches one of the selected files runs once, in this
    # order. Commands are fixed strings from the table (no path goes into them); test_cmd runs when none
    # matches.
    test_file_commands: tuple[tuple[str, str], ...] = ()
    # False where an instance's own `test_cmd` field cannot run in swebench-mm's images (see notes).
    use_instance_test_cmd: bool = True
    # SWE-bench's name for this spec's log format, where one official parser reads several formats across a
    # repository's versions (Lighthouse: mocha JSON in 1.x-2.x, jest per file later): an instance whose
    # `log_parser` is this name keeps the spec's own `parser` instead of the table-wide `log_parsers` map.
    swebench_log_parser: str = ""
    # A results file the test command writes (it names it "$RESULTS_FILE"), in the format of this reader
    # of harness/result_files.py (e.g. "jest_json"): graded from that file instead of the console log,
    # which the code under test can print anything into. "" = graded from the log.
    results_file: str = ""
    # Free text for people: what differs from the original evaluation, and about the browser (e.g. the
    # original pinned an older Chromium than Debian's). Shown in reports; no effect on images.
    notes: str = ""
    browser_note: str = ""
    # The commits env images of this (repo, version) install dependencies at (SWE-bench's
    # environment_setup_commit), oldest first: instances share the one env_sharing.py picks for them.
    # Empty = each instance's own base commit. Not in fingerprint(): the env tag takes the commit itself.
    setup_commits: tuple[str, ...] = ()

    def fingerprint(self) -> dict[str, Any]:
        """The fields that shape the env image; anything else (parser, timeouts) needs no rebuild."""
        shape: dict[str, Any] = {
            "repo": self.repo,
            "version": self.version,
            "node_version": self.node_version,
            "npm_version": self.npm_version,
            "install": list(self.install),
            "build": list(self.build),
            "needs_browser": self.needs_browser,
            "env": dict(sorted(self.env.items())),
        }
        # Only when set, so the images of specs that do not use them keep their tags.
        for name in ("yarn_version", "pnpm_version"):
            if getattr(self, name):
                shape[name] = getattr(self, name)
        if self.system_packages:
            shape["system_packages"] = sorted(self.system_packages)
        if self.install_chain() != " && ".join((*self.install, *self.build)):
            shape["install_chain"] = self.install_chain()  # grouping changed the command: a new image
        return shape

    def install_chain(self) -> str:
        """The install and build steps as one shell command (the env image's, and an instance's reinstall)."""
        return shell_chain((*self.install, *self.build))

    def build_chain(self) -> str:
        return shell_chain(self.build)


_QUOTED = re.compile(r"'[^']*'|\"(?:[^\"\\]|\\.)*\"")


def shell_chain(steps: tuple[str, ...] | list[str]) -> str:
    """Steps joined with `&&` so that every one must succeed, or "true" when there are none.

    A step holding its own list (`a || true`, `a; b`) is grouped: joined bare, `x && a || true` would
    excuse a failure of every step before it too (a failed configure went unnoticed that way).
    """
    def grouped(step: str) -> str:
        bare = _QUOTED.sub("''", step)
        return f"{{ {step}; }}" if ("||" in bare or ";" in bare or "\n" in bare) else step

    return " && ".join(grouped(step) for step in steps) or "true"


_DEBIAN_PACKAGE = re.compile(r"[a-z0-9][a-z0-9+.-]*(:[a-z0-9]+)?(=[A-Za-z0-9.+~:-]+)?")
_EXACT_VERSION = re.compile(r"\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?")
_REQUIRED = ("node_version", "npm_version", "install", "test_cmd", "parser")
# setup_commits come from the repository's `setup_commits` map only (one place per repository).
_FIELDS = {f for f in EnvSpec.__dataclass_fields__} - {"repo", "version", "setup_commits"}
_COMMIT = re.compile(r"[0-9a-f]{40}")


def _string_list(raw: dict, name: str, where: str) -> tuple[str, ...]:
    value = raw.get(name, ())
    if not isinstance(value, (list, tuple)) or not all(isinstance(item, str) for item in value):
        raise UserError(f"{where}: {name} must be a list of strings")
    return tuple(value)


def _text(raw: dict, name: str, where: str, default: str = "") -> str:
    value = raw.get(name, default)
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise UserError(f"{where}: {name} must be a string")
    return str(value)


def _flag(raw: dict, name: str, where: str, default: bool) -> bool:
    value = raw.get(name, default)
    if not isinstance(value, bool):
        raise UserError(f"{where}: {name} must be true or false")
    return value


def _regex_pairs(raw: dict, name: str, shape: str, where: str) -> tuple[tuple[str, str], ...]:
    value = raw.get(name, ())
    if not isinstance(value, (list, tuple)) or not all(
        isinstance(pair, (list, tuple)) and len(pair) == 2 and all(isinstance(s, str) for s in pair) for pair in value
    ):
        raise UserError(f"{where}: {name} must be a list of {shape} pairs")
    return tuple((first, second) for first, second in value)


def _spec_from_dict(repo: str, version: str, raw: Any, where: str) -> EnvSpec:
    if not isinstance(raw, dict):
        raise UserError(f"{where}: version {version!r} must be an object")
    where = f"{where}: version {version!r}"
    missing = [name for name in _REQUIRED if name not in raw]
    if missing:
        raise UserError(f"{where} is missing {', '.join(missing)}")
    unknown = sorted(set(raw) - _FIELDS)
    if unknown:
        raise UserError(f"{where} has unknown field(s) {', '.join(unknown)}")
    eval_type = raw.get("eval_type", "pass_and_fail")
    if eval_type not in EVAL_TYPES:
        raise UserError(f"{where}: eval_type must be one of {', '.join(EVAL_TYPES)}")
    from swebench_mm.harness.parsers import PARSERS

    for name in ("parser", "measure_parser"):
        if raw.get(name) and raw[name] not in PARSERS:
            raise UserError(f"{where}: unknown {name} {raw[name]!r} (known: {', '.join(PARSERS)})")
    if raw.get("results_file"):
        from swebench_mm.harness.result_files import READERS

        if raw["results_file"] not in READERS:
            raise UserError(f"{where}: unknown results_file {raw['results_file']!r} (known: {', '.join(READERS)})")
        if '"$RESULTS_FILE"' not in str(raw.get("test_cmd", "")) or raw.get("run_per_file") or raw.get("test_file_commands"):
            raise UserError(f"{where}: results_file needs a single test command that writes \"$RESULTS_FILE\" (quoted)")
    env = raw.get("env", {})
    if not isinstance(env, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in env.items()):
        raise UserError(f"{where}: env must be an object of strings")
    rewrites = _regex_pairs(raw, "test_file_rewrites", "[regex, replacement]", where)
    commands = _regex_pairs(raw, "test_file_commands", "[regex, command]", where)
    for pattern in [raw.get("test_file_pattern", "")] + [pair[0] for pair in rewrites + commands]:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise UserError(f"{where}: invalid regex {pattern!r} ({exc})") from None
    # These end up in Dockerfile commands: accept names and versions only, so a typo fails here, not mid-build.
    for package in raw.get("system_packages", ()) or ():
        if not isinstance(package, str) or not _DEBIAN_PACKAGE.fullmatch(package):
            raise UserError(f"{where}: system_packages: {package!r} is not a Debian package name")
    for name in ("yarn_version", "pnpm_version"):
        if raw.get(name) and not _EXACT_VERSION.fullmatch(str(raw[name])):
            raise UserError(f"{where}: {name} must be an exact version such as 1.22.22, not {raw[name]!r}")
    try:
        timeouts = {name: int(raw.get(name, default)) for name, default in (("test_timeout_s", 600), ("install_timeout_s", 1800))}
    except (TypeError, ValueError):
        raise UserError(f"{where}: test_timeout_s and install_timeout_s must be whole seconds") from None
    return EnvSpec(
        repo=repo,
        version=version,
        node_version=_text(raw, "node_version", where),
        npm_version=_text(raw, "npm_version", where),
        install=_string_list(raw, "install", where),
        build=_string_list(raw, "build", where),
        warmup=_string_list(raw, "warmup", where),
        test_cmd=_text(raw, "test_cmd", where),
        parser=_text(raw, "parser", where),
        eval_type=eval_type,
        needs_browser=_flag(raw, "needs_browser", where, False),
        append_test_files=_flag(raw, "append_test_files", where, True),
        measure_cmd=_text(raw, "measure_cmd", where),
        measure_parser=_text(raw, "measure_parser", where),
        env=dict(env),
        yarn_version=_text(raw, "yarn_version", where),
        pnpm_version=_text(raw, "pnpm_version", where),
        system_packages=_string_list(raw, "system_packages", where),
        test_file_pattern=_text(raw, "test_file_pattern", where),
        test_file_rewrites=rewrites,
        test_file_commands=commands,
        run_per_file=_flag(raw, "run_per_file", where, False),
        use_instance_test_cmd=_flag(raw, "use_instance_test_cmd", where, True),
        swebench_log_parser=_text(raw, "swebench_log_parser", where),
        results_file=_text(raw, "results_file", where),
        notes=_text(raw, "notes", where),
        browser_note=_text(raw, "browser_note", where),
        **timeouts,
    )


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise UserError(f"{path}:{exc.lineno}: invalid JSON ({exc.msg})") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot read ({exc.strerror})") from None


def load_spec_file(path: Path) -> dict[tuple[str, str], EnvSpec]:
    """Read one `spec.json`: `{"repo": "owner/name", "versions": {"X.Y": {...}}}`."""
    data = _read_json(path)
    if not isinstance(data, dict) or not isinstance(data.get("repo"), str) or not isinstance(data.get("versions"), dict):
        raise UserError(f"{path}: expected {{\"repo\": \"owner/name\", \"versions\": {{...}}}}")
    repo = data["repo"]
    return {(repo, version): _spec_from_dict(repo, version, raw, str(path)) for version, raw in data["versions"].items()}


# ---- the SWE-bench Multimodal table ------------------------------------------------------------------

@dataclass(frozen=True)
class SpecTable:
    """The package's SWE-bench Multimodal table: its specs and the lookups spec_for needs."""

    path: Path
    specs: dict[tuple[str, str], EnvSpec]
    log_parsers: dict[str, str]  # SWE-bench's parser names -> ours
    bundled_npm: dict[str, str]  # Node version -> the npm version to pair with it
    splits: dict[str, str]  # repo -> the dataset split it belongs to (dev, test, deprecated)


_TABLE_KEYS = {"about", "sources", "log_parsers", "bundled_npm", "repos"}
_REPO_KEYS = {"split", "notes", "browser_note", "use_instance_test_cmd", "setup_commits", "defaults", "groups"}
_APPENDED = ("notes", "browser_note")


def _string_map(value: Any, name: str, where: str) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise UserError(f"{where}: {name} must be an object of strings")
    return dict(value)


def _setup_commits(entry: dict, versions: set[str], where: str) -> dict[str, tuple[str, ...]]:
    """A repository's `setup_commits`: {version: a 40-hex commit, or a list of them, oldest first}; each
    version must be one its groups list."""
    raw = entry.get("setup_commits", {})
    if not isinstance(raw, dict):
        raise UserError(f"{where}: setup_commits must be an object of versions")
    commits: dict[str, tuple[str, ...]] = {}
    for version, value in raw.items():
        listed = [value] if isinstance(value, str) else value
        if not isinstance(listed, list) or not listed or not all(
                isinstance(commit, str) and _COMMIT.fullmatch(commit) for commit in listed):
            raise UserError(f"{where}: setup_commits: version {version!r} must map to a 40-hex commit or a "
                            f"non-empty list of them, not {value!r}")
        if len(set(listed)) != len(listed):
            raise UserError(f"{where}: setup_commits: version {version!r} lists a commit twice")
        if version not in versions:
            raise UserError(f"{where}: setup_commits names version {version!r}, which no group lists")
        commits[version] = tuple(listed)
    return commits


@functools.lru_cache(maxsize=8)
def _load_table(path: Path) -> SpecTable:
    data = _read_json(path)
    if not isinstance(data, dict) or not isinstance(data.get("repos"), dict):
        raise UserError(f"{path}: expected an object with \"repos\"")
    unknown = sorted(set(data) - _TABLE_KEYS)
    if unknown:
        raise UserError(f"{path}: unknown top-level key(s) {', '.join(unknown)}")
    from swebench_mm.harness.parsers import PARSERS

    log_parsers = _string_map(data.get("log_parsers", {}), "log_parsers", str(path))
    for theirs, ours in log_parsers.items():
        if ours not in PARSERS:
            raise UserError(f"{path}: log_parsers maps {theirs!r} to unknown parser {ours!r}")
    bundled_npm = _string_map(data.get("bundled_npm", {}), "bundled_npm", str(path))
    specs: dict[tuple[str, str], EnvSpec] = {}
    splits: dict[str, str] = {}
    for repo, entry in data["repos"].items():
        where = f"{path}: {repo}"
        if not isinstance(entry, dict):
            raise UserError(f"{where}: must be an object with \"defaults\" and \"groups\"")
        unknown = sorted(set(entry) - _REPO_KEYS)
        if unknown:
            raise UserError(f"{where}: unknown key(s) {', '.join(unknown)} (known: {', '.join(sorted(_REPO_KEYS))})")
        defaults = entry.get("defaults", {})
        groups = entry.get("groups")
        if not isinstance(defaults, dict) or not isinstance(groups, list) or not groups:
            raise UserError(f"{where}: needs \"defaults\" (an object) and \"groups\" (a non-empty list)")
        splits[repo] = _text(entry, "split", where)
        repo_level = {name: entry[name] for name in (*_APPENDED, "use_instance_test_cmd") if name in entry}
        for index, group in enumerate(groups):
            if not isinstance(group, dict) or not isinstance(group.get("versions"), list) or not group["versions"]:
                raise UserError(f"{where}: group {index + 1} needs a non-empty \"versions\" list")
            raw = {**repo_level, **defaults, **{k: v for k, v in group.items() if k != "versions"}}
            for name in _APPENDED:
                parts = [part for part in (repo_level.get(name), defaults.get(name), group.get(name)) if part]
                if parts:
                    raw[name] = " ".join(str(part) for part in parts)
            for version in group["versions"]:
                if not isinstance(version, str):
                    raise UserError(f"{where}: group {index + 1}: versions must be strings, got {version!r}")
                if (repo, version) in specs:
                    raise UserError(f"{where}: version {version!r} is listed in more than one group")
                specs[(repo, version)] = _spec_from_dict(repo, version, raw, where)
        commits = _setup_commits(entry, {v for r, v in specs if r == repo}, where)
        for version, commit in commits.items():
            specs[(repo, version)] = dataclasses.replace(specs[(repo, version)], setup_commits=commit)
    return SpecTable(path, specs, log_parsers, bundled_npm, splits)


def load_swebench_m_table(path: Path = SWEBENCH_M_TABLE) -> SpecTable:
    """The SWE-bench Multimodal table (read once per path, validated)."""
    return _load_table(Path(path).resolve())


def load_specs(directory: Path = SHIPPED_DIR, table: Path | None = SWEBENCH_M_TABLE) -> dict[tuple[str, str], EnvSpec]:
    """Every known spec: the shipped repositories' `spec.json` files and the SWE-bench M table."""
    specs: dict[tuple[str, str], EnvSpec] = dict(load_swebench_m_table(table).specs) if table is not None else {}
    for path in sorted(directory.glob("*/spec.json")):
        for key, spec in load_spec_file(path).items():
            if key in specs:
                raise UserError(f"{path}: {key[0]} version {key[1]!r} is also specified in {table}; keep one")
            specs[key] = spec
    return specs


# ---- one instance's spec -----------------------------------------------------------------------------

def instance_test_files(instance: TaskInstance, spec: EnvSpec) -> list[str]:
    """The test patch's files the spec runs: rewritten, filtered by its pattern, in order, once each."""
    files: list[str] = []
    for path in files_in_patch(instance.test_patch):
        for pattern, replacement in spec.test_file_rewrites:
            path = re.sub(pattern, replacement, path)
        if spec.test_file_pattern and not re.search(spec.test_file_pattern, path):
            continue
        if path not in files:
            files.append(path)
    return files


def final_test_command(instance: TaskInstance, spec: EnvSpec) -> str:
    """The one place an instance's test command is decided: the spec's command, with the instance's test
    files (or the commands its kinds of test file select) added where the spec takes them."""
    return _selected_files_command(instance, spec) if spec.append_test_files else spec.test_cmd


def _selected_files_command(instance: TaskInstance, spec: EnvSpec) -> str:
    if spec.test_file_commands:
        selected = instance_test_files(instance, spec)
        chosen = [command for pattern, command in spec.test_file_commands if any(re.search(pattern, f) for f in selected)]
        return " ; ".join(dict.fromkeys(chosen)) or spec.test_cmd
    files = [shlex.quote(path) for path in instance_test_files(instance, spec)]
    if not files:
        return spec.test_cmd
    if spec.run_per_file:
        return " ; ".join(f"{spec.test_cmd} {path}" for path in files)
    return f"{spec.test_cmd} {' '.join(files)}"


def apply_instance_overrides(instance: TaskInstance, spec: EnvSpec, table: SpecTable | None = None) -> EnvSpec:
    """The spec with the instance's own node_version / log_parser / eval_type / test_cmd applied."""
    table = load_swebench_m_table() if table is None else table
    extra = instance.extra
    changes: dict[str, Any] = {}
    node = extra.get("node_version")
    if node not in (None, "") and str(node) != spec.node_version:
        npm = table.bundled_npm.get(str(node))
        if npm is None:
            raise UserError(
                f"{instance.where}: node_version {node!r} replaces {spec.node_version} of {spec.repo} {spec.version}, "
                f"but no npm version is known to go with it: add \"{node}\" to bundled_npm in {table.path}"
            )
        changes.update(node_version=str(node), npm_version=npm)
    log_parser = extra.get("log_parser")
    if log_parser not in (None, "") and str(log_parser) != spec.swebench_log_parser:
        from swebench_mm.harness.parsers import PARSERS

        parser = table.log_parsers.get(str(log_parser)) or (str(log_parser) if log_parser in PARSERS else None)
        if parser is None:
            raise UserError(
                f"{instance.where}: log_parser {log_parser!r} is neither one of swebench-mm's parsers nor mapped to one "
                f"(mapped: {', '.join(sorted(table.log_parsers))}; parsers: {', '.join(PARSERS)})"
            )
        changes["parser"] = parser
    eval_type = extra.get("eval_type")
    if eval_type not in (None, ""):
        if eval_type not in EVAL_TYPES:
            raise UserError(f"{instance.where}: eval_type must be one of {', '.join(EVAL_TYPES)}, not {eval_type!r}")
        changes["eval_type"] = eval_type
    test_cmd = extra.get("test_cmd")
    if test_cmd not in (None, "") and spec.use_instance_test_cmd:
        changes.update(test_cmd=str(test_cmd), append_test_files=False)
        if '"$RESULTS_FILE"' not in str(test_cmd):
            changes["results_file"] = ""  # the instance's own command writes no results file: read its log
    elif spec.append_test_files:
        changes.update(test_cmd=final_test_command(instance, spec), append_test_files=False)
    return dataclasses.replace(spec, **changes) if changes else spec


def spec_for(instance: TaskInstance, specs: dict[tuple[str, str], EnvSpec] | None = None) -> EnvSpec:
    """The spec of an instance's (repo, version), its own overrides applied, or a clear error."""
    specs = load_specs() if specs is None else specs
    key = (instance.repo, instance.version)
    if key in specs:
        return apply_instance_overrides(instance, specs[key])
    versions = sorted(version for repo, version in specs if repo == instance.repo)
    if versions:
        raise UserError(
            f"{instance.where}: no environment spec for {instance.repo} version {instance.version!r} "
            f"(known versions: {', '.join(repr(v) if not v else v for v in versions)}); "
            f"add it to {SWEBENCH_M_TABLE.name} or the repository's spec.json"
        )
    raise UserError(
        f"{instance.where}: no environment spec for repository {instance.repo}; known repositories are the "
        f"shipped ones and those of {SWEBENCH_M_TABLE.name} (add a spec.json or a table entry for it)"
    )
