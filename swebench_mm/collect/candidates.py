"""One merged pull request → one candidate task instance, and the crawl that resumes where it stopped.

A candidate has everything but FAIL_TO_PASS / PASS_TO_PASS: those are measured, not guessed, by
`swebench-mm validate --write-instances` in containers. The filters, in the order they cost nothing
first: merged; closes an issue of the repository (closing keywords in the title, body or commit
messages); touches both test and non-test files; the issue exists (a deleted issue is skipped); the
issue or its comments before the fix hold at least one image that downloads as an image (unless
`allow_no_images`).

The output file and the state file are rewritten atomically after every pull request, so a crawl
killed at any point (or stopped by a rate limit it would not wait for) loses nothing: the next run
reads both and skips every pull request already decided.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

from swebench_mm.atomic import write_atomic, write_json
from swebench_mm.collect import images, patches
from swebench_mm.collect.github import GitHubClient, NotFound
from swebench_mm.collect.links import closed_issues
from swebench_mm.collect.patches import NotCollectable
from swebench_mm.errors import UserError
from swebench_mm.instances import instance_from_dict
from swebench_mm.test_infrastructure import TEST_INFRA_PATTERNS

STATE_VERSION = 1


@dataclass
class CollectOptions:
    repo: str
    out: Path
    state: Path
    since: datetime | None = None
    max_candidates: int | None = None
    allow_no_images: bool = False
    download_images: bool = True
    test_patterns: tuple[str, ...] = TEST_INFRA_PATTERNS
    raw_url: str = patches.RAW_URL


@dataclass
class CollectSummary:
    candidates: int = 0
    new_candidates: int = 0
    skipped: dict[str, int] = field(default_factory=dict)  # reason (first words) → count
    pulls_seen: int = 0
    reconsidered: int = 0  # skipped under other filters in an earlier run, looked at again


def parse_time(value: str) -> datetime:
    """GitHub's `2024-04-02T09:14:27Z`, or a plain date, as an aware UTC datetime."""
    text = value.strip().replace("Z", "+00:00")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise UserError(f"{value!r} is not a date (use YYYY-MM-DD or 2024-04-02T09:14:27Z)") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _first_commit_time(commits: list[dict[str, Any]]) -> datetime | None:
    times = [parse_time(c["commit"]["author"]["date"]) for c in commits
             if (c.get("commit") or {}).get("author", {}).get("date")]
    return min(times) if times else None


@dataclass
class IssueTexts:
    """What the closed issues say: problem statements, hints, and where to look for images."""

    numbers: list[int] = field(default_factory=list)
    statements: list[str] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)
    texts_with_images: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def read_issues(client: GitHubClient, repo: str, numbers: list[int], fix_started: datetime) -> IssueTexts:
    """Title + body of each issue (SWE-bench's problem statement) and its comments written before the
    fix's first commit (hints); a deleted or missing issue, or a pull request, is left out."""
    texts = IssueTexts()
    for number in numbers:
        try:
            issue = client.issue(repo, number)
        except NotFound as exc:
            texts.missing.append(f"#{number} {'deleted' if exc.status == 410 else 'not found'}")
            continue
        if issue.get("pull_request"):
            continue  # "fixes #M" where #M is another pull request
        texts.numbers.append(number)
        texts.statements.append(f"{issue.get('title') or ''}\n{issue.get('body') or ''}\n")
        texts.texts_with_images.append(issue.get("body") or "")
        for comment in client.issue_comments(repo, number):
            # Comments from after the fix started may discuss (or show) the fix: left out, as SWE-bench does.
            if parse_time(comment["created_at"]) < fix_started:
                texts.hints.append(comment.get("body") or "")
                texts.texts_with_images.append(comment.get("body") or "")
    return texts


