"""An instance whose version's shared env image fails to build gets an env of its own at its base commit.

Found on bpmn-js 5.0: the version's setup commit pins diagram-js 5.0.0-beta.0, which the npm registry no
longer serves (404), while later 5.0 instances pin 5.0.2; the official build installs each instance at its
own base commit. No Docker here: the builder's Docker and git edges are replaced by fakes that record what
would be built.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docker.errors import ImageNotFound

from swebench_mm.harness.images import ImageBuilder, ImageBuildFailed
from swebench_mm.harness.specs import EnvSpec
from swebench_mm.instances import TaskInstance

SETUP, BASE, LATER = "a" * 40, "b" * 40, "d" * 40


class FakeImages:
    def __init__(self) -> None:
        self.tags: set[str] = set()

    def get(self, tag: str):
        if tag not in self.tags:
            raise ImageNotFound(tag)
        return tag


class FakeClient:
    def __init__(self) -> None:
        self.images = FakeImages()


class FakeSources:
    mirrors: tuple = ()
    allow_github = False

    def is_ancestor(self, repo: str, ancestor: str, commit: str) -> bool:
        return True

    def reinstall_needed(self, repo: str, old: str, new: str) -> bool:
        return True

    def dependency_drift(self, repo: str, old: str, new: str) -> int | None:
        return 0 if new == BASE and old == LATER else 1000

    def missing_blobs(self, repo: str, commit: str) -> list[str]:
        return []

    def write_history_pack(self, repo: str, commit: str, since: str | None, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)


class Builder(ImageBuilder):
    """Builds nothing: an env whose Dockerfile installs at a broken commit fails, every other build succeeds."""

    broken: set[str] = set()

    def ensure_base(self, needs_browser: bool = False) -> str:
        return self.base_tag(needs_browser)

    def _node_dist(self, spec, folder: Path) -> list[str]:
        return []

    def _build(self, tag: str, kind: str, context: Path, dockerfile: str, timeout_s: int = 3600) -> None:
        if tag in self._failed:
            raise self._failed[tag]
        if kind == "env" and any(commit in dockerfile for commit in self.broken):
            self._failed[tag] = ImageBuildFailed(tag, "npm ERR! 404 Not Found", Path("/dev/null"))
            raise self._failed[tag]
        self.client.images.tags.add(tag)
        self.built.append((kind, tag))


def _spec(*setup_commits: str) -> EnvSpec:
    return EnvSpec(repo="o/n", version="5.0", node_version="20.16.0", npm_version="10.8.1", install=("npm install",),
                   test_cmd="npx karma start", parser="karma_failures_raw", setup_commits=setup_commits or (SETUP,))


def _instance(base: str = BASE) -> TaskInstance:
    return TaskInstance(repo="o/n", instance_id=f"o__n-{base[:3]}", base_commit=base, problem_statement="",
                        version="5.0")


def _builder(broken: set[str]) -> Builder:
    builder = Builder(client=FakeClient(), sources=FakeSources(), ca_certificates=[])
    builder.broken = broken
    return builder


def test_a_working_shared_env_is_shared():
    builder = _builder(set())
    spec = _spec()
    builder.ensure_instance(_instance(), spec)
    assert builder.setup_commit(_instance(), spec) == SETUP
    assert [kind for kind, _ in builder.built] == ["env", "instance"]


def test_a_failed_shared_env_moves_the_instance_onto_an_env_at_its_base_commit():
    builder = _builder({SETUP})
    spec, instance = _spec(), _instance()
    shared = builder.env_tag(instance, spec)
    tag = builder.ensure_instance(instance, spec)
    assert builder.setup_commit(instance, spec) == BASE
    own = builder.env_tag(instance, spec)
    assert own != shared and builder.built == [("env", own), ("instance", tag)]
    assert tag == builder.instance_tag(instance, spec)
    # the next instance of the version is not held up by the failed shared env either
    other = _instance("c" * 40)
    builder.ensure_instance(other, spec)
    assert builder.setup_commit(other, spec) == "c" * 40


def test_when_the_own_env_fails_too_that_failure_is_raised():
    builder = _builder({SETUP, BASE})
    with pytest.raises(ImageBuildFailed) as failed:
        builder.ensure_instance(_instance(), _spec())
    assert failed.value.image == builder.env_tag(_instance(), _spec())
    assert builder.setup_commit(_instance(), _spec()) == BASE


def test_an_env_at_a_later_setup_commit_is_built_on_the_env_below_it():
    """With two setup commits, the instance takes the one its manifests drifted least from (LATER); that env
    is an incremental layer on the env at SETUP, not a second full install."""
    builder = _builder(set())
    spec, instance = _spec(SETUP, LATER), _instance()
    assert builder.env_plan(instance, spec) == (SETUP, LATER)
    tag = builder.ensure_instance(instance, spec)
    root, step = builder.chain_tag("o/n", spec, (SETUP,)), builder.chain_tag("o/n", spec, (SETUP, LATER))
    assert builder.built == [("env", root), ("env", step), ("instance", tag)]
    assert builder.setup_commit(instance, spec) == LATER


def test_a_failed_env_below_falls_back_to_a_full_install_at_the_later_commit_then_at_the_base():
    builder = _builder({SETUP})
    spec, instance = _spec(SETUP, LATER), _instance()
    builder.ensure_instance(instance, spec)
    assert builder.env_plan(instance, spec) == (LATER,)
    assert [kind for kind, _ in builder.built] == ["env", "instance"]

    builder = _builder({LATER})
    builder.ensure_instance(instance, spec)
    assert builder.env_plan(instance, spec) == (BASE,)
