"""benchmarks/official_tasks.py on small task folders written here (the shapes of the official ones, made up
content): instances that swebench-mm loads, the facts extract, the setup-commit rewrite, and errors that
name the file."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from swebench_mm.instances import load_instances

ROOT = Path(__file__).resolve().parent.parent


def _load_module():
    """benchmarks/ is not a package: load the script by path, as a user runs it."""
    spec = importlib.util.spec_from_file_location("official_tasks", ROOT / "benchmarks" / "official_tasks.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is being made
    spec.loader.exec_module(module)
    return module


ot = _load_module()

TASK_YAML = """\
base_commit: {commit}
created_at: '{created}'
datasets:
- SWE-bench/SWE-bench_Multimodal
eval_type: pass_and_fail
image: example/image:latest
image_assets:
  patch: []
  problem_statement:
  - https://example.org/shot.png
  test_patch:
  - path: test/fixtures/a.png
    url: https://example.org/a.png
instance_id: {instance_id}
log_parser: parse_log_example
repo: owner/name
split: {split}
version: '{version}'
"""

EVAL_SH = """\
#!/bin/bash
cd /testbed
: '>>>>> Start Test Output'
npx jest test/a.test.js
: '>>>>> End Test Output'
git checkout {commit} test/a.test.js
"""

DOCKERFILE = """\
FROM ubuntu:jammy
RUN apt-get update && apt-get install -y \\
    git curl
