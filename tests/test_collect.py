"""`swebench-mm collect` against a local fake of the GitHub REST API and a small git remote.

The remote's history holds each way a pull request lands (merge commit, squash, rebase of two
commits), and the fake serves the cases collection must survive: several pages (`Link`), a spent rate
limit (403 + x-ratelimit-reset, then a wait), a deleted issue (410), a missing one (404), a pull
request with no linked issue, one never merged, one without tests, an image URL that 404s and one
that is a web page, a bad token, an unknown repository, a server error, and a run stopped half-way.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image

from swebench_mm.collect import images, links, patches
from swebench_mm.collect.candidates import CollectOptions, collect
from swebench_mm.collect.fake_github import FakeGitHub, comment_record, commit_record, issue_record, pull_record
from swebench_mm.collect.github import GitHubClient, next_link
from swebench_mm.errors import UserError
from swebench_mm.instances import load_instances

REPO = "acme/plots"
CLI = [sys.executable, "-m", "swebench_mm.cli"]
GIT_ENV = {"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "T",
           "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def _png(color: str = "red") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), color).save(buffer, "PNG")
    return buffer.getvalue()


class Remote:
    """A work tree whose commits are the pull requests; `sha()` names what each step made."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.env = {**os.environ, **GIT_ENV}
        self.git("init", "-q", "-b", "main", str(path), cwd=path.parent)

    def git(self, *args: str, cwd: Path | None = None) -> str:
        return subprocess.run(["git", *args], cwd=cwd or self.path, env=self.env, check=True,
                              capture_output=True, text=True).stdout.strip()

    def write(self, files: dict[str, str | bytes]) -> None:
        for name, content in files.items():
            target = self.path / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content if isinstance(content, bytes) else content.encode())

    def commit(self, message: str, files: dict[str, str | bytes]) -> str:
        self.write(files)
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)
        return self.git("rev-parse", "HEAD")


