"""Does our grading agree with the official SWE-bench grader? Re-grade saved run logs and list every disagreement.

swebench-mm parses and grades test logs with its own code. This script takes the logs a run already saved
(`runs/<run_id>/<model>/<instance_id>/test_output.txt`), hands them to the official `swebench` package
(PyPI, 5.x) — its log parser for the instance and its grading functions — and compares the official
verdict with ours, instance by instance. It is a measurement: nothing is re-run in Docker.

    .venv/bin/python benchmarks/official_agreement.py --instances /work/shared/swebench-m-dev/instances.jsonl \\
        runs/marked-gold runs/marked-empty [--json agreement.json] [--venv DIR] [--all]

    --instances FILE   the task instances (JSONL, or a JSON list): FAIL_TO_PASS / PASS_TO_PASS (JSON strings
                       or lists), repo, version, and where present eval_type and log_parser
    RUN_DIR ...        runs/<run_id> folders; every <model>/<instance_id>/report.json inside is compared
    --json FILE        also write the table and the summary as JSON
    --all              print every instance in the table (default: only disagreements and the ones that
                       could not be compared; the JSON always has all)
    --venv DIR         the virtualenv holding the official package (default: $SWEBENCH_MM_CACHE/swebench-venv,
                       i.e. ~/.cache/swebench-mm/swebench-venv); created once with `pip install 'swebench>=5,<6'`

Exit status: 0 whenever the comparison ran (disagreements are results, not errors); 2 on bad input, with one
line naming the file; 1 when the official package could not be installed or run.

Why a separate virtualenv: the official package must never become a dependency of swebench-mm (it pulls
docker, datasets, modal, ...). This file therefore runs in two roles. Run normally, it reads the runs and
prints the comparison; run by the venv's Python with `--official-worker`, it imports `swebench` and grades
what it receives as JSON on stdin. Only the standard library is imported at module level so that both
interpreters can load it.

How the official side grades (swebench 5.x): the log parser is `PARSER_REGISTRY[instance["log_parser"]]`,
as `make_test_spec` takes it from the instance; an instance without a known `log_parser` falls back to
the package's repository map (`MAP_REPO_TO_PARSER_JS`). `eval_type` is the instance's, or `fail_only` for
repositories in `FAIL_ONLY_REPOS`. The log is rebuilt in the shape the official eval script writes:
what came before our start marker, the official `>>>>> Start Test Output` line, our test section, the
official `>>>>> End Test Output` line (only if our run reached its end marker) and `>>>>> Test Exit Code: N`.
Then `grading.get_eval_report` (which calls `get_logs_eval`, `get_eval_tests_report` and
`get_resolution_status`) decides. Three outcomes are decided by the official *harness* before grading,
and are applied here from our report: an empty patch is never run (unresolved), a patch that does not
apply and a test run that times out are errors (unresolved). The grader's opinion of such logs is still
shown.
"""

from __future__ import annotations

import argparse
import dataclasses
import fcntl
import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SWEBENCH_REQUIREMENT = "swebench>=5,<6"
WORKER_FLAG = "--official-worker"
VENV_STAMP = ".swebench-mm-installed"
KINDS = ("FAIL_TO_PASS", "PASS_TO_PASS")

# Our eval.sh markers. They may soon carry a per-evaluation nonce after the fixed text, so the text is a
# prefix: the exact suffix is read from eval.sh when it is a literal, otherwise anything on the line goes.
START_MARKER = ">>>>> Start Test Output"
END_MARKER = ">>>>> End Test Output"
EXIT_CODE_ON_END_LINE = re.compile(r"\(exit code (-?\d+)\)")


class BadInput(Exception):
    """Input the user has to fix; the message names the file (printed as one line, exit status 2)."""


class OfficialUnavailable(Exception):
    """The official package could not be installed or run (exit status 1)."""


# ---------------------------------------------------------------------------------------------------------
# Inputs: instances and run folders
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Instance:
    instance_id: str
    repo: str
    version: str
    fail_to_pass: list[str]
    pass_to_pass: list[str]
    eval_type: str | None
    log_parser: str | None


