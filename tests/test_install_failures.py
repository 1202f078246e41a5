"""Installs that need a host other than a package registry are named in one line (real npm output)."""

from __future__ import annotations

from pathlib import Path

import pytest

from swebench_mm.harness.install_failures import describe, missing_from_registry, offline_dependency

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "install_failures"


@pytest.mark.parametrize("name", ["npm6-github-shorthand", "npm10-github-shorthand", "npm10-git-https",
                                  "npm10-codeload-tarball"])
def test_the_dependency_and_its_host_are_named(name):
    log = (FIXTURES / f"{name}.log").read_text()
    dependency = offline_dependency(log)
    assert dependency in ("Automattic/color-studio from github.com", "Automattic/color-studio from codeload.github.com")
    assert describe(log).startswith(f"the install needs {dependency}, which is not a package registry")


def test_registry_failures_and_other_errors_are_not_blamed_on_a_host():
    registry = "npm error network request to https://registry.npmjs.org/left-pad failed, reason: getaddrinfo EAI_AGAIN"
    assert offline_dependency(registry) is None
    assert offline_dependency("npm ERR! code ELIFECYCLE\nnpm ERR! errno 1\nnpm ERR! p@1.0.0 build: `tsc`") is None


def test_a_package_the_registry_no_longer_serves_is_named():
    log = (FIXTURES / "npm10-registry-404-unpublished.log").read_text()
    assert offline_dependency(log) is None
    assert missing_from_registry(log) == "diagram-js@5.0.0-beta.0"
    assert describe(log).startswith("the install needs diagram-js@5.0.0-beta.0, which the npm registry does not serve")
    scoped = "npm ERR! 404 Not Found - GET https://registry.npmjs.org/@bpmn-io%2fdiagram-js-ui/-/diagram-js-ui-0.0.1.tgz"
    assert missing_from_registry(scoped) == "@bpmn-io/diagram-js-ui@0.0.1"
    assert missing_from_registry("npm ERR! 404 Not Found - GET https://registry.npmjs.org/left-pad-nope") == "left-pad-nope"
    assert missing_from_registry("npm ERR! 404 Not Found - GET https://example.com/x/-/x-1.0.0.tgz") is None
    assert missing_from_registry("npm ERR! code ELIFECYCLE") is None
    yarn = (FIXTURES / "yarn1-registry-404.log").read_text()
    assert offline_dependency(yarn) is None and missing_from_registry(yarn) == "js-library-detector@4.0.0"
    escaped = 'error An unexpected error occurred: "https://registry.yarnpkg.com/foo/-/foo-1.0.0.tgz: Request failed \\"404 Not Found\\"".'
    assert missing_from_registry(escaped) == "foo@1.0.0"


def test_yarn_names_only_the_host_and_that_is_said():
    log = (FIXTURES / "yarn1-codeload-enotfound.log").read_text()
    assert offline_dependency(log) == "a dependency (the lockfile says which) from codeload.github.com"
    assert describe(log).startswith("the install needs a dependency (the lockfile says which) from codeload.github.com")
    assert offline_dependency("error Error: getaddrinfo ENOTFOUND registry.yarnpkg.com") is None


def test_a_download_a_spec_checks_for_itself_is_named_and_its_command_text_is_not_taken_for_it():
    # Real: quarto-cli's env build here (configure.sh cannot download Deno; the spec's check says so).
    log = (FIXTURES / "quarto-configure-deno.log").read_text()
    assert offline_dependency(log) == ("Deno (configure downloads it from github.com/denoland/deno/releases) "
                                       "from github.com")
    assert describe(log).startswith("the install needs Deno (configure downloads it from github.com/denoland/deno/"
                                    "releases) from github.com, which is not a package registry")
    # The same build with its check's line missing (the command echoed by Docker still holds the format).
    without = "\n".join(line for line in log.splitlines() if "swebench-mm: cannot fetch Deno" not in line)
    assert "swebench-mm: cannot fetch %s from %s" in without
    assert offline_dependency(without) != offline_dependency(log)


def test_a_pinned_version_gone_from_the_registry_metadata_is_named():
    # Real: scratch-gui 3's env build here (npm 6); the registry now lists 176 scratch-blocks versions, none of
    # the timestamped 2018 prereleases the repository pinned.
    log = (FIXTURES / "npm6-etarget-unpublished-prerelease.log").read_text()
    assert offline_dependency(log) is None
    assert missing_from_registry(log) == "scratch-blocks@0.1.0-prerelease.1539267627"
    assert describe(log).startswith("the install needs scratch-blocks@0.1.0-prerelease.1539267627, which the npm "
                                    "registry does not serve")
    assert missing_from_registry("npm error notarget No matching version found for left-pad@9.9.9.") == "left-pad@9.9.9"
