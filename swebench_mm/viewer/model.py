"""What the viewer's pages show, built from runs as plain data: no Flask, no HTTP, testable on a folder.

Facts come from the project's own readers: `reports.load` reads a run (its verdicts, patches, log tails,
agent summaries, trajectory files), `reports.summary` decides an instance's repository and whether its
image is needed, `html_report.diff_line_kind` colours a diff. This module only arranges them for pages,
and decides one thing of its own: which image files a page may show (`resolve_image`).

Everything here is data; escaping is the templates' job (Jinja2 autoescaping), so no value built here is
ever marked safe.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from swebench_mm.instances import TaskInstance
from swebench_mm.reports.html_report import diff_line_kind
from swebench_mm.reports.load import InstanceResult, RunData, load_run
from swebench_mm.reports.summary import exit_kind, image_needed_of, repo_of
from swebench_mm.errors import UserError

IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
               ".webp": "image/webp"}
STATUS_LABELS = {"missing": "not evaluated"}
# An observation or message longer than this is shown cut, with the count of characters left out.
MAX_TEXT_CHARS = 60_000
SNIPPET_CHARS = 70
RUNNING = "running"  # the exit status a trajectory has while its agent works (or after it was killed)


# ---- runs ------------------------------------------------------------------------------------------
def is_run_folder(path: Path) -> bool:
    """A folder `swebench-mm evaluate` or `run` wrote: a report.json, or `<model>/<instance_id>/` folders
    holding a trajectory or a prediction."""
    if not path.is_dir():
        return False
    if (path / "report.json").is_file():
        return True
    for model_dir in (p for p in path.iterdir() if p.is_dir()):
        for instance_dir in (p for p in model_dir.iterdir() if p.is_dir()):
            if (instance_dir / "trajectory.json").is_file() or (instance_dir / "prediction.json").is_file():
                return True
    return False


def discover_runs(runs_dir: Path) -> list[str]:
    """Every run folder directly under `runs_dir`, by name."""
    if not runs_dir.is_dir():
        raise UserError(f"{runs_dir}: no such runs folder (give run folders or ids, or --runs-dir)")
    return [str(p) for p in sorted(runs_dir.iterdir()) if is_run_folder(p)]


def load_runs(references: list[str], runs_dir: Path) -> list[RunData]:
    """The runs named (folders, ids under `runs_dir`, SWE-bench report files), or all under `runs_dir`;
    runs an agent is still writing (no report.json yet) included. Same names get their folder added."""
    references = references or discover_runs(runs_dir)
    if not references:
        raise UserError(f"{runs_dir}: no runs in it (swebench-mm run / evaluate write them)")
    runs = [load_run(reference, runs_dir, unevaluated=True) for reference in references]
    names = [run.name for run in runs]
    for run in runs:
        if names.count(run.name) > 1:
            run.name = f"{run.name} ({run.source})"
    return runs


# ---- the instance list -----------------------------------------------------------------------------
def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


@dataclass(frozen=True)
class Row:
    """One run's attempt at one instance, as the list shows it."""

    run: int
    run_name: str
    instance_id: str
    repo: str
    image_needed: str  # yes | no | unknown
    status: str  # resolved | unresolved | error | not evaluated
    failure_category: str | None
    agent_exit: str | None  # how the agent ended (exit_kind), "running" while a trajectory has no prediction yet
    steps: int | None
    cost: float | None
    has_trajectory: bool
    in_runs: int  # how many of the runs have this instance (a side-by-side needs two)


def _agent_exit(result: InstanceResult) -> str | None:
    if result.agent:
        return exit_kind(result.agent.get("exit_status"))
    return RUNNING if result.trajectory_file is not None else None


def instance_rows(runs: list[RunData], instances: Mapping[str, TaskInstance]) -> list[Row]:
    counts: dict[str, int] = {}
    for run in runs:
        for instance_id in run.results:
            counts[instance_id] = counts.get(instance_id, 0) + 1
    rows = []
    for index, run in enumerate(runs):
        for instance_id in run.submitted:
            result = run.results.get(instance_id)
            if result is None:
                continue
            agent = result.agent or {}
            rows.append(Row(
                run=index, run_name=run.name, instance_id=instance_id, repo=repo_of(instance_id, dict(instances)),
                image_needed=image_needed_of(instances.get(instance_id)), status=status_label(result.status),
                failure_category=result.failure_category, agent_exit=_agent_exit(result),
                steps=agent.get("steps"), cost=agent.get("cost"), has_trajectory=result.trajectory_file is not None,
                in_runs=counts[instance_id],
            ))
    rows.sort(key=lambda r: (r.instance_id, r.run))
    return rows


