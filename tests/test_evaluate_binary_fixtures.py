"""An instance with staged binary test fixtures (Chart.js / OpenLayers PNGs) is evaluated and written.

Found on openlayers 12393 in the fidelity sweep: the files sent into the container (fixtures as bytes, the
nonce, helpers) were also written into the instance folder as text, and the run died with AttributeError.
No Docker: the image build and the container run are replaced by fakes; the rest is the real code.
"""

from __future__ import annotations

from swebench_mm.harness import evaluate as ev
from swebench_mm.harness.container import ExecResult, Limits
from swebench_mm.harness.specs import EnvSpec
from swebench_mm.harness.test_assets import StagedAssets
from swebench_mm.harness.test_spec import resolve_test_spec
from swebench_mm.instances import TaskInstance
from swebench_mm.predictions import Prediction

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe"


class FakeBuilder:
    def ensure_instance(self, instance, spec) -> str:
        return "swebench-mm/inst.fake:1"


def test_binary_fixtures_go_into_the_container_and_not_into_the_instance_folder(tmp_path, monkeypatch):
    sent = {}

    def fake_run(client, image, workdir, files, script, timeout, limits, labels):
        sent.update(files)
        return ExecResult(exit_code=1, output="no markers: the tests never ran\n", seconds=0.1)

    monkeypatch.setattr(ev, "run_script_once", fake_run)
    instance = TaskInstance(repo="o/n", instance_id="o__n-1", base_commit="0" * 40, problem_statement="",
                            version="1", test_patch="diff --git a/test/a.test.js b/test/a.test.js\n")
    spec = EnvSpec(repo="o/n", version="1", node_version="20.16.0", npm_version="10.8.1", install=("npm ci",),
                   test_cmd="npx jest", parser="jest")
    assets = StagedAssets(files={"test/expected.png": PNG}, origins={"test/expected.png": "mirror"})
    test_spec = resolve_test_spec(instance, spec, assets, Limits())
    options = ev.EvalOptions(run_id="r", runs_dir=tmp_path)
    report = ev.evaluate_one(test_spec, Prediction("o__n-1", "gold", "diff --git a/x b/x\n"), FakeBuilder(), None,
                             options)
    assert report is not None and report["test_assets"] == {"test/expected.png": "mirror"}
    assert any(isinstance(data, bytes) and data == PNG for data in sent.values())
    folder = ev.instance_dir(options, "gold", "o__n-1")
    kept = sorted(p.name for p in folder.iterdir())
    assert kept == ["eval.sh", "patch.diff", "report.json", "test_output.txt"]