def _test_list(value: Any, where: str, name: str) -> list[str]:
    """FAIL_TO_PASS / PASS_TO_PASS arrive as JSON strings (hub format) or as lists (local files)."""
    if isinstance(value, str):
        try:
            value = json.loads(value) if value.strip() else []
        except json.JSONDecodeError as exc:
            raise BadInput(f"{where}: {name} is a string but not JSON ({exc.msg})") from None
    if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
        raise BadInput(f"{where}: {name} must be a list of test names")
    return value


def _instance_from(row: Any, where: str) -> Instance:
    if not isinstance(row, dict):
        raise BadInput(f"{where}: expected a JSON object")
    for key in ("instance_id", "repo", "FAIL_TO_PASS", "PASS_TO_PASS"):
        if key not in row:
            raise BadInput(f"{where}: missing field {key!r}")
    return Instance(
        instance_id=str(row["instance_id"]),
        repo=str(row["repo"]),
        version=str(row.get("version") or ""),
        fail_to_pass=_test_list(row["FAIL_TO_PASS"], where, "FAIL_TO_PASS"),
        pass_to_pass=_test_list(row["PASS_TO_PASS"], where, "PASS_TO_PASS"),
        eval_type=row.get("eval_type") or None,
        log_parser=row.get("log_parser") or None,
    )


def load_instances(path: Path) -> dict[str, Instance]:
    """Instances by id from a JSONL file (or a JSON list); any defect is a BadInput naming file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise BadInput(f"{path}: cannot read the instances file ({exc.strerror or exc})") from None
    if text.lstrip().startswith("["):
        try:
            rows = [(f"{path}", row) for row in json.loads(text)]
        except json.JSONDecodeError as exc:
            raise BadInput(f"{path}: not valid JSON ({exc.msg}, line {exc.lineno})") from None
    else:
        rows = []
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                rows.append((f"{path}:{number}", json.loads(line)))
            except json.JSONDecodeError as exc:
                raise BadInput(f"{path}:{number}: not valid JSON ({exc.msg})") from None
    instances = {}
    for where, row in rows:
        instance = _instance_from(row, where)
        instances[instance.instance_id] = instance
    if not instances:
        raise BadInput(f"{path}: no instances in the file")
    return instances


@dataclass
class Evaluation:
    """One saved evaluation: runs/<run_id>/<model>/<instance_id>/."""

    run: str
    model: str
    instance_id: str
    folder: Path
    report: dict[str, Any]
    log: str | None
    eval_sh: str
    patch: str

    @property
    def key(self) -> str:
        return f"{self.run}/{self.model}/{self.instance_id}"


def _read_text(path: Path) -> str | None:
    """A file's text, undecodable bytes replaced (logs are whatever the tests printed); None if absent."""
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return None


