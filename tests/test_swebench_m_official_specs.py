"""The SWE-bench Multimodal spec table against the official evaluation, repository by repository.

tests/fixtures/swebench_m_official/facts.json is a small extract of the official task folders
(SWE-bench/swe-bench-multimodal-dockerfiles, written by `benchmarks/official_tasks.py facts`): per
instance its version, split, Node version, package managers, SWE-bench parser name, eval type, the test
command its eval.sh ran and the paths its test patch touches. For every instance of all 17 repositories
(dev, test and deprecated splits) the table must give the same environment and run the same tests, and
may differ only where an allow-list below says so and why.

The instances are built the way `official_tasks.py instances` writes them: every instance carries
`log_parser` and `eval_type`, dev instances also their `node_version` and `test_cmd`; so what is checked
is what an evaluation of the official data will really run (spec_for, overrides applied).
"""

from __future__ import annotations

import json
import re
import shlex
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable

import pytest

from swebench_mm.errors import UserError
from swebench_mm.harness import eval_script
from swebench_mm.harness.specs import EnvSpec, load_specs, load_swebench_m_table, spec_for
from swebench_mm.instances import TaskInstance

FACTS = Path(__file__).resolve().parent / "fixtures" / "swebench_m_official" / "facts.json"

Run = tuple[str, ...]

# ---- deliberate differences: each entry says why ----------------------------------------------------

# (repo, version) -> reason the table's Node differs from the official image's. Empty: every version of
# the official data runs on the official Node.
NODE_DIFFERENCES: dict[tuple[str, str], str] = {
    ("scratchfoundation/scratch-gui", "2"): "npm 10 (Node 20) throws Invalid Version on esprima-fb "
                                            "3001.0001.0000-dev-harmony-fb in this tree; npm 6 on Node 12 installs it",
}

# (repo, manager) -> reason a pinned package-manager version differs.
PACKAGE_MANAGER_DIFFERENCES: dict[tuple[str, str], str] = {
    ("chartjs/Chart.js", "pnpm"): "the official 7.9.0 cannot fetch on Node >= 20 here (ERR_INVALID_THIS, "
                                  "pnpm/pnpm#6424); 7.33.7 is the last pnpm 7 and reads the same lockfile",
}

# Instances whose official command cannot be reproduced by the table's per-file rules, with the reason.
# The test checks that they do still differ, so an entry that a later fix makes unnecessary is noticed.
COMMAND_DIFFERENCES: dict[str, str] = {
    **{instance_id: "official runs `yarn unit-flow` (jest, flow-report) and `yarn unit-report FILE`; one "
                    "per-file runner cannot choose between scripts and take the path, so ours runs "
                    "`yarn mocha FILE` for the report tests and not the flow-report ones"
       for instance_id in ("GoogleChrome__lighthouse-14515", "GoogleChrome__lighthouse-14587",
                           "GoogleChrome__lighthouse-14672", "GoogleChrome__lighthouse-15092")},
    "openlayers__openlayers-14932": "the official run pinned Chrome for Testing 120 for this instance and ran "
                                    "`npm run build-full && node test/rendering/test.js` directly; ours runs "
                                    "the same rendering suite through `npm run test-rendering`",
    **{instance_id: "the official command also runs a broader folder (`tests`, or the parent folder); every "
                    "test file this instance lists is under the folders ours runs"
       for instance_id in ("prettier__prettier-4115", "prettier__prettier-4153", "prettier__prettier-4202",
                           "prettier__prettier-16347")},
}


def _without_dependency_installs(runs: set[Run]) -> set[Run]:
    """The official command reinstalls dependencies before the tests (`npm install ; npm run build ; ...`);
    swebench-mm's test containers have no network and install in the image (again when a patch changes a
    manifest), so installs are no part of the test command here. Said in each repository's notes."""
    installs = {("npm", "install"), ("npm", "ci"), ("yarn", "install"), ("yarn",), ("pnpm", "install")}
    return {run for run in runs if run not in installs}


