"""The provider-neutral conversation: messages with text and image parts, tool calls, replies.

Scaffolds speak only these types; each backend translates them to its wire format. Keeping images as
file paths (not base64 blobs) keeps trajectories small and lets reports show the very file the model saw.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Image:
    """An image the model is shown; `path` is a local PNG/JPEG/GIF/WebP file."""

    path: Path
    # Why the model sees it (issue image, view_image, screenshot), for trajectories and reports.
    label: str = ""


Part = Text | Image


@dataclass(frozen=True)
class ToolCall:
    id: str
    name: str
    arguments: dict[str, Any]


@dataclass
class Message:
    """One turn. `tool_call_id` marks a tool result; `tool_calls` an assistant turn that calls tools."""

    role: str  # "system" | "user" | "assistant" | "tool"
    parts: list[Part] = field(default_factory=list)
    tool_calls: list[ToolCall] = field(default_factory=list)
    tool_call_id: str | None = None

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.parts if isinstance(p, Text))

    @property
    def images(self) -> list[Image]:
        return [p for p in self.parts if isinstance(p, Image)]


@dataclass(frozen=True)
class ToolSpec:
    """A tool as the model sees it: name, description, JSON-schema parameters."""

    name: str
    description: str
    parameters: dict[str, Any]


@dataclass
class Usage:
    input_tokens: int = 0
    output_tokens: int = 0


@dataclass
class Reply:
    text: str
    tool_calls: list[ToolCall]
    usage: Usage
    # None when the model's price is unknown: a cost is never silently $0.
    cost: float | None
    latency_s: float
    model: str
    stop_reason: str = ""


class Model(Protocol):
    """Messages (text + images) and tools in, a reply with usage and cost out."""

    name: str

    def complete(self, messages: list[Message], tools: list[ToolSpec]) -> Reply: ...
