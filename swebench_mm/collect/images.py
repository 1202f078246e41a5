"""The images of an issue: found in its Markdown and HTML, then checked through the issue-image cache.

Issues carry screenshots three ways — Markdown `![alt](url)`, HTML `<img src=...>` (what GitHub's
editor writes when a width is set) and bare attachment links (`github.com/user-attachments/assets/...`,
`user-images.githubusercontent.com/...`) — so all three are read. A link is only kept once it has been
downloaded into the content-addressed cache and Pillow has opened it (swebench_mm/issue_images.py):
links rot and some point at web pages, and an instance whose "screenshot" is a 404 page is not a
multimodal task.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from swebench_mm import issue_images

_MARKDOWN = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_HTML = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
_BARE = re.compile(
    r"https?://(?:[^\s/]+/user-attachments/assets/[\w-]+"
    r"|(?:private-)?user-images\.githubusercontent\.com/\S+?\.(?:png|jpe?g|gif|webp)"
    r"|\S+?\.(?:png|jpe?g|gif|webp))(?=[\s)\]\"'<>]|$)",
    re.IGNORECASE,
)
_CODE = re.compile(r"```.*?```|`[^`\n]*`", re.DOTALL)  # an image URL inside code is text, not a picture


def image_urls(text: str | None) -> list[str]:
    """Image URLs in Markdown/HTML text, in order of appearance, without duplicates."""
    prose = _CODE.sub(" ", text or "")
    positioned: list[tuple[int, str]] = []
    for pattern in (_MARKDOWN, _HTML, _BARE):
        positioned.extend((match.start(), match.group(1) if pattern.groups else match.group(0))
                          for match in pattern.finditer(prose))
    seen: dict[str, None] = {}
    for _, url in sorted(positioned):
        if url.startswith(("http://", "https://")):
            seen.setdefault(url, None)
    return list(seen)


@dataclass
class CheckedImages:
    """The usable image URLs and one line for each that is not."""

    urls: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def check_images(urls: list[str], download: bool = True) -> CheckedImages:
    """Keep the URLs that download as real images (cached on disk); without `download`, keep them all.

    Offline collection (`--no-download`) keeps every link unchecked: `instances images --download`
    checks them later, on a machine that can reach them.
    """
    result = CheckedImages()
    for url in urls:
        if not download:
            result.urls.append(url)
            continue
        try:
            issue_images.download(url)
        except ValueError as exc:
            result.problems.append(str(exc))
        else:
            result.urls.append(url)
    return result
