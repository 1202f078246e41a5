"""OpenLayers and Lighthouse parsers on logs captured from real evaluations of SWE-bench Multimodal
instances (gold and empty predictions, swebench-mm's images, Debian's Chromium).

tests/fixtures/swebench_m_openlayers/ and tests/fixtures/swebench_m_lighthouse/ hold the test sections
of those runs (what the parser reads), trimmed as their READMEs say. The names read from them must be
exactly the FAIL_TO_PASS / PASS_TO_PASS names of the official data, and an empty patch must not pass
where its tests really fail: both are what grading rests on.
"""

from __future__ import annotations

import json
from pathlib import Path

from swebench_mm.harness.grading import grade
from swebench_mm.harness.parsers import FAILED, PASSED, parse_log

FIXTURES = Path(__file__).parent / "fixtures"


def ol_log(name: str) -> str:
    return (FIXTURES / "swebench_m_openlayers" / "logs" / name).read_text(encoding="utf-8")


def lh_log(name: str) -> str:
    return (FIXTURES / "swebench_m_lighthouse" / "logs" / name).read_text(encoding="utf-8")


# ---- OpenLayers: rendering cases, mocha in Node, karma, in one log -----------------------------------

# The official FAIL_TO_PASS lists (eval_type fail_only; PASS_TO_PASS is empty for every OpenLayers instance).
OL_13823 = ["./cases/postrender-immediate/main.js'", "./cases/image-stretched-interpolate-false/main.js'",
            "./cases/icon-opacity/main.js'", "./cases/image-no-stretch-interpolate-false/main.js'"]
OL_13860 = ["ol/geom/MultiPolygon.js with a simple MultiPolygon #getCoordinates() returns coordinates as they were "
            "constructed:", "ol/format/GeoJSON.js #readGeometry works with empty coordinate arrays:"]
OL_13893 = ["ol.layer.Graticule #createGraticule creates a graticule with normal world labels",
            "ol/coordinate.js #toStringHDMS formats with given fractional digits, if passed:",
            "ol.layer.Graticule #createGraticule creates a graticule with wrapped world labels",
            "ol/coordinate.js degreesToStringHDMS omits seconds if zero:",
            "ol/coordinate.js #toStringHDMS formats with zero fractional digits as default:",
            "ol/coordinate.js degreesToStringHDMS omits minutes if zero:"]


def test_a_failing_rendering_case_is_failed_under_the_official_name():
    parsed = parse_log("openlayers", ol_log("13823-empty-rendering-node.txt"))
    assert parsed.completed
    for name in ("./cases/postrender-immediate/main.js'", "./cases/image-stretched-interpolate-false/main.js'",
                 "./cases/image-no-stretch-interpolate-false/main.js'"):
        assert parsed.statuses[name] == FAILED
    # A case with a message keeps it in its name, as the official lists do.
    assert parsed.statuses["./cases/layer-mapbox-vector/main.js (Mapbox vector layer renders)'"] == FAILED
    assert parsed.statuses["./cases/icon-opacity/main.js'"] == PASSED
    assert not grade(OL_13823, [], parsed, "fail_only").resolved


def test_the_gold_rendering_run_resolves():
    parsed = parse_log("openlayers", ol_log("13823-gold-rendering-node.txt"))
    assert parsed.completed
    assert all(parsed.statuses[name] == PASSED for name in OL_13823)
    # Cases this environment renders differently (fonts, WebGL) fail in both runs: no F2P of this instance.
    assert parsed.statuses["./cases/text-style/main.js'"] == FAILED
    assert grade(OL_13823, [], parsed, "fail_only").resolved


def test_rendering_runs_that_did_not_finish_are_not_complete():
    text = ol_log("13823-gold-rendering-node.txt")
    rendering = text[: text.index("> ol@6.14.2-dev test-node")]
    assert parse_log("openlayers_rendering", rendering).completed
    # Killed mid-run: neither the runner's failure line nor the exit code that follows it.
    cut = rendering[: rendering.index("case ./cases/text-style/main.js'")]
    assert not parse_log("openlayers_rendering", cut).completed
    assert not parse_log("openlayers", cut).completed
    # The runner stopped by an error (a page that never rendered): exit code 1 without its failure line.
    stopped = cut + "Navigation timeout of 60000 ms exceeded\nswebench-mm: test-rendering exit code 1\n"
    assert not parse_log("openlayers_rendering", stopped).completed
    # A run without mismatches prints nothing at its end: the exit code says it finished.
    passed = rendering.split("case ./cases/layer-mapbox-vector")[0] + "swebench-mm: test-rendering exit code 0\n"
    assert parse_log("openlayers_rendering", passed).completed
    # One runner of the log not finishing leaves the whole log not complete.
    node_cut = text[: text.index("passing (")]
    assert not parse_log("openlayers", node_cut).completed


def test_a_comparison_that_could_not_run_fails_its_case():
    error = ("Error: File not found: /testbed/test/rendering/cases/text-style-offset/expected.png\n"
             "    at ReadStream.<anonymous> (file:///testbed/test/rendering/test.js:116:23)\n")
    parsed = parse_log("openlayers_rendering", error + "RENDERING TESTS FAILED\n")
    assert parsed.statuses == {"./cases/text-style-offset/main.js'": FAILED} and parsed.completed
    unnamed = parse_log("openlayers_rendering", "Error: Invalid file signature\nRENDERING TESTS FAILED\n")
    assert not unnamed.completed