def build_world(tmp_path: Path) -> tuple[dict, dict[str, str]]:
    """The remote's history and the fake API's data about it; returns (data, named shas)."""
    remote = Remote(tmp_path / "remote")
    sha: dict[str, str] = {}
    sha["base"] = remote.commit("initial", {
        "package.json": json.dumps({"name": "plots", "version": "1.2.3"}),
        "src/bar.js": "module.exports = (v) => v;\n", "src/line.js": "module.exports = 1;\n",
        "test/bar.test.js": "// bar\n", "README.md": "plots\n",
    })
    # PR 1: a branch merged with a merge commit; code, a test and a binary test fixture.
    remote.git("checkout", "-q", "-b", "fix-bar")
    sha["pr1_head"] = remote.commit("Fix bar widths", {"src/bar.js": "module.exports = (v) => v * 2;\n",
                                                       "test/bar.test.js": "// bar doubled\n",
                                                       "test/fixtures/bar.png": _png("blue")})
    remote.git("checkout", "-q", "main")
    sha["main_moved"] = remote.commit("docs", {"README.md": "plots, the library\n"})
    remote.git("merge", "-q", "--no-ff", "-m", "Merge pull request #1 from dev/fix-bar", "fix-bar")
    sha["pr1_merge"] = remote.git("rev-parse", "HEAD")
    # PR 2: squashed; its issue was deleted.
    sha["pr2_squash"] = remote.commit("Line colours (#2)", {"src/line.js": "module.exports = 2;\n", "test/line.test.js": "// 2\n"})
    # PR 3: no linked issue.
    sha["pr3_squash"] = remote.commit("Refactor (#3)", {"src/line.js": "module.exports = 3;\n", "test/line.test.js": "// 3\n"})
    # PR 4: the issue's images are a 404 and a web page.
    sha["pr4_squash"] = remote.commit("Axis labels (#4)", {"src/axis.js": "module.exports = 4;\n", "test/axis.test.js": "// 4\n"})
    # PR 6: code only.
    sha["pr6_squash"] = remote.commit("Typo (#6)", {"src/axis.js": "module.exports = 6;\n"})
    # PR 7: rebased, two commits; the issue is named in the second commit's message only.
    sha["pr7_base"] = sha["pr6_squash"]
    remote.commit("Legend: layout", {"src/legend.js": "module.exports = 'layout';\n"})
    sha["pr7_last"] = remote.commit("Legend: test\n\nfixes #14", {"test/legend.test.js": "// legend\n"})
    remote.git("clone", "-q", "--bare", str(remote.path), str(tmp_path / "mirrors" / "acme__plots.git"), cwd=tmp_path)

    def pull(number: int, title: str, body: str, created: str, merged: str | None, merge_sha: str | None,
             base: str, head: str) -> dict:
        return pull_record(REPO, number, title, body, created, merged_at=merged, merge_commit_sha=merge_sha,
                           base_sha=base, head_sha=head)

    def commits(*entries: tuple[str, str, str]) -> list[dict]:
        return [commit_record(REPO, s, message, date, [sha["base"]]) for s, message, date in entries]

    image = "/user-attachments/assets/5a1b"  # an extension-less attachment link, as GitHub writes them now
    data = {
        "per_page_max": 2,
        "rate_limit": {"limit": 6, "window_s": 2},
        "repos": {REPO: {
            "clone_url": str(tmp_path / "remote"),
            "pulls": [
                pull(1, "Fix bar widths", "Bars are too narrow.\n\nFixes #10", "2024-05-01T10:00:00Z",
                     "2024-05-02T10:00:00Z", sha["pr1_merge"], sha["base"], sha["pr1_head"]),
                pull(2, "Line colours", "closes #11", "2024-05-03T10:00:00Z", "2024-05-03T12:00:00Z",
                     sha["pr2_squash"], sha["pr1_merge"], "e" * 40),
                pull(3, "Refactor", "Cleaner code, see #10", "2024-05-04T10:00:00Z", "2024-05-04T12:00:00Z",
                     sha["pr3_squash"], sha["pr2_squash"], "f" * 40),
                pull(4, "Axis labels", "resolves acme/plots#12", "2024-05-05T10:00:00Z", "2024-05-05T12:00:00Z",
                     sha["pr4_squash"], sha["pr3_squash"], "d" * 40),
                pull(5, "Abandoned", "fixes #10", "2024-05-06T10:00:00Z", None, None, sha["pr4_squash"], "c" * 40),
                pull(6, "Typo", "fixes #13", "2024-05-07T10:00:00Z", "2024-05-07T12:00:00Z",
                     sha["pr6_squash"], sha["pr4_squash"], "b" * 40),
                pull(7, "Legend", "Two steps.", "2024-05-08T10:00:00Z", "2024-05-08T12:00:00Z",
                     sha["pr7_last"], sha["pr7_base"], "a" * 40),
            ],
            "pull_commits": {
                "1": commits((sha["pr1_head"], "Fix bar widths", "2024-05-01T09:00:00Z")),
                "2": commits(("e" * 40, "Line colours", "2024-05-03T09:00:00Z")),
                "3": commits(("f" * 40, "Refactor", "2024-05-04T09:00:00Z")),
                "4": commits(("d" * 40, "Axis labels", "2024-05-05T09:00:00Z")),
                "5": commits(("c" * 40, "Abandoned", "2024-05-06T09:00:00Z")),
                "6": commits(("b" * 40, "Typo", "2024-05-07T09:00:00Z")),
                "7": commits(("1" * 40, "Legend: layout", "2024-05-08T08:00:00Z"),
                             ("2" * 40, "Legend: test\n\nfixes #14", "2024-05-08T09:00:00Z")),
            },
            "issues": {
                "10": issue_record(REPO, 10, "Bars too narrow", "See ![bars](IMG/bars.png)\n`![not me](IMG/code.png)`",
                                   "2024-04-30T10:00:00Z", comments=2),
                "11": {"status": 410},
                "12": issue_record(REPO, 12, "Axis labels overlap",
                                   'Here: <img width="300" src="IMG/gone.png"> and IMG/page.png', "2024-05-01T00:00:00Z"),
                "13": issue_record(REPO, 13, "Typo", "![t](IMG/bars.png)", "2024-05-06T00:00:00Z"),
                "14": issue_record(REPO, 14, "Legend overlaps", f"IMG{image}", "2024-05-07T00:00:00Z"),
            },
            "comments": {
                "10": [comment_record(REPO, 10, 1, 'Same here <img src="IMG/more.png" width="200">', "2024-04-30T12:00:00Z"),
                       comment_record(REPO, 10, 2, "Fixed, look: ![after](IMG/after.png)", "2024-05-02T11:00:00Z")],
                "12": [], "13": [], "14": [],
            },
        }},
        "files": {
            "/bars.png": {"base64": _b64(_png("red")), "content_type": "image/png"},
            "/more.png": {"base64": _b64(_png("green")), "content_type": "image/png"},
            "/after.png": {"base64": _b64(_png("white")), "content_type": "image/png"},
            image: {"base64": _b64(_png("black")), "content_type": "image/png"},
            "/gone.png": {"status": 404},
            "/page.png": {"text": "<html><body>Sign in</body></html>", "content_type": "text/html"},
        },
    }
    return data, sha


