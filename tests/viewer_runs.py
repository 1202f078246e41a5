"""Run folders for the viewer's tests, written by the project's own writers.

Trajectories go through `Trajectory` (as `swebench-mm run` writes them, step by step), predictions through
`PredictionsFile`, the run summary through `build_run_report`; per-instance evaluation reports carry the
fields `harness/evaluate.py` writes (it has no writer apart from a container run). Instances are the shipped
ones, so issue texts and images are real.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageDraw

from swebench_mm.agents.models.base import Image, Message, Reply, Text, ToolCall, Usage
from swebench_mm.agents.runner import PredictionsFile
from swebench_mm.agents.trajectory import Trajectory
from swebench_mm.atomic import write_atomic, write_json
from swebench_mm.harness.run_report import build_run_report
from swebench_mm.instances import TaskInstance, load_instances
from swebench_mm.issue_images import issue_images
from swebench_mm.predictions import Prediction, load_predictions

SCRIPT_INJECTION = "<script>window.__pwned = 1; document.title = 'pwned';</script>"
IMG_INJECTION = '<img src=x onerror="window.__pwned = 2">'
SEARCHABLE = "legend swatch colour is off by one"
IDS = ("boxline__diagram-112", "glowcode__highlight-31", "vizlab__svg-charts-14")


def shipped(ids: tuple[str, ...] = IDS) -> list[TaskInstance]:
    by_id = {i.instance_id: i for i in load_instances("shipped")}
    return [by_id[i] for i in ids]


def screenshot(path: Path, colour: str = "#4e79a7") -> Path:
    """A small chart-like PNG, as the agent's screenshot tool would save it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image = PILImage.new("RGB", (320, 200), "white")
    draw = ImageDraw.Draw(image)
    for n, height in enumerate((60, 120, 90, 150)):
        draw.rectangle([30 + n * 70, 180 - height, 80 + n * 70, 180], fill=colour)
    draw.line([20, 180, 310, 180], fill="black", width=2)
    image.save(path)
    return path


def write_trajectory(folder: Path, instance: TaskInstance, model: str, steps: int, finished: bool,
                     injection: bool = False) -> Trajectory:
    """An agent's trajectory written the way the tool agent writes it: prompt, then one save per step."""
    folder.mkdir(parents=True, exist_ok=True)
    trajectory = Trajectory(folder, instance.instance_id, "tool-agent", model)
    trajectory.add_message(Message("system", [Text("You are a software engineer fixing a visual bug.")]))
    trajectory.add_message(Message("user", [Text(f"<issue>\n{instance.problem_statement}\n</issue>"),
                                            *(Image(p, "issue image") for p in issue_images(instance, False).paths)]))
    script = [
        (f"I will look at the rendering first. The {SEARCHABLE}." + (f" {SCRIPT_INJECTION} {IMG_INJECTION}" if injection else ""),
         ToolCall("c1", "bash", {"command": "ls src && grep -n palette src/*.js"}),
         Message("tool", [Text("legend.js\nrender.js\n" + (SCRIPT_INJECTION if injection else "src/legend.js:12: palette"))],
                 tool_call_id="c1")),
        ("Rendering the chart to compare with the issue's screenshot.",
         ToolCall("c2", "screenshot", {"target": "/tmp/chart.svg", "width": 320, "height": 200}),
         Message("tool", [Text("screenshot of /tmp/chart.svg (320x200)"),
                          Image(screenshot(folder / "images" / "step-2.png"), "screenshot /tmp/chart.svg")],
                 tool_call_id="c2")),
        ("The swatch index is shifted; fixing it.",
         ToolCall("c3", "str_replace", {"path": "src/legend.js", "old": "colorFor(i + 1)", "new": "colorFor(i)"}),
         Message("tool", [Text("edited src/legend.js")], tool_call_id="c3")),
        ("", ToolCall("c4", "submit", {}), Message("tool", [Text("submitted")], tool_call_id="c4")),
    ]
    for thought, call, observation in script[:steps]:
        reply = Reply(thought, [call], Usage(1200, 80), 0.0031, 1.2, model)
        trajectory.add_step(reply, [(call.id, call.name, observation)])  # saved after every step
    if finished:
        trajectory.exit_status = "submitted"
        trajectory.save()
    return trajectory


