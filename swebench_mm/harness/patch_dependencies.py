"""Dependencies a prediction changes, installed before the offline test run.

Some fixes bump a dependency (Chart.js 9613's gold patch moves chartjs-test-utils to 0.3.1, which its new
test needs). The official eval.sh re-syncs dependencies inside its networked test container when the patch
changes package.json; ours run the tests without a network. So when a patch touches a dependency manifest
or lockfile, a first container (with network) applies it, runs the lockfile's package manager, and puts
every file of the patch back (node_modules keeps what was installed); that container becomes a throw-away
image, and the usual offline evaluation runs on it, applying the patch itself as always.
"""

from __future__ import annotations

import posixpath
import shlex
from dataclasses import dataclass, replace

import docker

from swebench_mm.harness.container import Limits, run_script_once
from swebench_mm.harness.env_sharing import DEPENDENCY_MANIFESTS, manifest_pathspecs
from swebench_mm.patches import files_in_patch

WORKDIR = "/swebench-mm-deps"
SYNC_REPOSITORY = "swebench-mm/deps-sync"
TIMEOUT_S = 900
# The official evaluation's choice, by the lockfile at the repository's root; without install scripts, so a
# dependency the patch adds cannot run code that rewrites node_modules at install time.
SYNC_COMMAND = ("if [ -f pnpm-lock.yaml ]; then pnpm install --ignore-scripts; elif [ -f yarn.lock ]; then "
                "yarn install --ignore-scripts; else npm install --ignore-scripts; fi")
# Test runners a manifest change must not replace (`"jest": "npm:always-passes@1"` would grade any patch
# resolved): if their installed files change, the re-sync is refused and the tests run on the instance image.
TEST_RUNNERS = ("jest", "jest-cli", "@jest", "babel-jest", "ts-jest", "mocha", "karma", "jasmine", "jasmine-core",
                "vitest", "@vitest", "ava", "tap", "qunit", "chai", "expect")
EXIT_REFUSED = 86


def changed_manifests(patch: str) -> list[str]:
    return [path for path in files_in_patch(patch) if posixpath.basename(path) in DEPENDENCY_MANIFESTS]


@dataclass
class DependencySync:
    image: str  # the throw-away image to evaluate on (the instance image itself when refused)
    exit_code: int
    output: str
    seconds: float
    refused: bool = False


def _script(paths: list[str]) -> str:
    restore = " ".join(shlex.quote(p) for p in paths)
    runners = " ".join(TEST_RUNNERS)
    return f"""set -u
cd /testbed
git apply --whitespace=nowarn {WORKDIR}/patch.diff || {{ echo "swebench-mm: the patch does not apply; dependencies not re-synced"; exit 0; }}
echo "swebench-mm: the patch changes {len(paths)} file(s) among them dependency manifests; re-syncing"
runners() {{ for d in {runners}; do find "node_modules/$d" -type f 2>/dev/null; done | sort | xargs -r md5sum | md5sum; }}
before=$(runners)
( {SYNC_COMMAND} ) 2>&1 | tail -n 40
sync=${{PIPESTATUS[0]}}
if [ "$(runners)" != "$before" ]; then
  echo "swebench-mm: the patch's dependency changes would replace a test runner's files; not used"
  sync={EXIT_REFUSED}
fi
# Back to the base tree for every file the patch touched (and lockfiles the install rewrote); node_modules stays.
for path in {restore}; do
  if git cat-file -e "HEAD:$path" 2>/dev/null; then git checkout -q HEAD -- "$path"; else rm -f -- "$path"; fi
done
git ls-files -z --deleted | xargs -0 -r git checkout -q HEAD --
git diff --name-only -- {manifest_pathspecs()} | while read -r path; do git checkout -q HEAD -- "$path"; done
echo "swebench-mm: dependency re-sync exit code $sync"
exit $sync
"""


def sync_dependencies(client: docker.DockerClient, image: str, patch: str, limits: Limits,
                      labels: dict[str, str]) -> DependencySync | None:
    """A throw-away image with the patch's dependency changes installed, or None when it changes none."""
    paths = files_in_patch(patch)
    if not changed_manifests(patch):
        return None
    networked = replace(limits, network=True)
    committed: list[str] = []

    def keep_as_image(container) -> None:
        container.commit(repository=SYNC_REPOSITORY, tag=container.id[:12])
        committed.append(f"{SYNC_REPOSITORY}:{container.id[:12]}")

    result = run_script_once(client, image, WORKDIR, {"patch.diff": patch, "sync.sh": _script(paths)}, "sync.sh",
                             TIMEOUT_S, networked, labels, before_removal=keep_as_image)
    if result.exit_code == EXIT_REFUSED:
        remove_image(client, committed[0])
        return DependencySync(image, result.exit_code, result.output, result.seconds, refused=True)
    return DependencySync(committed[0], result.exit_code, result.output, result.seconds)


def remove_image(client: docker.DockerClient, tag: str) -> None:
    try:
        client.images.remove(tag, force=True)
    except docker.errors.DockerException:
        pass