@dataclass(frozen=True)
class Filters:
    """The list's filters, from the page's query string; an empty value filters nothing."""

    run: str = ""  # a run's index
    status: str = ""
    category: str = ""
    repo: str = ""
    image_needed: str = ""
    q: str = ""  # text searched in the trajectories

    @property
    def active(self) -> bool:
        return any((self.run, self.status, self.category, self.repo, self.image_needed, self.q))


def parse_filters(args: Mapping[str, str]) -> Filters:
    return Filters(**{name: str(args.get(name, "") or "").strip()[:500] for name in Filters.__dataclass_fields__})


@dataclass(frozen=True)
class Hit:
    """Where the searched text occurs in a trajectory: the text around the first occurrence."""

    before: str
    match: str
    after: str
    count: int


def search_hit(text: str, query: str, width: int = SNIPPET_CHARS) -> Hit | None:
    """The first case-insensitive occurrence of `query` in `text`, with `width` characters either side."""
    if not query:
        return None
    pattern = re.compile(re.escape(query), re.IGNORECASE)
    found = pattern.search(text)
    if found is None:
        return None
    at, end = found.span()
    return Hit(("…" if at > width else "") + text[max(0, at - width):at], text[at:end],
               text[end:end + width] + ("…" if end + width < len(text) else ""), len(pattern.findall(text)))


def may_contain(raw: bytes, query: str) -> bool:
    """False only when `query` cannot occur in the `trajectory_text` of the trajectory.json whose bytes are
    `raw`: a word of it that JSON writes verbatim (ASCII, printable, no quote or backslash) is not in the
    file, case aside. A quick test before parsing a file, not a match: True means "parse and look"."""
    words = [w for w in query.split() if w.isascii() and w.isprintable() and '"' not in w and "\\" not in w]
    if not words:
        return True
    lowered = raw.lower()  # bytes: ASCII letters only, as the words are
    return all(word.lower().encode("ascii") in lowered for word in words)


def filter_rows(rows: Iterable[Row], filters: Filters,
                trajectory_text: Callable[[Row], str | None]) -> list[tuple[Row, Hit | None]]:
    """Rows that pass every filter; with a search, only rows whose trajectory holds the text, with the hit.

    `trajectory_text(row)` returns the row's searchable trajectory text, or None when it has none; it is
    only called for rows that pass the other filters."""
    chosen = []
    for row in rows:
        if filters.run and filters.run != str(row.run):
            continue
        if filters.status and filters.status != row.status:
            continue
        if filters.category and filters.category != (row.failure_category or "none"):
            continue
        if filters.repo and filters.repo != row.repo:
            continue
        if filters.image_needed and filters.image_needed != row.image_needed:
            continue
        hit = None
        if filters.q:
            text = trajectory_text(row) if row.has_trajectory else None
            hit = search_hit(text or "", filters.q)
            if hit is None:
                continue
        chosen.append((row, hit))
    return chosen


@dataclass(frozen=True)
class Facets:
    """The values each filter can take, for the page's drop-downs."""

    runs: list[tuple[str, str]]  # (index, name)
    statuses: list[str]
    categories: list[str]
    repos: list[str]
    image_needed: list[str]


def facets(runs: list[RunData], rows: list[Row]) -> Facets:
    return Facets(
        runs=[(str(n), run.name) for n, run in enumerate(runs)],
        statuses=sorted({r.status for r in rows}),
        categories=sorted({r.failure_category or "none" for r in rows}),
        repos=sorted({r.repo for r in rows}),
        image_needed=sorted({r.image_needed for r in rows}),
    )


@dataclass(frozen=True)
class RunHeader:
    index: int
    name: str
    model: str
    source: str
    submitted: int
    evaluated: int
    resolved: int
    total: int


def run_headers(runs: list[RunData]) -> list[RunHeader]:
    headers = []
    for index, run in enumerate(runs):
        results = [run.results[i] for i in run.submitted if i in run.results]
        headers.append(RunHeader(index, run.name, run.model, str(run.source), len(results),
                                 sum(r.status != "missing" for r in results), sum(r.resolved for r in results),
                                 run.total_instances))
    return headers


