"""One self-contained HTML file: summary, plots, comparisons, and a drill-down per instance.

Everything that came from a model, a repository or a log is escaped, and the page carries a Content
Security Policy that forbids scripts altogether: the drill-down uses `<details>`, so the report needs
no JavaScript and a trajectory containing `<script>` can only ever render as text.
"""

from __future__ import annotations

import base64
import json
from datetime import datetime, timezone
from html import escape
from pathlib import Path
from typing import Any

from swebench_mm.instances import TaskInstance
from swebench_mm.reports.load import RunData
from swebench_mm.reports.plots import cost_plot, repo_heatmap, resolve_rate_plot

CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
MAX_OBSERVATION_CHARS = 4000
# Each trajectory's steps (text and embedded screenshots) up to about this much HTML; the rest is named with
# the file that holds it. Four full SWE-bench M runs of long trajectories would otherwise make a 350 MB page.
TRAJECTORY_HTML_CHARS = 12_000
MIME = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp"}

STYLE = """
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:24px;color:#222;max-width:1200px}
h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ddd}h3{font-size:15px}
table{border-collapse:collapse;margin:8px 0;font-size:13px}td,th{border:1px solid #ddd;padding:4px 8px;text-align:left}
th{background:#f4f4f4}.num{text-align:right;font-variant-numeric:tabular-nums}
.resolved{background:#d9f2d9}.unresolved{background:#fbe3e3}.error{background:#fff1c2}.missing,.not-run{background:#eee}
.warn{color:#8a5a00}pre{background:#f7f7f7;padding:8px;overflow-x:auto;font-size:12px;white-space:pre-wrap}
.diff .add{color:#116611;background:#eaffea}.diff .del{color:#991111;background:#ffecec}.diff .hunk{color:#555}
details{border:1px solid #ddd;margin:6px 0;padding:4px 8px}summary{cursor:pointer;font-weight:600}
img.shot{max-width:100%;border:1px solid #ccc;margin:4px 0}.step{border-left:3px solid #4e79a7;padding-left:8px;margin:8px 0}
.muted{color:#777}
"""


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.1f}%"


def _money(value: float | None, known: bool = True) -> str:
    if value is None:
        return "unknown"
    return f"${value:.4f}" + ("" if known else " (some unknown)")


def _num(value: float | None, digits: int = 0) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def _data_uri(path: Path) -> str | None:
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    mime = MIME.get(Path(path).suffix.lower())
    return f"data:{mime};base64,{base64.b64encode(data).decode()}" if mime else None


def _image(path: Path, alt: str) -> str:
    uri = _data_uri(path)
    if uri is None:
        return f'<p class="warn">image not available: {escape(str(path))}</p>'
    return f'<img class="shot" src="{uri}" alt="{escape(alt)}">'


def diff_line_kind(line: str) -> str:
    """How a line of a unified diff is coloured: `add`, `del`, `hunk` (an `@@` header), or `` for the rest."""
    return ("add" if line.startswith("+") and not line.startswith("+++") else
            "del" if line.startswith("-") and not line.startswith("---") else
            "hunk" if line.startswith("@@") else "")


def _diff(patch: str | None) -> str:
    if not patch:
        return '<p class="muted">(empty patch)</p>'
    lines = []
    for line in patch.splitlines():
        kind = diff_line_kind(line)
        lines.append(f'<span class="{kind}">{escape(line)}</span>' if kind else escape(line))
    return '<pre class="diff">' + "\n".join(lines) + "</pre>"


def _rate_cell(entry: dict[str, Any]) -> str:
    low, high = entry["ci95"]
    return (f'<td class="num">{entry["resolved"]}/{entry["total"]} ({_pct(entry["rate"])}) '
            f'<span class="muted">[{_pct(low)}–{_pct(high)}]</span></td>')