def _b64(data: bytes) -> str:
    import base64

    return base64.b64encode(data).decode()


def _serve(data: dict) -> FakeGitHub:
    """Start the fake and point the world's image links (written as IMG/...) at it."""
    fake = FakeGitHub(data)
    url = fake.start()
    for issue in data["repos"][REPO]["issues"].values():
        if "body" in issue:
            issue["body"] = issue["body"].replace("IMG", url)
    for comments in data["repos"][REPO]["comments"].values():
        for comment in comments:
            comment["body"] = comment["body"].replace("IMG", url)
    return fake


@pytest.fixture
def world(tmp_path, monkeypatch):
    monkeypatch.setenv("SWEBENCH_MM_CACHE", str(tmp_path / "cache"))
    data, sha = build_world(tmp_path)
    fake = _serve(data)
    yield fake, sha, tmp_path
    fake.stop()


def _options(tmp_path: Path, **overrides) -> CollectOptions:
    return CollectOptions(repo=REPO, out=tmp_path / "candidates.jsonl", state=tmp_path / "state.json", **overrides)


# ---- pure pieces ---------------------------------------------------------------------------------
def test_closing_keywords_name_only_this_repositorys_issues():
    text = "Fixes #12, closes other/repo#3, resolved: https://github.com/acme/plots/issues/40 <!-- fixes #99 -->"
    assert links.closed_issues(REPO, "Refs #7", text, "Fixed #12 again") == [12, 40]
    assert links.closed_issues(REPO, "see #10 and prefixes #5") == []


def test_image_urls_from_markdown_html_and_attachment_links():
    text = ('![a](https://x.io/a.png "t") <img width=3 src="https://x.io/b.jpg"> '
            "https://github.com/user-attachments/assets/0f-1 `https://x.io/code.png` https://x.io/page.html "
            "https://x.io/a.png")
    assert images.image_urls(text) == ["https://x.io/a.png", "https://x.io/b.jpg",
                                       "https://github.com/user-attachments/assets/0f-1"]


def test_next_link_reads_githubs_link_header():
    header = '<https://api.github.com/x?page=3>; rel="next", <https://api.github.com/x?page=9>; rel="last"'
    assert next_link(header) == "https://api.github.com/x?page=3"
    assert next_link('<https://api.github.com/x?page=1>; rel="first"') is None


