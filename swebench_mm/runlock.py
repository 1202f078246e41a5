"""One process per run folder: a second `evaluate` (or `run`, `validate`) of the same run id in the
same runs folder would remove the first one's live containers and overwrite its files."""

from __future__ import annotations

import fcntl
import json
import os
import socket
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from swebench_mm.errors import UserError

LOCK_NAME = ".lock"


@contextmanager
def run_lock(run_dir: Path, command: str) -> Iterator[None]:
    """Hold the run folder's lock for the block, or fail naming the process that holds it.

    An OS file lock (flock) rather than a marker file: it is released when its process dies, so a run
    killed outright never leaves a stale lock behind."""
    run_dir.mkdir(parents=True, exist_ok=True)
    path = run_dir / LOCK_NAME
    handle = open(path, "a+", encoding="utf-8")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            try:
                holder = json.loads(handle.read() or "{}")
            except json.JSONDecodeError:
                holder = {}
            since = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(holder.get("since", 0))) if holder else "?"
            raise UserError(
                f"{run_dir} is in use by `{holder.get('command', '?')}` (pid {holder.get('pid', '?')} on "
                f"{holder.get('host', '?')}, since {since}): wait for it to finish, or use another --run-id"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "command": command,
                                 "since": int(time.time())}))
        handle.flush()
        yield
    finally:
        handle.close()
