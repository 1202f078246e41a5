"""A local stand-in for the GitHub REST API, in GitHub's JSON shapes, on 127.0.0.1.

Collection cannot be tested against github.com (no network here, and real data changes under a
test), so this serves a fixed world from a JSON-able dict: repositories, their pull requests (list and
commits), issues (a deleted one answers 410 as GitHub does), issue comments and plain files (issue
images, or a 404 / a web page where an image should be). It behaves as GitHub does where collection
depends on it: `page`/`per_page` with a `Link` header, the `x-ratelimit-*` headers and a 403 once a
window's budget is spent, 401 "Bad credentials" for a wrong token.

The record builders (`pull_record`, `issue_record`, ...) write the fields the real API returns (see
docs.github.com/rest: pulls, issues, issue comments, pull request commits), so code written against the
fake reads real answers too. `swebench-mm fake-github --data FILE` serves a data file for demos.
"""

from __future__ import annotations

import base64
import json
import math
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

DOCS = "https://docs.github.com/rest"


def _user(login: str) -> dict[str, Any]:
    return {"login": login, "id": zlib.crc32(login.encode()) % 10**8, "type": "User",
            "html_url": f"https://github.com/{login}", "site_admin": False}


def pull_record(repo: str, number: int, title: str, body: str, created_at: str, *, merged_at: str | None,
                merge_commit_sha: str | None, base_sha: str, head_sha: str, user: str = "contributor",
                base_ref: str = "main", head_ref: str = "fix") -> dict[str, Any]:
    """A pull request as `GET /repos/{owner}/{repo}/pulls` lists it."""
    api = f"https://api.github.com/repos/{repo}"
    repo_object = {"full_name": repo, "name": repo.split("/")[1], "owner": _user(repo.split("/")[0])}
    return {
        "url": f"{api}/pulls/{number}", "id": 10**6 + number, "node_id": f"PR_{number}",
        "html_url": f"https://github.com/{repo}/pull/{number}",
        "diff_url": f"https://github.com/{repo}/pull/{number}.diff",
        "patch_url": f"https://github.com/{repo}/pull/{number}.patch",
        "issue_url": f"{api}/issues/{number}", "commits_url": f"{api}/pulls/{number}/commits",
        "comments_url": f"{api}/issues/{number}/comments", "number": number,
        "state": "closed", "locked": False, "title": title, "user": _user(user), "body": body,
        "labels": [], "draft": False, "created_at": created_at, "updated_at": merged_at or created_at,
        "closed_at": merged_at or created_at, "merged_at": merged_at, "merge_commit_sha": merge_commit_sha,
        "author_association": "CONTRIBUTOR",
        "head": {"label": f"{user}:{head_ref}", "ref": head_ref, "sha": head_sha, "user": _user(user), "repo": repo_object},
        "base": {"label": f"{repo.split('/')[0]}:{base_ref}", "ref": base_ref, "sha": base_sha,
                 "user": _user(repo.split("/")[0]), "repo": repo_object},
    }


def issue_record(repo: str, number: int, title: str, body: str, created_at: str, user: str = "reporter",
                 comments: int = 0) -> dict[str, Any]:
    """An issue as `GET /repos/{owner}/{repo}/issues/{number}` returns it."""
    api = f"https://api.github.com/repos/{repo}"
    return {
        "url": f"{api}/issues/{number}", "repository_url": api, "id": 2 * 10**6 + number, "node_id": f"I_{number}",
        "html_url": f"https://github.com/{repo}/issues/{number}", "number": number, "title": title,
        "user": _user(user), "labels": [], "state": "closed", "locked": False, "comments": comments,
        "created_at": created_at, "updated_at": created_at, "closed_at": created_at, "body": body,
        "author_association": "NONE", "state_reason": "completed",
    }


def comment_record(repo: str, issue: int, comment_id: int, body: str, created_at: str, user: str = "maintainer") -> dict[str, Any]:
    """An issue comment as `GET /repos/{owner}/{repo}/issues/{number}/comments` lists it."""
    api = f"https://api.github.com/repos/{repo}"
    return {
        "url": f"{api}/issues/comments/{comment_id}", "id": comment_id, "node_id": f"IC_{comment_id}",
        "html_url": f"https://github.com/{repo}/issues/{issue}#issuecomment-{comment_id}",
        "issue_url": f"{api}/issues/{issue}", "user": _user(user), "body": body,
        "created_at": created_at, "updated_at": created_at, "author_association": "MEMBER",
    }


