"""`pipeline`: a fixed sequence of model calls, Agentless-style, with the issue's images at every stage.

1. Localise: the model sees the issue (text and screenshots) and the repository's source files, and names
   the few files to change. BM25 ranks the files, so a large repository's list starts with likely ones, and
   stands in when the model names none that exist.
2. Repair: the model sees the issue again and those files with line numbers, and answers with search/replace
   edits. Edits are applied exactly in the container; the ones that do not apply go back to the model with
   the reason, for a few rounds.
The diff of the applied edits is the prediction. No loop of tool calls, so cost and steps are bounded and
predictable: the point of comparing it with `tool-agent`.
"""

from __future__ import annotations

import re
from pathlib import Path

from swebench_mm.agents.edits import EDIT_FORMAT, EditFailed, apply_edit, parse_edits
from swebench_mm.agents.environment import Environment
from swebench_mm.agents.models.base import Message, Model, Text
from swebench_mm.agents.models.budget import Budget, LimitReached
from swebench_mm.agents.repo_context import fit_files, ranked_sources
from swebench_mm.agents.scaffolds.base import AgentResult, ask, issue_message
from swebench_mm.agents.trajectory import Trajectory
from swebench_mm.instances import TaskInstance

SYSTEM_PROMPT = """\
You are an expert JavaScript developer fixing a bug in a repository. The bug is usually visual: something a
chart, renderer, stylesheet or UI component draws wrongly, and the issue's screenshots show it; look at
them carefully. Change the library's source, never its tests; keep the change minimal and in the code's style."""

LOCALIZE_INSTRUCTIONS = """\
Below are the repository's source files{ranked_note}. Which files must change to fix the issue? Answer with at
most {max_files} paths from the list, most likely first, one per line, inside <files></files> tags.

{tree}"""

REPAIR_INSTRUCTIONS = """\
Here are the files most likely to need the fix, with line numbers (the numbers are not part of the files):

{files}

Fix the issue. """ + EDIT_FORMAT

_FILES = re.compile(r"<files>(.*?)</files>", re.DOTALL)


def parse_file_list(answer: str, known: set[str]) -> list[str]:
    """The known paths named in the answer's <files> block (or anywhere, without one), in order, once each."""
    block = _FILES.search(answer)
    candidates = re.split(r"[\s,`'\"]+", block.group(1) if block else answer)
    chosen: list[str] = []
    for candidate in candidates:
        path = candidate.strip("()[]:;*").removeprefix("./").removeprefix("/testbed/")
        if path in known and path not in chosen:
            chosen.append(path)
    return chosen


class PipelineAgent:
    name = "pipeline"
    needs_environment = True
    uses_browser = False

    def __init__(self, model: Model, budget_factory, max_files: int = 4, context_chars: int = 60_000,
                 repair_rounds: int = 2, tree_limit: int = 500) -> None:
        self.model = model
        self.budget_factory = budget_factory
        self.max_files = max_files
        self.context_chars = context_chars
        self.repair_rounds = repair_rounds
        self.tree_limit = tree_limit

    def run(self, instance: TaskInstance, env: Environment | None, images: list[Path],
            trajectory: Trajectory) -> AgentResult:
        assert env is not None
        budget: Budget = self.budget_factory()
        sources, ranked = ranked_sources(env, instance.problem_statement)
        if not sources:
            return AgentResult("", "error: no source files found in the repository")
        try:
            chosen = self._localize(instance, images, ranked, set(sources), budget, trajectory)
            return self._repair(instance, images, chosen, sources, env, budget, trajectory)
        except LimitReached as exc:
            return AgentResult(env.diff(), f"limit: {exc}")

    def _localize(self, instance: TaskInstance, images: list[Path], ranked: list[str], known: set[str],
                  budget: Budget, trajectory: Trajectory) -> list[str]:
        listed = ranked[: self.tree_limit]
        note = "" if len(ranked) <= self.tree_limit else f" (the {self.tree_limit} of {len(ranked)} that best match the issue)"
        messages = [
            Message("system", [Text(SYSTEM_PROMPT)]),
            issue_message(instance, images, LOCALIZE_INSTRUCTIONS.format(
                ranked_note=note, max_files=self.max_files, tree="\n".join(sorted(listed)))),
        ]
        for message in messages:
            trajectory.add_message(message)
        reply = ask(self.model, budget, messages)
        chosen = parse_file_list(reply.text, known)[: self.max_files]
        if chosen:
            outcome = f"localised to: {', '.join(chosen)}"
        else:
            chosen = ranked[:3]
            outcome = f"no listed file named; using the best BM25 matches: {', '.join(chosen)}"
        trajectory.add_step(reply, [("", "localize", Message("user", [Text(outcome)]))])
        return chosen

    def _repair(self, instance: TaskInstance, images: list[Path], chosen: list[str], sources: dict[str, str],
                env: Environment, budget: Budget, trajectory: Trajectory) -> AgentResult:
        context = fit_files(chosen, sources, self.context_chars)
        messages = [Message("system", [Text(SYSTEM_PROMPT)]),
                    issue_message(instance, images, REPAIR_INSTRUCTIONS.format(files=context.render()))]
        trajectory.add_message(messages[-1])
        current = dict(sources)
        for _round in range(1 + self.repair_rounds):
            reply = ask(self.model, budget, messages)
            messages.append(Message("assistant", [Text(reply.text)]))
            edits = parse_edits(reply.text)
            problems = [] if edits else ["No edits found in the answer."]
            for edit in edits:
                try:
                    if edit.path not in current:
                        raise EditFailed(f"{edit.path}: no such source file in the repository")
                    current[edit.path] = apply_edit(current[edit.path], edit)
                    env.write_text(edit.path, current[edit.path])
                except EditFailed as exc:
                    problems.append(str(exc))
            applied = len(edits) - (len(problems) if edits else 0)
            if not problems:
                trajectory.add_step(reply, [("", "apply", Message("user", [Text(f"applied {applied} edit(s)")]))])
                return AgentResult(env.diff(), "submitted")
            feedback = Message("user", [Text(
                f"{applied} edit(s) applied. These did not:\n" + "\n".join(f"- {p}" for p in problems)
                + "\nSend corrected edits for these only (the applied ones are in place).\n\n" + EDIT_FORMAT)])
            messages.append(feedback)
            trajectory.add_step(reply, [("", "apply", feedback)])
        patch = env.diff()
        return AgentResult(patch, f"stopped: edits still failing after {self.repair_rounds} repair round(s)")