def load_run(run_dir: Path) -> list[Evaluation]:
    """Every <model>/<instance_id>/report.json under a run folder, with its log, script and patch."""
    if not run_dir.is_dir():
        raise BadInput(f"{run_dir}: not a directory (expected runs/<run_id>)")
    evaluations = []
    for report_path in sorted(run_dir.glob("*/*/report.json")):
        try:
            report = json.loads(report_path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise BadInput(f"{report_path}: unreadable report ({exc})") from None
        if not isinstance(report, dict) or "status" not in report:
            raise BadInput(f"{report_path}: not a per-instance report (no 'status')")
        folder = report_path.parent
        evaluations.append(Evaluation(
            run=run_dir.name, model=folder.parent.name, instance_id=str(report.get("instance_id") or folder.name),
            folder=folder, report=report, log=_read_text(folder / "test_output.txt"),
            eval_sh=_read_text(folder / "eval.sh") or "", patch=_read_text(folder / "patch.diff") or "",
        ))
    if not evaluations:
        raise BadInput(f"{run_dir}: no <model>/<instance_id>/report.json inside (expected runs/<run_id>)")
    return evaluations


# ---------------------------------------------------------------------------------------------------------
# Our log → the parts the official grader needs
# ---------------------------------------------------------------------------------------------------------


@dataclass
class LogParts:
    """Our test_output.txt split at our markers: enough to rebuild it with the official markers."""

    before: str
    section: str | None  # None: the start marker never printed (patch or test patch did not apply)
    end_seen: bool
    exit_code: int | None

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def marker_pattern(marker: str, eval_sh: str) -> re.Pattern[str]:
    """The marker line as printed by this evaluation's eval.sh.

    When eval.sh echoes the marker followed by a literal suffix (a nonce), only that exact text counts, so a
    test printing the bare marker cannot fake it. Otherwise (today's markers, or a suffix built from shell
    variables) the fixed text followed by anything up to the end of the line is the marker.
    """
    literal = re.search(r"^[ \t]*(?:echo|printf)\b[^\n]*?" + re.escape(marker) + r"([^'\"$(\n]*)", eval_sh, re.M)
    suffix = literal.group(1).rstrip() if literal else ""
    return re.compile(re.escape(marker + suffix) + r"[^\n]*\n?")


def split_log(log: str, eval_sh: str, reported_exit_code: int | None) -> LogParts:
    """Cut our log at the start and end markers (first of each, as our harness reads it)."""
    start = marker_pattern(START_MARKER, eval_sh).search(log)
    if start is None:
        return LogParts(before=log, section=None, end_seen=False, exit_code=reported_exit_code)
    end = marker_pattern(END_MARKER, eval_sh).search(log, start.end())
    if end is None:
        return LogParts(log[:start.start()], log[start.end():], False, reported_exit_code)
    on_line = EXIT_CODE_ON_END_LINE.search(end.group(0))
    exit_code = reported_exit_code if reported_exit_code is not None else (int(on_line.group(1)) if on_line else None)
    return LogParts(log[:start.start()], log[start.end():end.start()], True, exit_code)


def harness_decision(evaluation: Evaluation) -> tuple[str, str] | None:
    """What the official harness decides before grading, from our record of the same evaluation: (short, why).

    run_evaluation skips empty predictions, and reports an error (no report.json, so unresolved) when no
    `git apply` variant takes the patch or when the tests time out.
    """
    category = evaluation.report.get("failure_category")
    if evaluation.report.get("patch_is_empty") or not evaluation.patch.strip():
        return "empty patch", "empty patch: the official harness does not run it"
    if category == "patch_failed":
        return "patch failed", "patch did not apply: the official harness stops with an error"
    if category == "test_timeout":
        return "timeout", "tests timed out: the official harness stops with an error"
    return None


# ---------------------------------------------------------------------------------------------------------
# The comparison (pure)
# ---------------------------------------------------------------------------------------------------------


@dataclass
class Verdict:
    """One grader's view of one evaluation: resolved or not, and which listed tests it counted as passing.

    `resolved` is None when this grader gave no verdict (no log to grade); `tests` is empty when it
    produced no per-test results (e.g. the log was not gradable), so no test can be said to differ.
    """

    resolved: bool | None
    label: str
    tests: dict[str, dict[str, bool]] = field(default_factory=dict)

    @staticmethod
    def tests_from_status(tests_status: dict[str, Any] | None) -> dict[str, dict[str, bool]]:
        """SWE-bench's {"FAIL_TO_PASS": {"success": [...], "failure": [...]}, ...} → {kind: {test: passed}}."""
        result: dict[str, dict[str, bool]] = {}
        for kind in KINDS:
            lists = (tests_status or {}).get(kind) or {}
            if not lists:
                continue
            result[kind] = {**{name: True for name in lists.get("success", [])},
                            **{name: False for name in lists.get("failure", [])}}
        return result


@dataclass
class TestDiff:
    kind: str
    test: str
    ours_passed: bool
    official_passed: bool
    official_status: str | None = None  # the official parser's status for the test, None if absent


@dataclass
class Comparison:
    agree: bool | None  # None: not comparable (one side has no verdict)
    differing: list[TestDiff]


def compare(ours: Verdict, official: Verdict, official_statuses: dict[str, str | None] | None = None) -> Comparison:
    """Whether the two verdicts agree, and every FAIL_TO_PASS / PASS_TO_PASS test they count differently.

    Tests are listed for agreements too: the graders can reach the same verdict through different tests.
    """
    statuses = official_statuses or {}
    differing = []
    for kind in KINDS:
        ours_tests, official_tests = ours.tests.get(kind, {}), official.tests.get(kind, {})
        for test, ours_passed in ours_tests.items():
            if test in official_tests and official_tests[test] != ours_passed:
                differing.append(TestDiff(kind, test, ours_passed, official_tests[test], statuses.get(test)))
    if ours.resolved is None or official.resolved is None:
        return Comparison(None, differing)
    return Comparison(ours.resolved == official.resolved, differing)


def our_verdict(report: dict[str, Any]) -> Verdict:
    """Our verdict as report.json records it: resolved only with status "resolved" (errors count as not)."""
    status = str(report.get("status"))
    category = report.get("failure_category")
    label = status if status == "resolved" or not category else f"{status} ({category})"
    return Verdict(status == "resolved", label, Verdict.tests_from_status(report.get("tests_status")))


def official_verdict(result: dict[str, Any] | None, decided: tuple[str, str] | None) -> Verdict:
    """The official verdict from the worker's answer, overruled by what the official harness decides first."""
    if result is None:
        return Verdict(None, "no test log")
    if result.get("error"):
        return Verdict(None, f"grader failed: {result['error']}")
    tests = Verdict.tests_from_status(result.get("tests_status"))
    if decided:
        return Verdict(False, f"unresolved ({decided[0]}, not graded)", tests)
    if not result.get("gradable"):
        return Verdict(False, "unresolved (log not gradable)", tests)
    if result["resolved"]:
        return Verdict(True, "resolved", tests)
    return Verdict(False, f"unresolved ({result['resolution']})", tests)


# ---------------------------------------------------------------------------------------------------------
# The official package: its own virtualenv, and the worker that runs inside it
# ---------------------------------------------------------------------------------------------------------


def default_venv() -> Path:
    """Beside the project's other caches ($SWEBENCH_MM_CACHE or ~/.cache/swebench-mm), shared by all checkouts."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from swebench_mm.paths import cache_dir

    return cache_dir() / "swebench-venv"


def _venv_python(venv: Path) -> Path:
    return venv / "bin" / "python"


def ensure_official_python(venv: Path, log=sys.stderr) -> Path:
    """The venv's Python with swebench 5.x installed, creating the venv the first time (under a lock).

    A stamp file is written only after a successful install and import, so an interrupted install is redone.
    """
    python = _venv_python(venv)
    if python.exists() and (venv / VENV_STAMP).exists():
        return python
    venv.parent.mkdir(parents=True, exist_ok=True)
    with open(venv.parent / f".{venv.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if python.exists() and (venv / VENV_STAMP).exists():
            return python
        print(f"installing the official grader once: {SWEBENCH_REQUIREMENT} into {venv}", file=log)
        steps = [[sys.executable, "-m", "venv", str(venv)]] if not python.exists() else []
        steps += [[str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", SWEBENCH_REQUIREMENT],
                  [str(python), "-I", "-c", "import swebench, swebench.harness.grading; print(swebench.__version__)"]]
        for step in steps:
            done = subprocess.run(step, capture_output=True, text=True)
            if done.returncode != 0:
                tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
                raise OfficialUnavailable(f"{' '.join(step[:4])} failed: {' | '.join(tail)}")
        version = done.stdout.strip()
        if not version.startswith("5."):
            raise OfficialUnavailable(f"{venv}: swebench {version} installed, expected 5.x")
        (venv / VENV_STAMP).write_text(version + "\n")
    return python


def run_official(python: Path, items: list[dict[str, Any]]) -> dict[str, Any]:
    """Grade items with the official package: this file, run by the venv's Python as the worker."""
    done = subprocess.run([str(python), "-I", str(Path(__file__).resolve()), WORKER_FLAG],
                          input=json.dumps({"items": items}), capture_output=True, text=True)
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-5:]
        raise OfficialUnavailable(f"the official grader exited {done.returncode}: {' | '.join(tail)}")
    try:
        return json.loads(done.stdout)
    except json.JSONDecodeError:
        raise OfficialUnavailable(f"the official grader printed no JSON: {done.stdout[:200]!r}") from None


