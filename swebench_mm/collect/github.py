"""The few GitHub REST calls collection needs: one repository, its pull requests, issues and comments.

Why a small client of our own rather than a GitHub SDK: collection needs exactly four list/detail
endpoints, and the behaviour that matters is around them — every page followed through the `Link`
header (GitHub's only reliable way to page), the rate limit respected by waiting until
`x-ratelimit-reset` instead of failing a long crawl at request 5,001, transient 5xx retried, and every
other failure turned into one line a user can act on (bad token, unknown repository). The same client
talks to GitHub Enterprise or a local fake through `api_url`.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

import requests

from swebench_mm.errors import UserError

GITHUB_API = "https://api.github.com"
_LINK = re.compile(r'<([^>]+)>\s*;\s*rel="([^"]+)"')
# GitHub answers an exhausted primary limit with 403 (or 429) and x-ratelimit-remaining: 0, and a
# secondary ("abuse") limit with 403/429 and Retry-After.
_RATE_LIMITED = (403, 429)
_RETRIED = (500, 502, 503, 504)


class NotFound(Exception):
    """The resource does not exist (404) or was deleted (410): an issue link that leads nowhere."""

    def __init__(self, url: str, status: int) -> None:
        super().__init__(f"{url}: {'deleted' if status == 410 else 'not found'} ({status})")
        self.status = status


def next_link(header: str | None) -> str | None:
    """The `rel="next"` URL of a `Link` header, or None on the last page."""
    for url, rel in _LINK.findall(header or ""):
        if rel == "next":
            return url
    return None


@dataclass
class GitHubClient:
    """Authenticated GET requests against one API root, with paging, rate-limit waits and retries."""

    token: str | None = None
    api_url: str = GITHUB_API
    timeout_s: float = 30
    retries: int = 3
    # Longest rate-limit wait accepted before giving up with a message (GitHub's window is an hour).
    max_wait_s: float = 3700
    sleep: Callable[[float], None] = time.sleep
    on_wait: Callable[[str], None] = lambda message: None
    requests_made: int = 0
    session: requests.Session = field(default_factory=requests.Session)

    def __post_init__(self) -> None:
        self.api_url = self.api_url.rstrip("/")
        self.session.headers.update({
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": "2022-11-28",
            "User-Agent": "swebench-mm-collect",
        })
        if self.token:
            self.session.headers["Authorization"] = f"Bearer {self.token}"

    # ---- transport ---------------------------------------------------------------------------
    def _rate_limit_wait(self, response: requests.Response) -> float | None:
        """Seconds to wait before the next request, when the response says the limit is spent."""
        retry_after = response.headers.get("retry-after")
        if response.status_code in _RATE_LIMITED and retry_after and retry_after.isdigit():
            return float(retry_after)
        if response.headers.get("x-ratelimit-remaining") == "0":
            reset = response.headers.get("x-ratelimit-reset", "")
            if reset.isdigit():
                return max(0.0, int(reset) - time.time()) + 1
            return 60.0
        return None

    def _wait(self, seconds: float, url: str) -> None:
        if seconds > self.max_wait_s:
            raise UserError(f"GitHub API rate limit reached at {url}; it resets in {seconds / 60:.0f} minutes, over "
                            f"the {self.max_wait_s / 60:.0f} minutes this run waits: re-run later (the state file "
                            "resumes where this run stopped) or set GITHUB_TOKEN for a higher limit")
        self.on_wait(f"GitHub API rate limit reached: waiting {seconds:.0f}s for it to reset")
        self.sleep(seconds)

    def get(self, url: str, params: dict[str, Any] | None = None) -> requests.Response:
        """One GET with rate-limit waits and retries; raises NotFound for 404/410, UserError otherwise."""
        if not url.startswith(("http://", "https://")):
            url = f"{self.api_url}/{url.lstrip('/')}"
        attempt = 0
        while True:
            try:
                response = self.session.get(url, params=params, timeout=self.timeout_s)
            except requests.RequestException as exc:
                attempt += 1
                if attempt > self.retries:
                    raise UserError(f"cannot reach the GitHub API at {self.api_url} ({_reason(exc)}); "
                                    "check --api-url and the network") from None
                self.sleep(2 ** attempt)
                continue
            self.requests_made += 1
            wait = self._rate_limit_wait(response)
            if response.status_code in _RATE_LIMITED and wait is not None:
                self._wait(wait, url)
                continue
            if response.status_code in _RETRIED and attempt < self.retries:
                attempt += 1
                self.sleep(2 ** attempt)
                continue
            if response.status_code in (404, 410):
                raise NotFound(url, response.status_code)
            if response.status_code == 401:
                raise UserError(f"GitHub API at {self.api_url} refused the token (401 {_message(response)}): "
                                "check GITHUB_TOKEN")
            if response.status_code >= 400:
                raise UserError(f"GitHub API error {response.status_code} on {url}: {_message(response)}")
            if wait is not None:  # the limit is spent with this very answer: wait before the next request
                self._wait(wait, url)
            return response

    def get_json(self, url: str, params: dict[str, Any] | None = None) -> Any:
        response = self.get(url, params)
        try:
            return response.json()
        except ValueError:
            raise UserError(f"GitHub API answered {url} with something that is not JSON "
                            f"({response.text[:80]!r}); is --api-url an API root?") from None

    def paginate(self, url: str, params: dict[str, Any] | None = None) -> Iterator[dict[str, Any]]:
        """Every item of a list endpoint, page after page through `Link: rel="next"`."""
        page_params: dict[str, Any] | None = {"per_page": 100, **(params or {})}
        next_url: str | None = url
        while next_url:
            response = self.get(next_url, page_params)
            items = response.json()
            if not isinstance(items, list):
                raise UserError(f"GitHub API answered {next_url} with {type(items).__name__}, expected a list")
            yield from items
            next_url, page_params = next_link(response.headers.get("link")), None  # the link carries the query

    # ---- endpoints ---------------------------------------------------------------------------
    def repository(self, repo: str) -> dict[str, Any]:
        """`GET /repos/{owner}/{name}`; an unknown (or invisible) repository is a one-line error."""
        try:
            return self.get_json(f"repos/{repo}")
        except NotFound:
            raise UserError(f"{repo}: no such repository at {self.api_url} (or the token cannot see it)") from None

    def pulls(self, repo: str) -> Iterator[dict[str, Any]]:
        """Closed pull requests, newest first (so a `--since` crawl can stop at the first older one)."""
        return self.paginate(f"repos/{repo}/pulls", {"state": "closed", "sort": "created", "direction": "desc"})

    def pull_commits(self, repo: str, number: int) -> list[dict[str, Any]]:
        return list(self.paginate(f"repos/{repo}/pulls/{number}/commits"))

    def issue(self, repo: str, number: int) -> dict[str, Any]:
        """`GET /repos/{owner}/{name}/issues/{n}`; raises NotFound for a missing or deleted issue."""
        return self.get_json(f"repos/{repo}/issues/{number}")

    def issue_comments(self, repo: str, number: int) -> list[dict[str, Any]]:
        return list(self.paginate(f"repos/{repo}/issues/{number}/comments"))


def _reason(exc: requests.RequestException) -> str:
    """The operating system's words from deep inside urllib3's nested message ("[Errno 111] Connection
    refused"), else the exception's type: the rest repeats the URL the error line already names."""
    found = re.search(r"\[Errno -?\d+\][^'\")]*", str(exc))
    return found.group(0).strip() if found else type(exc).__name__


def _message(response: requests.Response) -> str:
    try:
        message = response.json().get("message")
    except (ValueError, AttributeError):
        message = None
    return str(message or response.reason or "")[:200]
