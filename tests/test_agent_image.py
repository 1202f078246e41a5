"""Agents work in the image that is graded: a browser-using agent gets Chromium as a thin layer on the
instance image, and the tree it works against (/testbed, node_modules included) is byte-identical."""

from __future__ import annotations

import pytest

from swebench_mm.harness.specs import spec_for
from swebench_mm.instances import load_instances

pytestmark = pytest.mark.docker

TREE_DIGEST = ("cd /testbed && git rev-parse HEAD && git status --porcelain | sha256sum && "
               "find . -path ./.git -prune -o -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum && "
               "find node_modules -type f | wc -l && sha256sum package-lock.json")


def test_the_browser_agent_image_holds_the_graded_tree_byte_for_byte(harness):
    client, builder = harness
    instance = next(i for i in load_instances("shipped") if i.repo == "vizlab/svg-charts")
    spec = spec_for(instance)
    assert not spec.needs_browser  # the interesting case: the graded image has no browser of its own
    graded = builder.ensure_instance(instance, spec)
    agent = builder.agent_image(instance, spec, browser=True)
    assert agent != graded and builder.agent_image(instance, spec, browser=False) == graded

    def run(image: str, script: str) -> str:
        return client.containers.run(image, ["bash", "-c", script], remove=True, network_mode="none").decode()

    assert run(agent, TREE_DIGEST) == run(graded, TREE_DIGEST)
    assert "Chromium" in run(agent, "chromium --version")
    # the agent image is the graded one plus one layer
    graded_layers = client.images.get(graded).attrs["RootFS"]["Layers"]
    agent_layers = client.images.get(agent).attrs["RootFS"]["Layers"]
    assert agent_layers[: len(graded_layers)] == graded_layers and len(agent_layers) == len(graded_layers) + 1