# ---- the crawl -----------------------------------------------------------------------------------
def test_collect_writes_candidates_and_says_why_others_are_skipped(world):
    fake, sha, tmp_path = world
    waits: list[str] = []
    client = GitHubClient(api_url=fake.url, on_wait=waits.append)
    mirror = tmp_path / "mirrors" / "acme__plots.git"
    fake.exhaust_rate_limit()  # another client spent the budget: the first request is refused (403)
    started = time.monotonic()
    summary = collect(client, mirror, _options(tmp_path))
    elapsed = time.monotonic() - started

    by_id = {i.instance_id: i for i in load_instances(tmp_path / "candidates.jsonl")}
    assert sorted(by_id) == ["acme__plots-1", "acme__plots-7"]
    one = by_id["acme__plots-1"]
    assert one.base_commit == sha["base"]
    assert patches_files(one.patch) == ["src/bar.js"]
    assert patches_files(one.test_patch) == ["test/bar.test.js", "test/fixtures/bar.png"]
    assert "README" not in one.patch, "the base branch's own commit (docs) is not part of the change"
    assert [a.to_json() for a in one.image_assets["test_patch"]] == [
        {"path": "test/fixtures/bar.png",
         "url": f"https://raw.githubusercontent.com/acme/plots/{sha['pr1_merge']}/test/fixtures/bar.png"}]
    assert one.problem_statement == f"Bars too narrow\n{fake.data['repos'][REPO]['issues']['10']['body']}\n"
    assert one.problem_images == (f"{fake.url}/bars.png", f"{fake.url}/more.png"), \
        "images of the issue and of comments before the fix; not the code span's, not the later comment's"
    assert "Same here" in one.hints_text and "Fixed, look" not in one.hints_text
    assert one.version == "1.2" and one.created_at == "2024-05-01T10:00:00Z"
    assert one.fail_to_pass == () and one.extra["pull_number"] == 1 and one.extra["issue_numbers"] == [10]

    seven = by_id["acme__plots-7"]
    assert patches_files(seven.patch) == ["src/legend.js"], "a rebase merge: both of the PR's commits"
    assert patches_files(seven.test_patch) == ["test/legend.test.js"]
    assert seven.problem_images == (f"{fake.url}/user-attachments/assets/5a1b",)

    state = json.loads((tmp_path / "state.json").read_text())["pulls"]
    assert state["2"] == "skipped: linked issue #11 deleted"
    assert state["3"].startswith("skipped: no linked issue")
    assert state["4"].startswith("skipped: the issue has no usable image")
    assert "gone.png: cannot download" in state["4"] and "page.png: not an image" in state["4"]
    assert state["5"] == "skipped: not merged"
    assert state["6"] == "skipped: touches no test file"
    assert summary.candidates == 2 and summary.pulls_seen == 7

    statuses = [status for _, status in fake.log]
    assert 403 in statuses and waits and "rate limit" in waits[0], "the spent limit was waited out, not fatal"
    assert elapsed >= 1, "the client slept until x-ratelimit-reset"
    assert sum("/pulls?" in path for path, status in fake.log if status == 200) == 4, "7 pulls, 2 a page"


def patches_files(patch: str) -> list[str]:
    from swebench_mm.patches import files_in_patch

    return sorted(files_in_patch(patch))


def test_images_that_fail_are_kept_out_unless_no_images_are_required(world):
    fake, sha, tmp_path = world
    fake.data["rate_limit"] = None
    client = GitHubClient(api_url=fake.url)
    collect(client, tmp_path / "mirrors" / "acme__plots.git", _options(tmp_path, allow_no_images=True))
    four = {i.instance_id: i for i in load_instances(tmp_path / "candidates.jsonl")}["acme__plots-4"]
    assert four.problem_images == ()
    assert len(four.extra["image_problems"]) == 2
    assert patches_files(four.patch) == ["src/axis.js"]


def test_the_change_as_merged_gives_the_base_when_the_prs_base_does_not_take_it(world, tmp_path):
    fake, sha, _ = world
    mirror = tmp_path / "mirrors" / "acme__plots.git"
    change = patches.split_change(mirror, REPO, sha["pr3_squash"], sha["pr4_squash"])
    assert patches.applies_at(mirror, sha["pr3_squash"], change.patch, change.test_patch)
    later = patches.split_change(mirror, REPO, sha["pr2_squash"], sha["pr3_squash"])
    assert not patches.applies_at(mirror, sha["base"], later.patch, later.test_patch), \
        "line.js changed in #2 after base: #3's change does not apply there"


def test_server_errors_are_retried_and_a_secondary_limit_waits_retry_after(world):
    fake, sha, tmp_path = world
    fake.data["rate_limit"] = None
    pulls, issue = f"/repos/{REPO}/pulls", f"/repos/{REPO}/issues/10"
    fake.data["fail_paths"] = {pulls: {"status": 502, "times": 2}, issue: {"status": 403, "times": 1, "retry_after": 7}}
    slept: list[float] = []
    client = GitHubClient(api_url=fake.url, sleep=slept.append)
    assert len(list(client.pulls(REPO))) == 7
    assert client.issue(REPO, 10)["number"] == 10
    assert slept == [2, 4, 7], "two backoffs for the 502s, then Retry-After's 7 seconds"
    fake.data["fail_paths"] = {pulls: 503}
    with pytest.raises(UserError, match="GitHub API error 503 on .*/pulls"):
        list(GitHubClient(api_url=fake.url, sleep=slept.append).pulls(REPO))
    with pytest.raises(UserError, match=r"cannot reach the GitHub API at http://127.0.0.1:9 \(\[Errno 111\] Connection refused\)"):
        GitHubClient(api_url="http://127.0.0.1:9", sleep=slept.append).repository(REPO)