def worker_item(evaluation: Evaluation, instance: Instance) -> dict[str, Any]:
    """What the worker needs for one evaluation (the JSON contract between the two interpreters)."""
    exit_code = evaluation.report.get("test_exit_code")
    parts = split_log(evaluation.log or "", evaluation.eval_sh, exit_code if isinstance(exit_code, int) else None)
    return {
        "key": evaluation.key, "instance_id": instance.instance_id, "repo": instance.repo,
        "version": instance.version, "FAIL_TO_PASS": instance.fail_to_pass, "PASS_TO_PASS": instance.pass_to_pass,
        "eval_type": instance.eval_type, "log_parser": instance.log_parser, "model_patch": evaluation.patch,
        "model_name_or_path": evaluation.model, "log": parts.to_json(),
    }


# --- everything below in this section runs inside the official venv (imports swebench) ---


def _choose_parser(item: dict[str, Any]) -> tuple[str, str]:
    """The official parser name and where it came from: the instance's log_parser, else the repository map."""
    from swebench.harness.log_parsers import PARSER_REGISTRY
    from swebench.harness.log_parsers import javascript

    if item.get("log_parser") in PARSER_REGISTRY:
        return item["log_parser"], "instance"
    by_repo = getattr(javascript, "MAP_REPO_TO_PARSER_JS", {}).get(item["repo"])
    for name, function in PARSER_REGISTRY.items():
        if function is by_repo:
            unknown = f" (instance's {item['log_parser']!r} unknown)" if item.get("log_parser") else ""
            return name, "repository" + unknown
    raise LookupError(f"no official log parser: {item.get('log_parser')!r} is not in PARSER_REGISTRY "
                      f"and {item['repo']} is not in MAP_REPO_TO_PARSER_JS")


