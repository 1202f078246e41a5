"""OpenLayers: one log, up to three runners, each with its own output (fail-only).

As in the official evaluation, an instance runs the suites whose folders its test patch touches, one
npm script each, in one log (openlayers/openlayers spec: `test_file_commands`):
- `test-browser` / `karma`: karma in Chromium; failures are karma's FAILED lines, the name stripped
  (`ol.layer.Heatmap constructor has a default className`): karma_failures.
- `test-node`: mocha in Node with the spec reporter; failures are the entries of mocha's failure list,
  titles joined by spaces with the final colon (`ol/extent.js #applyTransform() returns empty for
  empty extents:`): openlayers_node.
- `test-rendering`: the screenshot comparisons (`./cases/icon-opacity/main.js'`): openlayers_rendering.

These are the names of SWE-bench Multimodal's FAIL_TO_PASS lists, which its one parser for the
repository reads from all three formats at once. Here npm's banner of each script (`> ol@7.0.0
test-node`) starts that runner's part of the log, and each part is read by its runner's parser only
(nested scripts such as `karma` under `test-browser`, or `build-full` before the rendering tests, stay
in the part they belong to). Passing tests are never named by karma or mocha; the rendering runner
names them too (PASSED), which fail-only grading treats the same as absent.

`completed`: every part reached its runner's end (karma's totals, mocha's `N passing`, the rendering
runner's end, see each module), so a crash of any of the runners leaves the log not complete. A log
with no banner of these scripts (`npm run test` before 6.5.1, or an official log cut differently) is
read whole by all three, complete as karma_failures says.
"""

from __future__ import annotations

import re
from typing import Callable

from swebench_mm.harness.parsers import base as p
from swebench_mm.harness.parsers import karma_failures, openlayers_node, openlayers_rendering

# npm's banner of a script: `> ol@7.0.0 test-node` (npm 7+), `> ol@6.1.0 karma /testbed` (npm 6).
SCRIPT_BANNER = re.compile(r"^> (?:@[^\s/]+/)?[^\s@]+@\S+ (?P<script>[\w:.-]+)(?:\s|$)")
RUNNERS: dict[str, Callable[[str], p.TestLog]] = {
    "karma": karma_failures.parse,
    "mocha": openlayers_node.parse,
    "rendering": openlayers_rendering.parse,
}
SCRIPT_RUNNER = {"test-browser": "karma", "karma": "karma", "test-node": "mocha", "test-rendering": "rendering"}


def _parts(log: str) -> list[tuple[str, str]]:
    """(runner, text) for each script's part of the log, in order; consecutive banners of one runner
    (`test-browser`, then the `karma` it calls) are one part."""
    parts: list[tuple[str, list[str]]] = []
    for line in p.strip_ansi(log).splitlines():
        banner = SCRIPT_BANNER.match(line)
        runner = SCRIPT_RUNNER.get(banner["script"]) if banner else None
        if runner is not None and not (parts and parts[-1][0] == runner):
            parts.append((runner, []))
        elif parts:
            parts[-1][1].append(line)
    return [(runner, "\n".join(lines)) for runner, lines in parts]


def parse(log: str) -> p.TestLog:
    result = p.TestLog()
    parts = _parts(log)
    if not parts:
        for runner in ("mocha", "rendering", "karma"):
            part = RUNNERS[runner](log)
            for name, status in part.statuses.items():
                result.record(name, status)
            result.completed = part.completed
        return result
    completed = True
    for runner, text in parts:
        part = RUNNERS[runner](text)
        for name, status in part.statuses.items():
            result.record(name, status)
        completed = completed and part.completed
    result.completed = completed
    return result
