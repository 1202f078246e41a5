"""The tools a scaffold offers the model, each a spec plus a function over the environment.

Tools return an `Observation` (text and images). Images produced inside the container (view_image,
screenshot) are copied to the trajectory folder on the host, so the model, the trajectory and the
report all refer to the very same file.
"""

from __future__ import annotations

import itertools
import shlex
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from swebench_mm.agents.environment import Environment, truncate
from swebench_mm.agents.models.base import Image, ToolSpec

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp")
SCREENSHOT_DIR = "/tmp/swebench-mm-screenshots"
CHROMIUM = ("chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run "
            "--disable-background-networking --disable-component-update --hide-scrollbars")


@dataclass
class Observation:
    text: str
    images: list[Image] = field(default_factory=list)
    submitted_patch: str | None = None


class ToolError(Exception):
    """A tool was misused; the message goes back to the model so it can correct itself."""


@dataclass
class Toolbox:
    env: Environment
    image_dir: Path  # host folder for images the model is shown
    _counter: itertools.count = field(default_factory=lambda: itertools.count(1))

    # ---- file and shell tools --------------------------------------------------------------
    def bash(self, command: str, timeout: int = 120) -> Observation:
        result = self.env.execute(command, timeout_s=min(int(timeout), 900))
        return Observation(f"exit code {result.exit_code}\n{truncate(result.output)}")

    def view_file(self, path: str, start_line: int = 1, end_line: int | None = None) -> Observation:
        text = self._read_text(path)
        lines = text.splitlines()
        end = min(end_line or len(lines), len(lines), start_line + 499)
        numbered = "\n".join(f"{n:>5}  {lines[n - 1]}" for n in range(max(start_line, 1), end + 1))
        more = f"\n[{len(lines) - end} more lines; use start_line={end + 1}]" if end < len(lines) else ""
        return Observation(f"{path} ({len(lines)} lines)\n{numbered}{more}")

    def create_file(self, path: str, content: str) -> Observation:
        self.env.write_text(path, content)
        return Observation(f"wrote {path} ({content.count(chr(10)) + 1} lines)")

    def str_replace(self, path: str, old: str, new: str) -> Observation:
        text = self._read_text(path)
        count = text.count(old)
        if count != 1:
            raise ToolError(f"`old` occurs {count} times in {path}; it must occur exactly once (add context)")
        self.env.write_text(path, text.replace(old, new, 1))
        return Observation(f"replaced 1 occurrence in {path}")

    def insert(self, path: str, line: int, text: str) -> Observation:
        lines = self._read_text(path).splitlines(keepends=True)
        if not 0 <= line <= len(lines):
            raise ToolError(f"line must be between 0 and {len(lines)}")
        lines.insert(line, text if text.endswith("\n") else text + "\n")
        self.env.write_text(path, "".join(lines))
        return Observation(f"inserted {text.count(chr(10)) + 1} line(s) after line {line} of {path}")

    def search(self, pattern: str, path: str = ".") -> Observation:
        command = (f"grep -rnI --exclude-dir=node_modules --exclude-dir=.git -e {shlex.quote(pattern)} "
                   f"{shlex.quote(path)} | head -n 200")
        result = self.env.execute(command)
        return Observation(truncate(result.output) or "no matches")

    def find_files(self, pattern: str) -> Observation:
        result = self.env.execute(f"find . -path ./node_modules -prune -o -path ./.git -prune -o "
                                  f"-name {shlex.quote(pattern)} -print | head -n 200")
        return Observation(result.output or "no files")

    # ---- images ------------------------------------------------------------------------------
    def view_image(self, path: str) -> Observation:
        if not path.lower().endswith(IMAGE_SUFFIXES):
            raise ToolError(f"{path}: view_image shows {', '.join(IMAGE_SUFFIXES)} files; render SVG/HTML with screenshot")
        try:
            data = self.env.read_bytes(path)
        except Exception as exc:  # noqa: BLE001 — not found or a directory: tell the model
            raise ToolError(f"cannot read {path}: {exc}") from None
        local = self._save(data, Path(path).suffix.lower(), "view")
        return Observation(f"image {path} ({len(data)} bytes)", [Image(local, f"view_image {path}")])

    def screenshot(self, target: str, width: int = 800, height: int = 600) -> Observation:
        """Render a file in the repo (HTML/SVG), a URL served inside the container, or an HTML snippet."""
        if target.startswith(("http://", "https://", "file://")):
            url = target
        elif target.lstrip().startswith("<"):
            self.env.write_text("/tmp/swebench-mm-snippet.html", target)
            url = "file:///tmp/swebench-mm-snippet.html"
        else:
            absolute = target if target.startswith("/") else f"{self.env.repo_dir}/{target}"
            url = f"file://{absolute}"
        number = next(self._counter)
        out = f"{SCREENSHOT_DIR}/screenshot-{number}.png"
        result = self.env.execute(
            f"mkdir -p {SCREENSHOT_DIR} && {CHROMIUM} --user-data-dir=/tmp/swebench-mm-chromium "
            f"--window-size={int(width)},{int(height)} --screenshot={out} {shlex.quote(url)} 2>&1 | tail -n 5",
            timeout_s=90,
        )
        try:
            data = self.env.read_bytes(out)
        except Exception:  # noqa: BLE001
            raise ToolError(f"chromium produced no screenshot of {url}:\n{truncate(result.output, 2000)}") from None
        local = self._save(data, ".png", "screenshot")
        return Observation(f"screenshot of {url} at {width}x{height}, saved in the container as {out}",
                           [Image(local, f"screenshot {target[:80]}")])

    def submit(self) -> Observation:
        patch = self.env.diff()
        return Observation(f"submitted a patch of {patch.count(chr(10))} lines" if patch else "submitted an empty patch",
                           submitted_patch=patch)

    # ---- helpers -----------------------------------------------------------------------------
    def _read_text(self, path: str) -> str:
        try:
            return self.env.read_bytes(path).decode("utf-8", errors="replace")
        except Exception as exc:  # noqa: BLE001
            raise ToolError(f"cannot read {path}: {exc}") from None

    def _save(self, data: bytes, suffix: str, kind: str) -> Path:
        self.image_dir.mkdir(parents=True, exist_ok=True)
        path = self.image_dir / f"{kind}-{len(list(self.image_dir.iterdir())) + 1:03d}{suffix}"
        path.write_bytes(data)
        return path