def _choose_eval_type(item: dict[str, Any]) -> tuple[str, str]:
    """The instance's eval_type, else the package's FAIL_ONLY_REPOS membership."""
    from swebench.harness import constants

    if item.get("eval_type"):
        return str(item["eval_type"]), "instance"
    fail_only = item["repo"] in getattr(constants, "FAIL_ONLY_REPOS", set())
    return (constants.EvalType.FAIL_ONLY if fail_only else constants.EvalType.PASS_AND_FAIL).value, "FAIL_ONLY_REPOS"


def _official_log(parts: dict[str, Any]) -> str:
    """Our log in the shape the official eval script prints it, with the package's own marker strings."""
    from swebench.harness import constants

    text = parts["before"]
    if parts["section"] is None:
        return text
    text += ("" if not text or text.endswith("\n") else "\n") + constants.START_TEST_OUTPUT + "\n" + parts["section"]
    if parts["end_seen"]:
        text += ("" if text.endswith("\n") else "\n") + constants.END_TEST_OUTPUT + "\n"
        exit_marker = getattr(constants, "TEST_EXIT_CODE", None)
        if exit_marker and parts["exit_code"] is not None:
            text += f"{exit_marker}: {parts['exit_code']}\n"
    return text


def _why_not_gradable(content: str, parser, test_spec) -> str:
    """A readable reason for get_logs_eval's "not found" (explanation only; the verdict is the package's)."""
    from swebench.harness import constants, grading

    for name in ("APPLY_PATCH_FAIL", "RESET_FAILED", "TESTS_ERROR", "TESTS_TIMEOUT"):
        code = getattr(constants, name, None)
        if code and code in content:
            return f"the log contains {code!r}"
    if constants.START_TEST_OUTPUT not in content or constants.END_TEST_OUTPUT not in content:
        return "no complete start/end test-output markers"
    section = content.split(constants.START_TEST_OUTPUT)[1].split(constants.END_TEST_OUTPUT)[0]
    if not (parser(section, test_spec) or parser(content, test_spec)):
        return "nothing parsed and no sign that the suite ran"
    exit_code = grading.parse_test_exit_code(content) if hasattr(grading, "parse_test_exit_code") else None
    if exit_code not in (None, 0):
        return f"the test command exited {exit_code} but no test failed"
    return "get_logs_eval found no results"


