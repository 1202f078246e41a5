"""One instance, resolved once: everything besides the patch that decides its verdict.

The image builder, the eval script, grading, validation, resume and reports used to each take a piece
(the spec here, the limits from the options there, the fixtures staged at the last moment); a change
to one piece could then slip past the resume check or be graded against another. `resolve_test_spec`
gathers them into one frozen object with a hash of all of it (SWE-bench calls its version `TestSpec`),
and the rest of the harness reads that object only.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass

from swebench_mm import __version__
from swebench_mm.harness import eval_script
from swebench_mm.harness.container import Limits
from swebench_mm.harness.specs import EnvSpec
from swebench_mm.harness.test_assets import StagedAssets, split_binary_sections
from swebench_mm.instances import TaskInstance

# The instance field `validate --write-instances` fills: the fewest tests any validation run executed
# (with and without the gold patch). A later run that executes fewer cannot have run every listed test.
VALIDATED_TESTS_FIELD = "validated_tests_executed"


@dataclass(frozen=True)
class TestSpec:
    """What an evaluation of `instance` runs and how it is judged; `key` hashes all of it."""

    __test__ = False  # not a pytest test class, despite the name

    instance: TaskInstance
    env: EnvSpec  # the instance's overrides applied; env.test_cmd is the final test command
    script: str  # eval.sh
    test_patch: str  # the text part of the instance's test patch (binary stubs go through `assets`)
    assets: StagedAssets
    limits: Limits
    timeout_s: int
    expected_tests: int | None  # the validated minimum of tests executed, when the instance records one
    key: str

    @property
    def eval_type(self) -> str:
        return self.env.eval_type

    @property
    def parser(self) -> str:
        return self.env.parser

    @property
    def test_command(self) -> str:
        return eval_script.test_command(self.instance, self.env)

    def container_files(self) -> dict[str, str | bytes]:
        """The files the evaluation container gets besides the prediction and the nonce."""
        return {"eval.sh": self.script, "test.patch": self.test_patch,
                **{f"{eval_script.TEST_ASSETS_DIR}/{path}": data for path, data in self.assets.files.items()}}


# Fields of a spec that are prose for people: editing a note must not make every finished verdict stale.
PROSE_FIELDS = ("notes", "browser_note")


def resolve_test_spec(instance: TaskInstance, env: EnvSpec, assets: StagedAssets, limits: Limits,
                      timeout_s: int | None = None) -> TestSpec:
    """Resolve an instance whose environment spec (`specs.spec_for`) and fixtures are known."""
    script = eval_script.render_eval_script(instance, env)
    test_patch, _ = split_binary_sections(instance.test_patch)
    timeout = timeout_s or env.test_timeout_s
    expected = instance.extra.get(VALIDATED_TESTS_FIELD)  # checked on load (instances.py)
    inputs = {
        "spec": {name: value for name, value in dataclasses.asdict(env).items() if name not in PROSE_FIELDS},
        "fail_to_pass": list(instance.fail_to_pass),
        "pass_to_pass": list(instance.pass_to_pass), "test_patch": instance.test_patch,
        "base_commit": instance.base_commit, "script": script, "harness": __version__,
        "assets": {path: hashlib.sha256(data).hexdigest() for path, data in sorted(assets.files.items())},
        "assets_missing": sorted(assets.missing), "limits": dataclasses.asdict(limits), "timeout_s": timeout,
        "expected_tests": expected,
    }
    key = hashlib.sha256(json.dumps(inputs, sort_keys=True, default=str).encode()).hexdigest()[:16]
    return TestSpec(instance=instance, env=env, script=script, test_patch=test_patch, assets=assets,
                    limits=limits, timeout_s=timeout, expected_tests=expected, key=key)
