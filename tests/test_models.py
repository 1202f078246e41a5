"""Model backends through the real OpenAI and Anthropic SDKs against the scripted local server."""

from __future__ import annotations

import base64
import io

import pytest
from PIL import Image as PILImage

from swebench_mm.agents.models.base import Image, Message, Text, ToolCall, ToolSpec
from swebench_mm.agents.models.budget import Budget, LimitReached, TotalCost
from swebench_mm.agents.models.errors import ModelCallFailed
from swebench_mm.agents.models.fake_server import FakeLLMServer
from swebench_mm.agents.models.images import ANTHROPIC_LIMITS, prepare_image
from swebench_mm.agents.models.pricing import cost_of, load_prices, price_for
from swebench_mm.agents.models.registry import make_model
from swebench_mm.errors import UserError

TOOLS = [ToolSpec("bash", "run a command", {"type": "object", "properties": {"command": {"type": "string"}},
                                             "required": ["command"]})]


@pytest.fixture
def png(tmp_path):
    path = tmp_path / "shot.png"
    PILImage.new("RGB", (3000, 1000), (200, 30, 30)).save(path)
    return path


def _conversation(png):
    return [
        Message("system", [Text("You fix bugs.")]),
        Message("user", [Text("The legend is wrong, see:"), Image(png, "issue")]),
        Message("assistant", [Text("Let me look.")], tool_calls=[ToolCall("c1", "bash", {"command": "ls"})]),
        Message("tool", [Text("src test"), Image(png, "screenshot")], tool_call_id="c1"),
    ]


def _model(provider, server, **options):
    spec = {"openai": "openai:gpt-4o", "anthropic": "anthropic:claude-sonnet-4-6",
            "openai-compatible": f"openai-compatible:local-vl@{server.openai_base_url}"}[provider]
    base = {"openai": server.openai_base_url, "anthropic": server.url, "openai-compatible": None}[provider]
    kwargs = {"api_key": "test-key", "max_retries": 2, **options}
    if base:
        kwargs["base_url"] = base
    return make_model(spec, **kwargs)