# ---- trajectories ----------------------------------------------------------------------------------
def _text(value: Any) -> str:
    return value if isinstance(value, str) else "" if value is None else json.dumps(value, ensure_ascii=False)


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _arguments(arguments: Any) -> str:
    return json.dumps(arguments, ensure_ascii=False, indent=2) if not isinstance(arguments, str) else arguments


def trajectory_text(trajectory: Mapping[str, Any]) -> str:
    """Everything a person may search for in a trajectory: the prompt, thoughts, tool calls, observations."""
    parts: list[str] = []
    for message in _list(trajectory.get("initial_messages")):
        parts.append(_text(_dict(message).get("text")))
    for step in _list(trajectory.get("steps")):
        step = _dict(step)
        parts.append(_text(step.get("thought")))
        for call in _list(step.get("tool_calls")):
            call = _dict(call)
            parts.append(f"{_text(call.get('name'))} {_arguments(call.get('arguments'))}")
        for observation in _list(step.get("observations")):
            parts.append(_text(_dict(observation).get("text")))
    return "\n".join(p for p in parts if p)


@dataclass(frozen=True)
class TextView:
    text: str
    cut: int  # characters left out at the end

    @staticmethod
    def of(value: Any, limit: int = MAX_TEXT_CHARS) -> "TextView":
        text = _text(value)
        return TextView(text[:limit], max(0, len(text) - limit))


@dataclass(frozen=True)
class ImageRef:
    """An image of a trajectory, by the path it records (relative to the instance folder, or absolute)."""

    path: str
    label: str


def _images(record: Mapping[str, Any]) -> list[ImageRef]:
    return [ImageRef(_text(_dict(i).get("path")), _text(_dict(i).get("label"))) for i in _list(record.get("images"))
            if _dict(i).get("path")]


@dataclass(frozen=True)
class MessageView:
    """A prompt message (`who` is its role) or a tool's observation (`who` is the tool)."""

    who: str
    text: TextView
    images: list[ImageRef]


@dataclass(frozen=True)
class CallView:
    name: str
    arguments: str


@dataclass(frozen=True)
class StepView:
    number: int
    time: Any
    thought: TextView
    calls: list[CallView]
    observations: list[MessageView]
    cost: float | None
    input_tokens: Any
    output_tokens: Any
    latency_s: Any


@dataclass(frozen=True)
class TrajectoryView:
    scaffold: str
    model: str
    exit_status: str
    running: bool  # still being written, or its agent was killed: the steps so far
    input_tokens: Any
    output_tokens: Any
    cost: float | None
    wall_time_s: Any
    prompt: list[MessageView]
    steps: list[StepView]


def trajectory_view(trajectory: Mapping[str, Any]) -> TrajectoryView:
    """A trajectory.json as the page steps through it; fields missing or of the wrong type show as empty."""
    steps = []
    for number, step in enumerate(_list(trajectory.get("steps")), start=1):
        step = _dict(step)
        usage = _dict(step.get("usage"))
        steps.append(StepView(
            number=step.get("step") if isinstance(step.get("step"), int) else number,
            time=step.get("time"), thought=TextView.of(step.get("thought")),
            calls=[CallView(_text(_dict(c).get("name")), _arguments(_dict(c).get("arguments", {})))
                   for c in _list(step.get("tool_calls"))],
            observations=[MessageView(_text(_dict(o).get("name")), TextView.of(_dict(o).get("text")), _images(_dict(o)))
                          for o in _list(step.get("observations"))],
            cost=step.get("cost") if isinstance(step.get("cost"), (int, float)) else None,
            input_tokens=usage.get("input_tokens"), output_tokens=usage.get("output_tokens"),
            latency_s=step.get("latency_s"),
        ))
    exit_status = _text(trajectory.get("exit_status")) or RUNNING
    cost = trajectory.get("cost")
    return TrajectoryView(
        scaffold=_text(trajectory.get("scaffold")), model=_text(trajectory.get("model")), exit_status=exit_status,
        running=exit_status == RUNNING, input_tokens=trajectory.get("input_tokens"),
        output_tokens=trajectory.get("output_tokens"), cost=cost if isinstance(cost, (int, float)) else None,
        wall_time_s=trajectory.get("wall_time_s"),
        prompt=[MessageView(_text(_dict(m).get("role")), TextView.of(_dict(m).get("text")), _images(_dict(m)))
                for m in _list(trajectory.get("initial_messages"))],
        steps=steps,
    )


