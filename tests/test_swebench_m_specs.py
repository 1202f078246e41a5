"""The SWE-bench Multimodal spec table: it covers the 17 repositories, every (repo, version) of the dev
split, and agrees with what each dev instance itself says about its environment."""

from __future__ import annotations

import dataclasses
import json
import re
import tomllib
from pathlib import Path

import pytest

from swebench_mm.errors import UserError
from swebench_mm.harness import eval_script
from swebench_mm.harness.parsers import PARSERS
from swebench_mm.harness.specs import (
    SWEBENCH_M_TABLE,
    EnvSpec,
    instance_test_files,
    load_specs,
    load_swebench_m_table,
    spec_for,
)
from swebench_mm.instances import TaskInstance, load_instances

REPOS = {
    # dev split
    "Automattic/wp-calypso", "chartjs/Chart.js", "markedjs/marked", "processing/p5.js", "diegomura/react-pdf",
    # test split (quarto-cli retired to "deprecated" in the 2026 cleanup)
    "PrismJS/prism", "GoogleChrome/lighthouse", "highlightjs/highlight.js", "eslint/eslint", "bpmn-io/bpmn-js",
    "alibaba-fusion/next", "carbon-design-system/carbon", "grommet/grommet", "openlayers/openlayers",
    "prettier/prettier", "scratchfoundation/scratch-gui", "quarto-dev/quarto-cli",
}


@pytest.fixture(scope="module")
def table():
    return load_swebench_m_table()


@pytest.fixture
def dev(dev_instances_path):
    return load_instances(dev_instances_path)


def bare(instance: TaskInstance) -> TaskInstance:
    """The instance as the hub has it: without the evaluation fields the shared dev data adds."""
    extra = {k: v for k, v in instance.extra.items() if k not in ("test_cmd", "node_version", "log_parser", "eval_type")}
    return dataclasses.replace(instance, extra=extra)


def test_the_table_covers_the_17_repositories(table):
    assert {repo for repo, _ in table.specs} == REPOS
    assert set(table.splits) == REPOS
    assert {table.splits[r] for r in REPOS} == {"dev", "test", "deprecated"}


def test_every_dev_repo_version_resolves(dev, table):
    keys = {(i.repo, i.version) for i in dev}
    assert len(keys) == 42
    missing = sorted(keys - set(table.specs))
    assert not missing, f"no spec for {missing}"
    for instance in dev:
        assert isinstance(spec_for(instance), EnvSpec)


def test_the_table_agrees_with_each_dev_instance(dev, table):
    """node_version, eval_type and parser of the table itself (no override needed) match the data's."""
    for instance in dev:
        spec = table.specs[(instance.repo, instance.version)]
        assert spec.node_version == instance.extra["node_version"], instance.instance_id
        assert spec.eval_type == instance.extra["eval_type"], instance.instance_id
        assert spec.parser == table.log_parsers[instance.extra["log_parser"]], instance.instance_id
        # And the instance's spec (overrides applied) is the same environment.
        assert spec_for(instance).fingerprint() == spec.fingerprint()


def test_the_test_command_from_the_table_is_the_datas(dev):
    """For the hub's instances (no test_cmd of their own), the table builds the data's exact command.

    wp-calypso: jest once per test file, the files chosen from the test patch as the data chose them (a
    snapshot stands for its test file; mocks, data, fixtures and config are left out). react-pdf, marked
    and p5.js run a whole-suite command, equal to the data's.
    """
    checked = 0
    for instance in dev:
        if instance.repo == "chartjs/Chart.js":
            continue  # see the next test
        hub = bare(instance)
        assert eval_script.test_command(hub, spec_for(hub)) == instance.extra["test_cmd"], instance.instance_id
        # With the data's own test_cmd the result is the same command.
        assert spec_for(instance).test_cmd == instance.extra["test_cmd"]
        checked += 1
    assert checked == 78


def test_calypso_snapshot_and_helper_files(dev):
    by_id = {i.instance_id: i for i in dev}
    spec = spec_for(bare(by_id["Automattic__wp-calypso-30240"]))
    # The test patch only touches two snapshots: their test files run, each in its own jest.
    assert instance_test_files(by_id["Automattic__wp-calypso-30240"], spec) == [
        "client/components/site-verticals-suggestion-search/test/index.js",
        "client/signup/steps/site-information/test/index.js",
    ]
    assert spec.test_cmd.count("./node_modules/.bin/jest --verbose") == 2
    helpers = instance_test_files(by_id["Automattic__wp-calypso-25160"], spec)
    assert "client/lib/posts/test/mocks/lib/wp.js" not in helpers and len(helpers) == 12


