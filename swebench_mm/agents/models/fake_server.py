"""A scripted LLM server on 127.0.0.1 speaking the OpenAI and Anthropic wire formats.

It replays a script of replies (text and tool calls, or an HTTP error to exercise retries) in order and
records every request it receives, so tests drive the *real* SDK clients end to end and can then assert
on exactly what was sent (images included). Also usable by hand: `swebench-mm fake-llm --script S.json`.

Script format (JSON): `{"replies": [{"text": "...", "tool_calls": [{"name": "bash", "arguments": {...}}]},
{"error": {"status": 429, "message": "slow down"}}, ...]}`.
"""

from __future__ import annotations

import itertools
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


class FakeLLMServer:
    def __init__(self, replies: list[dict[str, Any]], host: str = "127.0.0.1", port: int = 0,
                 log_file: Path | None = None) -> None:
        self.replies = list(replies)
        self.requests: list[dict[str, Any]] = []
        self.log_file = log_file
        self._lock = threading.Lock()
        self._next = 0
        self._ids = itertools.count(1)
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep test output clean
                pass

            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                length = int(self.headers.get("Content-Length") or 0)
                try:
                    body = json.loads(self.rfile.read(length) or b"{}")
                except json.JSONDecodeError:
                    return self._send(400, {"error": {"message": "body is not JSON"}})
                status, payload = server.handle(self.path, body)
                self._send(status, payload)

            def _send(self, status: int, payload: dict) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self._httpd = ThreadingHTTPServer((host, port), Handler)
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    # ---- lifecycle ---------------------------------------------------------------------------
    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def openai_base_url(self) -> str:
        return f"{self.url}/v1"

    def start(self) -> "FakeLLMServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> "FakeLLMServer":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    @property
    def remaining(self) -> int:
        return len(self.replies) - self._next

    # ---- protocol ----------------------------------------------------------------------------
    def handle(self, path: str, body: dict) -> tuple[int, dict]:
        if path.rstrip("/").endswith("/chat/completions"):
            protocol = "openai"
        elif path.rstrip("/").endswith("/messages"):
            protocol = "anthropic"
        else:
            return 404, {"error": {"message": f"unknown path {path}"}}
        with self._lock:
            self.requests.append({"protocol": protocol, "path": path, "body": body})
            if self.log_file:
                with open(self.log_file, "a", encoding="utf-8") as handle:
                    handle.write(json.dumps({"protocol": protocol, "path": path, "body": body}) + "\n")
            reply = self.replies[self._next] if self._next < len(self.replies) else {"text": "(the script has ended)"}
            self._next += 1
        if "error" in reply:
            status = int(reply["error"].get("status", 500))
            kind = {401: "authentication_error", 404: "not_found_error", 429: "rate_limit_error"}.get(status, "api_error")
            return status, {"type": "error", "error": {"type": kind, "message": reply["error"].get("message", kind)}}
        input_tokens = max(1, len(json.dumps(body)) // 4)
        output_tokens = max(1, len(json.dumps(reply)) // 4)
        return 200, (self._openai(body, reply, input_tokens, output_tokens) if protocol == "openai"
                     else self._anthropic(body, reply, input_tokens, output_tokens))

    def _openai(self, body: dict, reply: dict, input_tokens: int, output_tokens: int) -> dict:
        calls = [{"id": f"call_{next(self._ids)}", "type": "function",
                  "function": {"name": c["name"], "arguments": json.dumps(c.get("arguments", {}))}}
                 for c in reply.get("tool_calls", [])]
        message: dict = {"role": "assistant", "content": reply.get("text")}
        if calls:
            message["tool_calls"] = calls
        return {
            "id": f"chatcmpl-{next(self._ids)}", "object": "chat.completion", "created": 0, "model": body.get("model", ""),
            "choices": [{"index": 0, "message": message, "finish_reason": "tool_calls" if calls else "stop"}],
            "usage": {"prompt_tokens": input_tokens, "completion_tokens": output_tokens,
                      "total_tokens": input_tokens + output_tokens},
        }

    def _anthropic(self, body: dict, reply: dict, input_tokens: int, output_tokens: int) -> dict:
        content: list[dict] = []
        if reply.get("text"):
            content.append({"type": "text", "text": reply["text"]})
        for call in reply.get("tool_calls", []):
            content.append({"type": "tool_use", "id": f"toolu_{next(self._ids)}", "name": call["name"],
                            "input": call.get("arguments", {})})
        return {
            "id": f"msg_{next(self._ids)}", "type": "message", "role": "assistant", "model": body.get("model", ""),
            "content": content or [{"type": "text", "text": ""}],
            "stop_reason": "tool_use" if reply.get("tool_calls") else "end_turn", "stop_sequence": None,
            "usage": {"input_tokens": input_tokens, "output_tokens": output_tokens},
        }


def load_script(path: Path) -> list[dict[str, Any]]:
    from swebench_mm.errors import UserError

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise UserError(f"{path}: cannot read the script ({exc})") from None
    replies = data.get("replies") if isinstance(data, dict) else data
    if not isinstance(replies, list):
        raise UserError(f"{path}: expected {{\"replies\": [...]}}")
    return replies
