"""Translate SDK errors into messages that say what to do."""

from __future__ import annotations

from swebench_mm.errors import UserError


class ModelCallFailed(Exception):
    """A call failed after the SDK's own retries (rate limit, 5xx, timeout): this instance stops, the run goes on."""


def translate(provider: str, model: str, exc: Exception) -> Exception:
    """A `UserError` for problems no retry can fix (key, model name), `ModelCallFailed` otherwise."""
    status = getattr(exc, "status_code", None)
    name = type(exc).__name__
    detail = str(exc).splitlines()[0][:200] if str(exc) else name
    if name == "AuthenticationError" or status == 401:
        key = "ANTHROPIC_API_KEY" if provider == "anthropic" else "OPENAI_API_KEY"
        return UserError(f"{provider} rejected the API key for {model} (401): check {key}")
    if name == "PermissionDeniedError" or status == 403:
        return UserError(f"{provider} denied access to {model} (403): {detail}")
    if name == "NotFoundError" or status == 404:
        return UserError(f"{provider} does not know the model {model!r} (404): check the --model name")
    return ModelCallFailed(f"{provider} call to {model} failed after retries ({name}): {detail}")
