"""`retrieval`: the BM25 baseline of the SWE-bench papers, with the issue's images added.

The files that best match the issue text (BM25) are put in one prompt, as many as fit a character budget,
and the model answers once with a unified diff. Its hunk headers are recounted (the commonest way model
diffs break) and nothing else is changed: the harness's own fallbacks (`git apply --3way`, `patch --fuzz`)
decide whether it applies, as they would for any submission. The exit status says whether `git apply
--check` accepted it, so a report can tell "wrong fix" from "no usable patch".
"""

from __future__ import annotations

from pathlib import Path

from swebench_mm.agents.edits import extract_diff
from swebench_mm.agents.environment import Environment
from swebench_mm.agents.models.base import Message, Model, Text
from swebench_mm.agents.models.budget import Budget, LimitReached
from swebench_mm.agents.repo_context import fit_files, ranked_sources
from swebench_mm.agents.scaffolds.base import AgentResult, ask, issue_message
from swebench_mm.agents.trajectory import Trajectory
from swebench_mm.instances import TaskInstance

SYSTEM_PROMPT = """\
You are an expert JavaScript developer. You will be given an issue (with its screenshots) and the source files
of the repository most related to it. Write a patch that fixes the issue: a unified diff (as `git diff`
prints it, paths starting a/ and b/) inside <patch></patch> tags. Change the library's source, not its tests."""

INSTRUCTIONS = """\
The repository's source files that best match the issue{left_out_note}, with line numbers (the numbers are not
part of the files):

{files}

Answer with the patch inside <patch></patch>."""


class RetrievalAgent:
    name = "retrieval"
    needs_environment = True
    uses_browser = False

    def __init__(self, model: Model, budget_factory, context_chars: int = 50_000, attempts: int = 1) -> None:
        self.model = model
        self.budget_factory = budget_factory
        self.context_chars = context_chars
        # 1 = the SWE-bench baseline (one answer, taken as it is). More: a diff that `git apply --check`
        # rejects goes back with git's message for another answer, as Agentless-Lite re-samples until valid.
        self.attempts = max(1, attempts)

    def run(self, instance: TaskInstance, env: Environment | None, images: list[Path],
            trajectory: Trajectory) -> AgentResult:
        assert env is not None
        budget: Budget = self.budget_factory()
        sources, ranked = ranked_sources(env, instance.problem_statement)
        if not sources:
            return AgentResult("", "error: no source files found in the repository")
        context = fit_files(ranked, sources, self.context_chars)
        note = f" ({len(context.files)} of {len(ranked)}; the rest did not fit)" if context.left_out else ""
        messages = [Message("system", [Text(SYSTEM_PROMPT)]),
                    issue_message(instance, images, INSTRUCTIONS.format(left_out_note=note, files=context.render()))]
        for message in messages:
            trajectory.add_message(message)
        patch, status = "", "stopped: no patch in the answer"
        for attempt in range(1, self.attempts + 1):
            try:
                reply = ask(self.model, budget, messages)
            except LimitReached as exc:
                return AgentResult(patch, f"limit: {exc}")
            answer = extract_diff(reply.text)
            problem = ""
            if not answer:
                problem = "no diff found in the answer"
                status = "stopped: no patch in the answer" if not patch else status
            else:
                patch = answer
                env.write_text("/tmp/swebench-mm-model.patch", patch)
                check = env.execute("git apply --check /tmp/swebench-mm-model.patch 2>&1")
                if check.exit_code == 0:
                    status = "submitted"
                else:
                    status = "submitted (git apply --check fails)"
                    problem = f"git apply --check fails:\n{check.output.strip()[:2000]}"
            outcome = Message("user", [Text(problem or "git apply --check: ok")])
            trajectory.add_step(reply, [("", "check", outcome)])
            if not problem or attempt == self.attempts:
                break
            messages += [Message("assistant", [Text(reply.text)]),
                         Message("user", [Text(f"{problem}\nAnswer again with a corrected patch inside <patch></patch>.")])]
        return AgentResult(patch, status)