def _chrome_only(runs: set[Run]) -> set[Run]:
    """Chart.js: ours adds `--browsers chrome` to the same karma invocation, because the official parser
    counts Chrome's FAILED lines only and Firefox is not in the image (chartjs/Chart.js notes)."""
    return {tuple(w for i, w in enumerate(run) if not (w == "--browsers" or (i and run[i - 1] == "--browsers")))
            for run in _without_dependency_installs(runs)}


def _path_patterns(runs: set[Run]) -> set[Run]:
    """Prettier: `yarn test X` and `yarn test X/` are the same jest path pattern for the folder X (the
    official commands write both, even in one instance); compare them without the trailing slash."""
    return {tuple(w.rstrip("/") if "/" in w else w for w in run) for run in runs}


# repo -> how both sides' test runs are normalised before comparing (the functions say why).
RUN_NORMALISATION: dict[str, Callable[[set[Run]], set[Run]]] = {
    "chartjs/Chart.js": _chrome_only,
    "grommet/grommet": _without_dependency_installs,
    "highlightjs/highlight.js": _without_dependency_installs,
    "prettier/prettier": _path_patterns,
}


# ---- reading commands ---------------------------------------------------------------------------------

# Commands that prepare or clean up, never select or run tests: config edits, copies, moves.
PLUMBING = {"sed", "cd", "cp", "rm", "mv", "[", "true", "chmod", "export", "echo", "printf"}
SEPARATORS = set(";&|()\n")


def _simple_commands(command: str) -> list[list[str]]:
    """The command split at ; && || | ( ) and newlines, outside quotes, each part as shell words."""
    lexer = shlex.shlex(command, posix=True, punctuation_chars=";&|()\n")
    lexer.whitespace = " \t\r"
    lexer.whitespace_split = True
    parts, words = [], []
    for token in lexer:
        if token and set(token) <= SEPARATORS:
            if words:
                parts.append(words)
            words = []
        else:
            words.append(token)
    return parts + [words] if words else parts


def _strip_wrappers(words: list[str]) -> list[str]:
    """Drop what changes how, not what, a command runs: VAR=value, timeout, xvfb-run, stdbuf, cross-env."""
    while words:
        if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*=.*", words[0]) or words[0].endswith("cross-env"):
            words = words[1:]
        elif words[0] == "timeout":
            words = words[2:]
        elif words[0] == "stdbuf":
            words = words[3:] if words[1:2] == ["-o"] else words[1:]
        elif words[0] == "xvfb-run":
            words = words[1:]
            while words and words[0].startswith("-"):
                words = words[2:] if words[0] in ("-s", "-n", "--server-args") else words[1:]
        else:
            return words
    return words


def command_runs(command: str) -> list[Run]:
    """The test-running commands of a shell command, wrappers and plumbing removed; `bash -c` and
    `su USER -c` strings are read as commands of their own."""
    runs: list[Run] = []
    for words in _simple_commands(command):
        words = _strip_wrappers(words)
        if not words or words[0] in PLUMBING:
            continue
        if words[0] in ("bash", "sh") and words[1:2] == ["-c"]:
            runs += command_runs(words[2])
        elif words[0] == "su" and "-c" in words:
            runs += command_runs(words[words.index("-c") + 1])
        else:
            runs.append(tuple(words))
    return runs


def test_the_command_reader():
    official = ("timeout 10m bash -c 'PUPPETEER_EXECUTABLE_PATH=/usr/bin/google-chrome-stable xvfb-run "
                "--server-args=\"-screen 0 1280x1024x24 -ac :99\" su chromeuser -c \"npm run test tree\"'")
    assert command_runs(official) == [("npm", "run", "test", "tree")]
    ours = ("sed -i \"s/a/b/\" scripts/test/karma.js || true ; npm run test tree ; "
            "CFG=x; [ -f $CFG ] || CFG=y; ./node_modules/.bin/jest -c=$CFG 'a b.js'")
    assert command_runs(ours) == [("npm", "run", "test", "tree"), ("./node_modules/.bin/jest", "-c=$CFG", "a b.js")]
    assert command_runs("stdbuf -o 1M ./node_modules/.bin/grunt test\n./x") == [("./node_modules/.bin/grunt", "test"), ("./x",)]


