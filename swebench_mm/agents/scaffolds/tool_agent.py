"""`tool-agent`: a SWE-agent-M-style loop with native function calling and image tools.

The model gets the issue text *and its screenshots*, then calls tools in the instance's container until
it submits or a cap stops it; on a cap the current diff is submitted anyway (as SWE-agent does), so a
run that ran out of budget still gets graded on what it did.
"""

from __future__ import annotations

from pathlib import Path

from swebench_mm.agents.environment import Environment
from swebench_mm.agents.history import with_recent_images
from swebench_mm.agents.models.base import Message, Model, Text
from swebench_mm.agents.models.budget import Budget, LimitReached
from swebench_mm.agents.scaffolds.base import AgentResult, ask, issue_message
from swebench_mm.agents.tools import TOOL_SPECS, Toolbox, call_tool
from swebench_mm.agents.trajectory import Trajectory
from swebench_mm.instances import TaskInstance

SYSTEM_PROMPT = """\
You are an expert JavaScript developer fixing a bug in a repository checked out at /testbed.
The bug is usually *visual*: something a chart, renderer, stylesheet or UI component draws wrongly.
The issue comes with screenshots; look at them carefully, they often say more than the text.

Work with the tools: explore the code (search, find_files, view_file), reproduce the problem (bash; you
can render the library's output to an HTML or SVG file and look at it with `screenshot`, or view image
files with `view_image`), edit the source (str_replace, insert, create_file), run the existing tests with
bash, and call `submit` when the fix is done. There is no network. Change the library's source, not its
tests: hidden tests will check your fix. Keep the change minimal and in the style of the code.
"""

NO_TOOL_NUDGE = ("Please continue by calling one of the tools. When the fix is complete, call `submit`.")
MAX_NUDGES = 3


class ToolAgent:
    name = "tool-agent"
    needs_environment = True
    uses_browser = True

    def __init__(self, model: Model, budget_factory, system_prompt: str = SYSTEM_PROMPT, keep_images: int = 3) -> None:
        self.model = model
        self.budget_factory = budget_factory  # a fresh Budget per instance, sharing the run's total
        self.system_prompt = system_prompt
        self.keep_images = keep_images  # tool images re-sent on each call (the issue's are always sent)

    def run(self, instance: TaskInstance, env: Environment | None, images: list[Path],
            trajectory: Trajectory) -> AgentResult:
        assert env is not None
        budget: Budget = self.budget_factory()
        toolbox = Toolbox(env, trajectory.folder / "images")
        messages = [Message("system", [Text(self.system_prompt)]), issue_message(instance, images)]
        for message in messages:
            trajectory.add_message(message)
        nudges = 0
        while True:
            try:
                reply = ask(self.model, budget, with_recent_images(messages, self.keep_images), TOOL_SPECS)
            except LimitReached as exc:
                return AgentResult(env.diff(), f"limit: {exc}")
            messages.append(Message("assistant", [Text(reply.text)] if reply.text else [], tool_calls=reply.tool_calls))
            observations = []
            submitted: str | None = None
            for call in reply.tool_calls:
                observation = call_tool(toolbox, call.name, call.arguments)
                result = Message("tool", [Text(observation.text), *observation.images], tool_call_id=call.id)
                messages.append(result)
                observations.append((call.id, call.name, result))
                if observation.submitted_patch is not None:
                    submitted = observation.submitted_patch
            if not reply.tool_calls:
                nudges += 1
                nudge = Message("user", [Text(NO_TOOL_NUDGE)])
                messages.append(nudge)
                observations.append(("", "nudge", nudge))
            trajectory.add_step(reply, observations)
            if submitted is not None:
                return AgentResult(submitted, "submitted")
            if nudges > MAX_NUDGES:
                return AgentResult(env.diff(), "stopped: the model stopped calling tools")