def commit_record(repo: str, sha: str, message: str, date: str, parents: list[str], user: str = "contributor") -> dict[str, Any]:
    """A commit as `GET /repos/{owner}/{repo}/pulls/{number}/commits` lists it."""
    api = f"https://api.github.com/repos/{repo}"
    person = {"name": user, "email": f"{user}@users.noreply.github.com", "date": date}
    return {
        "sha": sha, "node_id": f"C_{sha[:10]}", "url": f"{api}/commits/{sha}",
        "html_url": f"https://github.com/{repo}/commit/{sha}",
        "commit": {"author": person, "committer": person, "message": message, "comment_count": 0,
                   "tree": {"sha": "0" * 40, "url": f"{api}/git/trees/{'0' * 40}"}},
        "author": _user(user), "committer": _user(user),
        "parents": [{"sha": p, "url": f"{api}/commits/{p}"} for p in parents],
    }


class FakeGitHub:
    """The served world and its counters; `start()` returns the base URL (the API root)."""

    def __init__(self, data: dict[str, Any], base_dir: Path | None = None) -> None:
        self.data = data
        self.base_dir = base_dir or Path.cwd()
        self.log: list[tuple[str, int]] = []  # (path with query, status) of every request
        self._lock = threading.Lock()
        self._window_start = time.time()
        self._window_used = 0
        self._failures: dict[str, int] = {}
        self.server: ThreadingHTTPServer | None = None

    def exhaust_rate_limit(self) -> None:
        """Spend the current window's budget, as another client sharing the token would."""
        with self._lock:
            self._window_start, self._window_used = time.time(), int((self.data.get("rate_limit") or {}).get("limit", 0))

    # ---- routing ---------------------------------------------------------------------------------
    def _rate_headers(self) -> tuple[bool, dict[str, str]]:
        """Count one API request; (over the limit?, the x-ratelimit-* headers)."""
        limit = self.data.get("rate_limit")
        if not limit:
            return False, {}
        with self._lock:
            now = time.time()
            if now >= self._window_start + limit["window_s"]:
                self._window_start, self._window_used = now, 0
            self._window_used += 1
            used = self._window_used
            reset = math.ceil(self._window_start + limit["window_s"])
        remaining = max(0, limit["limit"] - used)
        headers = {"x-ratelimit-limit": str(limit["limit"]), "x-ratelimit-remaining": str(remaining),
                   "x-ratelimit-reset": str(reset), "x-ratelimit-used": str(min(used, limit["limit"])),
                   "x-ratelimit-resource": "core"}
        return used > limit["limit"], headers

    def respond(self, path: str, query: dict[str, str], authorization: str | None) -> tuple[int, dict[str, str], bytes]:
        """(status, headers, body) for one GET."""
        if path in self.data.get("files", {}):
            return self._file(self.data["files"][path])
        if not path.startswith("/repos/"):
            return self._json(404, {"message": "Not Found", "documentation_url": DOCS})
        token = self.data.get("token")
        if token and authorization not in (f"Bearer {token}", f"token {token}"):
            return self._json(401, {"message": "Bad credentials", "documentation_url": DOCS})
        over, headers = self._rate_headers()
        if over:
            status, extra, body = self._json(403, {"message": "API rate limit exceeded (fake). Authenticated requests "
                                                              "get a higher rate limit.", "documentation_url": DOCS})
            return status, {**headers, **extra}, body
        status, extra, body = self._api(path, query)
        return status, {**headers, **extra}, body

    def _api(self, path: str, query: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        parts = path.strip("/").split("/")
        repos = self.data.get("repos", {})
        repo = "/".join(parts[1:3])
        if len(parts) < 3 or repo not in repos:
            return self._json(404, {"message": "Not Found", "documentation_url": DOCS})
        world, rest = repos[repo], parts[3:]
        failure = (self.data.get("fail_paths") or {}).get(path)
        if failure is not None:
            answer = self._failure(path, failure)
            if answer is not None:
                return answer
        if not rest:
            return self._json(200, {"full_name": repo, "name": parts[2], "private": False,
                                    "default_branch": world.get("default_branch", "main"),
                                    "clone_url": world.get("clone_url", f"https://github.com/{repo}.git"),
                                    "html_url": f"https://github.com/{repo}"})
        if rest == ["pulls"]:
            pulls = [p for p in world.get("pulls", []) if query.get("state", "open") in ("all", p["state"])]
            reverse = query.get("direction", "desc") == "desc"
            pulls.sort(key=lambda p: p[query.get("sort", "created") + "_at"] or "", reverse=reverse)
            return self._page(path, query, pulls)
        if len(rest) == 3 and rest[0] == "pulls" and rest[2] == "commits":
            return self._page(path, query, world.get("pull_commits", {}).get(rest[1], []))
        if len(rest) == 2 and rest[0] == "issues":
            issue = world.get("issues", {}).get(rest[1])
            if issue is None:
                return self._json(404, {"message": "Not Found", "documentation_url": DOCS})
            if issue.get("status") == 410:
                return self._json(410, {"message": "This issue was deleted", "documentation_url": DOCS})
            return self._json(200, issue)
        if len(rest) == 3 and rest[0] == "issues" and rest[2] == "comments":
            if rest[1] not in world.get("issues", {}):
                return self._json(404, {"message": "Not Found", "documentation_url": DOCS})
            return self._page(path, query, world.get("comments", {}).get(rest[1], []))
        return self._json(404, {"message": "Not Found", "documentation_url": DOCS})

    def _failure(self, path: str, failure: int | dict[str, Any]) -> tuple[int, dict[str, str], bytes] | None:
        """An injected failure of `path`: a status for ever, or {"status", "times", "retry_after"} (the
        first `times` requests fail, with a Retry-After header when given: a secondary rate limit)."""
        spec = failure if isinstance(failure, dict) else {"status": failure}
        with self._lock:
            failed = self._failures.get(path, 0)
            if "times" in spec and failed >= spec["times"]:
                return None
            self._failures[path] = failed + 1
        message = "You have exceeded a secondary rate limit." if spec.get("retry_after") else "Server Error"
        status, headers, body = self._json(spec["status"], {"message": message, "documentation_url": DOCS})
        if spec.get("retry_after"):
            headers["retry-after"] = str(spec["retry_after"])
        return status, headers, body

    def _page(self, path: str, query: dict[str, str], items: list[Any]) -> tuple[int, dict[str, str], bytes]:
        per_page = max(1, min(int(query.get("per_page", 30)), int(self.data.get("per_page_max", 100))))
        page = max(1, int(query.get("page", 1)))
        last = max(1, math.ceil(len(items) / per_page))
        links = []
        for rel, number in (("prev", page - 1), ("next", page + 1), ("last", last), ("first", 1)):
            if 1 <= number <= last and not (rel in ("last", "first") and number == page) and not (rel == "next" and page >= last):
                links.append(f'<{self.url}{path}?{urlencode({**query, "page": number})}>; rel="{rel}"')
        status, headers, body = self._json(200, items[(page - 1) * per_page: page * per_page])
        if links:
            headers["link"] = ", ".join(links)
        return status, headers, body

    def _file(self, entry: dict[str, Any]) -> tuple[int, dict[str, str], bytes]:
        if entry.get("status", 200) != 200:
            return entry["status"], {"content-type": "text/plain"}, b"Not Found"
        if "base64" in entry:
            data = base64.b64decode(entry["base64"])
        elif "path" in entry:
            data = (self.base_dir / entry["path"]).read_bytes()
        else:
            data = entry.get("text", "").encode()
        return 200, {"content-type": entry.get("content_type", "application/octet-stream")}, data

    @staticmethod
    def _json(status: int, payload: Any) -> tuple[int, dict[str, str], bytes]:
        return status, {"content-type": "application/json; charset=utf-8"}, json.dumps(payload).encode()

    # ---- serving ---------------------------------------------------------------------------------
    @property
    def url(self) -> str:
        assert self.server is not None, "start() the fake first"
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self, port: int = 0) -> str:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 — the http.server hook name
                split = urlsplit(self.path)
                query = {k: v[-1] for k, v in parse_qs(split.query).items()}
                status, headers, body = fake.respond(split.path, query, self.headers.get("Authorization"))
                with fake._lock:
                    fake.log.append((self.path, status))
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self.url

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