def _decoded_images(request) -> list[PILImage.Image]:
    found = []

    def walk(node):
        if isinstance(node, dict):
            url = node.get("url", "")
            if isinstance(url, str) and url.startswith("data:image"):
                found.append(base64.b64decode(url.split(",", 1)[1]))
            if node.get("type") == "base64" and "data" in node:
                found.append(base64.b64decode(node["data"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(request["body"])
    return [PILImage.open(io.BytesIO(data)) for data in found]


@pytest.mark.parametrize("provider", ["openai", "anthropic", "openai-compatible"])
def test_text_images_and_tool_calls_round_trip(provider, png):
    replies = [{"text": "checking", "tool_calls": [{"name": "bash", "arguments": {"command": "cat src/legend.js"}}]}]
    with FakeLLMServer(replies) as server:
        reply = _model(provider, server).complete(_conversation(png), TOOLS)
    assert reply.tool_calls[0].name == "bash" and reply.tool_calls[0].arguments == {"command": "cat src/legend.js"}
    assert reply.text == "checking"
    assert reply.usage.input_tokens > 0 and reply.usage.output_tokens > 0
    request = server.requests[0]
    images = _decoded_images(request)
    assert len(images) == 2  # the issue image and the tool's screenshot both reached the server
    assert max(images[0].size) <= 2048  # downscaled from 3000 px
    assert images[0].getpixel((5, 5))[:3] == (200, 30, 30)
    body = request["body"]
    assert body["tools"] and "bash" in str(body["tools"])


def test_cost_known_and_unknown(png):
    with FakeLLMServer([{"text": "a"}, {"text": "b"}]) as server:
        known = _model("openai", server).complete(_conversation(png), [])
        unknown = _model("openai-compatible", server).complete(_conversation(png), [])
    assert known.cost is not None and known.cost > 0
    assert unknown.cost is None  # unknown price: unknown cost, never $0


def test_rate_limits_are_retried_by_the_sdk(png):
    replies = [{"error": {"status": 429, "message": "slow down"}}, {"text": "done"}]
    with FakeLLMServer(replies) as server:
        reply = _model("anthropic", server).complete(_conversation(png), [])
    assert reply.text == "done" and len(server.requests) == 2


def test_persistent_server_errors_fail_this_call_only(png):
    replies = [{"error": {"status": 500}}] * 3
    with FakeLLMServer(replies) as server, pytest.raises(ModelCallFailed, match="after retries"):
        _model("openai", server).complete(_conversation(png), [])


@pytest.mark.parametrize("provider,status,message", [("openai", 401, "OPENAI_API_KEY"),
                                                     ("anthropic", 401, "ANTHROPIC_API_KEY"),
                                                     ("openai", 404, "does not know the model")])
def test_bad_key_or_model_is_a_clear_user_error(provider, status, message, png):
    with FakeLLMServer([{"error": {"status": status}}]) as server, pytest.raises(UserError, match=message):
        _model(provider, server).complete(_conversation(png), [])


def test_prices_prefix_match_and_extension(tmp_path):
    prices = load_prices()
    assert price_for("gpt-4o-2024-08-06", prices) == prices["gpt-4o"]
    assert price_for("my-local-model", prices) is None
    extra = tmp_path / "prices.json"
    extra.write_text('{"my-local-model": {"input_per_mtok": 0, "output_per_mtok": 0}}')
    assert cost_of(price_for("my-local-model", load_prices(extra)), 1000, 1000) == 0.0


def test_budget_is_checked_before_each_call():
    total = TotalCost(limit=1.0)
    budget = Budget(step_limit=3, cost_limit=0.5, total=total)
    budget.check()
    budget.record(0.4)
    budget.check()
    budget.record(0.4)  # now over the instance cap: the next check stops
    with pytest.raises(LimitReached, match="instance cost limit"):
        budget.check()
    other = Budget(total=total)
    other.record(0.3)
    with pytest.raises(LimitReached, match="total cost limit"):
        other.check()
    steps = Budget(step_limit=1)
    steps.record(None)
    assert not steps.cost_known
    with pytest.raises(LimitReached, match="step limit"):
        steps.check()


def test_a_stopped_run_makes_no_further_model_call():
    total = TotalCost()
    budget = Budget(total=total)
    budget.check()
    total.stopped = True  # what Ctrl-C on a Ray driver sets, for every agent of the run
    with pytest.raises(LimitReached, match="the run was stopped"):
        budget.check()


def test_gifs_become_their_first_frame(tmp_path):
    frames = [PILImage.new("RGB", (2000, 100), colour) for colour in ((255, 0, 0), (0, 0, 255))]
    gif = tmp_path / "anim.gif"
    frames[0].save(gif, save_all=True, append_images=frames[1:], duration=100)
    prepared = prepare_image(gif, ANTHROPIC_LIMITS)
    with PILImage.open(prepared) as image:
        assert prepared.suffix == ".png" and max(image.size) <= 1568
        assert image.convert("RGB").getpixel((3, 3))[0] > 200  # red: the first frame


@pytest.mark.parametrize("spec, variable", [("openai:gpt-4o", "OPENAI_API_KEY"),
                                            ("anthropic:claude-sonnet-4-6", "ANTHROPIC_API_KEY")])
def test_a_missing_key_is_one_line_before_anything_runs(spec, variable, monkeypatch, capsys):
    for name in ("OPENAI_API_KEY", "OPENAI_ADMIN_KEY", "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(UserError, match=f"no API key \\(set {variable}\\)"):
        make_model(spec)
    from swebench_mm.cli import main

    assert main(["run", "--agent", "pipeline", "--model", spec, "--run-id", "nokey"]) == 2
    err = capsys.readouterr().err
    assert f"set {variable}" in err and "Traceback" not in err
    # Local OpenAI-compatible servers need no key.
    assert make_model("openai-compatible:m@http://127.0.0.1:1/v1").name == "m"
