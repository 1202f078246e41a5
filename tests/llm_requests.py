"""Reading what the fake LLM server received: the images a request carried, in either wire format."""

from __future__ import annotations

import base64
import io
import json

from PIL import Image as PILImage


def pixels(png: bytes) -> bytes:
    with PILImage.open(io.BytesIO(png)) as image:
        return image.convert("RGB").tobytes()


def png_payloads(request: dict) -> list[bytes]:
    """PNG images in a recorded request: OpenAI data URLs and Anthropic base64 sources."""
    text = json.dumps(request["body"])
    found = []
    for marker in ('"url": "data:image/png;base64,', '"data": "'):
        start = 0
        while (start := text.find(marker, start)) >= 0:
            start += len(marker)
            end = text.find('"', start)
            data = base64.b64decode(text[start:end])
            if data.startswith(b"\x89PNG"):
                found.append(data)
    return found


def request_text(request: dict) -> str:
    """Every text the request carried, joined (the prompt as the model got it), with escapes undone."""
    texts: list[str] = []

    def walk(value) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key in ("text", "content") and isinstance(item, str):
                    texts.append(item)
                else:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(request["body"])
    return "\n".join(texts)