# ---- one run's result on one instance --------------------------------------------------------------
def diff_lines(patch: str | None) -> list[tuple[str, str]]:
    """(kind, line) for each line of a unified diff; kind is add, del, hunk or ''."""
    return [(diff_line_kind(line), line) for line in (patch or "").splitlines()]


@dataclass(frozen=True)
class TestsView:
    key: str  # FAIL_TO_PASS | PASS_TO_PASS
    passed: int
    total: int
    failed: list[str]


def tests_view(tests_status: Mapping[str, Any] | None) -> list[TestsView]:
    views = []
    for key in ("FAIL_TO_PASS", "PASS_TO_PASS"):
        bucket = _dict(_dict(tests_status).get(key))
        success, failure = _list(bucket.get("success")), _list(bucket.get("failure"))
        if success or failure:
            views.append(TestsView(key, len(success), len(success) + len(failure), [_text(f) for f in failure[:50]]))
    return views


@dataclass(frozen=True)
class ResultView:
    run: int
    run_name: str
    model: str
    instance_id: str
    status: str
    failure_category: str | None
    apply_method: str | None
    tests: list[TestsView]
    patch: list[tuple[str, str]] | None  # None: no patch file
    log_tail: str | None
    agent: dict[str, Any]
    trajectory: TrajectoryView | None
    trajectory_problem: str | None  # why a trajectory file could not be read


def result_view(index: int, run: RunData, instance_id: str) -> ResultView | None:
    result = run.results.get(instance_id)
    if result is None:
        return None
    trajectory, problem = None, None
    try:
        data = result.trajectory
        trajectory = trajectory_view(data) if isinstance(data, dict) else None
    except UserError as exc:
        problem = str(exc)
    return ResultView(
        run=index, run_name=run.name, model=run.model, instance_id=instance_id, status=status_label(result.status),
        failure_category=result.failure_category, apply_method=result.apply_method,
        tests=tests_view(result.tests_status),
        patch=diff_lines(result.patch) if result.patch is not None else None, log_tail=result.log_tail,
        agent=dict(result.agent or {}), trajectory=trajectory, trajectory_problem=problem,
    )


@dataclass(frozen=True)
class IssueView:
    repo: str
    problem_statement: str
    image_needed: str
    image_note: str
    image_count: int  # served by position: /issue-image/<id>/<n>
    problems: list[str] = field(default_factory=list)


def issue_view(instance: TaskInstance | None, image_paths: list[Path], problems: list[str]) -> IssueView | None:
    if instance is None:
        return None
    return IssueView(instance.repo, instance.problem_statement, image_needed_of(instance),
                     _text(instance.extra.get("image_note")), len(image_paths), list(problems))


def runs_with(runs: list[RunData], instance_id: str) -> list[int]:
    """Indexes of the runs that have this instance."""
    return [n for n, run in enumerate(runs) if instance_id in run.results]


def compare_pair(runs: list[RunData], instance_id: str, a: str | None, b: str | None) -> tuple[int, int] | None:
    """The two runs to show side by side: the ones asked for when both have the instance, else the first two
    that do; None when fewer than two runs have it."""
    having = runs_with(runs, instance_id)
    if len(having) < 2:
        return None
    wanted = [int(v) for v in (a, b) if v is not None and v.isdigit() and int(v) in having]
    first = wanted[0] if wanted else having[0]
    second = wanted[1] if len(wanted) > 1 and wanted[1] != first else next(n for n in having if n != first)
    return first, second


# ---- images ----------------------------------------------------------------------------------------
def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False


def resolve_image(reference: str, instance_folder: Path, roots: Iterable[Path], files: Iterable[Path] = ()) -> Path | None:
    """The image file a trajectory's path refers to, or None when a page may not show it.

    A page may show an image file (png, jpeg, gif, webp by name) that lies, after `..` and symbolic links are
    resolved, under one of `roots` (the run's folder, the issue-image cache) or is one of `files` (the
    instance's own issue images). Anything else — `../` out of the run, an absolute path elsewhere, a link
    pointing out, a file that is not an image — is refused."""
    if not reference or "\x00" in reference:
        return None
    try:
        path = (instance_folder / reference).resolve()
    except (OSError, RuntimeError, ValueError):
        return None
    if path.suffix.lower() not in IMAGE_TYPES or not path.is_file():
        return None
    allowed_files = {Path(f).resolve() for f in files}
    if path in allowed_files or any(_inside(path, Path(root).resolve()) for root in roots):
        return path
    return None