# ---- the facts --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def facts() -> list[dict[str, Any]]:
    return json.loads(FACTS.read_text(encoding="utf-8"))["instances"]


@pytest.fixture(scope="module")
def table():
    return load_swebench_m_table()


@pytest.fixture(scope="module")
def specs() -> dict[tuple[str, str], EnvSpec]:
    return load_specs()


def official_instance(record: dict[str, Any]) -> TaskInstance:
    """The instance as benchmarks/official_tasks.py writes it; a test patch with the official file names."""
    extra: dict[str, Any] = {"split": record["split"], "eval_type": record["eval_type"], "log_parser": record["log_parser"]}
    if record["split"] == "dev":
        extra.update(test_cmd=record["test_cmd"], node_version=record["node_version"])
    patch = "".join(f"diff --git a/{path} b/{path}\n--- a/{path}\n+++ b/{path}\n" for path in record["test_patch_files"])
    return TaskInstance(repo=record["repo"], instance_id=record["instance_id"], base_commit=record["base_commit"],
                        problem_statement="", version=record["version"], test_patch=patch, extra=extra,
                        source_file=str(FACTS), source_line=0)


def by_version(facts: list[dict[str, Any]]) -> dict[tuple[str, str], list[dict[str, Any]]]:
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for record in facts:
        groups[(record["repo"], record["version"])].append(record)
    return groups


def test_the_facts_cover_the_benchmark(facts):
    assert len(facts) == 612
    assert len({r["repo"] for r in facts}) == 17
    assert {r["split"] for r in facts} == {"dev", "test", "deprecated"}
    assert len(by_version(facts)) == 200


def test_every_official_version_is_in_the_table(facts, table):
    missing = sorted(set(by_version(facts)) - set(table.specs))
    assert not missing, f"no spec for {missing}"


def test_node_is_the_official_images(facts, table):
    """Exact: every official image pins one Node per (repo, version) (ENV NODE_VERSION)."""
    wrong = {}
    for key, records in by_version(facts).items():
        official = {r["node_version"] for r in records}
        assert len(official) == 1, f"{key}: the official images disagree: {official}"
        ours = table.specs[key].node_version
        if ours != official.pop() and key not in NODE_DIFFERENCES:
            wrong[key] = (ours, records[0]["node_version"])
    assert not wrong, f"(ours, official) Node versions differ: {wrong}"
    assert set(NODE_DIFFERENCES) <= set(by_version(facts)), "NODE_DIFFERENCES lists a version the data lacks"


def test_package_managers_are_the_official_ones(facts, table):
    """yarn where the official image installs yarn (unpinned there: ours pins the registry's 1.x latest),
    pnpm at the official pin; and neither where the official image has none."""
    wrong = {}
    for key, records in by_version(facts).items():
        managers = records[0]["package_managers"]
        spec = table.specs[key]
        if bool(spec.yarn_version) != ("yarn" in managers):
            wrong[key] = f"yarn {spec.yarn_version!r} vs official {managers}"
        if managers.get("yarn") and spec.yarn_version != managers["yarn"] and (key[0], "yarn") not in PACKAGE_MANAGER_DIFFERENCES:
            wrong[key] = f"yarn {spec.yarn_version} vs official {managers['yarn']}"
        if ("pnpm" in managers) != bool(spec.pnpm_version):
            wrong[key] = f"pnpm {spec.pnpm_version!r} vs official {managers}"
        elif managers.get("pnpm") and spec.pnpm_version != managers["pnpm"] and (key[0], "pnpm") not in PACKAGE_MANAGER_DIFFERENCES:
            wrong[key] = f"pnpm {spec.pnpm_version} vs official {managers['pnpm']}"
    assert not wrong, wrong


