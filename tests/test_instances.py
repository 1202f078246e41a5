import json

import pytest

from swebench_mm.cli import main
from swebench_mm.errors import UserError
from swebench_mm.instances import load_instances, select_instances


def test_the_real_dev_split_loads(dev_instances_path):
    instances = load_instances(dev_instances_path)
    assert len(instances) == 100
    repos = {i.repo for i in instances}
    assert repos == {"chartjs/Chart.js", "Automattic/wp-calypso", "processing/p5.js", "markedjs/marked",
                     "diegomura/react-pdf"}
    by_id = {i.instance_id: i for i in instances}
    chart = by_id["chartjs__Chart.js-11116"]
    assert chart.fail_to_pass and isinstance(chart.fail_to_pass, tuple)  # decoded from a JSON string
    assert all(ref.startswith("https://") for ref in chart.problem_images)
    assert chart.extra["eval_type"] == "fail_only"
    # test_patch image assets are {path, url} objects in the real data
    fixture_assets = by_id["chartjs__Chart.js-10157"].image_assets["test_patch"]
    assert fixture_assets[0].repo_path.startswith("test/fixtures/")
    assert sum(len(i.problem_images) for i in instances) > 100


def test_lists_and_json_strings_are_both_accepted(tmp_path):
    base = {"repo": "o/n", "instance_id": "o__n-1", "base_commit": "a" * 40, "problem_statement": "x"}
    rows = [
        {**base, "FAIL_TO_PASS": '["a"]', "PASS_TO_PASS": "[]", "image_assets": '{"problem_statement": ["u"]}'},
        {**base, "instance_id": "o__n-2", "FAIL_TO_PASS": ["a"], "PASS_TO_PASS": [], "image_assets": ["u"]},
    ]
    path = tmp_path / "i.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    first, second = load_instances(path)
    assert first.fail_to_pass == second.fail_to_pass == ("a",)
    assert first.problem_images == second.problem_images == ("u",)


def _corrupt(tmp_path, dev_instances_path, line_number, mutate):
    lines = dev_instances_path.read_text().splitlines()
    lines[line_number - 1] = mutate(lines[line_number - 1])
    path = tmp_path / "corrupt.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_bad_json_names_file_and_line(tmp_path, dev_instances_path):
    path = _corrupt(tmp_path, dev_instances_path, 17, lambda line: line[:-5])
    with pytest.raises(UserError, match=rf"{path}:17: invalid JSON"):
        load_instances(path)


def test_missing_field_names_file_line_and_field(tmp_path, dev_instances_path):
    def drop_commit(line):
        data = json.loads(line)
        del data["base_commit"]
        return json.dumps(data)

    path = _corrupt(tmp_path, dev_instances_path, 42, drop_commit)
    with pytest.raises(UserError, match=rf"{path}:42: missing required field 'base_commit'"):
        load_instances(path)


def test_duplicate_id_names_both_lines(tmp_path, dev_instances_path):
    lines = dev_instances_path.read_text().splitlines()
    path = tmp_path / "dup.jsonl"
    path.write_text("\n".join(lines[:5] + [lines[2]]) + "\n")
    with pytest.raises(UserError, match=rf"{path}:6: duplicate instance_id .* \(first on line 3\)"):
        load_instances(path)


def test_wrong_type_names_the_field(tmp_path, dev_instances_path):
    def bad_f2p(line):
        data = json.loads(line)
        data["FAIL_TO_PASS"] = "not json"
        return json.dumps(data)

    path = _corrupt(tmp_path, dev_instances_path, 3, bad_f2p)
    with pytest.raises(UserError, match=rf"{path}:3 \(.*\): field 'FAIL_TO_PASS'"):
        load_instances(path)


def test_json_array_errors_name_the_line(tmp_path):
    good = {"repo": "o/n", "instance_id": "o__n-1", "base_commit": "a" * 40, "problem_statement": "x"}
    bad = {"repo": "o/n", "instance_id": "o__n-2", "problem_statement": "x"}
    path = tmp_path / "i.json"
    path.write_text(json.dumps([good, bad], indent=2))
    line = path.read_text().splitlines().index("  {", 3) + 1
    with pytest.raises(UserError, match=rf"{path}:{line}: missing required field 'base_commit'"):
        load_instances(path)


def test_cli_reports_a_corrupted_file_in_one_line_without_traceback(tmp_path, dev_instances_path, capsys):
    path = _corrupt(tmp_path, dev_instances_path, 9, lambda line: line.replace('"repo"', '"rep0"', 1))
    assert main(["instances", "show", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert f"{path.name}:9" in err.replace("\n", "") and "'repo'" in err


def test_cli_summarises_the_dev_split(dev_instances_path, capsys):
    assert main(["instances", "show", str(dev_instances_path)]) == 0
    out = capsys.readouterr().out
    assert "100 instances" in out and "chartjs/Chart.js 22" in out


def test_unknown_ids_are_an_error(dev_instances_path):
    instances = load_instances(dev_instances_path)
    with pytest.raises(UserError, match="unknown instance id"):
        select_instances(instances, ["nope-1"])
