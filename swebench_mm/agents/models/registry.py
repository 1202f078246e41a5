"""`--model` strings → model objects: `openai:NAME`, `anthropic:NAME`, `openai-compatible:NAME@URL`."""

from __future__ import annotations

from pathlib import Path

from swebench_mm.agents.models.base import Model
from swebench_mm.errors import UserError
from swebench_mm.agents.models.pricing import load_prices, price_for

EXAMPLES = "openai:gpt-4o, anthropic:claude-sonnet-4-5, openai-compatible:qwen2.5-vl@http://localhost:8000/v1"


def make_model(spec: str, prices_file: Path | None = None, **options) -> Model:
    provider, _, rest = spec.partition(":")
    if not rest:
        raise UserError(f"--model {spec!r}: expected PROVIDER:NAME, e.g. {EXAMPLES}")
    prices = load_prices(prices_file)
    if provider == "openai":
        from swebench_mm.agents.models.openai_backend import OpenAIModel

        return OpenAIModel(rest, price_for(rest, prices), **options)
    if provider == "anthropic":
        from swebench_mm.agents.models.anthropic_backend import AnthropicModel

        return AnthropicModel(rest, price_for(rest, prices), **options)
    if provider == "openai-compatible":
        name, _, url = rest.partition("@")
        if not name or not url.startswith(("http://", "https://")):
            raise UserError(f"--model {spec!r}: expected openai-compatible:NAME@http://host:port/v1")
        from swebench_mm.agents.models.openai_backend import OpenAIModel

        return OpenAIModel(name, price_for(name, prices), base_url=url, provider="openai-compatible", **options)
    raise UserError(f"--model {spec!r}: unknown provider {provider!r} (use openai, anthropic or openai-compatible)")