def _summary_table(report: dict[str, Any]) -> str:
    head = ("<tr><th>run</th><th>model</th><th>resolved (95% CI)</th><th>patch applied</th><th>errors</th>"
            "<th>cost / instance</th><th>cost / resolved</th><th>steps (median / p90)</th>"
            "<th>tokens in (median)</th><th>agent time s (median / p90)</th><th>eval time s (median)</th></tr>")
    rows = []
    for run in report["runs"]:
        known = run["cost"]["known"]
        money = (lambda v: _money(v, known)) if run["cost"]["available"] else (lambda v: "–")
        rows.append(
            f'<tr data-run="{escape(run["name"])}"><td>{escape(run["name"])}</td><td>{escape(run["model"])}</td>'
            + _rate_cell(run["overall"]).replace("<td", '<td data-field="overall"', 1)
            + f'<td class="num">{_pct(run["patch_apply_rate"])}</td><td class="num">{run["errors"]}</td>'
            f'<td class="num">{money(run["cost"]["per_instance"])}</td>'
            f'<td class="num">{money(run["cost"]["per_resolved"])}</td>'
            f'<td class="num">{_num(run["steps"]["median"])} / {_num(run["steps"]["p90"])}</td>'
            f'<td class="num">{_num(run["tokens_in"]["median"])}</td>'
            f'<td class="num">{_num(run["agent_wall_time_s"]["median"], 1)} / {_num(run["agent_wall_time_s"]["p90"], 1)}</td>'
            f'<td class="num">{_num(run["eval_wall_time_s"]["median"], 1)}</td></tr>'
        )
    return f'<table id="summary">{head}{"".join(rows)}</table>'


def _breakdown(report: dict[str, Any], key: str, title: str) -> str:
    values = sorted({k for run in report["runs"] for k in run[key]})
    if not values:
        return ""
    head = "<tr><th>" + escape(title) + "</th>" + "".join(f"<th>{escape(r['name'])}</th>" for r in report["runs"]) + "</tr>"
    rows = []
    for value in values:
        cells = "".join(_rate_cell(run[key][value]) if value in run[key] else "<td>–</td>" for run in report["runs"])
        rows.append(f"<tr><td>{escape(str(value))}</td>{cells}</tr>")
    return f"<h3>By {escape(title)}</h3><table>{head}{''.join(rows)}</table>"


def _comparisons(report: dict[str, Any]) -> str:
    if not report["comparisons"]:
        return ""
    rows = []
    for c in report["comparisons"]:
        warning = f'<br><span class="warn">{escape(c["warning"])}</span>' if c["warning"] else ""
        rows.append(f'<tr><td>{escape(c["a"])} vs {escape(c["b"])}{warning}</td><td class="num">{c["common_instances"]}</td>'
                    f'<td class="num">{c["both"]}</td><td class="num">{c["only_a"]}</td><td class="num">{c["only_b"]}</td>'
                    f'<td class="num">{c["neither"]}</td><td class="num">{c["mcnemar_p"]:.4f}</td></tr>')
    return ("<h2>Pairwise comparisons</h2><table id=\"comparisons\"><tr><th>runs A vs B</th><th>common</th><th>both</th>"
            "<th>only A</th><th>only B</th><th>neither</th><th>exact McNemar p</th></tr>" + "".join(rows) + "</table>")


def _count_table(report: dict[str, Any], key: str, title: str, label: str) -> str:
    values = sorted({k for run in report["runs"] for k in run[key]})
    if not values:
        return ""
    head = f"<tr><th>{escape(label)}</th>" + "".join(f"<th>{escape(r['name'])}</th>" for r in report["runs"]) + "</tr>"
    rows = "".join(
        f"<tr><td>{escape(v)}</td>" + "".join(f'<td class="num">{r[key].get(v, 0)}</td>' for r in report["runs"]) + "</tr>"
        for v in values
    )
    return f"<h3>{escape(title)}</h3><table>{head}{rows}</table>"


def _failures(report: dict[str, Any]) -> str:
    return (_count_table(report, "failure_categories", "Failure categories", "category")
            + _count_table(report, "agent_exits", "How the agents ended", "exit"))


def _placeholder_notes(report: dict[str, Any]) -> str:
    notes = report.get("placeholder_notes") or []
    if not notes:
        return ""
    rows = "".join(
        f"<tr><td>{escape(n['run'])}</td><td>{escape(n['instance_id'])}</td><td>{escape(n['status'])}</td>"
        f"<td class=\"num\">{n['count']}</td><td>{escape(', '.join(n['paths']))}</td>"
        f"<td>{'yes' if n['may_depend'] else 'no'}</td></tr>"
        for n in notes
    )
    return ("<h3>Files missing from the repository mirror</h3><p class=\"muted\">These checkouts had placeholder "
            "files where the mirror lacked a blob; \"may depend\" marks a verdict near one of them.</p>"
            "<table id=\"placeholder-notes\"><tr><th>run</th><th>instance</th><th>status</th><th>files</th>"
            f"<th>some of them</th><th>may depend</th></tr>{rows}</table>")


