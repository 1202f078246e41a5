"""Binary test fixtures: found in the real dev data's test patches, staged from a folder, a mirror or nowhere."""

from __future__ import annotations

import dataclasses
import json
import subprocess
from pathlib import Path

from swebench_mm.harness.repos import RepoSources
from swebench_mm.harness.test_assets import split_binary_sections, stage_test_assets
from swebench_mm.instances import load_instances


def _chartjs_with_fixtures(dev_instances_path: Path):
    instances = load_instances(str(dev_instances_path))
    return [i for i in instances if i.repo == "chartjs/Chart.js" and i.image_assets.get("test_patch")]


def test_every_listed_fixture_is_a_binary_section_of_the_real_test_patches(dev_instances_path):
    instances = _chartjs_with_fixtures(dev_instances_path)
    assert len(instances) >= 10  # half of Chart.js's dev instances add or change PNG fixtures
    for instance in instances:
        text, binary = split_binary_sections(instance.test_patch)
        listed = sorted(asset.repo_path for asset in instance.image_assets["test_patch"])
        assert sorted(binary) == listed, instance.instance_id
        assert "Binary files" not in text
        # the text sections (specs, fixture configs) are all still there
        assert text.count("diff --git ") + len(binary) == instance.test_patch.count("diff --git ")


def test_a_patch_without_binary_sections_is_unchanged():
    patch = "diff --git a/x.js b/x.js\n--- a/x.js\n+++ b/x.js\n@@ -1 +1 @@\n-a\n+b\n"
    assert split_binary_sections(patch) == (patch, [])


def _repo_with_png(tmp_path: Path) -> tuple[Path, str, bytes]:
    repo = tmp_path / "mirror" / "chartjs__Chart.js"
    repo.mkdir(parents=True)
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
    (repo / "test" / "fixtures").mkdir(parents=True)
    (repo / "test" / "fixtures" / "a.png").write_bytes(png)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "png"], cwd=repo, check=True)
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True).stdout.strip()
    return repo, commit, png


def _instance_with_fixture(dev_instances_path: Path, commit: str):
    """A real Chart.js instance whose test patch is reduced to one binary fixture pinned at `commit`."""
    instance = _chartjs_with_fixtures(dev_instances_path)[0]
    url = f"https://raw.githubusercontent.com/chartjs/Chart.js/{commit}/test/fixtures/a.png"
    patch = ("diff --git a/test/fixtures/a.png b/test/fixtures/a.png\nnew file mode 100644\n"
             "Binary files /dev/null and b/test/fixtures/a.png differ\n")
    asset = dataclasses.replace(instance.image_assets["test_patch"][0], ref=url, repo_path="test/fixtures/a.png")
    return dataclasses.replace(instance, test_patch=patch, image_assets={"test_patch": (asset,)})


def test_fixtures_come_from_the_mirror_by_the_commit_in_their_url(dev_instances_path, tmp_path):
    repo, commit, png = _repo_with_png(tmp_path)
    instance = _instance_with_fixture(dev_instances_path, commit)
    staged = stage_test_assets(instance, RepoSources([repo.parent], allow_github=False), allow_download=False)
    assert staged.files == {"test/fixtures/a.png": png}
    assert staged.origins == {"test/fixtures/a.png": "mirror"} and staged.missing == []


def test_a_local_folder_comes_first(dev_instances_path, tmp_path):
    repo, commit, _ = _repo_with_png(tmp_path)
    instance = _instance_with_fixture(dev_instances_path, commit)
    folder = tmp_path / "images"
    folder.mkdir()
    (folder / "copy.png").write_bytes(b"local copy")
    (folder / "manifest.json").write_text(json.dumps({instance.image_assets["test_patch"][0].ref: "copy.png"}))
    staged = stage_test_assets(instance, RepoSources([repo.parent], allow_github=False), [folder], allow_download=False)
    assert staged.files == {"test/fixtures/a.png": b"local copy"}
    assert staged.origins == {"test/fixtures/a.png": "image-dir"}


def test_a_fixture_nobody_has_is_named_with_the_reason(dev_instances_path, tmp_path):
    repo, _, _ = _repo_with_png(tmp_path)
    instance = _instance_with_fixture(dev_instances_path, "0" * 40)  # a commit the mirror does not have
    staged = stage_test_assets(instance, RepoSources([repo.parent], allow_github=False), allow_download=False)
    assert staged.files == {}
    assert len(staged.missing) == 1 and staged.missing[0].startswith("test/fixtures/a.png: ")
    assert "downloads are off" in staged.missing[0]
