"""Bad or hostile input gets a one-line error naming the place; nothing from input escapes its folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading

import pytest

from swebench_mm.atomic import write_atomic
from swebench_mm.errors import UserError
from swebench_mm.instances import load_instances
from swebench_mm.predictions import load_predictions
from swebench_mm.runlock import run_lock

SHA = "0123456789abcdef0123456789abcdef01234567"


def _instance(**fields) -> dict:
    return {"repo": "o/n", "instance_id": "o__n-1", "base_commit": SHA, "problem_statement": "x", **fields}


def _write_jsonl(path, *records) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


@pytest.mark.parametrize("instance_id", ["../escape", "a/../../b", "..", ".hidden", "a b", "x\ny"])
def test_instance_ids_that_are_not_folder_names_are_refused(tmp_path, instance_id):
    path = tmp_path / "i.jsonl"
    _write_jsonl(path, _instance(instance_id=instance_id))
    with pytest.raises(UserError, match=rf"{path}:1: field 'instance_id' is"):
        load_instances(path)


@pytest.mark.parametrize("model", ["..", "../other-run", "a/../b", "/abs"])
def test_model_names_that_leave_the_run_folder_are_refused(tmp_path, model):
    path = tmp_path / "p.jsonl"
    _write_jsonl(path, {"instance_id": "o__n-1", "model_name_or_path": model, "model_patch": ""})
    with pytest.raises(UserError, match=r"field 'model_name_or_path' is"):
        load_predictions(path)


def test_model_names_with_an_organisation_are_fine(tmp_path):
    path = tmp_path / "p.jsonl"
    _write_jsonl(path, {"instance_id": "o__n-1", "model_name_or_path": "openai/gpt-4o-2024-08-06", "model_patch": ""})
    assert load_predictions(path)[0].model_name_or_path == "openai/gpt-4o-2024-08-06"


@pytest.mark.parametrize("commit", ["abc", "HEAD", "0123456789abcdef0123456789abcdef0123456; rm -rf /", SHA.upper()])
def test_commits_must_be_full_hex_shas(tmp_path, commit):
    path = tmp_path / "i.jsonl"
    _write_jsonl(path, _instance(base_commit=commit))
    with pytest.raises(UserError, match="field 'base_commit' must be a full 40-character hex commit SHA"):
        load_instances(path)


def test_a_lone_surrogate_in_a_prediction_is_an_error_not_a_traceback(tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_text('{"instance_id": "o__n-1", "model_name_or_path": "m", "model_patch": "diff \\ud800"}\n')
    with pytest.raises(UserError, match=rf"{path}:1 \(o__n-1\): field 'model_patch' holds a lone surrogate"):
        load_predictions(path)


def test_a_binary_predictions_file_is_named(tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff\xfe")
    with pytest.raises(UserError, match=rf"{path}:\d+: not UTF-8 text"):
        load_predictions(path)


def test_line_separators_inside_json_strings_do_not_split_records(tmp_path):
    patch = "diff --git a/x b/x\n+a\u2028b\u0085c\u2029d\n"
    path = tmp_path / "p.jsonl"
    _write_jsonl(path, {"instance_id": "o__n-1", "model_name_or_path": "m", "model_patch": patch})
    assert load_predictions(path)[0].model_patch == patch
    instances = tmp_path / "i.jsonl"
    _write_jsonl(instances, _instance(problem_statement="one\u2028two"))
    assert load_instances(instances)[0].problem_statement == "one\u2028two"


def test_json_errors_read_naturally(tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_text('{"instance_id": "a\tb"}\n')  # a raw control character inside a string
    with pytest.raises(UserError) as caught:
        load_predictions(path)
    assert "at at" not in str(caught.value) and "Invalid control character at column" in str(caught.value)


def test_written_files_keep_the_umask_mode(tmp_path):
    previous = os.umask(0o022)
    try:
        write_atomic(tmp_path / "report.json", "{}")
    finally:
        os.umask(previous)
    assert (tmp_path / "report.json").stat().st_mode & 0o777 == 0o644


def test_a_second_process_on_the_same_run_is_refused_with_the_holder_named(tmp_path):
    run_dir = tmp_path / "runs" / "r1"
    with run_lock(run_dir, "evaluate"):
        probe = (f"import sys; sys.path.insert(0, {str(os.getcwd())!r})\n"
                 "from pathlib import Path\nfrom swebench_mm.runlock import run_lock\nfrom swebench_mm.errors import UserError\n"
                 f"try:\n    with run_lock(Path({str(run_dir)!r}), 'evaluate'): print('GOT IT')\n"
                 "except UserError as e: print(e)\n")
        out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout
        assert "is in use by `evaluate` (pid" in out and str(os.getpid()) in out and "GOT IT" not in out
    # released when the holder is done (or dies): the next one gets it
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout
    assert "GOT IT" in out


def test_threads_fetching_one_tarball_do_not_share_a_partial_file(tmp_path, monkeypatch):
    """Eight threads download the same npm tarball at once (a real build failed on a shared .partial)."""
    from swebench_mm.harness import downloads

    monkeypatch.setenv("SWEBENCH_MM_CACHE", str(tmp_path / "cache"))
    errors: list[BaseException] = []

    def fetch() -> None:
        try:
            downloads.npm_tarball("is-number", "7.0.0")
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=fetch) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    folder = tmp_path / "cache" / "npm-tarballs"
    assert [p.name for p in folder.iterdir()] == ["is-number-7.0.0.tgz"]
    assert downloads.package_bins(folder / "is-number-7.0.0.tgz") == {}
