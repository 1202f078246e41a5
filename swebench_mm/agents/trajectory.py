"""Trajectories: everything an agent saw and did, per instance, for reports and debugging.

Images are stored as files beside the trajectory and referenced by relative path, so the JSON stays
small and a report can show exactly the pictures the model was given.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from swebench_mm.agents.models.base import Image, Message, Reply
from swebench_mm.atomic import write_json


def _image_ref(image: Image, folder: Path) -> dict[str, str]:
    try:
        path = str(Path(image.path).resolve().relative_to(folder.resolve()))
    except ValueError:
        path = str(image.path)
    return {"path": path, "label": image.label}


def message_record(message: Message, folder: Path) -> dict[str, Any]:
    record: dict[str, Any] = {"role": message.role, "text": message.text,
                              "images": [_image_ref(i, folder) for i in message.images]}
    if message.tool_calls:
        record["tool_calls"] = [{"id": c.id, "name": c.name, "arguments": c.arguments} for c in message.tool_calls]
    if message.tool_call_id:
        record["tool_call_id"] = message.tool_call_id
    return record


@dataclass
class Trajectory:
    folder: Path
    instance_id: str
    scaffold: str
    model: str
    started: float = field(default_factory=time.time)
    steps: list[dict[str, Any]] = field(default_factory=list)
    messages: list[dict[str, Any]] = field(default_factory=list)
    exit_status: str = "running"
    input_tokens: int = 0
    output_tokens: int = 0
    cost: float | None = 0.0

    def add_message(self, message: Message) -> None:
        self.messages.append(message_record(message, self.folder))

    def add_step(self, reply: Reply, observations: list[tuple[str, str, Message]]) -> None:
        self.input_tokens += reply.usage.input_tokens
        self.output_tokens += reply.usage.output_tokens
        self.cost = None if self.cost is None or reply.cost is None else self.cost + reply.cost
        self.steps.append({
            "step": len(self.steps) + 1,
            "time": round(time.time() - self.started, 2),
            "thought": reply.text,
            "tool_calls": [{"id": c.id, "name": c.name, "arguments": c.arguments} for c in reply.tool_calls],
            "observations": [{"tool_call_id": call_id, "name": name, **message_record(message, self.folder)}
                             for call_id, name, message in observations],
            "usage": {"input_tokens": reply.usage.input_tokens, "output_tokens": reply.usage.output_tokens},
            "cost": reply.cost,
            "latency_s": round(reply.latency_s, 3),
        })
        # After every step, atomically: a run killed mid-instance keeps the steps so far for the report.
        self.save()

    def save(self) -> Path:
        path = self.folder / "trajectory.json"
        write_json(path, {
            "instance_id": self.instance_id,
            "scaffold": self.scaffold,
            "model": self.model,
            "exit_status": self.exit_status,
            "steps_taken": len(self.steps),
            "input_tokens": self.input_tokens,
            "output_tokens": self.output_tokens,
            "cost": self.cost,
            "wall_time_s": round(time.time() - self.started, 2),
            "initial_messages": self.messages,
            "steps": self.steps,
        })
        return path
