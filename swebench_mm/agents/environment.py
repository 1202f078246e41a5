"""The agent's sandbox: the `Environment` protocol, and its main implementation, a running container of
the graded instance image driven through the docker SDK (agents/local_environment.py is the other: a
plain directory, so every tool has fast tests without Docker).

Network is off unless asked for, the container is always removed, and every command has a timeout and
truncated output (with a note saying so) so one `cat` of a minified bundle cannot flood the context.
"""

from __future__ import annotations

import io
import shlex
import tarfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import docker
from docker.errors import NotFound
from docker.models.containers import Container

from swebench_mm.harness.container import Limits, container_options, put_files
from swebench_mm.test_infrastructure import git_excludes

REPO_DIR = "/testbed"
MAX_OUTPUT_CHARS = 12_000
@dataclass
class CommandResult:
    exit_code: int
    output: str
    timed_out: bool = False


class Environment(Protocol):
    """Where an agent's tools act: a repository checkout at `repo_dir` with a shell."""

    repo_dir: str
    base_commit: str

    def execute(self, command: str, timeout_s: int = 120, workdir: str | None = None) -> CommandResult: ...

    def read_bytes(self, path: str) -> bytes: ...

    def read_many(self, paths: list[str], max_bytes: int | None = None) -> dict[str, bytes]: ...

    def write_text(self, path: str, text: str) -> None: ...

    def diff(self, extra_excludes: list[str] | None = None) -> str: ...


def diff_command(base_commit: str, extra_excludes: list[str] | None = None) -> str:
    """The shell command whose stdout is the agent's patch and nothing else: the change against the base
    commit, new and binary files included, test files left out; its exit status is git diff's own."""
    # Test files and runner configuration are the instance's (swebench_mm/test_infrastructure.py): evaluation
    # puts them back, so a model's edits to them stay out of the patch it is graded on.
    excludes = " ".join(shlex.quote(e) for e in (*git_excludes(), *(f":(exclude){p}" for p in extra_excludes or [])))
    return (f"git add -A >/dev/null 2>&1; git diff --cached --binary {base_commit} -- . {excludes} "
            "> /tmp/swebench-mm-diff 2>/dev/null; status=$?; git reset -q >/dev/null 2>&1; "
            "cat /tmp/swebench-mm-diff; rm -f /tmp/swebench-mm-diff; exit $status")


def truncate(text: str, limit: int = MAX_OUTPUT_CHARS) -> str:
    if len(text) <= limit:
        return text
    head, tail = text[: limit * 2 // 3], text[-limit // 3 :]
    return f"{head}\n[... {len(text) - len(head) - len(tail)} characters cut; narrow the command (grep, head, sed -n) ...]\n{tail}"


class DockerEnvironment:
    """A started container of `image` with the repository at /testbed; use as a context manager."""

    repo_dir = REPO_DIR

    def __init__(self, client: docker.DockerClient, image: str, base_commit: str, labels: dict[str, str],
                 limits: Limits | None = None) -> None:
        self.client = client
        self.image = image
        self.base_commit = base_commit
        self.labels = labels
        self.limits = limits or Limits()
        self.container: Container | None = None

    def __enter__(self) -> "DockerEnvironment":
        self.container = self.client.containers.run(
            self.image, ["sleep", "infinity"], detach=True, working_dir=REPO_DIR,
            **container_options(self.limits, self.labels),
        )
        return self

    def __exit__(self, *exc: object) -> None:
        if self.container is not None:
            try:
                self.container.remove(force=True)
            except NotFound:
                pass
            self.container = None

    # ---- primitives --------------------------------------------------------------------------
    def execute(self, command: str, timeout_s: int = 120, workdir: str | None = None) -> CommandResult:
        assert self.container is not None, "use the environment as a context manager"
        started = time.monotonic()
        exit_code, output = self.container.exec_run(
            ["timeout", "--kill-after=5", str(timeout_s), "bash", "-c", command], workdir=workdir or REPO_DIR,
            demux=False,
        )
        text = (output or b"").decode("utf-8", errors="replace")
        timed_out = exit_code == 124 and time.monotonic() - started >= timeout_s - 1
        if timed_out:
            text += f"\n[the command was stopped after {timeout_s} s]"
        return CommandResult(exit_code if exit_code is not None else -1, text, timed_out)

    def read_bytes(self, path: str) -> bytes:
        assert self.container is not None
        stream, _ = self.container.get_archive(self._absolute(path))
        buffer = io.BytesIO(b"".join(stream))
        with tarfile.open(fileobj=buffer) as archive:
            member = archive.next()
            if member is None or not member.isfile():
                raise IsADirectoryError(path)
            extracted = archive.extractfile(member)
            return extracted.read() if extracted else b""

    def read_many(self, paths: list[str], max_bytes: int | None = None) -> dict[str, bytes]:
        """Several repository files in one tar round trip (thousands of `read_bytes` calls take minutes).

        Paths are relative to the repository; missing ones and, with `max_bytes`, larger ones are left out.
        """
        assert self.container is not None
        if not paths:
            return {}
        listing = "/tmp/swebench-mm-read-list"
        put_files(self.container, "/tmp", {Path(listing).name: "\n".join(paths) + "\n"})
        limit = max_bytes if max_bytes is not None else -1
        # stderr goes to /dev/null so stdout alone is the tar: the SDK's demux mode would cost 20 s per 30 MB.
        command = (f"{{ xargs -d '\\n' -r stat -c '%s %n' < {listing} "
                   f"| awk -v max={limit} 'max < 0 || $1 <= max {{ sub(/^[0-9]+ /, \"\"); print }}' "
                   "| tar -cf - --no-recursion --verbatim-files-from -T - ; } 2>/dev/null")
        _, stdout = self.container.exec_run(["bash", "-c", command], workdir=REPO_DIR)
        files: dict[str, bytes] = {}
        if not stdout:
            return files
        with tarfile.open(fileobj=io.BytesIO(stdout)) as archive:
            for member in archive:
                extracted = archive.extractfile(member) if member.isfile() else None
                if extracted is not None:
                    files[member.name] = extracted.read()
        return files

    def write_text(self, path: str, text: str) -> None:
        assert self.container is not None
        absolute = Path(self._absolute(path))
        self.execute(f"mkdir -p {shlex.quote(str(absolute.parent))}")
        put_files(self.container, str(absolute.parent), {absolute.name: text})

    def _absolute(self, path: str) -> str:
        return path if path.startswith("/") else f"{REPO_DIR}/{path}"

    def diff(self, extra_excludes: list[str] | None = None) -> str:
        """The change against the base commit, new files included, test files left out."""
        result = self.execute(diff_command(self.base_commit, extra_excludes))
        return result.output if result.exit_code == 0 else ""