def test_a_squash_of_several_commits_is_not_taken_for_a_rebase(world, tmp_path):
    fake, sha, _ = world
    mirror = tmp_path / "mirrors" / "acme__plots.git"
    assert patches.change_start(mirror, sha["pr4_squash"], 2, ["Axis labels", "Review fixes"]) == sha["pr3_squash"]
    assert patches.change_start(mirror, sha["pr7_last"], 2, ["Legend: layout", "Legend: test"]) == sha["pr6_squash"]
    with pytest.raises(patches.MissingHistory, match="not in the local history"):
        patches.change_start(mirror, "0" * 40)


def test_a_merge_the_mirror_lacks_is_left_undecided_for_a_rerun(world):
    fake, sha, tmp_path = world
    fake.data["rate_limit"] = None
    world_pulls = fake.data["repos"][REPO]["pulls"]
    late = dict(world_pulls[0], number=8, created_at="2024-06-01T00:00:00Z", merge_commit_sha="9" * 40)
    world_pulls.append(late)
    fake.data["repos"][REPO]["pull_commits"]["8"] = fake.data["repos"][REPO]["pull_commits"]["1"]
    summary = collect(GitHubClient(api_url=fake.url), tmp_path / "mirrors" / "acme__plots.git", _options(tmp_path))
    assert summary.skipped["merge commit not in the local history"] == 1
    assert "8" not in json.loads((tmp_path / "state.json").read_text())["pulls"]