def _test_spec(item: dict[str, Any], log_parser: str, eval_type: str):
    """A TestSpec for grading only (no image, no script), filled by field name so 5.x minor versions fit."""
    from swebench.types import TestSpec

    values = {"instance_id": item["instance_id"], "image": "", "eval_script_list": [], "repo": item["repo"],
              "version": item["version"], "FAIL_TO_PASS": item["FAIL_TO_PASS"], "PASS_TO_PASS": item["PASS_TO_PASS"],
              "log_parser": log_parser, "eval_type": eval_type}
    names = {f.name for f in dataclasses.fields(TestSpec)}
    return TestSpec(**{k: v for k, v in values.items() if k in names})


def _grade_one(item: dict[str, Any], scratch: Path) -> dict[str, Any]:
    """get_eval_report on the rebuilt log, plus the parsed statuses of the listed tests."""
    from swebench.harness import grading
    from swebench.harness.log_parsers import PARSER_REGISTRY

    log_parser, parser_source = _choose_parser(item)
    eval_type, eval_type_source = _choose_eval_type(item)
    test_spec = _test_spec(item, log_parser, eval_type)
    log_path = scratch / "test_output.txt"
    content = _official_log(item["log"])
    log_path.write_text(content, encoding="utf-8")
    prediction = {"instance_id": item["instance_id"], "model_name_or_path": item["model_name_or_path"],
                  "model_patch": item["model_patch"]}
    reports = grading.get_eval_report(test_spec, prediction, str(log_path), include_tests_status=True)
    report = reports[item["instance_id"]]
    status_map, found = grading.get_logs_eval(test_spec, str(log_path))
    listed = item["FAIL_TO_PASS"] + item["PASS_TO_PASS"]
    tests_status = report.get("tests_status")
    return {
        "key": item["key"], "log_parser": log_parser, "log_parser_source": parser_source,
        "eval_type": eval_type, "eval_type_source": eval_type_source,
        "gradable": bool(found), "resolved": bool(report.get("resolved")),
        "resolution": grading.get_resolution_status(tests_status) if tests_status else None,
        "tests_status": tests_status, "statuses": {name: status_map.get(name) for name in listed},
        "parsed_count": len(status_map),
        "not_gradable_reason": None if found else _why_not_gradable(content, PARSER_REGISTRY[log_parser], test_spec),
        "infra_failure_reason": report.get("infra_failure_reason"),
    }


def official_worker() -> int:
    """Entry point inside the venv: {"items": [...]} on stdin → {"swebench_version", "results"} on stdout.

    stdout is kept for the answer alone (anything the package prints goes to stderr), and one item's
    exception is that item's error, not the end of the batch.
    """
    import swebench

    request = json.load(sys.stdin)
    answer_stream, sys.stdout = sys.stdout, sys.stderr
    results = []
    with tempfile.TemporaryDirectory(prefix="official-agreement-") as scratch:
        for item in request["items"]:
            try:
                results.append(_grade_one(item, Path(scratch)))
            except Exception as exc:  # noqa: BLE001 — reported per evaluation
                results.append({"key": item["key"], "error": f"{type(exc).__name__}: {exc}"})
    json.dump({"swebench_version": swebench.__version__, "results": results}, answer_stream)
    return 0


# ---------------------------------------------------------------------------------------------------------
# Rows, summary, output
# ---------------------------------------------------------------------------------------------------------