def _environment_notes(report: dict[str, Any]) -> str:
    notes = report.get("environment_notes") or []
    if not notes:
        return _placeholder_notes(report)
    rows = "".join(
        f"<tr><td>{escape(n['repo'])}</td><td>{escape(n['version'])}</td><td class=\"num\">{n['instances']}</td>"
        f"<td>{escape(n['browser'] or '–')}</td><td>{escape(n['notes'] or '–')}</td></tr>"
        for n in notes
    )
    return ("<h2>Environment notes</h2><p class=\"muted\">Where these environments differ from the original "
            "evaluation's (browser versions, commands), per repository version.</p><table id=\"environment-notes\">"
            "<tr><th>repository</th><th>version</th><th>instances</th><th>browser</th><th>notes</th></tr>"
            f"{rows}</table>" + _placeholder_notes(report))


def _tests(result) -> str:
    if not result.tests_status:
        return ""
    parts = []
    for key in ("FAIL_TO_PASS", "PASS_TO_PASS"):
        bucket = result.tests_status.get(key) or {"success": [], "failure": []}
        failed = "".join(f"<li>{escape(name)}</li>" for name in bucket["failure"][:30])
        parts.append(f"<p>{key}: {len(bucket['success'])}/{len(bucket['success']) + len(bucket['failure'])} passed</p>"
                     + (f"<ul class=\"warn\">{failed}</ul>" if failed else ""))
    return "".join(parts)


def _cut(text: str) -> str:
    if len(text) <= MAX_OBSERVATION_CHARS:
        return text
    return text[:MAX_OBSERVATION_CHARS] + f"\n[... {len(text) - MAX_OBSERVATION_CHARS} characters not shown]"


def _trajectory(result) -> str:
    trajectory = result.trajectory
    if not trajectory:
        return ""
    folder = result.folder or Path(".")
    steps = []
    used = 0
    all_steps = trajectory.get("steps", [])
    for index, step in enumerate(all_steps):
        if used > TRAJECTORY_HTML_CHARS:
            where = escape(str(result.trajectory_file or folder / "trajectory.json"))
            steps.append(f'<p class="muted">[... {len(all_steps) - index} more step(s) not shown, to keep the report '
                         f"small: see {where}]</p>")
            break
        calls = "".join(f"<pre>{escape(c['name'])}({escape(json.dumps(c['arguments'], ensure_ascii=False)[:2000])})</pre>"
                        for c in step.get("tool_calls", []))
        observations = []
        for observation in step.get("observations", []):
            text = _cut(observation.get("text", ""))
            images = "".join(_image(folder / image["path"], image.get("label", "")) for image in observation.get("images", []))
            observations.append(f"<p class=\"muted\">{escape(observation.get('name', ''))} →</p><pre>{escape(text)}</pre>{images}")
        thought = f"<p>{escape(step.get('thought') or '')}</p>" if step.get("thought") else ""
        steps.append(f'<div class="step"><b>step {step["step"]}</b> <span class="muted">{step.get("time", "")} s, '
                     f'{_money(step.get("cost"))}</span>{thought}{calls}{"".join(observations)}</div>')
        used += len(steps[-1])
    prompt = []
    for message in trajectory.get("initial_messages", []):
        text = _cut(message.get("text", ""))
        # The issue's images are shown once, above; here only what the model was given, by name.
        images = "".join(f'<p class="muted">[{escape(image.get("label") or "image")}]</p>' for image in message.get("images", []))
        prompt.append(f'<p class="muted">{escape(message.get("role", ""))}</p><pre>{escape(text)}</pre>{images}')
    prompt_html = f"<details><summary>prompt</summary>{''.join(prompt)}</details>" if prompt else ""
    header = (f"<p>exit: {escape(trajectory.get('exit_status', ''))}; {trajectory.get('steps_taken', 0)} steps; "
              f"tokens {trajectory.get('input_tokens', 0)}/{trajectory.get('output_tokens', 0)}; "
              f"cost {_money(trajectory.get('cost'))}</p>")
    return f"<details><summary>trajectory</summary>{header}{prompt_html}{''.join(steps)}</details>"


