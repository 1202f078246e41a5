"""swebench-mm, in env images only: let the build tools of old repositories run on Debian's Python 3.11.

Old node-gyp (before 6) opens files with mode 'rU' and imports ABCs from `collections`, both removed from
Python 3; the official images pinned an older Python instead, which Debian bookworm does not have.
Nothing else changes: a mode without 'U' and names `collections` still has are left alone.
"""

import builtins
import collections
import collections.abc

_open = builtins.open


def _open_without_universal_newlines(file, mode="r", *args, **kwargs):
    if isinstance(mode, str) and "U" in mode:
        mode = mode.replace("U", "") or "r"
    return _open(file, mode, *args, **kwargs)


builtins.open = _open_without_universal_newlines
for _name in ("Mapping", "MutableMapping", "MutableSet", "Sequence", "Iterable", "Callable", "Set"):
    if not hasattr(collections, _name):
        setattr(collections, _name, getattr(collections.abc, _name))