def test_chartjs_runs_the_datas_karma_invocation_in_our_container(dev, table):
    """Chart.js's command cannot equal the data's, for a principled reason: the data's reinstalls from the
    network (`npm install`), switches to a `chromeuser` account (`su chromeuser -c`) and lets karma start
    Chrome and Firefox, while swebench-mm's test containers have no network and no such user, and
    SWE-bench's Chart.js parser reads Chrome's lines only. So the table refuses the instance's command
    (use_instance_test_cmd: false) and what must hold is that the same karma run is made: same build,
    same config edit, same karma invocation, under xvfb, with Chrome.
    """
    for instance in [i for i in dev if i.repo == "chartjs/Chart.js"]:
        data = instance.extra["test_cmd"]
        spec = spec_for(instance)
        assert not spec.use_instance_test_cmd and spec.test_cmd != data
        assert spec.test_cmd == table.specs[(instance.repo, instance.version)].test_cmd
        karma = re.search(r'su chromeuser -c "(.+)"$', data)[1]
        assert f"{karma} --browsers chrome" in spec.test_cmd
        build = data.split(" ; ")[1]  # npm run build / pnpm run build
        edit = data.split(" ; ")[2]  # the browserNoActivityTimeout edit of karma.conf
        assert spec.test_cmd.startswith(f"{build} ; {edit} ; xvfb-run ")
        manager = build.split()[0]
        assert spec.install[0] == f"{manager} install" and spec.build == (build,)
        assert spec.needs_browser and "xvfb" in spec.system_packages
        # the official 7.9.0 cannot fetch on Node >= 20 (pnpm/pnpm#6424); 7.33.7 is the last pnpm 7
        assert spec.pnpm_version == ("7.33.7" if manager == "pnpm" else "")


def test_npm_goes_with_node(table):
    for (repo, version), spec in table.specs.items():
        assert table.bundled_npm.get(spec.node_version) == spec.npm_version, (repo, version, spec.node_version)


def test_every_swebench_parser_name_maps_to_ours(table):
    assert set(table.log_parsers.values()) <= set(PARSERS)
    used = {spec.parser for spec in table.specs.values()}
    # A spec that names SWE-bench's parser itself (swebench_log_parser: Lighthouse, one official name for
    # three log formats) keeps its own parser, which the map need not list.
    own = {spec.parser for spec in table.specs.values() if spec.swebench_log_parser}
    assert used <= set(table.log_parsers.values()) | own | {"jasmine"}
    assert "lighthouse_mocha" in own


def test_table_fields_that_shape_images(table):
    react = table.specs[("diegomura/react-pdf", "2.0")]
    assert react.yarn_version == "1.22.22" and react.fingerprint()["yarn_version"] == "1.22.22"
    assert "libcairo2-dev" in react.fingerprint()["system_packages"]
    # A spec that uses none of them keeps the fingerprint it always had (no rebuild of existing images).
    shipped = next(s for (r, _), s in load_specs().items() if r not in REPOS)
    assert set(shipped.fingerprint()) == {"repo", "version", "node_version", "npm_version", "install", "build",
                                          "needs_browser", "env"}
    assert table.specs[("chartjs/Chart.js", "3.5")].browser_note
    # Notes are free text for people and do not touch the image.
    assert "notes" not in react.fingerprint()


def test_the_table_is_package_data():
    pyproject = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
    assert "harness/swebench_m_specs.json" in pyproject["tool"]["setuptools"]["package-data"]["swebench_mm"]
    assert SWEBENCH_M_TABLE.is_file()


# ---- errors that teach --------------------------------------------------------------------------------

def instance(repo="chartjs/Chart.js", version="3.5", **extra) -> TaskInstance:
    return TaskInstance(repo=repo, instance_id="x__y-1", base_commit="0" * 40, problem_statement="",
                        version=version, extra=extra, source_file="dev.jsonl", source_line=7)


def test_unknown_repo_is_a_clear_error():
    with pytest.raises(UserError, match=r"dev.jsonl:7: no environment spec for repository nobody/nothing"):
        spec_for(instance(repo="nobody/nothing"))


def test_unknown_version_lists_the_known_ones():
    with pytest.raises(UserError, match=r"dev.jsonl:7: no environment spec for chartjs/Chart.js version '9.9' "
                                        r"\(known versions: .*3\.5.*\)"):
        spec_for(instance(version="9.9"))


def test_node_override_brings_its_npm():
    spec = spec_for(instance(repo="markedjs/marked", version="1.2", node_version="20.16.0"))
    assert (spec.node_version, spec.npm_version) == ("20.16.0", "10.8.1")
    with pytest.raises(UserError, match=r"dev.jsonl:7: node_version '7.7.7' .* add \"7.7.7\" to bundled_npm"):
        spec_for(instance(repo="markedjs/marked", version="1.2", node_version="7.7.7"))


def test_parser_and_eval_type_overrides():
    spec = spec_for(instance(repo="grommet/grommet", version="2.25", log_parser="parse_log_calypso",
                             eval_type="fail_only"))
    assert (spec.parser, spec.eval_type) == ("jest_calypso", "fail_only")
    assert spec_for(instance(repo="grommet/grommet", version="2.25", log_parser="jest")).parser == "jest"
    with pytest.raises(UserError, match=r"log_parser 'parse_log_nope' is neither"):
        spec_for(instance(log_parser="parse_log_nope"))
    with pytest.raises(UserError, match=r"eval_type must be one of"):
        spec_for(instance(eval_type="sometimes"))


