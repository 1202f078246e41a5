"""Which issues a pull request closes, read from its text as GitHub itself reads closing keywords.

The REST API does not say which issues a pull request closes (that is GraphQL's
`closingIssuesReferences`, which also needs the PR to target the default branch); SWE-bench's collection
reads the keywords from the title, body and commit messages, and so does this. Only references to the
same repository count: a fix in another repository is not a task instance of this one.
"""

from __future__ import annotations

import re

KEYWORDS = ("close", "closes", "closed", "fix", "fixes", "fixed", "resolve", "resolves", "resolved")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)  # PR templates hide example keywords in HTML comments
_REFERENCE = re.compile(
    r"\b(?:" + "|".join(KEYWORDS) + r")\b:?\s+"
    r"(?:(?P<url>https?://[^\s/]+/(?P<url_repo>[\w.-]+/[\w.-]+)/issues/(?P<url_number>\d+))"
    r"|(?P<repo>[\w.-]+/[\w.-]+)?#(?P<number>\d+))",
    re.IGNORECASE,
)


def closed_issues(repo: str, *texts: str | None) -> list[int]:
    """Issue numbers of `repo` that `texts` (title, body, commit messages) close, in order of mention."""
    found: dict[int, None] = {}
    for text in texts:
        for match in _REFERENCE.finditer(_COMMENT.sub("", text or "")):
            target = match.group("url_repo") or match.group("repo")
            if target and target.lower() != repo.lower():
                continue
            found.setdefault(int(match.group("url_number") or match.group("number")), None)
    return list(found)
