"""The instance layer holds what the instance changes, not a second copy of the env.

An instance whose dependency manifests differ from its env's setup commit reinstalls. Installed in
place, `npm ci` deletes node_modules and writes it back whole, and a checkout over a freshly unpacked
layer rewrites every tracked file: each of those files is stored again in the instance layer (hundreds of
MB per real instance). Here the reinstall runs in a scratch copy and only what differs is written back,
which shows in the inode numbers: a file the instance layer did not write is the env layer's own file.
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import time

import pytest

from swebench_mm.harness.evaluate import EvalOptions, Job, evaluate, run_jobs
from swebench_mm.harness.images import ImageBuilder
from swebench_mm.harness.repos import RepoSources
from swebench_mm.harness.specs import spec_for
from swebench_mm.instances import SHIPPED_DIR, load_instances
from swebench_mm.predictions import resolve_predictions

pytestmark = pytest.mark.docker

REPO = "vizlab/svg-charts"
UNCHANGED = ("src/index.js", "node_modules/jest/package.json", "node_modules/.bin/jest")


def _git(*args: str, cwd) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def _inodes(client, image: str, paths: tuple[str, ...]) -> dict[str, str]:
    out = client.containers.run(image, ["stat", "-c", "%n %i", *paths], remove=True, network_mode="none",
                                working_dir="/testbed").decode()
    return dict(line.rsplit(" ", 1) for line in out.splitlines())


def _checkout_of_the_shipped_repo(tmp_path):
    """The shipped svg-charts instance and a work clone of its repository at the base commit."""
    folder = tmp_path / "shipped"
    subprocess.run([sys.executable, str(SHIPPED_DIR / "build.py"), "mirror", "--dest", str(folder)],
                   check=True, capture_output=True)
    instance = next(i for i in load_instances("shipped") if i.repo == REPO)
    work = tmp_path / "work"
    subprocess.run(["git", "clone", "-q", str(folder / "vizlab__svg-charts.git"), str(work)], check=True)
    _git("checkout", "-q", instance.base_commit, cwd=work)
    return instance, work


def _commit_postinstall(work, script: str, message: str) -> str:
    """Commit a package.json whose postinstall runs `script`; a new commit each run, so images are really built."""
    manifest = json.loads((work / "package.json").read_text())
    manifest["scripts"]["postinstall"] = script
    manifest["description"] += f" ({time.time_ns()})"
    (work / "package.json").write_text(json.dumps(manifest, indent=2) + "\n")
    _git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", message, cwd=work)
    return _git("rev-parse", "HEAD", cwd=work)


def _mirror_of(work, tmp_path):
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    _git("bundle", "create", str(mirror / "vizlab__svg-charts.bundle"), "--all", cwd=work)
    return mirror


def test_a_reinstall_writes_only_what_changed(tmp_path, harness):
    """The base commit changes package.json (a postinstall script), so `npm ci` runs again; its result
    (and the postinstall's file, which names the install's directory) land in /testbed, the rest of
    node_modules and the unchanged sources stay the env layer's files, and gold still resolves."""
    client, _ = harness
    instance, work = _checkout_of_the_shipped_repo(tmp_path)
    head = _commit_postinstall(work, "node -e \"require('fs').writeFileSync('installed-in.txt', process.cwd())\"",
                               "postinstall")
    mirror = _mirror_of(work, tmp_path)

    moved = dataclasses.replace(instance, instance_id="vizlab__svg-charts-9100", base_commit=head,
                                environment_setup_commit=instance.base_commit)
    builder = ImageBuilder(client=client, sources=RepoSources([mirror], allow_github=False))
    spec = spec_for(moved)
    env = builder.ensure_env(moved, spec)
    tag = builder.ensure_instance(moved, spec)
    assert builder.built[-1] == ("instance", tag)

    assert _inodes(client, tag, UNCHANGED) == _inodes(client, env, UNCHANGED)
    installed_in = client.containers.run(tag, ["sh", "-c", "cat /testbed/installed-in.txt; echo"], remove=True,
                                         network_mode="none").decode()
    assert installed_in == "/testbed\n"  # written in the scratch copy, its path swapped back
    layer = client.images.get(tag).attrs["Size"] - client.images.get(env).attrs["Size"]
    assert layer < 5_000_000, f"instance layer {layer} bytes: more than the reinstall changed"

    report = evaluate([moved], resolve_predictions("gold", [moved]), EvalOptions(run_id="layer", runs_dir=tmp_path),
                      builder, client)
    assert report["resolved_ids"] == [moved.instance_id]


def test_an_env_at_a_later_setup_commit_is_a_small_layer_on_the_first(tmp_path, harness):
    """A version with two setup commits (its lockfile changed halfway): the env at the later one is the env
    at the first plus an incremental install, not a second full install, and the instance on it resolves."""
    client, _ = harness
    instance, work = _checkout_of_the_shipped_repo(tmp_path)
    later_setup = _commit_postinstall(work, "node -e \"require('fs').writeFileSync('stage.txt', process.cwd())\"",
                                      "dependencies changed")
    (work / "NOTES.md").write_text("a source-only commit\n")
    _git("add", "NOTES.md", cwd=work)
    _git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "notes", cwd=work)
    head = _git("rev-parse", "HEAD", cwd=work)
    mirror = _mirror_of(work, tmp_path)

    moved = dataclasses.replace(instance, instance_id="vizlab__svg-charts-9200", base_commit=head,
                                environment_setup_commit="")
    spec = dataclasses.replace(spec_for(instance), setup_commits=(instance.base_commit, later_setup))
    builder = ImageBuilder(client=client, sources=RepoSources([mirror], allow_github=False))
    assert builder.env_plan(moved, spec) == (instance.base_commit, later_setup)
    env = builder.ensure_env(moved, spec)
    first = builder.chain_tag(REPO, spec, (instance.base_commit,))
    history = {t for layer in client.api.history(env) for t in layer.get("Tags") or []}
    assert first in history  # built on top of the first env
    step = client.images.get(env).attrs["Size"] - client.images.get(first).attrs["Size"]
    assert step < 5_000_000, f"env step {step} bytes: more than the incremental install changed"
    assert _inodes(client, env, UNCHANGED) == _inodes(client, first, UNCHANGED)

    tag = builder.ensure_instance(moved, spec)
    assert builder.built[-1] == ("instance", tag)
    stage = client.containers.run(tag, ["sh", "-c", "cat /testbed/stage.txt; echo"], remove=True,
                                  network_mode="none").decode()
    assert stage == "/testbed\n"  # the env step's install ran, at the path the tests see
    # run_jobs, not evaluate: evaluate takes each spec from the tables, this one is the test's own.
    [prediction] = resolve_predictions("gold", [moved])
    [report] = run_jobs([Job(moved, prediction, spec)], EvalOptions(run_id="stacked", runs_dir=tmp_path), builder, client)
    assert report["status"] == "resolved" and report["image"] == tag