def test_eval_type_is_the_official_one(facts, table, specs):
    """Both the table's own (an instance without the field gets it) and the instance's resolved spec."""
    for record in facts:
        key = (record["repo"], record["version"])
        assert table.specs[key].eval_type == record["eval_type"], record["instance_id"]
        assert spec_for(official_instance(record), specs).eval_type == record["eval_type"], record["instance_id"]


def expected_parser(record: dict[str, Any], table) -> str:
    """Ours for SWE-bench's parser name, by the table's map; Lighthouse's one official name covers three log
    formats, chosen per version (the spec's swebench_log_parser): its mocha JSON versions are read with
    mocha_json_fulltitle (official command `mocha --reporter json`, names are mocha full titles), and
    9.5-10.x, whose official parser is chosen by version (`yarn mocha`, the spec reporter's tree, names
    joined by " - "), with lighthouse_mocha."""
    if record["repo"] == "GoogleChrome/lighthouse" and "--reporter json" in record["test_cmd"]:
        return "mocha_json_fulltitle"
    if record["repo"] == "GoogleChrome/lighthouse" and record["version"] in ("9.5", "10.0", "10.2"):
        return "lighthouse_mocha"
    return table.log_parsers[record["log_parser"]]


def test_the_parser_reads_the_official_format(facts, table, specs):
    unmapped = sorted({r["log_parser"] for r in facts} - set(table.log_parsers))
    assert not unmapped, f"SWE-bench parser names without ours in log_parsers: {unmapped}"
    wrong = {}
    for record in facts:
        parser = spec_for(official_instance(record), specs).parser
        if parser != expected_parser(record, table):
            wrong[record["instance_id"]] = (parser, expected_parser(record, table))
    assert not wrong, f"(ours, expected) parsers: {wrong}"


def our_command(record: dict[str, Any], specs) -> str:
    instance = official_instance(record)
    return eval_script.test_command(instance, spec_for(instance, specs))


def test_the_test_command_runs_what_the_official_one_runs(facts, specs):
    """Same runner, same script, same selection (files, folders, languages, components, suites), as a set
    of test runs; the order of independent runs is not compared."""
    differing = {}
    for record in facts:
        normalise = RUN_NORMALISATION.get(record["repo"], lambda runs: runs)
        official = normalise(set(command_runs(record["test_cmd"])))
        ours = normalise(set(command_runs(our_command(record, specs))))
        if record["instance_id"] in COMMAND_DIFFERENCES:
            assert official != ours, f"{record['instance_id']} now agrees: remove it from COMMAND_DIFFERENCES"
        elif official != ours:
            differing[record["instance_id"]] = {"official only": sorted(" ".join(run) for run in official - ours),
                                                "ours only": sorted(" ".join(run) for run in ours - official)}
    assert not differing, json.dumps(differing, indent=1)
    assert set(COMMAND_DIFFERENCES) <= {r["instance_id"] for r in facts}


def test_setup_commits_are_official_base_commits(facts, table):
    """Each version's setup commits are some of its instances' base commits, oldest first
    (benchmarks/official_tasks.py setup-commits chooses which, by ancestry and dependency drift where
    mirrors are at hand), so no env image holds a commit the official data does not name; a version with
    one instance is built at its base commit."""
    several = 0
    for key, records in by_version(facts).items():
        created = {r["base_commit"]: r["created_at"] for r in sorted(records, key=lambda r: r["created_at"], reverse=True)}
        commits = table.specs[key].setup_commits
        assert commits and set(commits) <= set(created), key
        assert [created[c] for c in commits] == sorted(created[c] for c in commits), key
        if len(created) == 1:
            assert commits == tuple(created), key
        several += len(commits) > 1
    assert several  # versions whose lockfile was regenerated halfway get more than one


# ---- the table mechanisms these checks rely on --------------------------------------------------------