def _instance_section(instance_id: str, instance: TaskInstance | None, runs: list[RunData]) -> str:
    statuses = " ".join(
        f'<span class="{escape(run.results[instance_id].status if instance_id in run.results else "not-run")}">'
        f'{escape(run.name)}: {escape(run.results[instance_id].status if instance_id in run.results else "not run")}</span>'
        for run in runs
    )
    body = []
    if instance is not None:
        from swebench_mm.issue_images import issue_images

        images = issue_images(instance, allow_download=False)
        note = f'<p class="muted">image needed: {escape(str(instance.extra.get("image_needed")))} — {escape(str(instance.extra.get("image_note", "")))}</p>' \
            if "image_needed" in instance.extra else ""
        body.append(f"<h3>Issue ({escape(instance.repo)})</h3>{note}<pre>{escape(instance.problem_statement)}</pre>")
        body.extend(_image(path, f"issue image of {instance_id}") for path in images.paths)
        body.extend(f'<p class="warn">{escape(problem)}</p>' for problem in images.problems)
    for run in runs:
        result = run.results.get(instance_id)
        if result is None:
            continue
        details = [f"<p>status: <b>{escape(result.status)}</b>"
                   + (f" ({escape(result.failure_category)})" if result.failure_category else "")
                   + (f"; patch applied with {escape(result.apply_method)}" if result.apply_method not in (None, "none") else "")
                   + "</p>", _tests(result)]
        if result.patch is not None:
            details.append(f"<details><summary>patch</summary>{_diff(result.patch)}</details>")
        if result.log_tail:
            details.append(f"<details><summary>test log (tail)</summary><pre>{escape(result.log_tail)}</pre></details>")
        details.append(_trajectory(result))
        body.append(f'<h3>{escape(run.name)}</h3>{"".join(details)}')
    return (f'<details class="instance" id="inst-{escape(instance_id)}"><summary>{escape(instance_id)} {statuses}</summary>'
            + "".join(body) + "</details>")


def render_html(report: dict[str, Any], runs: list[RunData], instances: dict[str, TaskInstance]) -> str:
    warnings = [c["warning"] for c in report["comparisons"] if c["warning"]]
    plots = [resolve_rate_plot(report), cost_plot(report), repo_heatmap(report)]
    matrix_head = "<tr><th>instance</th>" + "".join(f"<th>{escape(r.name)}</th>" for r in runs) + "</tr>"
    matrix_rows = "".join(
        f'<tr><td><a href="#inst-{escape(i)}">{escape(i)}</a></td>'
        + "".join(f'<td class="{escape(s.replace(" ", "-"))}">{escape(s)}</td>' for s in entry["status"].values()) + "</tr>"
        for i, entry in report["instances"].items()
    )
    sections = "".join(_instance_section(i, instances.get(i), runs) for i in report["instances"])
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<title>swebench-mm report: {escape(", ".join(r.name for r in runs))}</title><style>{STYLE}</style></head>
<body>
<h1>swebench-mm report</h1>
<p class="muted">{len(runs)} run(s), {len(report["instances"])} instance(s); generated {generated}; schema version {report["schema_version"]}.
Resolve rates are over all instances of each run's set, with 95% Wilson intervals; comparisons use the exact McNemar test on the instances both runs share.</p>
{"".join(f'<p class="warn">⚠ {escape(w)}</p>' for w in warnings)}
<h2>Summary</h2>{_summary_table(report)}
<div id="plots">{"".join(p for p in plots if p)}</div>
{_breakdown(report, "by_repo", "repository")}{_breakdown(report, "by_framework", "test framework")}{_breakdown(report, "by_image_needed", "image needed")}
{_failures(report)}
{_comparisons(report)}
{_environment_notes(report)}
<h2>Instances</h2><table id="matrix">{matrix_head}{matrix_rows}</table>
{sections}
</body></html>
"""
