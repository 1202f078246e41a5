"""Image tags are valid Docker references for every repository version, the empty one included.

Found in the fidelity sweep: quarto-cli's instances have version "" and its env tag ended in a dot
(`swebench-mm/env.quarto-dev__quarto-cli.:106b5c71895f`), which Docker refuses as an invalid reference.
"""

from __future__ import annotations

import re

import pytest

from swebench_mm.harness.images import ImageBuilder
from swebench_mm.harness.specs import EnvSpec
from swebench_mm.instances import TaskInstance

# Docker's grammar for a repository path component and a tag.
COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*"
REFERENCE = re.compile(rf"{COMPONENT}(?:/{COMPONENT})*:[\w][\w.-]{{0,127}}")


class FakeSources:
    def missing_blobs(self, repo: str, commit: str) -> list[str]:
        return []

    def is_ancestor(self, repo: str, ancestor: str, commit: str) -> bool:
        return True

    def dependency_drift(self, repo: str, old: str, new: str) -> int | None:
        return 0

    def reinstall_needed(self, repo: str, old: str, new: str) -> bool:
        return True


@pytest.mark.parametrize("version", ["", "1.0", "6.5.1", "2"])
def test_env_and_instance_tags_are_valid_references(version):
    spec = EnvSpec(repo="quarto-dev/quarto-cli", version=version, node_version="18.17.1", npm_version="9.6.7",
                   install=("true",), test_cmd="true", parser="deno_test")
    instance = TaskInstance(repo="quarto-dev/quarto-cli", instance_id="quarto-dev__quarto-cli-1029",
                            base_commit="a" * 40, problem_statement="", version=version)
    builder = ImageBuilder(client=None, sources=FakeSources(), ca_certificates=[])
    for tag in (builder.env_tag(instance, spec), builder.instance_tag(instance, spec)):
        assert REFERENCE.fullmatch(tag), tag
