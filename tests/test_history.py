"""Which images a long conversation re-sends (tool-agent's --keep-images)."""

from __future__ import annotations

from pathlib import Path

from swebench_mm.agents.history import with_recent_images
from swebench_mm.agents.models.base import Image, Message, Text


def _conversation() -> list[Message]:
    issue = Message("user", [Text("issue"), Image(Path("issue.png"), "issue image 1")])
    messages = [Message("system", [Text("sys")]), issue]
    for n in range(1, 4):
        messages.append(Message("assistant", [], tool_calls=[]))
        messages.append(Message("tool", [Text(f"shot {n}"), Image(Path(f"s{n}.png"), f"screenshot {n}")], tool_call_id=str(n)))
    return messages


def _images(messages: list[Message]) -> list[str]:
    return [image.path.name for message in messages for image in message.images]


def test_the_issue_images_and_the_last_tool_images_are_kept():
    messages = _conversation()
    assert _images(with_recent_images(messages, keep=1)) == ["issue.png", "s3.png"]
    assert _images(with_recent_images(messages, keep=2)) == ["issue.png", "s2.png", "s3.png"]
    assert _images(with_recent_images(messages, keep=0)) == ["issue.png"]
    assert _images(with_recent_images(messages, keep=10)) == _images(messages)


def test_dropped_images_leave_a_note_and_the_history_is_untouched():
    messages = _conversation()
    sent = with_recent_images(messages, keep=1)
    assert "[screenshot 1: no longer shown" in sent[3].text and sent[3].text.startswith("shot 1")
    assert sent[3].tool_call_id == "1"
    assert _images(messages) == ["issue.png", "s1.png", "s2.png", "s3.png"]
