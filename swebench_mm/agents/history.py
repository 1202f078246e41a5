"""What of a long conversation the model is sent again: every image a tool returned stays in the history,
but only the most recent few are re-sent.

Each screenshot costs hundreds to thousands of input tokens on *every* later call, and providers cap the
images per request (Anthropic at 100), so an agent that takes a screenshot per step would get dearer by
the step and then fail outright. Like SWE-agent's "last N observations" processors, older tool images are
replaced by a one-line note the model can act on; the issue's own images are always kept, because they are
the task. The trajectory still records every image.
"""

from __future__ import annotations

from swebench_mm.agents.models.base import Image, Message, Text


def with_recent_images(messages: list[Message], keep: int) -> list[Message]:
    """The messages to send: tool-result images beyond the last `keep` become text notes."""
    seen = 0
    trimmed: list[Message] = []
    for message in reversed(messages):
        if message.role != "tool" or not message.images:
            trimmed.append(message)
            continue
        parts: list[Text | Image] = []
        for part in reversed(message.parts):
            if isinstance(part, Image):
                seen += 1
                if seen > keep:
                    label = part.label or "image"
                    part = Text(f"[{label}: no longer shown, to save context; take or view it again if you need it]")
            parts.append(part)
        parts.reverse()
        trimmed.append(Message(message.role, parts, message.tool_calls, message.tool_call_id))
    trimmed.reverse()
    return trimmed