@dataclass
class Row:
    evaluation: Evaluation
    repo: str
    ours: Verdict
    official: Verdict
    comparison: Comparison
    note: str
    official_result: dict[str, Any] | None

    def to_json(self) -> dict[str, Any]:
        result = self.official_result or {}
        return {
            "run": self.evaluation.run, "model": self.evaluation.model, "instance_id": self.evaluation.instance_id,
            "finished_at": self.evaluation.report.get("finished_at"), "repo": self.repo, "ours": {"resolved": self.ours.resolved, "label": self.ours.label},
            "official": {"resolved": self.official.resolved, "label": self.official.label,
                         "grader_resolved_on_log": result.get("resolved"), "gradable": result.get("gradable"),
                         "resolution": result.get("resolution"), "log_parser": result.get("log_parser"),
                         "log_parser_source": result.get("log_parser_source"), "eval_type": result.get("eval_type"),
                         "eval_type_source": result.get("eval_type_source"),
                         "not_gradable_reason": result.get("not_gradable_reason")},
            "agree": self.comparison.agree, "note": self.note,
            "differing_tests": [dataclasses.asdict(d) for d in self.comparison.differing],
        }


def _note(evaluation: Evaluation, decided: tuple[str, str] | None, result: dict[str, Any] | None) -> str:
    """Why the official side says what it says, when that is not plain grading of a complete log."""
    notes = []
    if decided:
        notes.append(decided[1])
        if result and not result.get("error"):
            notes.append(f"its grader on this log: {'resolved' if result.get('resolved') else 'unresolved'}")
    if result and not result.get("error") and not result.get("gradable") and result.get("not_gradable_reason"):
        notes.append(f"official: {result['not_gradable_reason']}")
    our_type = evaluation.report.get("eval_type")
    if result and result.get("eval_type") and our_type and our_type != result["eval_type"]:
        notes.append(f"eval_type ours {our_type}, official {result['eval_type']}")
    return "; ".join(notes)


def build_rows(evaluations: list[Evaluation], instances: dict[str, Instance],
               results: dict[str, dict[str, Any]]) -> list[Row]:
    rows = []
    for evaluation in evaluations:
        result = results.get(evaluation.key)
        decided = harness_decision(evaluation) if result is not None else None
        ours, official = our_verdict(evaluation.report), official_verdict(result, decided)
        statuses = (result or {}).get("statuses") or {}
        rows.append(Row(evaluation, instances[evaluation.instance_id].repo, ours, official,
                        compare(ours, official, statuses), _note(evaluation, decided, result), result))
    return rows


def summarise(rows: list[Row]) -> list[dict[str, Any]]:
    """Per repository (and overall): instances compared, agreements, agreement %, and not comparable."""
    groups: dict[str, list[Row]] = {}
    for row in rows:
        groups.setdefault(row.repo, []).append(row)
    lines = []
    for repo, members in sorted(groups.items()) + [("(all)", rows)]:
        compared = [r for r in members if r.comparison.agree is not None]
        agree = sum(1 for r in compared if r.comparison.agree)
        lines.append({"repo": repo, "evaluations": len(members), "compared": len(compared), "agree": agree,
                      "disagree": len(compared) - agree, "not_compared": len(members) - len(compared),
                      "agreement_pct": round(100 * agree / len(compared), 1) if compared else None,
                      "ours_resolved": sum(1 for r in compared if r.ours.resolved),
                      "official_resolved": sum(1 for r in compared if r.official.resolved)})
    return lines


def _table(header: list[str], body: list[list[str]]) -> str:
    widths = [max(len(cell) for cell in column) for column in zip(header, *body)]
    render = lambda cells: "  ".join(cell.ljust(width) for cell, width in zip(cells, widths)).rstrip()  # noqa: E731
    return "\n".join([render(header), render(["-" * w for w in widths])] + [render(cells) for cells in body])


def _diff_line(diff: TestDiff) -> str:
    said = lambda passed: "pass" if passed else "fail"  # noqa: E731
    status = diff.official_status or "absent from the parsed log"
    return (f"    {diff.kind}: {diff.test!r}: ours {said(diff.ours_passed)}, official {said(diff.official_passed)} "
            f"(official parser: {status})")


