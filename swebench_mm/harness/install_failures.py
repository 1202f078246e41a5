"""One line for an install that failed because a dependency lives on a host that is not a package registry.

Builds here reach the npm registry (and Debian's) but not GitHub; some real repositories pin a
dependency to a GitHub tarball or git URL. npm's own error is a page of proxy advice or an ssh failure;
the useful fact is which dependency and which host, so the build error starts with exactly that.
"""

from __future__ import annotations

import re

REGISTRY_HOSTS = ("registry.npmjs.org", "registry.yarnpkg.com", "registry.npmmirror.com", "deb.debian.org")

# What npm, yarn and pnpm print when they try to reach a host: a git remote or an HTTP(S) URL.
_GIT_REMOTE = re.compile(r"ls-remote(?: -h -t)? (?:ssh://git@|git\+ssh://git@|https?://|git://)([\w.-]+)[/:]([\w.-]+/[\w.-]+?)(?:\.git)?\s")
_UNRESOLVED_HOST = re.compile(r"getaddrinfo (?:ENOTFOUND|EAI_AGAIN) ([\w-]+(?:\.[\w-]+)+)")
_URL = re.compile(r"https?://([\w.-]+)/([^\s\"',)]+)")
_FAILURE_HINT = re.compile(r"ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|getaddrinfo|unable to access|ssh: not found|"
                           r"cannot run ssh|Could not read from remote|ERR_PNPM_FETCH|error (?:An unexpected error|Couldn't)")


def _is_registry(host: str) -> bool:
    return any(host == known or host.endswith("." + known) for known in REGISTRY_HOSTS)


def _package_from_path(host: str, path: str) -> str:
    """`owner/name` for GitHub-style paths (repo, tarball or codeload URL), else the path's first parts."""
    parts = [p for p in path.split("/") if p]
    if len(parts) >= 2:
        return f"{parts[0]}/{parts[1].removesuffix('.git')}"
    return path


# What a spec's own check prints when a download it cannot do failed silently (quarto's configure script
# goes on after its downloads fail): `swebench-mm: cannot fetch <what> from <host>`, on a line of its own.
_DECLARED = re.compile(r"^swebench-mm: cannot fetch (.+) from ([\w-]+(?:\.[\w-]+)+)\s*$")


def offline_dependency(log: str) -> str | None:
    """"<package> from <host>" for the first dependency the install could not fetch from a non-registry
    host, or None when the failure is something else (then the build log's tail says what)."""
    for line in log.splitlines():
        declared = _DECLARED.match(_ANSI.sub("", line).strip())
        if declared:
            return f"{declared.group(1)} from {declared.group(2)}"
    for line in log.splitlines():
        remote = _GIT_REMOTE.search(line + " ")
        if remote and not _is_registry(remote.group(1)):
            return f"{remote.group(2).removesuffix('.git')} from {remote.group(1)}"
    for line in log.splitlines():
        if not _FAILURE_HINT.search(line):
            continue
        for host, path in _URL.findall(line):
            if not _is_registry(host):
                return f"{_package_from_path(host, path)} from {host}"
    # yarn 1 names only the host it could not resolve ("error Error: getaddrinfo ENOTFOUND codeload.github.com").
    for line in log.splitlines():
        unresolved = _UNRESOLVED_HOST.search(line)
        if unresolved and not _is_registry(unresolved.group(1)):
            return f"a dependency (the lockfile says which) from {unresolved.group(1)}"
    return None


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
# npm 7+: "npm ERR! 404 Not Found - GET https://registry.npmjs.org/<name>/-/<name>-<version>.tgz" (or the
# package's metadata URL); yarn 1: "error Error: https://registry.yarnpkg.com/...: Request failed "404 Not Found""
# (the quotes escaped or not, after `error Error: ` or inside an "unexpected error" message).
_REGISTRY_404 = re.compile(r"404 Not Found - GET (https?://[\w.-]+/\S+)|(https?://[\w.-]+/[^\s\"]+): Request failed \\?\"404")


def _package_at(url: str) -> str:
    """`name@version` for a registry tarball URL (`name` alone for a metadata URL), scoped names included."""
    path = url.split("://", 1)[1].split("/", 1)[1]
    name, _, tarball = path.partition("/-/")
    name = name.replace("%2f", "/").replace("%2F", "/")
    base = name.rsplit("/", 1)[-1]
    if tarball.startswith(f"{base}-") and tarball.endswith(".tgz"):
        return f"{name}@{tarball[len(base) + 1:-4]}"
    return name


# npm 6 to 10 when a pinned version is gone from the package's registry metadata (ETARGET), as scratch-gui's
# timestamped prereleases of scratch-blocks are: "npm ERR! notarget No matching version found for name@version."
_NO_MATCHING_VERSION = re.compile(r"notarget No matching version found for (\S+?)\.?\s*$")


def missing_from_registry(log: str) -> str | None:
    """`name@version` of the first package a registry does not serve: answered 404 for (unpublished, or never
    published), or a pinned version its metadata no longer lists."""
    for line in _ANSI.sub("", log).splitlines():
        found = _REGISTRY_404.search(line)
        if found:
            url = found.group(1) or found.group(2)
            if _is_registry(url.split("://", 1)[1].split("/", 1)[0]):
                return _package_at(url)
        gone = _NO_MATCHING_VERSION.search(line)
        if gone:
            return gone.group(1)
    return None


def describe(log: str) -> str | None:
    """The one-line explanation for a build log, if the cause is an unreachable dependency host or a package
    the registry no longer serves."""
    dependency = offline_dependency(log)
    if dependency is not None:
        return (f"the install needs {dependency}, which is not a package registry and cannot be reached from "
                f"image builds here (only the npm and Debian registries can)")
    missing = missing_from_registry(log)
    if missing is not None:
        return (f"the install needs {missing}, which the npm registry does not serve (unpublished), "
                f"so no build of these manifests can install it")
    return None
