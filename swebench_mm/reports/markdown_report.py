"""The report as Markdown: the summary tables, for pasting into a README, a PR or a paper draft."""

from __future__ import annotations

from typing import Any


def _rate(entry: dict[str, Any]) -> str:
    low, high = entry["ci95"]
    return f"{entry['resolved']}/{entry['total']} ({entry['rate']:.1%}, 95% CI {low:.1%}–{high:.1%})"


def _escape(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ").replace("<", "&lt;")


def render_markdown(report: dict[str, Any]) -> str:
    lines = ["# swebench-mm report", "", "| run | model | resolved | patch applied | cost / instance | steps (median) |",
             "|---|---|---|---|---|---|"]
    for run in report["runs"]:
        cost = run["cost"]["per_instance"]
        cost_text = "–" if not run["cost"]["available"] else "unknown" if cost is None else f"${cost:.4f}" + ("" if run["cost"]["known"] else " (some unknown)")
        applied = "–" if run["patch_apply_rate"] is None else f"{run['patch_apply_rate']:.1%}"
        steps = "–" if run["steps"]["median"] is None else f"{run['steps']['median']:.0f}"
        lines.append(f"| {_escape(run['name'])} | {_escape(run['model'])} | {_rate(run['overall'])} | {applied} | {cost_text} | {steps} |")
    for key, title in (("by_repo", "repository"), ("by_framework", "test framework"), ("by_image_needed", "image needed")):
        values = sorted({k for run in report["runs"] for k in run[key]})
        if not values:
            continue
        lines += ["", f"## By {title}", "", "| " + title + " | " + " | ".join(_escape(r["name"]) for r in report["runs"]) + " |",
                  "|---|" + "---|" * len(report["runs"])]
        for value in values:
            cells = [(_rate(run[key][value]) if value in run[key] else "–") for run in report["runs"]]
            lines.append(f"| {_escape(value)} | " + " | ".join(cells) + " |")
    if report["comparisons"]:
        lines += ["", "## Pairwise comparisons", "", "| A vs B | common | both | only A | only B | neither | exact McNemar p |",
                  "|---|---|---|---|---|---|---|"]
        for c in report["comparisons"]:
            lines.append(f"| {_escape(c['a'])} vs {_escape(c['b'])} | {c['common_instances']} | {c['both']} | {c['only_a']} | "
                         f"{c['only_b']} | {c['neither']} | {c['mcnemar_p']:.4f} |")
            if c["warning"]:
                lines.append(f"\n> ⚠ {_escape(c['warning'])}\n")
    for key, title, label in (("failure_categories", "Failure categories", "category"),
                              ("agent_exits", "How the agents ended", "exit")):
        values = sorted({k for run in report["runs"] for k in run.get(key, {})})
        if not values:
            continue
        lines += ["", f"## {title}", "", f"| {label} | " + " | ".join(_escape(r["name"]) for r in report["runs"]) + " |",
                  "|---|" + "---|" * len(report["runs"])]
        for value in values:
            lines.append(f"| {_escape(value)} | " + " | ".join(str(r.get(key, {}).get(value, 0)) for r in report["runs"]) + " |")
    if report.get("environment_notes"):
        lines += ["", "## Environment notes", "",
                  "Where these environments differ from the original evaluation's, per repository version.", "",
                  "| repository | version | instances | browser | notes |", "|---|---|---|---|---|"]
        for note in report["environment_notes"]:
            lines.append(f"| {_escape(note['repo'])} | {_escape(note['version'])} | {note['instances']} | "
                         f"{_escape(note['browser'] or '–')} | {_escape(note['notes'] or '–')} |")
    if report.get("placeholder_notes"):
        lines += ["", "### Files missing from the repository mirror", "",
                  "| run | instance | status | files | some of them | may depend |", "|---|---|---|---|---|---|"]
        for note in report["placeholder_notes"]:
            lines.append(f"| {_escape(note['run'])} | {_escape(note['instance_id'])} | {note['status']} | {note['count']} | "
                         f"{_escape(', '.join(note['paths']))} | {'yes' if note['may_depend'] else 'no'} |")
    return "\n".join(lines) + "\n"
