"""Anthropic messages API via the official SDK: image blocks, tool use, images inside tool results."""

from __future__ import annotations

import os
import time

import anthropic

from swebench_mm.agents.models.base import Image, Message, Reply, Text, ToolCall, ToolSpec, Usage
from swebench_mm.agents.models.errors import translate
from swebench_mm.agents.models.images import ANTHROPIC_LIMITS, base64_data, media_type, prepare_image
from swebench_mm.agents.models.pricing import Price, cost_of
from swebench_mm.errors import UserError


def _image_block(image: Image) -> dict:
    prepared = prepare_image(image.path, ANTHROPIC_LIMITS)
    return {"type": "image", "source": {"type": "base64", "media_type": media_type(prepared), "data": base64_data(prepared)}}


def _blocks(parts) -> list[dict]:
    return [{"type": "text", "text": p.text} if isinstance(p, Text) else _image_block(p) for p in parts
            if not (isinstance(p, Text) and not p.text)]


def to_anthropic(messages: list[Message]) -> tuple[str, list[dict]]:
    """(system prompt, messages); consecutive user-side turns are merged, as the API requires alternation."""
    system = "\n\n".join(m.text for m in messages if m.role == "system")
    wire: list[dict] = []
    for message in messages:
        if message.role == "system":
            continue
        if message.role == "assistant":
            content = _blocks(message.parts)
            content += [{"type": "tool_use", "id": c.id, "name": c.name, "input": c.arguments} for c in message.tool_calls]
            wire.append({"role": "assistant", "content": content or [{"type": "text", "text": "(no text)"}]})
            continue
        if message.role == "tool":
            content = [{"type": "tool_result", "tool_use_id": message.tool_call_id,
                        "content": _blocks(message.parts) or [{"type": "text", "text": "(no output)"}]}]
        else:
            content = _blocks(message.parts)
        if wire and wire[-1]["role"] == "user":
            wire[-1]["content"].extend(content)
        else:
            wire.append({"role": "user", "content": content})
    return system, wire


class AnthropicModel:
    def __init__(self, name: str, price: Price | None, base_url: str | None = None, api_key: str | None = None,
                 timeout_s: float = 300, max_retries: int = 5, max_tokens: int = 4096) -> None:
        self.name = name
        self.price = price
        self.max_tokens = max_tokens
        if api_key is None and not (os.environ.get("ANTHROPIC_API_KEY") or os.environ.get("ANTHROPIC_AUTH_TOKEN")):
            # The SDK would only fail at the first request, deep in a run; say it before anything starts.
            raise UserError(f"--model anthropic:{name}: no API key (set ANTHROPIC_API_KEY)")
        self.client = anthropic.Anthropic(api_key=api_key, base_url=base_url, timeout=timeout_s, max_retries=max_retries)

    def complete(self, messages: list[Message], tools: list[ToolSpec]) -> Reply:
        system, wire = to_anthropic(messages)
        kwargs: dict = {"model": self.name, "max_tokens": self.max_tokens, "messages": wire}
        if system:
            kwargs["system"] = system
        if tools:
            kwargs["tools"] = [{"name": t.name, "description": t.description, "input_schema": t.parameters} for t in tools]
        started = time.monotonic()
        try:
            response = self.client.messages.create(**kwargs)
        except anthropic.AnthropicError as exc:
            raise translate("anthropic", self.name, exc) from exc
        latency = time.monotonic() - started
        text = "\n".join(block.text for block in response.content if block.type == "text")
        calls = [ToolCall(block.id, block.name, dict(block.input or {})) for block in response.content
                 if block.type == "tool_use"]
        usage = Usage(response.usage.input_tokens or 0, response.usage.output_tokens or 0)
        return Reply(text=text, tool_calls=calls, usage=usage,
                     cost=cost_of(self.price, usage.input_tokens, usage.output_tokens), latency_s=latency,
                     model=self.name, stop_reason=response.stop_reason or "")