def test_test_node_failures_have_the_official_names():
    empty = parse_log("openlayers", ol_log("13860-empty-node.txt"))
    assert empty.statuses == {name: FAILED for name in OL_13860} and empty.completed
    assert not grade(OL_13860, [], empty, "fail_only").resolved
    gold = parse_log("openlayers", ol_log("13860-gold-node.txt"))
    assert gold.statuses == {} and gold.completed
    assert grade(OL_13860, [], gold, "fail_only").resolved


def test_node_and_browser_suites_in_one_log():
    empty = parse_log("openlayers", ol_log("13893-empty-node-browser.txt"))
    assert empty.completed
    assert all(empty.statuses[name] == FAILED for name in OL_13893)
    assert not grade(OL_13893, [], empty, "fail_only").resolved
    gold = parse_log("openlayers", ol_log("13893-gold-node-browser.txt"))
    # karma ran 2304 of 2306 specs: a failed "before each" hook skipped the rest of its describe.
    assert gold.completed
    assert gold.statuses['ol/renderer/canvas/ImageLayer #getData Image CORS "before each" hook for "should not '
                         'detect pixels when crossOrigin is not set"'] == FAILED
    assert grade(OL_13893, [], gold, "fail_only").resolved


def test_an_unrelated_case_as_the_only_fail_to_pass_resolves_an_empty_patch():
    # openlayers-13981 lists only icon-opacity, which its patches do not touch (a dataset artifact): the
    # empty patch renders it as expected, so it is resolved, by the official grading as well.
    parsed = parse_log("openlayers", ol_log("13981-empty-rendering.txt"))
    assert parsed.completed and parsed.statuses["./cases/icon-opacity/main.js'"] == PASSED
    assert parsed.statuses["./cases/text-style-offset/main.js'"] == PASSED
    assert grade(["./cases/icon-opacity/main.js'"], [], parsed, "fail_only").resolved


def test_openlayers_is_the_table_parser():
    from swebench_mm.harness.specs import load_swebench_m_table

    table = load_swebench_m_table()
    assert table.log_parsers["parse_log_openlayers"] == "openlayers"
    specs = [spec for (repo, _), spec in table.specs.items() if repo == "openlayers/openlayers"]
    assert {spec.parser for spec in specs} == {"openlayers"}
    for spec in specs:
        for pattern, command in spec.test_file_commands:
            if "test-rendering" in command:
                assert command.endswith('; echo "swebench-mm: test-rendering exit code $?"'), spec.version


# ---- Lighthouse 9.5-10.x: `yarn mocha FILE`, names joined by " - " ---------------------------------

LH_15054_F2P = [".enable() - should autoattach to root session"]


def _lh_15054_p2p() -> list[str]:
    lists = FIXTURES / "swebench_m_lighthouse" / "15054-lists.json"
    return json.loads(lists.read_text(encoding="utf-8"))["PASS_TO_PASS"]


def test_lighthouse_names_are_the_official_lists():
    gold = parse_log("lighthouse_mocha", lh_log("15054-gold.txt"))
    assert gold.completed
    p2p = _lh_15054_p2p()
    assert len(p2p) == 54
    assert all(gold.statuses.get(name) == PASSED for name in LH_15054_F2P + p2p)
    # The outermost describe of a run is not part of a name; a nested one is.
    assert gold.statuses["should use connected session for default"] == PASSED  # hasNextProtocolTimeout, first
    assert gold.statuses["getNextProtocolTimeout - should use connected session for default"] == PASSED
    assert gold.statuses["#findNetworkQuietPeriods - should handle QUIC requests"] == PASSED  # in NetworkMonitor
    # Failed hooks of the scenarios folder (no Chrome here) are failed entries of the tree, listed nowhere.
    assert gold.statuses['"before all" hook for "should capture a navigation via user interaction"'] == FAILED
    assert grade(LH_15054_F2P, p2p, gold).resolved


def test_lighthouse_empty_patch_fails_its_test():
    empty = parse_log("lighthouse_mocha", lh_log("15054-empty.txt"))
    assert empty.completed
    assert empty.statuses[".enable() - should autoattach to root session"] == FAILED
    assert empty.statuses[".enable() - should autoattach to further unique sessions"] == PASSED
    # The failure list after `N passing` names nothing (its entry would read `TargetManager .enable() ...`).
    assert not any(name.startswith("TargetManager") for name in empty.statuses)
    assert not grade(LH_15054_F2P, _lh_15054_p2p(), empty).resolved


def test_lighthouse_runs_that_stop_early_are_not_complete():
    text = lh_log("15054-gold.txt")
    assert not parse_log("lighthouse_mocha", text[: text.index("  13 passing")]).completed
    # mocha's summary, but not the runner's last line.
    assert not parse_log("lighthouse_mocha", text[: text.index("Tests passed", text.index("13 passing"))]).completed
    assert not parse_log("lighthouse_mocha", "yarn run v1.22.22\nerror Command failed with exit code 1.\n").completed


def test_lighthouse_mocha_is_the_table_parser_of_its_versions():
    from swebench_mm.harness.specs import load_swebench_m_table

    table = load_swebench_m_table()
    for version in ("9.5", "10.0", "10.2"):
        spec = table.specs[("GoogleChrome/lighthouse", version)]
        assert spec.parser == "lighthouse_mocha" and spec.swebench_log_parser == "parse_log_lighthouse"
        assert "CI=1 yarn build-all" in spec.install
