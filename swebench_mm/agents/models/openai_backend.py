"""OpenAI chat completions (and any OpenAI-compatible server: vLLM, llama.cpp, ollama) via the official SDK.

Images go as `image_url` parts with data URLs. Tool results cannot carry images in this API, so an image
returned by a tool follows as a user message that names the tool call it belongs to.
"""

from __future__ import annotations

import json
import time

import openai

from swebench_mm.agents.models.base import Image, Message, Reply, Text, ToolCall, ToolSpec, Usage
from swebench_mm.agents.models.errors import translate
from swebench_mm.agents.models.images import OPENAI_LIMITS, ImageLimits, base64_data, media_type, prepare_image
from swebench_mm.agents.models.pricing import Price, cost_of
from swebench_mm.errors import UserError


def _image_part(image: Image, limits: ImageLimits) -> dict:
    prepared = prepare_image(image.path, limits)
    return {"type": "image_url", "image_url": {"url": f"data:{media_type(prepared)};base64,{base64_data(prepared)}"}}


def to_openai_messages(messages: list[Message], limits: ImageLimits = OPENAI_LIMITS) -> list[dict]:
    wire: list[dict] = []
    for message in messages:
        if message.role == "system":
            wire.append({"role": "system", "content": message.text})
        elif message.role == "assistant":
            entry: dict = {"role": "assistant", "content": message.text or None}
            if message.tool_calls:
                entry["tool_calls"] = [
                    {"id": c.id, "type": "function", "function": {"name": c.name, "arguments": json.dumps(c.arguments)}}
                    for c in message.tool_calls
                ]
            wire.append(entry)
        elif message.role == "tool":
            wire.append({"role": "tool", "tool_call_id": message.tool_call_id, "content": message.text or "(no output)"})
            if message.images:
                wire.append({"role": "user", "content": [
                    {"type": "text", "text": f"Image(s) returned by tool call {message.tool_call_id}:"},
                    *(_image_part(image, limits) for image in message.images),
                ]})
        else:
            parts = [{"type": "text", "text": p.text} if isinstance(p, Text) else _image_part(p, limits)
                     for p in message.parts]
            wire.append({"role": "user", "content": parts})
    return wire


def to_openai_tools(tools: list[ToolSpec]) -> list[dict]:
    return [{"type": "function", "function": {"name": t.name, "description": t.description, "parameters": t.parameters}}
            for t in tools]


class OpenAIModel:
    """`openai:NAME`, or `openai-compatible:NAME@URL` with `base_url` set."""

    def __init__(self, name: str, price: Price | None, base_url: str | None = None, api_key: str | None = None,
                 timeout_s: float = 300, max_retries: int = 5, temperature: float | None = 0.0,
                 provider: str = "openai") -> None:
        self.name = name
        self.price = price
        self.provider = provider
        self.temperature = temperature
        if api_key is None and provider == "openai-compatible":
            import os

            api_key = os.environ.get("OPENAI_API_KEY") or "EMPTY"  # local servers accept any key
        # The SDK retries 408/409/429/5xx and connection errors with exponential backoff.
        try:
            self.client = openai.OpenAI(api_key=api_key, base_url=base_url, timeout=timeout_s, max_retries=max_retries)
        except openai.OpenAIError as exc:  # the SDK refuses to start without a key
            raise UserError(f"--model {provider}:{name}: no API key (set OPENAI_API_KEY): {exc}") from None

    def complete(self, messages: list[Message], tools: list[ToolSpec]) -> Reply:
        kwargs: dict = {"model": self.name, "messages": to_openai_messages(messages)}
        if tools:
            kwargs["tools"] = to_openai_tools(tools)
        if self.temperature is not None:
            kwargs["temperature"] = self.temperature
        started = time.monotonic()
        try:
            response = self.client.chat.completions.create(**kwargs)
        except openai.OpenAIError as exc:
            raise translate(self.provider, self.name, exc) from exc
        latency = time.monotonic() - started
        choice = response.choices[0]
        calls = []
        for call in choice.message.tool_calls or []:
            try:
                arguments = json.loads(call.function.arguments or "{}")
            except json.JSONDecodeError:
                arguments = {"_unparsed": call.function.arguments}
            calls.append(ToolCall(call.id, call.function.name, arguments if isinstance(arguments, dict) else {"value": arguments}))
        usage = Usage(getattr(response.usage, "prompt_tokens", 0) or 0, getattr(response.usage, "completion_tokens", 0) or 0)
        return Reply(
            text=choice.message.content or "", tool_calls=calls, usage=usage,
            cost=cost_of(self.price, usage.input_tokens, usage.output_tokens), latency_s=latency,
            model=self.name, stop_reason=choice.finish_reason or "",
        )
