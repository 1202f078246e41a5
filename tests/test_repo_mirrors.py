"""--repo-mirror: bare repositories, checkouts and bundles all serve as a repository's history."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from swebench_mm.cli import main
from swebench_mm.errors import UserError
from swebench_mm.harness.repos import RepoSources
from swebench_mm.instances import SHIPPED_DIR

REPO = "vizlab/svg-charts"


@pytest.fixture(scope="module")
def mirror(tmp_path_factory):
    """The shipped repositories built into a fresh folder, plus their head SHAs."""
    folder = tmp_path_factory.mktemp("mirror")
    out = subprocess.run([sys.executable, str(SHIPPED_DIR / "build.py"), "mirror", "--dest", str(folder)],
                         capture_output=True, text=True, check=True).stdout
    return folder, json.loads(out)


def test_the_build_is_reproducible(mirror, tmp_path):
    _, heads = mirror
    again = subprocess.run([sys.executable, str(SHIPPED_DIR / "build.py"), "mirror", "--dest", str(tmp_path)],
                           capture_output=True, text=True, check=True).stdout
    assert json.loads(again) == heads
    shipped = [json.loads(line) for line in (SHIPPED_DIR / "instances.jsonl").read_text().splitlines()]
    assert {row["base_commit"] for row in shipped if row["repo"] == REPO} == {heads[REPO]}


@pytest.mark.parametrize("layout", ["bare", "checkout", "bundle"])
def test_each_layout_clones_with_full_history(mirror, tmp_path, layout):
    folder, heads = mirror
    bare = folder / "vizlab__svg-charts.git"
    user_mirror = tmp_path / "mirror"
    user_mirror.mkdir()
    if layout == "bare":
        subprocess.run(["git", "clone", "-q", "--bare", str(bare), str(user_mirror / "vizlab__svg-charts.git")], check=True)
    elif layout == "checkout":
        subprocess.run(["git", "clone", "-q", str(bare), str(user_mirror / "vizlab__svg-charts")], check=True)
    else:
        subprocess.run(["git", "-C", str(bare), "bundle", "create", str(user_mirror / "vizlab__svg-charts.bundle"), "--all"],
                       check=True, capture_output=True)
    sources = RepoSources([user_mirror], allow_github=False)
    assert str(sources.source(REPO)).startswith(str(user_mirror))
    sources.require_commits(REPO, [heads[REPO]])
    log = subprocess.run(["git", "-C", str(sources.git_dir(REPO)), "log", "--format=%s", heads[REPO]],
                         capture_output=True, text=True)
    assert log.stdout.splitlines()[-1] == "Initial commit: package scaffold"


def test_a_missing_commit_is_named(mirror, tmp_path):
    folder, _ = mirror
    missing = "0123456789abcdef0123456789abcdef01234567"
    with pytest.raises(UserError, match=f"commit {missing} is not in"):
        RepoSources([folder]).require_commits(REPO, [missing])


def test_unknown_repositories_fall_back_to_github_or_fail_clearly(tmp_path):
    assert RepoSources([tmp_path]).source("someone/else") == "https://github.com/someone/else.git"
    with pytest.raises(UserError, match="not found in any --repo-mirror"):
        RepoSources([tmp_path], allow_github=False).source("someone/else")


def test_a_mirror_that_is_not_a_directory_is_rejected(tmp_path):
    with pytest.raises(UserError, match="not a directory"):
        RepoSources([tmp_path / "nope"])


@pytest.mark.docker
def test_evaluate_from_a_mirror_end_to_end(mirror, tmp_path, capsys):
    """`evaluate --repo-mirror DIR` builds the env image from DIR: the instance's commits exist only there.

    The mirror's repository gets a commit of its own (a new one each run, so the images are really built
    from the mirror rather than found in the cache); the instance is moved onto it. A second instance whose
    base commit is in no history fails with that commit named, and the run goes on.
    """
    folder, _ = mirror
    shipped = [json.loads(line) for line in (SHIPPED_DIR / "instances.jsonl").read_text().splitlines()]
    row = next(r for r in shipped if r["repo"] == "boxline/diagram")
    work = tmp_path / "work"
    subprocess.run(["git", "clone", "-q", str(folder / "boxline__diagram.git"), str(work)], check=True)
    (work / "MIRROR.md").write_text(f"only in this mirror: {tmp_path.name} {time.time_ns()}\n")
    subprocess.run(["git", "-C", str(work), "add", "MIRROR.md"], check=True)
    subprocess.run(["git", "-C", str(work), "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "mirror-only"],
                   check=True)
    head = subprocess.run(["git", "-C", str(work), "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    user_mirror = tmp_path / "mirror"
    user_mirror.mkdir()
    subprocess.run(["git", "-C", str(work), "bundle", "create", str(user_mirror / "boxline__diagram.bundle"), "--all"],
                   check=True, capture_output=True)
    missing = "0123456789abcdef0123456789abcdef01234567"
    moved = {**row, "instance_id": "boxline__diagram-9001", "base_commit": head, "environment_setup_commit": head}
    lost = {**row, "instance_id": "boxline__diagram-9002", "base_commit": missing, "environment_setup_commit": missing}
    instances = tmp_path / "instances.jsonl"
    instances.write_text("".join(json.dumps(r) + "\n" for r in (moved, lost)))
    runs = tmp_path / "runs"
    code = main(["evaluate", "--instances", str(instances), "--predictions", "gold", "--run-id", "mirror",
                 "--runs-dir", str(runs), "--repo-mirror", str(user_mirror), "--cache-level", "base"])
    assert code == 0
    report = json.loads((runs / "mirror" / "report.json").read_text())
    assert report["resolved_ids"] == ["boxline__diagram-9001"] and report["error_ids"] == ["boxline__diagram-9002"]
    lost_report = json.loads((runs / "mirror" / "gold" / "boxline__diagram-9002" / "report.json").read_text())
    assert f"commit {missing} is not in {user_mirror / 'boxline__diagram.bundle'}" in lost_report["error"]
    assert "boxline__diagram-9002" in capsys.readouterr().out


def _drop_blob(git_dir: Path, oid: str) -> None:
    """Repack `git_dir` without one blob, as a size-limited snapshot or a partial clone leaves it."""
    objects = subprocess.run(["git", "rev-list", "--objects", "--all"], cwd=git_dir, capture_output=True, text=True,
                             check=True).stdout.split("\n")
    keep = "".join(line.split(" ")[0] + "\n" for line in objects if line and not line.startswith(oid))
    pack_dir, new_pack = git_dir / "objects" / "pack", git_dir / "new-pack"
    new_pack.mkdir()
    subprocess.run(["git", "pack-objects", "-q", str(new_pack / "pack")], cwd=git_dir, input=keep, text=True,
                   check=True, capture_output=True)
    for old in pack_dir.glob("pack-*"):
        old.unlink()
    for made in new_pack.iterdir():
        made.rename(pack_dir / made.name)
    new_pack.rmdir()
    for loose in (git_dir / "objects").glob("??/*"):
        loose.unlink()
    assert subprocess.run(["git", "cat-file", "-e", oid], cwd=git_dir).returncode != 0


@pytest.mark.docker
def test_a_mirror_that_lacks_blobs_still_builds_and_says_so(mirror, tmp_path):
    """A file whose blob the mirror lacks becomes a placeholder: the image builds, the instance is graded
    (gold still resolves: the file is the repository's LICENSE), and the report names the file."""
    folder, _ = mirror
    row = next(json.loads(line) for line in (SHIPPED_DIR / "instances.jsonl").read_text().splitlines()
               if json.loads(line)["repo"] == REPO)
    user_mirror = tmp_path / "mirror"
    partial = user_mirror / "vizlab__svg-charts.git"
    subprocess.run(["git", "clone", "-q", "--mirror", "--no-local", str(folder / "vizlab__svg-charts.git"), str(partial)],
                   check=True)
    license_blob = subprocess.run(["git", "rev-parse", f"{row['base_commit']}:LICENSE"], cwd=partial,
                                  capture_output=True, text=True, check=True).stdout.strip()
    _drop_blob(partial, license_blob)
    assert RepoSources([user_mirror]).missing_blobs(REPO, row["base_commit"]) == ("LICENSE",)
    instances = tmp_path / "instances.jsonl"
    instances.write_text(json.dumps(row) + "\n")
    runs = tmp_path / "runs"
    code = main(["evaluate", "--instances", str(instances), "--predictions", "gold", "--run-id", "partial",
                 "--runs-dir", str(runs), "--repo-mirror", str(user_mirror), "--cache-level", "base"])
    assert code == 0
    report = json.loads((runs / "partial" / "gold" / row["instance_id"] / "report.json").read_text())
    assert report["status"] == "resolved", report["error"]
    assert report["placeholders"] == {"count": 1, "paths": ["LICENSE"]}
    assert report["may_depend_on_placeholders"] is False  # LICENSE is nowhere near the tests
    log = (runs / "partial" / "gold" / row["instance_id"] / "test_output.txt").read_text()
    assert ">>>>> Placeholders\nLICENSE\n" in log
    # ... and the comparison report says so, in every format
    html, md, js = tmp_path / "r.html", tmp_path / "r.md", tmp_path / "r.json"
    assert main(["report", str(runs / "partial"), "--html", str(html), "--md", str(md), "--json", str(js)]) == 0
    notes = json.loads(js.read_text())["placeholder_notes"]
    assert notes == [{"run": "partial", "instance_id": row["instance_id"], "count": 1, "paths": ["LICENSE"],
                      "status": "resolved", "may_depend": False}]
    assert "Files missing from the repository mirror" in html.read_text()
    assert f"| partial | {row['instance_id']} | resolved | 1 | LICENSE | no |" in md.read_text()