def _schema(properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": required}


STR = {"type": "string"}
INT = {"type": "integer"}

TOOL_SPECS: list[ToolSpec] = [
    ToolSpec("bash", "Run a shell command in the repository (/testbed). No network. Output is truncated.",
             _schema({"command": STR, "timeout": {**INT, "description": "seconds, default 120"}}, ["command"])),
    ToolSpec("view_file", "Show a text file with line numbers (500 lines at a time).",
             _schema({"path": STR, "start_line": INT, "end_line": INT}, ["path"])),
    ToolSpec("create_file", "Create or overwrite a file with the given content.",
             _schema({"path": STR, "content": STR}, ["path", "content"])),
    ToolSpec("str_replace", "Replace the one occurrence of `old` in a file with `new`.",
             _schema({"path": STR, "old": STR, "new": STR}, ["path", "old", "new"])),
    ToolSpec("insert", "Insert text after the given line number (0 = at the top).",
             _schema({"path": STR, "line": INT, "text": STR}, ["path", "line", "text"])),
    ToolSpec("search", "Search file contents for a regular expression (grep -rn, node_modules excluded).",
             _schema({"pattern": STR, "path": STR}, ["pattern"])),
    ToolSpec("find_files", "Find files by name pattern, e.g. '*.css'.", _schema({"pattern": STR}, ["pattern"])),
    ToolSpec("view_image", "Look at an image file (png, jpg, gif, webp) from the container.",
             _schema({"path": STR}, ["path"])),
    ToolSpec("screenshot", "Render an HTML or SVG file of the repo, a URL served inside the container, or an "
                           "HTML snippet in headless Chromium and look at the result.",
             _schema({"target": STR, "width": INT, "height": INT}, ["target"])),
    ToolSpec("submit", "Finish: submit the changes made to the repository as the fix.", _schema({}, [])),
]


def checked_arguments(spec: ToolSpec, arguments: Any) -> dict[str, Any]:
    """The call's arguments checked against the tool's schema: known names, required ones present, the
    declared JSON types (an integer given as digits is taken). A ToolError says what is wrong, for the
    model to read: a model's malformed call must never end the instance."""
    if not isinstance(arguments, dict):
        raise ToolError(f"arguments of {spec.name} must be a JSON object, got {type(arguments).__name__}")
    properties = spec.parameters.get("properties", {})
    unknown = sorted(set(arguments) - set(properties))
    if unknown:
        raise ToolError(f"{spec.name} has no argument(s) {', '.join(unknown)} (it takes: {', '.join(properties) or 'none'})")
    missing = [name for name in spec.parameters.get("required", []) if arguments.get(name) is None]
    if missing:
        raise ToolError(f"{spec.name} needs {', '.join(missing)}")
    checked: dict[str, Any] = {}
    for name, value in arguments.items():
        kind = properties[name].get("type")
        if value is None:
            continue  # an optional argument given as null: the default
        if kind == "integer" and isinstance(value, str) and value.strip().lstrip("-").isdigit():
            value = int(value)
        if kind == "integer" and (not isinstance(value, int) or isinstance(value, bool)):
            raise ToolError(f"{spec.name}: {name} must be a whole number, got {value!r:.40}")
        if kind == "string" and not isinstance(value, str):
            raise ToolError(f"{spec.name}: {name} must be a string, got {type(value).__name__}")
        checked[name] = value
    return checked


def call_tool(toolbox: Toolbox, name: str, arguments: Any) -> Observation:
    spec = next((t for t in TOOL_SPECS if t.name == name), None)
    handler: Callable[..., Observation] | None = getattr(toolbox, name, None) if spec is not None else None
    if spec is None or handler is None:
        return Observation(f"unknown tool {name!r}; available: {', '.join(t.name for t in TOOL_SPECS)}")
    try:
        return handler(**checked_arguments(spec, arguments))
    except ToolError as exc:
        return Observation(f"error: {exc}")
    except (TypeError, ValueError, OverflowError, UnicodeError) as exc:
        return Observation(f"error: bad arguments for {name}: {exc}")
