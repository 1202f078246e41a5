"""The viewer's view models on run folders written by the project's writers, and its HTTP handlers through
Flask's test client (no server, no Docker)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from swebench_mm.cli import build_parser
from swebench_mm.errors import UserError
from swebench_mm.issue_images import issue_images
from swebench_mm.reports.load import load_run
from swebench_mm.viewer import model
from swebench_mm.viewer.app import CSP, create_app
from viewer_runs import IDS, IMG_INJECTION, SCRIPT_INJECTION, SEARCHABLE, make_runs, shipped, write_trajectory

A, B, C = IDS
HOST = {"Host": "127.0.0.1:8780"}


@pytest.fixture
def runs_dir(tmp_path: Path) -> Path:
    make_runs(tmp_path / "runs")
    return tmp_path / "runs"


@pytest.fixture
def loaded(runs_dir: Path):
    runs = model.load_runs([], runs_dir)
    from swebench_mm.reports.load import load_report_instances

    return runs, load_report_instances(runs, None)


@pytest.fixture
def client(runs_dir: Path):
    return create_app([], runs_dir).test_client()


# ---- runs and the instance list --------------------------------------------------------------------
def test_every_run_under_the_folder_is_found_including_one_nobody_evaluated(runs_dir):
    runs = model.load_runs([], runs_dir)
    assert [r.name for r in runs] == ["agent-a", "agent-b", "killed"]
    assert runs[1].model == "openai/gpt-4o"  # the folder is openai__gpt-4o
    killed = runs[2]
    assert killed.submitted == sorted([A, B]) and killed.model == "tool-agent__fake"
    assert {r.status for r in killed.results.values()} == {"missing"}
    named = model.load_runs(["agent-b", str(runs_dir / "killed")], runs_dir)
    assert [r.name for r in named] == ["agent-b", "killed"]


def test_reports_still_refuse_an_unevaluated_run(runs_dir):
    with pytest.raises(UserError, match="no report.json"):
        load_run("killed", runs_dir)


def test_a_folder_that_is_no_run_is_named(tmp_path):
    (tmp_path / "notes").mkdir()
    with pytest.raises(UserError, match="no runs in it"):
        model.load_runs([], tmp_path)
    with pytest.raises(UserError, match="not a swebench-mm run folder|no such runs folder|neither"):
        model.load_runs([str(tmp_path / "notes")], tmp_path)


def test_rows_carry_the_facts_of_the_project_readers(loaded):
    runs, instances = loaded
    rows = {(r.run_name, r.instance_id): r for r in model.instance_rows(runs, instances)}
    assert len(rows) == 7
    first = rows[("agent-a", A)]
    assert (first.status, first.repo, first.image_needed, first.agent_exit, first.steps) == \
        ("resolved", "boxline/diagram", "yes", "submitted", 4)
    assert first.in_runs == 3 and rows[("agent-a", C)].in_runs == 1
    assert rows[("agent-b", A)].failure_category == "patch_failed"
    assert rows[("agent-a", B)].image_needed == "no"
    killed = rows[("killed", B)]  # the agent was killed after two steps: no prediction, trajectory "running"
    assert (killed.status, killed.agent_exit, killed.steps, killed.has_trajectory) == ("not evaluated", "running", None, True)


def test_filters_narrow_the_rows(loaded):
    runs, instances = loaded
    rows = model.instance_rows(runs, instances)
    no_text = lambda row: pytest.fail("only a search reads trajectories")  # noqa: E731

    def pick(**query):
        return [(r.run_name, r.instance_id) for r, _ in model.filter_rows(rows, model.parse_filters(query), no_text)]

    assert len(pick()) == 7
    assert pick(status="resolved") == [("agent-a", A), ("agent-b", B), ("agent-a", C)]
    assert pick(status="not evaluated", run="2") == [("killed", A), ("killed", B)]
    assert pick(category="tests_failed") == [("agent-a", B)]
    assert len(pick(category="none")) == 5
    assert pick(repo="vizlab/svg-charts") == [("agent-a", C)]
    assert {i for _, i in pick(image_needed="no")} == {B}
    assert pick(run="1", status="resolved") == [("agent-b", B)]
    facets = model.facets(runs, rows)
    assert facets.statuses == ["not evaluated", "resolved", "unresolved"]
    assert facets.categories == ["none", "patch_failed", "tests_failed"]
    assert facets.runs == [("0", "agent-a"), ("1", "agent-b"), ("2", "killed")]


def test_search_finds_text_in_trajectories_with_the_place_it_occurs(loaded):
    runs, instances = loaded
    rows = model.instance_rows(runs, instances)

    def text(row):
        return model.trajectory_text(runs[row.run].results[row.instance_id].trajectory)

    found = model.filter_rows(rows, model.parse_filters({"q": "SWATCH colour"}), text)
    assert len(found) == 7  # every trajectory's first thought
    hit = found[0][1]
    assert hit.match == "swatch colour" and hit.before.endswith("The legend ") and hit.count == 1
    only = model.filter_rows(rows, model.parse_filters({"q": "window.__pwned = 2"}), text)
    assert [(r.run_name, r.instance_id) for r, _ in only] == [("agent-a", A)]
    tool_args = model.filter_rows(rows, model.parse_filters({"q": "colorFor(i + 1)"}), text)
    assert len(tool_args) == 6  # a tool call's arguments: all but the instance killed at step 2
    assert model.filter_rows(rows, model.parse_filters({"q": "nowhere to be found"}), text) == []
    assert model.search_hit("x" * 200 + "Needle" + "y" * 200, "needle").before.startswith("…")


# ---- one trajectory --------------------------------------------------------------------------------
def test_a_trajectory_step_by_step(loaded):
    runs, _ = loaded
    view = model.result_view(0, runs[0], A)
    trajectory = view.trajectory
    assert not trajectory.running and trajectory.exit_status == "submitted" and len(trajectory.steps) == 4
    assert [m.who for m in trajectory.prompt] == ["system", "user"]
    issue_image = trajectory.prompt[1].images[0]
    assert issue_image.label == "issue image" and Path(issue_image.path).is_absolute()  # outside the run folder
    step = trajectory.steps[1]
    assert step.calls[0].name == "screenshot" and json.loads(step.calls[0].arguments)["width"] == 320
    assert step.observations[0].images == [model.ImageRef("images/step-2.png", "screenshot /tmp/chart.svg")]
    assert SCRIPT_INJECTION in trajectory.steps[0].thought.text  # data stays as written; templates escape
    assert step.cost == pytest.approx(0.0031) and step.input_tokens == 1200


def test_a_trajectory_still_being_written_shows_its_steps_so_far(loaded):
    runs, _ = loaded
    view = model.result_view(2, runs[2], B)
    assert view.trajectory.running and len(view.trajectory.steps) == 2
    assert view.patch is None and view.log_tail is None and view.status == "not evaluated"


def test_malformed_trajectory_fields_show_as_empty():
    view = model.trajectory_view({"steps": [None, {"tool_calls": "x", "observations": [{"text": 5, "images": [{}]}],
                                                   "thought": ["a"]}], "initial_messages": {"no": 1}, "cost": "free"})
    assert view.running and view.prompt == [] and view.cost is None
    assert [s.number for s in view.steps] == [1, 2]
    assert view.steps[1].calls == [] and view.steps[1].observations[0].text.text == "5"
    assert view.steps[1].observations[0].images == [] and view.steps[1].thought.text == '["a"]'


def test_long_text_is_cut_with_a_count():
    view = model.TextView.of("x" * (model.MAX_TEXT_CHARS + 10))
    assert len(view.text) == model.MAX_TEXT_CHARS and view.cut == 10


def test_patch_tests_and_log_of_a_result(loaded):
    runs, instances = loaded
    view = model.result_view(1, runs[1], A)
    assert view.status == "unresolved" and view.failure_category == "patch_failed"
    assert [kind for kind, _ in view.patch] == ["", "", "hunk", "del", "add"]
    f2p = view.tests[0]
    assert f2p.key == "FAIL_TO_PASS" and f2p.passed == 0 and f2p.failed == list(instances[A].fail_to_pass)
    assert SCRIPT_INJECTION in view.log_tail
    assert model.result_view(1, runs[1], C) is None


def test_the_pair_shown_side_by_side(loaded):
    runs, _ = loaded
    assert model.compare_pair(runs, A, None, None) == (0, 1)
    assert model.compare_pair(runs, A, "2", "0") == (2, 0)
    assert model.compare_pair(runs, A, "1", "1") == (1, 0)
    assert model.compare_pair(runs, A, "9", "x") == (0, 1)
    assert model.compare_pair(runs, C, None, None) is None


# ---- which images may be shown ---------------------------------------------------------------------
def test_images_inside_the_run_or_of_the_issue_only(loaded, runs_dir, tmp_path):
    runs, instances = loaded
    folder = runs[0].results[A].folder
    roots = [runs[0].source]
    issue = issue_images(instances[A], allow_download=False).paths
    assert model.resolve_image("images/step-2.png", folder, roots) == (folder / "images/step-2.png").resolve()
    assert model.resolve_image(str(issue[0]), folder, roots, issue) == issue[0].resolve()
    assert model.resolve_image(str(issue[0]), folder, roots) is None  # not this instance's issue image
    secret = tmp_path / "secret.png"
    secret.write_bytes((folder / "images/step-2.png").read_bytes())
    for attempt in ("../../../secret.png", "../../../../secret.png", str(secret), "images/../../../../secret.png",
                    "/etc/passwd", "../../../../../../../../etc/passwd", "trajectory.json", "", "images/\x00.png"):
        assert model.resolve_image(attempt, folder, roots, issue) is None, attempt
    os.symlink(secret, folder / "images" / "link.png")  # a link inside the run that points out of it
    assert model.resolve_image("images/link.png", folder, roots, issue) is None
    (folder / "images" / "fake.png").write_text("not checked as an image, but served only as image/png")
    assert model.resolve_image("images/fake.png", folder, roots) is not None


# ---- HTTP --------------------------------------------------------------------------------------------
def test_pages_escape_everything_from_runs_and_forbid_scripts(client):
    page = client.get(f"/run/0/{A}", headers=HOST)
    assert page.status_code == 200 and page.headers["Content-Security-Policy"] == CSP
    assert "script-src" not in CSP and "default-src 'none'" in CSP
    html = page.get_data(as_text=True)
    assert "<script>window" not in html and "<img src=x" not in html
    assert "&lt;script&gt;window.__pwned = 1;" in html and "&lt;img src=x onerror=" in html
    assert "<script" not in html.lower() and "http://" not in html and "https://" not in html.replace(
        "https://github.com", "")  # no external assets (a link in the issue text would be escaped text)
    searched = client.get("/", query_string={"q": "<img src=x"}, headers=HOST).get_data(as_text=True)
    assert "<img src=x" not in searched and "&lt;img src=x" in searched


def test_the_index_filters_and_searches(client):
    html = client.get("/", query_string={"status": "resolved"}, headers=HOST).get_data(as_text=True)
    assert html.count('class="row"') == 3 and "3 of 7 instance run(s)" in html
    html = client.get("/", query_string={"q": SEARCHABLE.upper()}, headers=HOST).get_data(as_text=True)
    assert html.count('class="row"') == 7 and "<mark>" in html


def test_images_over_http_and_traversal_attempts(client, runs_dir):
    shot = client.get(f"/image/0/{A}", query_string={"path": "images/step-2.png"}, headers=HOST)
    assert shot.status_code == 200 and shot.mimetype == "image/png" and shot.data[:4] == b"\x89PNG"
    assert shot.headers["X-Content-Type-Options"] == "nosniff"
    issue = client.get(f"/issue-image/{A}/0", headers=HOST)
    assert issue.status_code == 200 and issue.data[:4] == b"\x89PNG"
    for path in ("../../../../../../etc/passwd", "../../agent-b/report.json", "/etc/passwd", "..%2F..%2Freport.json"):
        assert client.get(f"/image/0/{A}", query_string={"path": path}, headers=HOST).status_code == 404, path
    assert client.get(f"/image/0/..%2F..%2F..%2Fetc?path=passwd", headers=HOST).status_code == 404
    assert client.get("/image/0/../../etc/passwd", headers=HOST).status_code == 404
    assert client.get(f"/issue-image/{A}/5", headers=HOST).status_code == 404
    assert client.get(f"/image/9/{A}", query_string={"path": "images/step-2.png"}, headers=HOST).status_code == 404


def test_only_local_host_names_are_answered(client):
    assert client.get("/", headers={"Host": "attacker.example:8780"}).status_code == 400
    assert client.get("/", headers={"Host": "localhost:8780"}).status_code == 200


def test_unknown_pages_are_not_found(client):
    assert client.get("/run/0/nobody__here-1", headers=HOST).status_code == 404
    assert client.get("/run/7/" + A, headers=HOST).status_code == 404
    assert client.get(f"/compare/{C}", headers=HOST).status_code == 404  # one run only


def test_side_by_side_page(client):
    html = client.get(f"/compare/{A}", query_string={"a": "2", "b": "1"}, headers=HOST).get_data(as_text=True)
    assert html.count('class="column"') == 2
    assert html.index('data-run="2"') < html.index('data-run="1"')


def test_a_running_trajectory_is_reread_as_it_grows(client, runs_dir):
    page = client.get(f"/run/2/{B}", headers=HOST).get_data(as_text=True)
    assert "still running" in page and page.count('class="step"') == 2
    folder = runs_dir / "killed" / "tool-agent__fake" / B
    write_trajectory(folder, shipped()[1], "tool-agent__fake", steps=3, finished=False)  # the agent goes on
    page = client.get(f"/run/2/{B}", headers=HOST).get_data(as_text=True)
    assert page.count('class="step"') == 3
    assert '<meta http-equiv="refresh"' in client.get(f"/run/2/{B}?follow=1", headers=HOST).get_data(as_text=True)


def test_view_help_teaches():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction").choices["view"]
    text = sub.format_help()
    assert "127.0.0.1" in text and "--port 0" in text and "swebench-mm view" in text and "side by side" in text
    args = parser.parse_args(["view"])
    assert args.runs == [] and args.port == 8780 and args.runs_dir == "runs"


def test_a_busy_port_is_named(runs_dir, capsys):
    import socket

    from swebench_mm.cli import main

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        assert main(["view", "--runs-dir", str(runs_dir), "--port", str(port)]) == 2
    assert f"127.0.0.1:{port}" in capsys.readouterr().err


def test_the_raw_file_test_before_parsing_never_hides_a_match(loaded):
    runs, _ = loaded
    queries = ["swatch colour", "SWATCH", "colorFor(i + 1)", "window.__pwned = 2", '"command": "ls', "grep -n palette",
               "tool-agent", "320", "legend.js\nrender.js", "nothing like this", "</script>", "\\", "é"]
    checked = 0
    for run in runs:
        for result in run.results.values():
            raw = result.trajectory_file.read_bytes()
            text = model.trajectory_text(result.trajectory)
            for query in queries:
                if model.search_hit(text, query) is not None:
                    assert model.may_contain(raw, query), (result.trajectory_file, query)
                    checked += 1
            assert not model.may_contain(raw, "nothing like this")
    assert checked > 30


def test_issue_images_from_an_image_dir_as_run_was_given(runs_dir, tmp_path):
    """Real instances name their images by URL; `--image-dir` serves the local copies, nothing is downloaded."""
    instance = shipped()[0].to_dict()
    url = "https://images.invalid/issue.png"
    instance["image_assets"] = {"problem_statement": [url]}
    instances = tmp_path / "instances.jsonl"
    instances.write_text(json.dumps(instance) + "\n")
    copies = tmp_path / "images"
    copies.mkdir()
    shot = runs_dir / "agent-a" / "tool-agent__fake" / A / "images" / "step-2.png"
    (copies / "issue.png").write_bytes(shot.read_bytes())
    (copies / "manifest.json").write_text(json.dumps({url: "issue.png"}))
    with_copies = create_app(["agent-a"], runs_dir, str(instances), [copies]).test_client()
    without = create_app(["agent-a"], runs_dir, str(instances)).test_client()
    assert with_copies.get(f"/issue-image/{A}/0", headers=HOST).data == shot.read_bytes()
    assert without.get(f"/issue-image/{A}/0", headers=HOST).status_code == 404
    assert "no local copy" in without.get(f"/run/0/{A}", headers=HOST).get_data(as_text=True)
    absolute = {"path": str(copies / "issue.png")}
    assert with_copies.get(f"/image/0/{A}", query_string=absolute, headers=HOST).status_code == 200
    assert without.get(f"/image/0/{A}", query_string=absolute, headers=HOST).status_code == 404
    with pytest.raises(UserError, match="manifest.json"):
        create_app(["agent-a"], runs_dir, str(instances), [tmp_path / "runs"])


def test_the_list_follows_runs_as_they_change(runs_dir, monkeypatch):
    import shutil

    from swebench_mm.viewer import app as app_module
    from viewer_runs import write_agent_instance

    monkeypatch.setattr(app_module, "RELOAD_AFTER_S", 0)
    client = create_app(["killed", "agent-b"], runs_dir).test_client()
    assert "2 of 4 instance run(s)" in client.get("/", query_string={"run": "0"}, headers=HOST).get_data(as_text=True)
    write_agent_instance(runs_dir / "killed", "tool-agent__fake", shipped()[2], "", steps=1, finished=False)
    assert "3 of 5 instance run(s)" in client.get("/", query_string={"run": "0"}, headers=HOST).get_data(as_text=True)
    shutil.rmtree(runs_dir / "agent-b")  # named on the command line, then gone: the last reading stays
    page = client.get("/", headers=HOST)
    assert page.status_code == 200 and "agent-b" in page.get_data(as_text=True)