def render_text(rows: list[Row], summary: list[dict[str, Any]], version: str | None, show_all: bool) -> str:
    agree_word = {True: "yes", False: "NO", None: "n/a"}
    shown = [r for r in rows if show_all or r.comparison.agree is not True or r.comparison.differing]
    out = [f"official grader: swebench {version or '?'}; {len(rows)} evaluations"
           + ("" if show_all else f", showing {len(shown)} (disagreements, tests counted differently, not comparable;"
                                  " --all for every one)")]
    if shown:
        body = [[f"{r.evaluation.run}/{r.evaluation.model}", r.evaluation.instance_id, r.ours.label, r.official.label,
                 agree_word[r.comparison.agree], r.note] for r in shown]
        table = _table(["run/model", "instance", "ours", "official", "agree", "note"], body).splitlines()
        out += table[:2]
        for row, line in zip(shown, table[2:]):
            out.append(line)
            out += [_diff_line(d) for d in row.comparison.differing]
    out.append("")
    out.append(_table(["repository", "evaluations", "compared", "agree", "agreement", "ours resolved",
                       "official resolved", "not compared"],
                      [[s["repo"], str(s["evaluations"]), str(s["compared"]), str(s["agree"]),
                        "-" if s["agreement_pct"] is None else f"{s['agreement_pct']}%", str(s["ours_resolved"]),
                        str(s["official_resolved"]), str(s["not_compared"])] for s in summary]))
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="Example: benchmarks/official_agreement.py --instances dev.jsonl runs/gold")
    parser.add_argument("--instances", required=True, type=Path, help="task instances, JSONL (or a JSON list)")
    parser.add_argument("run_dirs", nargs="+", type=Path, metavar="RUN_DIR", help="runs/<run_id> folders")
    parser.add_argument("--json", type=Path, help="also write the comparison as JSON to this file")
    parser.add_argument("--venv", type=Path, help="virtualenv for the official package (created if missing)")
    parser.add_argument("--all", action="store_true", help="print every evaluation, not only the interesting ones")
    return parser.parse_args(argv)


def collect(args: argparse.Namespace) -> tuple[dict[str, Instance], list[Evaluation]]:
    """Instances and the evaluations that belong to them; evaluations of unknown instances are skipped aloud."""
    instances = load_instances(args.instances)
    evaluations = [e for run_dir in args.run_dirs for e in load_run(run_dir)]
    known = [e for e in evaluations if e.instance_id in instances]
    unknown = sorted({e.instance_id for e in evaluations} - set(instances))
    if unknown:
        print(f"warning: {len(unknown)} instance(s) of the runs are not in {args.instances}, skipped: "
              + ", ".join(unknown[:5]) + (" ..." if len(unknown) > 5 else ""), file=sys.stderr)
    if not known:
        raise BadInput(f"{args.instances}: none of the runs' instances is in this file")
    return instances, known


def main(argv: list[str] | None = None) -> int:
    try:
        args = parse_args(argv)
        instances, evaluations = collect(args)
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
    except BadInput as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        venv = args.venv or default_venv()
        python = ensure_official_python(venv)
        items = [worker_item(e, instances[e.instance_id]) for e in evaluations if e.log is not None]
        # With no log to grade the worker is not started; the version is the one the stamp recorded.
        answer = run_official(python, items) if items else {
            "swebench_version": (venv / VENV_STAMP).read_text().strip(), "results": []}
    except OfficialUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    results = {r["key"]: r for r in answer["results"]}
    rows = build_rows(evaluations, instances, results)
    summary = summarise(rows)
    print(render_text(rows, summary, answer.get("swebench_version"), args.all))
    if args.json:
        args.json.write_text(json.dumps({
            "swebench_version": answer.get("swebench_version"), "instances": str(args.instances),
            "runs": [str(d) for d in args.run_dirs], "summary": summary, "rows": [r.to_json() for r in rows],
        }, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(official_worker() if sys.argv[1:] == [WORKER_FLAG] else main())