# ---- the command ---------------------------------------------------------------------------------
def _cli(args: list[str], tmp_path: Path, token: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SWEBENCH_MM_CACHE": str(tmp_path / "cache")}
    env.pop("GITHUB_TOKEN", None)
    if token:
        env["GITHUB_TOKEN"] = token
    return subprocess.run([*CLI, *args], capture_output=True, text=True, env=env, timeout=300)


def test_cli_resumes_from_its_state_and_clones_the_api_clone_url(world):
    fake, sha, tmp_path = world
    fake.data["rate_limit"] = None
    out = tmp_path / "run" / "candidates.jsonl"
    first = _cli(["collect", "--repo", REPO, "--api-url", fake.url, "--out", str(out), "--max", "1"], tmp_path)
    assert first.returncode == 0, first.stderr
    assert [json.loads(line)["instance_id"] for line in out.read_text().splitlines()] == ["acme__plots-7"]
    decided = json.loads((tmp_path / "run" / "candidates.jsonl.state.json").read_text())["pulls"]
    assert decided == {"7": "candidate"}, "newest first, stopped at --max"
    fake.log.clear()
    second = _cli(["collect", "--repo", REPO, "--api-url", fake.url, "--out", str(out)], tmp_path)
    assert second.returncode == 0, second.stderr
    assert [json.loads(line)["instance_id"] for line in out.read_text().splitlines()] == ["acme__plots-7", "acme__plots-1"]
    assert not any("/pulls/7/" in path for path, _ in fake.log), "a decided pull request is not fetched again"
    assert "skipped: linked issue #11 deleted" in second.stdout
    third = _cli(["collect", "--repo", REPO, "--api-url", fake.url, "--out", str(out), "--allow-no-images"], tmp_path)
    assert third.returncode == 0, third.stderr
    assert "5 pull requests skipped under other filters in an earlier run were looked at again" in third.stdout
    assert [json.loads(line)["instance_id"] for line in out.read_text().splitlines()] == [
        "acme__plots-7", "acme__plots-1", "acme__plots-4"], "other filters: the image-less #4 is now taken"
    since = _cli(["collect", "--repo", REPO, "--api-url", fake.url, "--out", str(tmp_path / "s.jsonl"),
                  "--since", "2024-05-06"], tmp_path)
    assert since.returncode == 0 and "3 pull requests looked at" in since.stdout


@pytest.mark.parametrize("case", ["unknown repo", "bad token", "server error", "bad repo", "bad date", "bad mirror"])
def test_cli_errors_are_one_line(world, case):
    fake, sha, tmp_path = world
    args = ["collect", "--repo", REPO, "--api-url", fake.url, "--out", str(tmp_path / "c.jsonl")]
    token = None
    if case == "unknown repo":
        args[2] = "acme/nope"
        expected = "acme/nope: no such repository"
    elif case == "bad token":
        fake.data["token"] = "right"
        token, expected = "wrong", "refused the token (401 Bad credentials): check GITHUB_TOKEN"
    elif case == "server error":
        fake.data["fail_paths"] = {f"/repos/{REPO}/pulls": 422}
        expected = "GitHub API error 422"
    elif case == "bad repo":
        args[2] = "just-a-name"
        expected = "expected owner/name"
    elif case == "bad date":
        args += ["--since", "last tuesday"]
        expected = "is not a date"
    else:
        args += ["--repo-mirror", str(tmp_path / "absent")]
        expected = "not a directory"
    result = _cli(args, tmp_path, token)
    assert result.returncode == 2, result.stdout + result.stderr
    assert expected in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_a_token_is_sent_and_accepted(world):
    fake, sha, tmp_path = world
    fake.data["token"] = "right"
    fake.data["rate_limit"] = None
    result = _cli(["collect", "--repo", REPO, "--api-url", fake.url, "--out", str(tmp_path / "c.jsonl"),
                   "--repo-mirror", str(tmp_path / "mirrors")], tmp_path, token="right")
    assert result.returncode == 0, result.stderr
    assert len((tmp_path / "c.jsonl").read_text().splitlines()) == 2


def test_fake_github_command_serves_a_data_file(tmp_path):
    import requests

    data, _ = build_world(tmp_path)
    (tmp_path / "world.json").write_text(json.dumps(data))
    server = subprocess.Popen([*CLI, "fake-github", "--data", str(tmp_path / "world.json"), "--port", "0"],
                              stdout=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        url = line.split(" on ", 1)[1].split(" ", 1)[0]
        first = requests.get(f"{url}/repos/{REPO}/pulls", params={"state": "closed"}, timeout=10)
        assert [p["number"] for p in first.json()] == [7, 6]
        assert 'rel="next"' in first.headers["link"] and first.headers["x-ratelimit-limit"] == "6"
        assert requests.get(f"{url}/repos/{REPO}/issues/11", timeout=10).status_code == 410
        assert requests.get(f"{url}/gone.png", timeout=10).status_code == 404
    finally:
        server.terminate()
        server.wait(timeout=10)
    bad = _cli(["fake-github", "--data", str(tmp_path / "missing.json")], tmp_path)
    assert bad.returncode == 2 and "no such file" in bad.stderr and "Traceback" not in bad.stderr


def test_an_interrupted_crawl_keeps_its_decisions_and_the_rerun_finishes_it(world):
    """Ctrl-C while the crawl waits for the rate limit: what was decided is on disk, the rerun does the rest."""
    import signal

    fake, sha, tmp_path = world
    fake.data["rate_limit"] = {"limit": 12, "window_s": 600}
    out = tmp_path / "c.jsonl"
    env = {**os.environ, "SWEBENCH_MM_CACHE": str(tmp_path / "cache")}
    env.pop("GITHUB_TOKEN", None)
    # Ctrl-C as a terminal sends it: SIGINT at its default disposition in the child, even when this test
    # runs under a shell that started it in the background (which leaves SIGINT ignored, and a Python
    # started with SIGINT ignored never raises KeyboardInterrupt).
    crawl = subprocess.Popen([*CLI, "collect", "--repo", REPO, "--api-url", fake.url, "--out", str(out)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        waiting = crawl.stderr.readline()
        assert "rate limit reached: waiting" in waiting, waiting
        crawl.send_signal(signal.SIGINT)
        stdout, stderr = crawl.communicate(timeout=60)
    finally:
        crawl.kill()
    assert crawl.returncode == 130 and "re-run the same command to resume" in stderr
    decided = json.loads((tmp_path / "c.jsonl.state.json").read_text())["pulls"]
    assert decided and len(decided) < 7, decided
    fake.data["rate_limit"] = None
    fake.log.clear()
    rerun = _cli(["collect", "--repo", REPO, "--api-url", fake.url, "--out", str(out)], tmp_path)
    assert rerun.returncode == 0, rerun.stderr
    assert sorted(json.loads(line)["instance_id"] for line in out.read_text().splitlines()) == ["acme__plots-1", "acme__plots-7"]
    refetched = [number for number in decided if any(f"/pulls/{number}/commits" in path for path, _ in fake.log)]
    assert refetched == [], "pull requests decided before the interruption are not asked about again"
