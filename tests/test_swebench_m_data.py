"""The real SWE-bench Multimodal dev split: loaders, issue images from local copies, SWE-bench formats."""

from __future__ import annotations

import json

import pytest

from swebench_mm.cli import main
from swebench_mm.errors import UserError
from swebench_mm.instances import load_instances
from swebench_mm.issue_images import ImageSources, issue_images
from swebench_mm.predictions import load_predictions


@pytest.fixture
def image_dir(dev_instances_path):
    return dev_instances_path.parent / "images"


def test_every_dev_instance_gets_its_images_from_the_local_copies(dev_instances_path, image_dir):
    sources = ImageSources([image_dir], allow_download=False)
    problems = {}
    available = 0
    for instance in load_instances(dev_instances_path):
        result = issue_images(instance, sources=sources)
        available += len(result.paths)
        if result.problems:
            problems[instance.instance_id] = result.problems
        assert all(p.is_file() for p in result.paths)
    assert available == 158
    # The two URLs without a copy, and a link whose "image" is a web page, are reported per instance.
    assert set(problems) == {"Automattic__wp-calypso-23991", "markedjs__marked-1683", "chartjs__Chart.js-9399"}
    assert "no local copy" in problems["Automattic__wp-calypso-23991"][0]
    assert "not an image" in problems["chartjs__Chart.js-9399"][0]


def test_gif_issue_images_are_kept(dev_instances_path, image_dir):
    sources = ImageSources([image_dir], allow_download=False)
    gifs = [p for i in load_instances(dev_instances_path) for p in issue_images(i, sources=sources).paths if p.suffix == ".gif"]
    assert gifs and all(p.read_bytes()[:3] == b"GIF" for p in gifs)


def test_parquet_copy_loads_the_same_instances(dev_instances_path, tmp_path):
    import pyarrow as pa  # in the test extra
    import pyarrow.parquet as pq

    rows = [json.loads(line) for line in dev_instances_path.read_text().splitlines()]
    path = tmp_path / "dev.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path)
    from_parquet = load_instances(path)
    from_jsonl = load_instances(dev_instances_path)
    assert [i.instance_id for i in from_parquet] == [i.instance_id for i in from_jsonl]
    assert from_parquet[5].fail_to_pass == from_jsonl[5].fail_to_pass


def test_hub_without_the_extra_or_network_is_one_line(capsys):
    assert main(["instances", "show", "swebench-m:dev"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "swebench-mm[hub]" in err or "cannot load" in err


def test_unknown_hub_split(capsys):
    with pytest.raises(UserError, match="unknown split"):
        load_instances("swebench-m:train")


@pytest.mark.parametrize("fmt", ["jsonl", "swebench-json", "sb-cli"])
def test_export_for_swebench_tools(fmt, tmp_path, dev_instances_path):
    source = tmp_path / "predictions.jsonl"
    rows = [{"instance_id": i.instance_id, "model_name_or_path": "m", "model_patch": i.patch}
            for i in load_instances(dev_instances_path)[:3]]
    source.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / ("out.jsonl" if fmt == "jsonl" else "out.json")
    assert main(["predictions", "export", str(source), "--format", fmt, "--out", str(out)]) == 0
    if fmt == "sb-cli":
        data = json.loads(out.read_text())
        assert set(data) == {r["instance_id"] for r in rows}
        assert data[rows[0]["instance_id"]] == {"model_patch": rows[0]["model_patch"], "model_name_or_path": "m"}
    assert [(p.instance_id, p.model_patch) for p in load_predictions(out)] == [(r["instance_id"], r["model_patch"]) for r in rows]


def test_test_split_instances_without_test_lists_point_to_sb_cli(dev_instances_path, tmp_path):
    """The test split hides FAIL_TO_PASS/PASS_TO_PASS: agents run on it, grading says where to go instead."""
    import dataclasses

    from swebench_mm.harness.evaluate import check_gradable

    instance = load_instances(str(dev_instances_path))[0]
    check_gradable(instance)
    hidden = dataclasses.replace(instance, fail_to_pass=[], pass_to_pass=[])
    with pytest.raises(UserError, match=rf"{instance.instance_id} has no FAIL_TO_PASS .* --format sb-cli"):
        check_gradable(hidden)


def test_instances_show_prints_the_environment_that_will_run(dev_instances_path, capsys):
    assert main(["instances", "show", str(dev_instances_path), "--id", "chartjs__Chart.js-11116"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "node / npm 21.6.2 / 10.2.4; pnpm 7.33.7" in out and "system packages xvfb xauth" in out
    assert "parser / eval karma_failures_raw / fail_only" in out and "Debian's Chromium — The official images ran" in out
    assert main(["instances", "show", "shipped", "--id", "vizlab__svg-charts-14"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "browser none" in out and "parser / eval jest / pass_and_fail" in out
