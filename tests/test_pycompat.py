"""The env images' Python shim lets old node-gyp run on Python 3.11 (Debian bookworm's), and nothing else."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SHIM_DIR = Path(__file__).resolve().parent.parent / "swebench_mm" / "harness" / "dockerfiles"


def test_old_gyp_idioms_work_under_the_shim(tmp_path):
    (tmp_path / "binding.gyp").write_bytes(b"{'targets': []}\r\n")
    # What node-gyp 5's gyp does: open(path, 'rU') and collections.MutableSet.
    probe = ("import collections\nprint(repr(open('binding.gyp', 'rU').read()))\n"
             "print(collections.MutableSet.__name__)\nprint(open('binding.gyp', 'rb').read()[-2:])")
    env = {**os.environ, "PYTHONPATH": str(SHIM_DIR)}
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == ["\"{'targets': []}\\n\"", "MutableSet", "b'\\r\\n'"]
    without = subprocess.run([sys.executable, "-c", "open('binding.gyp', 'rU')"], cwd=tmp_path, capture_output=True,
                             text=True, env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"})
    assert sys.version_info < (3, 11) or without.returncode != 0  # the shim is what makes it work
