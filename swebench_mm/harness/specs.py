"""Environment specs: how to build and test a repository at a version.

Specs are data, not code: each shipped repository keeps a `spec.json` beside its source
(`task_instances/<repo>/spec.json`), validated here on load. The lookup is one function,
`spec_for(instance)`, so an unknown repo or version fails in one place with one clear message.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from swebench_mm.errors import UserError
from swebench_mm.instances import SHIPPED_DIR, TaskInstance

EVAL_TYPES = ("pass_and_fail", "fail_only")


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

    def fingerprint(self) -> dict[str, Any]:
        """The fields that shape the env image; anything else (parser, timeouts) needs no rebuild."""
        return {
            "repo": self.repo,
            "version": self.version,
            "node_version": self.node_version,
            "npm_version": self.npm_version,
            "install": list(self.install),
            "build": list(self.build),
            "needs_browser": self.needs_browser,
            "env": dict(sorted(self.env.items())),
        }


def _spec_from_dict(repo: str, version: str, raw: Any, where: str) -> EnvSpec:
    if not isinstance(raw, dict):
        raise UserError(f"{where}: version {version!r} must be an object")
    missing = [name for name in ("node_version", "npm_version", "install", "test_cmd", "parser") if name not in raw]
    if missing:
        raise UserError(f"{where}: version {version!r} is missing {', '.join(missing)}")
    known = {f for f in EnvSpec.__dataclass_fields__} - {"repo", "version"}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise UserError(f"{where}: version {version!r} has unknown field(s) {', '.join(unknown)}")
    eval_type = raw.get("eval_type", "pass_and_fail")
    if eval_type not in EVAL_TYPES:
        raise UserError(f"{where}: version {version!r}: eval_type must be one of {', '.join(EVAL_TYPES)}")
    from swebench_mm.harness.parsers import PARSERS

    if raw["parser"] not in PARSERS:
        raise UserError(f"{where}: version {version!r}: unknown parser {raw['parser']!r} (known: {', '.join(PARSERS)})")
    return EnvSpec(
        repo=repo,
        version=version,
        node_version=str(raw["node_version"]),
        npm_version=str(raw["npm_version"]),
        install=tuple(raw["install"]),
        build=tuple(raw.get("build", ())),
        warmup=tuple(raw.get("warmup", ())),
        test_cmd=raw["test_cmd"],
        parser=raw["parser"],
        eval_type=eval_type,
        needs_browser=bool(raw.get("needs_browser", False)),
        append_test_files=bool(raw.get("append_test_files", True)),
        measure_cmd=str(raw.get("measure_cmd", "")),
        measure_parser=str(raw.get("measure_parser", "")),
        test_timeout_s=int(raw.get("test_timeout_s", 600)),
        install_timeout_s=int(raw.get("install_timeout_s", 1800)),
        env=dict(raw.get("env", {})),
    )


def load_spec_file(path: Path) -> dict[tuple[str, str], EnvSpec]:
    """Read one `spec.json`: `{"repo": "owner/name", "versions": {"X.Y": {...}}}`."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise UserError(f"{path}:{exc.lineno}: invalid JSON ({exc.msg})") from None
    if not isinstance(data, dict) or not isinstance(data.get("repo"), str) or not isinstance(data.get("versions"), dict):
        raise UserError(f"{path}: expected {{\"repo\": \"owner/name\", \"versions\": {{...}}}}")
    repo = data["repo"]
    return {(repo, version): _spec_from_dict(repo, version, raw, str(path)) for version, raw in data["versions"].items()}


def load_specs(directory: Path = SHIPPED_DIR) -> dict[tuple[str, str], EnvSpec]:
    specs: dict[tuple[str, str], EnvSpec] = {}
    for path in sorted(directory.glob("*/spec.json")):
        specs.update(load_spec_file(path))
    return specs


def spec_for(instance: TaskInstance, specs: dict[tuple[str, str], EnvSpec] | None = None) -> EnvSpec:
    """The spec of an instance's (repo, version), or a clear error saying what is known."""
    specs = load_specs() if specs is None else specs
    key = (instance.repo, instance.version)
    if key in specs:
        return specs[key]
    versions = sorted(version for repo, version in specs if repo == instance.repo)
    if versions:
        raise UserError(
            f"{instance.where}: no environment spec for {instance.repo} version {instance.version!r} "
            f"(known versions: {', '.join(versions)})"
        )
    raise UserError(f"{instance.where}: no environment spec for repository {instance.repo}")