def test_instance_test_cmd_override():
    spec = spec_for(instance(repo="markedjs/marked", version="1.2", test_cmd="npx jasmine spec/x.js"))
    assert spec.test_cmd == "npx jasmine spec/x.js" and not spec.append_test_files


def write_table(tmp_path, repos, **top) -> Path:
    path = tmp_path / "table.json"
    path.write_text(json.dumps({"log_parsers": {}, "bundled_npm": {}, "repos": repos, **top}, indent=2))
    return path


GOOD = {"node_version": "20.16.0", "npm_version": "10.8.1", "install": ["npm ci"], "test_cmd": "npx jest",
        "parser": "jest"}


def test_table_validation_names_file_repo_and_version(tmp_path):
    path = write_table(tmp_path, {"o/n": {"defaults": GOOD, "groups": [{"versions": ["1"]}, {"versions": ["1"]}]}})
    with pytest.raises(UserError, match=r"table.json: o/n: version '1' is listed in more than one group"):
        load_swebench_m_table(path)
    path = write_table(tmp_path, {"o/n": {"defaults": {**GOOD, "parser": "nope"}, "groups": [{"versions": ["2"]}]}})
    with pytest.raises(UserError, match=r"table.json: o/n: version '2': unknown parser 'nope'"):
        load_swebench_m_table(path)
    path = write_table(tmp_path, {"o/n": {"defaults": GOOD, "groups": [{"versions": ["3"], "colour": "red"}]}})
    with pytest.raises(UserError, match=r"version '3' has unknown field\(s\) colour"):
        load_swebench_m_table(path)
    path = write_table(tmp_path, {"o/n": {"defaults": {**GOOD, "test_file_pattern": "(["}, "groups": [{"versions": ["4"]}]}})
    with pytest.raises(UserError, match=r"invalid regex"):
        load_swebench_m_table(path)
    path = write_table(tmp_path, {"o/n": {"defaults": {**GOOD, "system_packages": ["jq; rm -rf /"]}, "groups": [{"versions": ["5"]}]}})
    with pytest.raises(UserError, match=r"version '5': system_packages: 'jq; rm -rf /' is not a Debian package name"):
        load_swebench_m_table(path)
    path = write_table(tmp_path, {"o/n": {"defaults": {**GOOD, "yarn_version": "latest"}, "groups": [{"versions": ["6"]}]}})
    with pytest.raises(UserError, match=r"version '6': yarn_version must be an exact version"):
        load_swebench_m_table(path)
    path.write_text('{\n  "repos": {\n    oops\n}')
    with pytest.raises(UserError, match=r"table.json:3: invalid JSON"):
        load_swebench_m_table(path)


def test_group_notes_add_to_the_repositorys(tmp_path):
    path = write_table(tmp_path, {"o/n": {"notes": "Repo.", "defaults": GOOD,
                                          "groups": [{"versions": ["1"], "notes": "Group."}, {"versions": ["2"]}]}})
    specs = load_swebench_m_table(path).specs
    assert specs[("o/n", "1")].notes == "Repo. Group." and specs[("o/n", "2")].notes == "Repo."


def test_a_repo_in_both_places_is_an_error(tmp_path):
    shipped = tmp_path / "shipped" / "mine"
    shipped.mkdir(parents=True)
    (shipped / "spec.json").write_text(json.dumps({"repo": "grommet/grommet", "versions": {"2.25": GOOD}}))
    with pytest.raises(UserError, match=r"grommet/grommet version '2.25' is also specified in"):
        load_specs(tmp_path / "shipped")
    assert ("grommet/grommet", "2.25") in load_specs(tmp_path / "shipped", table=None)


def test_a_step_that_excuses_its_own_failure_does_not_excuse_the_steps_before_it():
    import subprocess

    from swebench_mm.harness.specs import shell_chain

    def status(steps: list[str]) -> int:
        return subprocess.run(["bash", "-c", shell_chain(steps)]).returncode

    # Joined bare, `false && b || true` succeeds: quarto's failed configure went unnoticed that way.
    assert status(["false", "(exit 3) || true"]) != 0
    assert status(["true", "(exit 3) || true"]) == 0
    assert status(["echo a; false", "true"]) != 0  # a step's own `;` keeps its meaning: its last command decides
    assert status(["false; true", "true"]) == 0
    assert shell_chain(["printf 'a; b || c' > f", "x"]) == "printf 'a; b || c' > f && x"  # quoted: left bare
    assert shell_chain([]) == "true"


def test_only_specs_whose_command_grouping_changes_get_new_image_tags():
    from swebench_mm.harness.specs import load_specs

    changed = {key for key, spec in load_specs().items() if "install_chain" in spec.fingerprint()}
    # The shipped set's images and every other real repository's keep their tags.
    assert {repo for repo, _ in changed} == {"Automattic/wp-calypso", "prettier/prettier", "quarto-dev/quarto-cli",
                                             "scratchfoundation/scratch-gui"}
    assert {version for repo, version in changed if repo == "prettier/prettier"} == {"2.2"}