def write_agent_instance(run_dir: Path, model: str, instance: TaskInstance, patch: str, steps: int = 4,
                         finished: bool = True, injection: bool = False) -> Path:
    folder = run_dir / model.replace("/", "__") / instance.instance_id
    trajectory = write_trajectory(folder, instance, model, steps, finished, injection)
    if finished:  # as runner.run_one does when the agent returns
        prediction = Prediction(instance.instance_id, model, patch)
        write_json(folder / "prediction.json", {**prediction.to_dict(), "agent": {
            "instance_id": instance.instance_id, "exit_status": trajectory.exit_status, "steps": len(trajectory.steps),
            "input_tokens": trajectory.input_tokens, "output_tokens": trajectory.output_tokens,
            "cost": trajectory.cost, "wall_time_s": 12.5, "patch_lines": patch.count("\n")}})
        PredictionsFile(run_dir / "predictions.jsonl").put(prediction)
    return folder


def write_evaluation(run_dir: Path, model: str, instance: TaskInstance, patch: str, status: str,
                     category: str | None, log: str) -> dict:
    """The per-instance files `harness/evaluate.py` writes: patch.diff, test_output.txt, report.json."""
    folder = run_dir / model.replace("/", "__") / instance.instance_id
    write_atomic(folder / "patch.diff", patch)
    write_atomic(folder / "test_output.txt", log)
    f2p = list(instance.fail_to_pass)
    report = {
        "instance_id": instance.instance_id, "model_name_or_path": model, "run_id": run_dir.name,
        "patch_is_empty": not patch.strip(), "patch_applied": category != "patch_failed",
        "apply_method": "none" if category == "patch_failed" else "git apply", "resolved": status == "resolved",
        "status": status, "failure_category": category, "error": None,
        "tests_status": {"FAIL_TO_PASS": {"success": f2p if status == "resolved" else [],
                                          "failure": [] if status == "resolved" else f2p},
                         "PASS_TO_PASS": {"success": list(instance.pass_to_pass), "failure": []}},
        "timings": {"total_s": 8.2},
    }
    write_json(folder / "report.json", report)
    return report


def write_run_report(run_dir: Path, model: str, instances: list[TaskInstance], reports: dict[str, dict]) -> None:
    predictions = load_predictions(run_dir / "predictions.jsonl")
    write_json(run_dir / "report.json", build_run_report(run_dir.name, model, instances, predictions, reports, "test"))


def make_runs(runs_dir: Path) -> dict[str, Path]:
    """Three runs of the shipped instances in IDS:

    - `agent-a` (tool-agent__fake): evaluated; the first instance resolved with an injection-laden trajectory,
      the second unresolved (tests_failed), the third resolved.
    - `agent-b` (openai/gpt-4o, a model name with a slash): evaluated; the first instance's patch failed to
      apply, the second resolved.
    - `killed`: an agent run with no evaluation; the first instance finished, the second was killed after
      two steps (its trajectory says `running`, no prediction).
    """
    a, b, c = shipped()
    log = "PASS test/legend.test.js\n  legend colours\n" + SCRIPT_INJECTION + "\nTests: 12 passed, 12 total\n"
    run_a, run_b, killed = runs_dir / "agent-a", runs_dir / "agent-b", runs_dir / "killed"
    reports = {}
    for instance, status, category, injection in ((a, "resolved", None, True), (b, "unresolved", "tests_failed", False),
                                                  (c, "resolved", None, False)):
        write_agent_instance(run_a, "tool-agent__fake", instance, instance.patch, injection=injection)
        reports[instance.instance_id] = write_evaluation(run_a, "tool-agent__fake", instance, instance.patch, status,
                                                         category, log)
    write_run_report(run_a, "tool-agent__fake", [a, b, c], reports)
    reports = {}
    for instance, status, category in ((a, "unresolved", "patch_failed"), (b, "resolved", None)):
        patch = "--- a/nothing\n+++ b/nothing\n@@ -1 +1 @@\n-x\n+y\n" if category else instance.patch
        write_agent_instance(run_b, "openai/gpt-4o", instance, patch, steps=3)
        reports[instance.instance_id] = write_evaluation(run_b, "openai/gpt-4o", instance, patch, status, category, log)
    write_run_report(run_b, "openai/gpt-4o", [a, b], reports)
    write_agent_instance(killed, "tool-agent__fake", a, a.patch)
    write_agent_instance(killed, "tool-agent__fake", b, "", steps=2, finished=False)
    return {"agent-a": run_a, "agent-b": run_b, "killed": killed}