def build_candidate(client: GitHubClient, git_dir: Path, pull: dict[str, Any], options: CollectOptions) -> dict[str, Any]:
    """The candidate instance of one pull request, or NotCollectable saying why there is none."""
    repo, number = options.repo, int(pull["number"])
    if not pull.get("merged_at") or not pull.get("merge_commit_sha"):
        raise NotCollectable("not merged")
    commits = client.pull_commits(repo, number)
    messages = [(c.get("commit") or {}).get("message", "") for c in commits]
    issue_numbers = [n for n in closed_issues(repo, pull.get("title"), pull.get("body"), *messages) if n != number]
    if not issue_numbers:
        raise NotCollectable("no linked issue (no closing keyword such as 'fixes #N' in the title, body or commits)")

    start = patches.change_start(git_dir, pull["merge_commit_sha"], len(commits), messages)
    change = patches.split_change(git_dir, repo, start, pull["merge_commit_sha"], options.test_patterns, options.raw_url)
    if not change.test_files:
        raise NotCollectable("touches no test file")
    if not change.code_files:
        raise NotCollectable("touches only test files")
    base = (pull.get("base") or {}).get("sha", "")
    if not (patches.has_commit(git_dir, base) and patches.applies_at(git_dir, base, change.patch, change.test_patch)):
        # The base branch moved between the PR's last update and its merge: the change as merged
        # applies where it was merged (the merge's first parent), which is then the base commit.
        if not patches.applies_at(git_dir, start, change.patch, change.test_patch):
            raise NotCollectable(f"the change does not apply to the base commit {base[:12]} nor to {start[:12]}")
        base = start

    fix_started = _first_commit_time(commits) or parse_time(pull["created_at"])
    issues = read_issues(client, repo, issue_numbers, fix_started)
    if not issues.statements:
        raise NotCollectable(f"linked issue {', '.join(issues.missing) or 'is a pull request'}")

    found = [url for text in issues.texts_with_images for url in images.image_urls(text)]
    checked = images.check_images(list(dict.fromkeys(found)), download=options.download_images)
    if not checked.urls and not options.allow_no_images:
        why = f" ({'; '.join(checked.problems)})" if checked.problems else ""
        raise NotCollectable(f"the issue has no usable image{why}")

    record = {
        "repo": repo,
        "instance_id": f"{repo.replace('/', '__')}-{number}",
        "base_commit": base,
        "patch": change.patch,
        "test_patch": change.test_patch,
        "problem_statement": "".join(issues.statements),
        "hints_text": "\n".join(issues.hints),
        "created_at": pull["created_at"],
        "version": patches.package_version(git_dir, base),
        "environment_setup_commit": "",
        "FAIL_TO_PASS": [],
        "PASS_TO_PASS": [],
        "image_assets": {"problem_statement": checked.urls, **change.binary_assets},
        "pull_number": number,
        "issue_numbers": issues.numbers,
        "merge_commit": pull["merge_commit_sha"],
    }
    if checked.problems:
        record["image_problems"] = checked.problems
    try:
        instance_from_dict(record, f"candidate of {repo}#{number}")  # the same checks every loader applies
    except UserError as exc:  # e.g. a NUL byte in a diff: this pull request is unusable, the crawl goes on
        raise NotCollectable(f"not a valid instance: {exc}") from None
    return record


class CollectState:
    """What the crawl has decided so far: {pull number: "candidate" | why skipped}, in a JSON file.

    The filters that can change between runs (images required or not, downloaded or not, test paths)
    are stored with it: a run with other filters reconsiders the pull requests skipped under the old
    ones, so `--allow-no-images` on a rerun is not silently ignored for the PRs already seen.
    """

    def __init__(self, path: Path, repo: str, filters: dict[str, Any]) -> None:
        self.path, self.repo, self.filters = path, repo, filters
        self.pulls: dict[str, str] = {}
        self.reconsidered = 0
        if path.exists():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                raise UserError(f"{path}: not a collect state file ({exc}); delete it to start over") from None
            if not isinstance(data, dict) or data.get("repo") != repo or not isinstance(data.get("pulls"), dict):
                raise UserError(f"{path}: a state file of {data.get('repo') if isinstance(data, dict) else '?'}, "
                                f"not of {repo}: pass another --state")
            self.pulls = {str(k): str(v) for k, v in data["pulls"].items()}
            if data.get("filters") != filters:
                kept = {k: v for k, v in self.pulls.items() if v == "candidate"}
                self.reconsidered = len(self.pulls) - len(kept)
                self.pulls = kept

    def save(self) -> None:
        write_json(self.path, {"version": STATE_VERSION, "repo": self.repo, "filters": self.filters, "pulls": self.pulls})


def _read_candidates(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    rows = []
    for line_number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise UserError(f"{path}:{line_number}: not JSON ({exc.msg}); it should be a candidates file "
                                "from an earlier collect (or pass another --out)") from None
    return rows


def collect(client: GitHubClient, git_dir: Path, options: CollectOptions,
            on_pull: Callable[[int, str], None] = lambda number, outcome: None) -> CollectSummary:
    """Crawl the repository's closed pull requests (newest first) into `options.out`."""
    filters = {"allow_no_images": options.allow_no_images, "download_images": options.download_images,
               "test_patterns": list(options.test_patterns)}
    state = CollectState(options.state, options.repo, filters)
    rows = _read_candidates(options.out)
    for row in rows:  # a candidates file without its state file still says which PRs are done
        if isinstance(row, dict) and row.get("pull_number") is not None:
            state.pulls.setdefault(str(row["pull_number"]), "candidate")
    summary = CollectSummary(candidates=len(rows), reconsidered=state.reconsidered)
    for pull in client.pulls(options.repo):
        if options.max_candidates is not None and summary.candidates >= options.max_candidates:
            break
        if options.since and parse_time(pull["created_at"]) < options.since:
            break  # newest first: every later page is older still
        summary.pulls_seen += 1
        key = str(pull["number"])
        if key in state.pulls:
            continue
        try:
            record = build_candidate(client, git_dir, pull, options)
        except NotCollectable as exc:
            reason = str(exc).split(" (")[0].split(": ")[0]
            summary.skipped[reason] = summary.skipped.get(reason, 0) + 1
            if isinstance(exc, patches.MissingHistory):
                on_pull(int(pull["number"]), f"skipped for now: {exc}")
                continue
            state.pulls[key] = f"skipped: {exc}"
        else:
            rows.append(record)
            write_atomic(options.out, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
            state.pulls[key] = "candidate"
            summary.candidates += 1
            summary.new_candidates += 1
        state.save()
        on_pull(int(pull["number"]), state.pulls[key])
    state.save()
    if not options.out.exists():
        write_atomic(options.out, "")
    return summary