ENV NODE_VERSION {node}
RUN <<EOF_1
apt-get install -y libcairo2-dev git
npm i -g yarn
EOF_1
"""


def write_task(root: Path, instance_id: str, split: str, version: str, commit: str, created: str, node: str = "20.16.0") -> None:
    folder = root / "tasks" / instance_id
    folder.mkdir(parents=True)
    (folder / "task.yaml").write_text(TASK_YAML.format(commit=commit, created=created, instance_id=instance_id,
                                                       split=split, version=version))
    (folder / "tests.json").write_text(json.dumps({"FAIL_TO_PASS": ["a works"], "PASS_TO_PASS": ["b", "c"]}))
    (folder / "gold.patch").write_text("diff --git a/src/a.js b/src/a.js\n")
    (folder / "test.patch").write_text("diff --git a/test/a.test.js b/test/a.test.js\n--- a/test/a.test.js\n")
    (folder / "problem_statement.md").write_bytes(b"Broken chart\r\nsee image")
    (folder / "hints.md").write_text("")
    (folder / "eval.sh").write_text(EVAL_SH.format(commit=commit))
    (folder / "Dockerfile").write_text(DOCKERFILE.format(node=node))


@pytest.fixture
def dockerfiles(tmp_path) -> Path:
    root = tmp_path / "dockerfiles"
    write_task(root, "owner__name-1", "dev", "1.0", "1" * 40, "2020-01-01T00:00:00Z")
    write_task(root, "owner__name-2", "test", "1.0", "2" * 40, "2021-01-01T00:00:00Z")
    write_task(root, "owner__name-3", "test", "2.0", "3" * 40, "2019-01-01T00:00:00Z", node="21.6.2")
    return root


def test_instances_are_the_hub_schema_and_load(dockerfiles, tmp_path):
    out = tmp_path / "official.jsonl"
    assert ot.main(["instances", "--dockerfiles", str(dockerfiles), "--out", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    dev, test = rows[0], rows[1]
    assert list(dev)[:15] == ["repo", "instance_id", "base_commit", "patch", "test_patch", "problem_statement",
                              "hints_text", "created_at", "image_assets", "version", "FAIL_TO_PASS", "PASS_TO_PASS",
                              "split", "eval_type", "log_parser"]
    assert dev["problem_statement"] == "Broken chart\r\nsee image"  # bytes as they are, CRLF kept
    assert json.loads(dev["image_assets"])["test_patch"] == [{"path": "test/fixtures/a.png", "url": "https://example.org/a.png"}]
    assert json.loads(dev["FAIL_TO_PASS"]) == ["a works"]
    # Only dev instances carry the official environment; the others get theirs from the spec table.
    assert (dev["test_cmd"], dev["node_version"]) == ("npx jest test/a.test.js", "20.16.0")
    assert "test_cmd" not in test and "node_version" not in test
    instances = load_instances(out)
    assert [i.instance_id for i in instances] == ["owner__name-1", "owner__name-2", "owner__name-3"]
    assert ot.main(["instances", "--dockerfiles", str(dockerfiles), "--out", str(out), "--split", "test"]) == 0
    assert len(out.read_text().splitlines()) == 2


def test_facts_hold_no_patch_or_text(dockerfiles, tmp_path):
    out = tmp_path / "facts.json"
    assert ot.main(["facts", "--dockerfiles", str(dockerfiles), "--out", str(out)]) == 0
    document = json.loads(out.read_text())
    first = document["instances"][0]
    assert first == {
        "instance_id": "owner__name-1", "repo": "owner/name", "version": "1.0", "split": "dev",
        "created_at": "2020-01-01T00:00:00Z", "base_commit": "1" * 40, "eval_type": "pass_and_fail",
        "log_parser": "parse_log_example", "node_version": "20.16.0", "package_managers": {"yarn": ""},
        "apt_packages": [], "test_cmd": "npx jest test/a.test.js", "test_patch_files": ["test/a.test.js"],
        "fail_to_pass": 1, "pass_to_pass": 2,
    }
    # Packages every image installs are the common base, not a fact of one instance.
    assert document["common_apt_packages"] == ["curl", "git", "libcairo2-dev"]
    assert "Broken chart" not in out.read_text()


def test_setup_commits_rewrite_only_that_key(dockerfiles, tmp_path):
    table = tmp_path / "table.json"
    text = ('{\n  "repos": {\n    "owner/name": {\n      "split": "test",\n      "defaults": {"parser": "jest"},\n'
            '      "groups": [\n        {"versions": ["1.0", "2.0"]}\n      ]\n    }\n  }\n}\n')
    table.write_text(text)
    assert ot.main(["setup-commits", "--dockerfiles", str(dockerfiles), "--table", str(table)]) == 0
    # Without a mirror to read ancestry from, the oldest base of 1.0 (2020); the rest of the file is untouched.
    assert json.loads(table.read_text())["repos"]["owner/name"]["setup_commits"] == {"1.0": "1" * 40, "2.0": "3" * 40}
    assert table.read_text() == text.replace('      "defaults"', '      "setup_commits": {\n        "1.0": "' + "1" * 40
                                             + '",\n        "2.0": "' + "3" * 40 + '"\n      },\n      "defaults"')
    first = table.read_text()
    assert ot.main(["setup-commits", "--dockerfiles", str(dockerfiles), "--table", str(table)]) == 0
    assert table.read_text() == first  # idempotent


def test_a_bare_git_repository_is_read_like_a_checkout(dockerfiles, tmp_path):
    def git(*args: str, cwd: Path) -> None:
        subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)

    git("init", "-q", cwd=dockerfiles)
    git("add", "-A", cwd=dockerfiles)
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "tasks", cwd=dockerfiles)
    bare = tmp_path / "bare.git"
    git("clone", "-q", "--bare", str(dockerfiles), str(bare), cwd=tmp_path)
    from_checkout, from_bare = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert ot.main(["instances", "--dockerfiles", str(dockerfiles), "--out", str(from_checkout)]) == 0
    assert ot.main(["instances", "--dockerfiles", str(bare), "--out", str(from_bare)]) == 0
    assert from_bare.read_bytes() == from_checkout.read_bytes()


def test_the_yaml_reader_refuses_what_it_does_not_know():
    assert ot.parse_task_yaml("a: 'it''s'\nb: []\nc:\n- x\n", "t.yaml") == {"a": "it's", "b": [], "c": ["x"]}
    with pytest.raises(ot.InputError, match=r"t.yaml:2: unsupported YAML value '\|'"):
        ot.parse_task_yaml("a: 1\nb: |\n  text\n", "t.yaml")
    with pytest.raises(ot.InputError, match=r"t.yaml:2: expected `key: value`"):
        ot.parse_task_yaml("a: 1\nnot yaml\n", "t.yaml")


def test_bad_input_is_one_line_naming_the_file(dockerfiles, tmp_path, capsys):
    (dockerfiles / "tasks" / "owner__name-2" / "eval.sh").write_text("#!/bin/bash\nnpx jest\n")
    assert ot.main(["facts", "--dockerfiles", str(dockerfiles), "--out", str(tmp_path / "f.json")]) == 2
    assert capsys.readouterr().err.strip() == (
        "error: tasks/owner__name-2/eval.sh: no \": '>>>>> Start Test Output'\" ... \": '>>>>> End Test Output'\" section")
    assert ot.main(["facts", "--dockerfiles", str(tmp_path / "nowhere"), "--out", str(tmp_path / "f.json")]) == 2
    assert "neither a checkout with tasks/ nor a git repository" in capsys.readouterr().err


def test_several_setup_commits_are_written_as_one_list_line():
    text = ('{\n  "repos": {\n    "owner/name": {\n      "split": "test",\n      "defaults": {"parser": "jest"},\n'
            '      "groups": [\n        {"versions": ["1.0", "2.0"]}\n      ]\n    }\n  }\n}\n')
    after = ot.rewrite_setup_commits(text, {"owner/name": {"1.0": ["1" * 40, "2" * 40], "2.0": ["3" * 40]}}, "t.json")
    assert f'        "1.0": ["{"1" * 40}", "{"2" * 40}"],\n        "2.0": "{"3" * 40}"\n' in after
    assert json.loads(after)["repos"]["owner/name"]["setup_commits"]["1.0"] == ["1" * 40, "2" * 40]
    assert ot.rewrite_setup_commits(after, {"owner/name": {"1.0": ["1" * 40, "2" * 40], "2.0": ["3" * 40]}}, "t.json") == after