def test_test_file_commands_choose_suites_by_folder(facts, specs):
    record = next(r for r in facts if r["instance_id"] == "openlayers__openlayers-13893")
    assert command_runs(our_command(record, specs)) == [("npm", "run", "test-node"), ("npm", "run", "test-browser")]
    # A patch that touches none of the folders runs the spec's test_cmd.
    bare = TaskInstance(repo="openlayers/openlayers", instance_id="x", base_commit="0" * 40, problem_statement="",
                        version="7.0", test_patch="diff --git a/src/ol/a.js b/src/ol/a.js\n")
    assert eval_script.test_command(bare, spec_for(bare, specs)) == "npm run test"


def test_lighthouse_keeps_its_per_version_parser(specs):
    def parser(version: str) -> str:
        instance = TaskInstance(repo="GoogleChrome/lighthouse", instance_id="x", base_commit="0" * 40,
                                problem_statement="", version=version, extra={"log_parser": "parse_log_lighthouse"})
        return spec_for(instance, specs).parser

    assert parser("2.5") == "mocha_json_fulltitle" and parser("5.6") == "jest_files"
    assert parser("9.5") == parser("10.0") == parser("10.2") == "lighthouse_mocha"
    # Another SWE-bench parser name still overrides, as for every repository.
    instance = TaskInstance(repo="GoogleChrome/lighthouse", instance_id="x", base_commit="0" * 40,
                            problem_statement="", version="2.5", extra={"log_parser": "parse_log_calypso"})
    assert spec_for(instance, specs).parser == "jest_calypso"


def _table(tmp_path: Path, repo_entry: dict[str, Any]) -> Path:
    path = tmp_path / "table.json"
    path.write_text(json.dumps({"log_parsers": {}, "bundled_npm": {}, "repos": {"o/n": repo_entry}}))
    return path


GOOD = {"node_version": "20.16.0", "npm_version": "10.8.1", "install": ["npm ci"], "test_cmd": "npx jest", "parser": "jest"}


def test_setup_commits_and_test_file_commands_are_validated(tmp_path):
    with pytest.raises(UserError, match=r"table.json: o/n: setup_commits: version '1' must map to a 40-hex commit"):
        load_swebench_m_table(_table(tmp_path, {"setup_commits": {"1": "abc"}, "defaults": GOOD, "groups": [{"versions": ["1"]}]}))
    with pytest.raises(UserError, match=r"setup_commits names version '2', which no group lists"):
        load_swebench_m_table(_table(tmp_path, {"setup_commits": {"2": "a" * 40}, "defaults": GOOD, "groups": [{"versions": ["1"]}]}))
    with pytest.raises(UserError, match=r"version '3': test_file_commands must be a list of \[regex, command\] pairs"):
        load_swebench_m_table(_table(tmp_path, {"defaults": {**GOOD, "test_file_commands": ["npm test"]}, "groups": [{"versions": ["3"]}]}))
    with pytest.raises(UserError, match=r"version '4' has unknown field\(s\) setup_commit"):
        load_swebench_m_table(_table(tmp_path, {"defaults": {**GOOD, "setup_commit": "a" * 40}, "groups": [{"versions": ["4"]}]}))
    with pytest.raises(UserError, match=r"version '7' must map to a 40-hex commit or a non-empty list"):
        load_swebench_m_table(_table(tmp_path, {"setup_commits": {"7": []}, "defaults": GOOD, "groups": [{"versions": ["7"]}]}))
    with pytest.raises(UserError, match=r"version '7' lists a commit twice"):
        load_swebench_m_table(_table(tmp_path, {"setup_commits": {"7": ["a" * 40, "a" * 40]}, "defaults": GOOD,
                                                "groups": [{"versions": ["7"]}]}))
    specs = load_swebench_m_table(_table(tmp_path, {"setup_commits": {"5": "b" * 40, "8": ["c" * 40, "d" * 40]},
                                                    "defaults": GOOD, "groups": [{"versions": ["5", "6", "8"]}]})).specs
    assert specs[("o/n", "5")].setup_commits == ("b" * 40,) and specs[("o/n", "6")].setup_commits == ()
    assert specs[("o/n", "8")].setup_commits == ("c" * 40, "d" * 40)
    assert "setup_commits" not in specs[("o/n", "5")].fingerprint()
