"""An `Environment` on a plain directory of this machine: the tools' own tests run on it without Docker.

Paths behave as in the container: relative ones are inside the repository, and `/testbed/...` names the
repository too, so a tool written against the container works unchanged. Not a sandbox: commands run
on this machine, so it is for tests and trusted scripts only.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from swebench_mm.agents.environment import REPO_DIR, CommandResult, diff_command


class LocalEnvironment:
    def __init__(self, directory: Path, base_commit: str) -> None:
        self.directory = Path(directory).resolve()
        self.repo_dir = str(self.directory)
        self.base_commit = base_commit

    def _path(self, path: str) -> Path:
        if path == REPO_DIR or path.startswith(REPO_DIR + "/"):
            return self.directory / path[len(REPO_DIR):].lstrip("/")
        return Path(path) if path.startswith("/") else self.directory / path

    def execute(self, command: str, timeout_s: int = 120, workdir: str | None = None) -> CommandResult:
        started = time.monotonic()
        result = subprocess.run(["timeout", "--kill-after=5", str(timeout_s), "bash", "-c", command],
                                cwd=self._path(workdir) if workdir else self.directory,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        text = result.stdout.decode("utf-8", errors="replace")
        timed_out = result.returncode == 124 and time.monotonic() - started >= timeout_s - 1
        if timed_out:
            text += f"\n[the command was stopped after {timeout_s} s]"
        return CommandResult(result.returncode, text, timed_out)

    def read_bytes(self, path: str) -> bytes:
        target = self._path(path)
        if target.is_dir():
            raise IsADirectoryError(path)
        return target.read_bytes()

    def read_many(self, paths: list[str], max_bytes: int | None = None) -> dict[str, bytes]:
        files: dict[str, bytes] = {}
        for path in paths:
            target = self._path(path)
            if target.is_file() and (max_bytes is None or target.stat().st_size <= max_bytes):
                files[path] = target.read_bytes()
        return files

    def write_text(self, path: str, text: str) -> None:
        target = self._path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def diff(self, extra_excludes: list[str] | None = None) -> str:
        result = self.execute(diff_command(self.base_commit, extra_excludes))
        return result.output if result.exit_code == 0 else ""
