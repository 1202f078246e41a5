"""The parsers of the SWE-bench Multimodal repositories, on output captured from the real frameworks.

Each tests/fixtures/swebench_m_<framework>/ holds a small project shaped like the repositories that use
that framework (their reporters, command lines and test titles), a capture.sh that runs the real tools
on it, and the logs it captured. Where a fixture reproduces a real test title of the dev split, the
name read from the log must be exactly the one the dataset lists: that is what grading compares.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from swebench_mm.harness.parsers import ERROR, FAILED, PASSED, PARSERS, SKIPPED, parse_log

FIXTURES = Path(__file__).parent / "fixtures"


def log(framework: str, name: str) -> str:
    return (FIXTURES / f"swebench_m_{framework}" / "logs" / name).read_text()


@pytest.fixture
def dev_names(dev_instances_path) -> dict[str, set[str]]:
    """Every FAIL_TO_PASS / PASS_TO_PASS name of the dev split, per repository."""
    names: dict[str, set[str]] = {}
    for line in dev_instances_path.read_text().splitlines():
        row = json.loads(line)
        for key in ("FAIL_TO_PASS", "PASS_TO_PASS"):
            names.setdefault(row["repo"], set()).update(json.loads(row[key]))
    return names


# ---- wp-calypso: jest --verbose, " - " names --------------------------------------------------------

CALYPSO = {
    "reducer - #section() - should default to null (initial state)": PASSED,
    "selectors - should not throw on an empty state": PASSED,
    "selectors - #getContinents - should return the continents, sorted by name": PASSED,
    "selectors - #getContinents - should return an empty list if the locations are not loaded": PASSED,
    "selectors - #getCountriesWithStates - should return the countries with states, sorted": FAILED,
    "selectors - #getCountriesWithStates - should ignore countries without a name": SKIPPED,
    "selectors - #getCountriesWithStates - with a site id - should read the site from the UI tree (#123)": PASSED,
    "formats a top-level number": PASSED,
    "format - dashes inside a title - keeps - the dash": PASSED,
    "format - dashes inside a title - fails with a message": FAILED,
}


@pytest.mark.parametrize("name", ["calypso-current.txt", "calypso-legacy.txt",
                                  "verbose-one-run-current.txt", "verbose-one-run-legacy.txt"])
def test_calypso_names_join_the_describe_path_with_dashes(name):
    parsed = parse_log("jest_calypso", log("jest", name))
    # The file that fails to load (client/broken) has no tree: its test is absent, not passed.
    assert parsed.statuses == CALYPSO
    assert parsed.completed


def test_calypso_names_are_the_datasets(dev_names):
    parsed = parse_log("jest_calypso", log("jest", "calypso-current.txt"))
    name = "selectors - #getCountriesWithStates - should return the countries with states, sorted"
    assert name in parsed.statuses and name in dev_names["Automattic/wp-calypso"]


def test_calypso_colours_and_incomplete_runs():
    assert parse_log("jest_calypso", log("jest", "truncated.txt")).completed is False
    crashed = parse_log("jest_calypso", log("jest", "crash.txt"))
    assert crashed.statuses == {} and not crashed.completed


def test_a_killed_last_run_of_a_per_file_loop_is_not_complete():
    text = log("jest", "calypso-current.txt")
    last_run = text.rindex("+ CFG=")
    cut = text[: text.index("Tests:", last_run)]  # the last jest run stops before its summary
    assert parse_log("jest_calypso", cut).completed is False


# ---- react-pdf, grommet, carbon, prettier, scratch-gui, lighthouse: jest per file -----------------------

FILES = {
    "client/state/ui/test/reducer.js": PASSED,
    "client/state/locations/test/selectors.js": FAILED,
    "client/lib/format/test/index.js": FAILED,
    "client/broken/test/index.js": FAILED,  # fails to load: the file fails
}


@pytest.mark.parametrize("name", ["files-current.txt", "files-legacy.txt", "files-colors-current.txt",
                                  "files-colors-legacy.txt", "verbose-one-run-current.txt", "calypso-legacy.txt"])
def test_jest_files_reads_each_files_header(name):
    parsed = parse_log("jest_files", log("jest", name))
    assert parsed.statuses == FILES
    assert parsed.completed


def test_jest_files_incomplete_runs():
    truncated = parse_log("jest_files", log("jest", "truncated.txt"))
    assert truncated.statuses == {"client/state/locations/test/selectors.js": FAILED}
    assert not truncated.completed
    assert parse_log("jest_files", log("jest", "crash.txt")).statuses == {}


def test_jest_files_names_have_the_datasets_shape(dev_names):
    # react-pdf's lists are paths relative to the repository root, as jest prints them.
    assert all(not n.startswith(("/", "./")) and n.endswith(".js") for n in dev_names["diegomura/react-pdf"])


# ---- Chart.js, bpmn-js, openlayers: karma FAILED lines -----------------------------------------------

KARMA_FAILED = [
    "Chart.controllers.bar auto /base/test/fixtures/controller.bar/minBarLength/vertical-pos.js",
    "Chart.controllers.bar auto /base/test/fixtures/controller.bar/minBarLength/horizontal-neg.js",
    "Legend block tests callbacks should call onClick (with the item)",
]


@pytest.mark.parametrize("name", ["progress-xvfb.txt", "progress-headless.txt", "progress-colors.txt",
                                  "dots-headless.txt"])
def test_karma_failures_fail_only(name):
    raw = parse_log("karma_failures_raw", log("karma", name))
    stripped = parse_log("karma_failures", log("karma", name))
    # The raw names keep the space before FAILED, as SWE-bench M's Chart.js and bpmn-js lists do.
    assert raw.statuses == {f"{n} ": FAILED for n in KARMA_FAILED}
    assert stripped.statuses == {n: FAILED for n in KARMA_FAILED}
    assert raw.completed and stripped.completed


def test_chartjs_names_are_the_datasets(dev_names):
    parsed = parse_log("karma_failures_raw", log("karma", "progress-xvfb.txt"))
    name = "Chart.controllers.bar auto /base/test/fixtures/controller.bar/minBarLength/vertical-pos.js "
    assert parsed.statuses[name] == FAILED and name in dev_names["chartjs/Chart.js"]
    # Passing specs of the fixture that carry real dev titles are simply not named (fail-only).
    for passing in ("Linear Scale Should correctly use the locale setting when getting a label ",
                    "Legend block tests callbacks should call onLeave when the mouse leaves the canvas "):
        assert passing in dev_names["chartjs/Chart.js"] and passing not in parsed.statuses


@pytest.mark.parametrize("name", ["broken-file.txt", "truncated.txt", "crash.txt", "mocha-reporter.txt"])
def test_karma_runs_that_prove_nothing_are_not_complete(name):
    # A browser error (a file that does not load), a killed run, a broken config, another reporter.
    assert parse_log("karma_failures_raw", log("karma", name)).completed is False


# ---- alibaba-fusion/next: karma-mocha-reporter, " - " names -------------------------------------------

NEXT = {
    "form - render - Form": PASSED,
    "form - render - Form ": PASSED,  # the repeated title, printed with a trailing space
    "form - render - FormItem fullwidth": PASSED,
    "form - FormItem - should supoort help": PASSED,
    "form - FormItem - should supoort required": FAILED,
    "form - FormItem - should supoort size": SKIPPED,
    "Reset - Reset": PASSED,
    "Reset - should warn & callback if field not exist": PASSED,
}


@pytest.mark.parametrize("name", ["mocha-reporter.txt", "mocha-reporter-colors.txt"])
def test_next_names(name):
    parsed = parse_log("karma_mocha_dash", log("karma", name))
    assert parsed.statuses == NEXT
    assert parsed.completed


def test_next_needs_the_summary():
    assert parse_log("karma_mocha_dash", log("karma", "crash.txt")).completed is False
    assert parse_log("karma_mocha_dash", log("karma", "progress-headless.txt")).statuses == {}


# ---- p5.js and eslint: mocha's failure list ----------------------------------------------------------

P5 = {
    "cli:when given the max-warnings flag:should exit with exit code 1 without printing warnings if the quiet "
    "option is enabled and warning count exceeds threshold": FAILED,
    "docs preprocessor:mergeOverloadedMethods():should not merge properties": FAILED,
    # from the browser run, whose spec reporter output arrives through the page's console, in colour
    "src/math/trigonometry.js:radians documentation:example #2 works": FAILED,
    "loadImage:error prevents sketch continuing": FAILED,
}


def test_p5js_reads_the_failure_lists_of_every_mocha_run():
    parsed = parse_log("p5js", log("mocha", "p5-grunt.txt"))
    assert parsed.statuses == P5
    assert parsed.completed


def test_p5js_names_are_the_datasets(dev_names):
    parsed = parse_log("p5js", log("mocha", "p5-grunt.txt"))
    for name in ("docs preprocessor:mergeOverloadedMethods():should not merge properties",
                 "loadImage:error prevents sketch continuing"):
        assert name in parsed.statuses and name in dev_names["processing/p5.js"]


@pytest.mark.parametrize("name", ["p5-grunt-aborted.txt", "p5-truncated.txt"])
def test_p5js_complete_only_when_the_last_grunt_run_is_done(name):
    assert parse_log("p5js", log("mocha", name)).completed is False


def test_p5js_an_earlier_grunt_run_does_not_complete_a_later_one():
    done_docs = 'Running "yuidoc:prod" (yuidoc) task\nDone.\n'
    killed_tests = log("mocha", "p5-truncated.txt")
    assert parse_log("p5js", done_docs + killed_tests).completed is False
    assert parse_log("p5js", done_docs + log("mocha", "p5-grunt.txt")).completed is True


def test_p5js_real_log_names_the_hook_by_its_own_suite(dev_names):
    """Real p5.js 1.0 output (tests/fixtures/swebench_m_real/README.md): the empty patch on 4561 under Debian's
    Chromium. The loadJSON reference example needs the network (a timeout here, a PASS_TO_PASS test of 15 of
    the 16 dev instances); the beforeEach hook that fails is named by the suite that defines it, so the
    dataset's FAIL_TO_PASS name (with the suite of the test it ran for) is not among the failures, for this
    parser and for SWE-bench's parse_log_p5js alike."""
    parsed = parse_log("p5js", (FIXTURES / "swebench_m_real" / "p5js-4561-empty.txt").read_text())
    assert parsed.completed
    assert parsed.statuses == {
        "src/io/files.js:loadJSON documentation:example #1 works": FAILED,
        'Error Helpers:"before each" hook for "basic"': FAILED,
    }
    assert 'Error Helpers:friendly error logger:"before each" hook for "basic"' in dev_names["processing/p5.js"]


ESLINT = ("cli when given the max-warnings flag should exit with exit code 1 without printing warnings if the "
          "quiet option is enabled and warning count exceeds threshold:")


@pytest.mark.parametrize("name", ["eslint-min.txt", "eslint-min-colors.txt", "eslint-min-legacy.txt"])
def test_eslint_full_titles_with_the_colon(name):
    # mocha 10 prints the title path on three lines, mocha 3 the full title on one: same name.
    parsed = parse_log("mocha_failures", log("mocha", name))
    assert parsed.statuses == {ESLINT: FAILED}
    assert parsed.completed


def test_mocha_failures_crash():
    assert parse_log("mocha_failures", log("mocha", "crash.txt")).completed is False


def test_eslint_real_rule_tester_titles_span_lines():
    """Real eslint 5.14 output (tests/fixtures/swebench_m_real/README.md). RuleTester titles are the
    tested code, printed with its own newlines and indentation; the names are SWE-bench's
    parse_log_eslint's (whitespace runs made one space), which the instance's FAIL_TO_PASS lists hold,
    including the entry cut short before the code's own `'Error: '`."""
    parsed = parse_log("mocha_failures", (FIXTURES / "swebench_m_real" / "eslint-11407-empty.txt").read_text())
    assert parsed.completed
    assert parsed.statuses == {
        "bin/eslint.js handling crashes prints the error message to stderr in the event of a crash:": FAILED,
        "bin/eslint.js handling crashes prints the error message exactly once to stderr in the event of a crash:":
            FAILED,
        "implicit-arrow-linebreak invalid start() .then(() => /* If I put a comment here, eslint --fix breaks "
        "badly */ process && typeof process.send === 'function' && process.send('ready') ) .catch(err => { /* "
        "catch seems to be needed here */": FAILED,
        "implicit-arrow-linebreak invalid hello(response => // comment response, param => param):": FAILED,
        "implicit-arrow-linebreak invalid start( arr => // cometh bod => { // soon yyyy } ):": FAILED,
        "NodeEventGenerator parsing an invalid selector throws a useful error:": FAILED,
    }


# ---- PrismJS: mocha JSON, full titles ----------------------------------------------------------------

def test_prism_full_titles():
    parsed = parse_log("mocha_json_fulltitle", log("mocha", "prism-json.txt"))
    assert parsed.statuses == {
        "Testing language 'css' – should pass test case 'atrule_feature'": FAILED,
        "Testing language 'css' – should pass test case 'comment_feature'": PASSED,
        "Testing language 'markup!+css' – should pass test case 'css_inclusion'": PASSED,
    }
    assert parsed.completed
    assert parse_log("mocha_json_fulltitle", log("mocha", "prism-crash.txt")).completed is False


def test_prism_one_report_per_language_run_all_read():
    """The official Prism command runs mocha once per touched language (`... --language java ; ...
    --language scala`): each run writes its own report and every one of them is graded."""
    def report(language: str, status_key: str) -> str:
        test = {"title": "should pass test case 'x'", "fullTitle": f"Testing language '{language}' – should pass test case 'x'"}
        body = {"stats": {"tests": 1}, "tests": [test], "pending": [], "failures": [], "passes": []}
        body[status_key] = [test]
        return json.dumps(body, indent=2)

    parsed = parse_log("mocha_json_fulltitle", "+ mocha --language java\n" + report("java", "failures")
                       + "\n+ mocha --language scala\n" + report("scala", "passes") + "\n")
    assert parsed.statuses == {"Testing language 'java' – should pass test case 'x'": FAILED,
                               "Testing language 'scala' – should pass test case 'x'": PASSED}
    assert parsed.completed


def test_prism_hooks_are_errors():
    report = {"stats": {}, "tests": [], "pending": [], "passes": [],
              "failures": [{"title": '"before all" hook for "x"', "fullTitle": 'suite "before all" hook for "x"'}]}
    parsed = parse_log("mocha_json_fulltitle", "console noise {not json}\n" + json.dumps(report, indent=2))
    assert parsed.statuses == {'suite "before all" hook for "x"': ERROR}


# ---- highlight.js: mocha spec, "." names -------------------------------------------------------------

# SWE-bench's parse_log_highlightjs names a test by the last indented non-test line above it: a nested
# suite replaces its parent (`with an alias.…`, not `.getLanguage().with an alias.…`), and a pending
# line (`- title`) becomes the suite of what follows it until the next suite title.
HIGHLIGHT = {
    "cmake.should markup default": PASSED,
    "cmake.have 17 regex matchers": FAILED,
    "hljs.highlightAuto().should be detected as handlebars": PASSED,
    ".getLanguage().should get an existing language": PASSED,
    ".getLanguage().should be pending": SKIPPED,
    "with an alias.should get the language by alias": PASSED,
}


@pytest.mark.parametrize("name", ["highlight-spec.txt", "highlight-spec-colors.txt"])
def test_highlightjs_dotted_names(name):
    parsed = parse_log("mocha_spec_dotted", log("mocha", name))
    assert parsed.statuses == HIGHLIGHT
    assert parsed.completed


def test_highlightjs_real_output_names_follow_the_official_lists():
    """Real highlight.js 11.2 output (tests/fixtures/swebench_m_real/README.md): nested suites of `hljs`
    are named by the innermost suite only, as in the instance's lists (`.C_NUMBER_RE.should match hex
    numbers`), and the tests after pending lines take the pending line as their suite."""
    parsed = parse_log("mocha_spec_dotted", (FIXTURES / "swebench_m_real" / "highlightjs-3312-empty.txt").read_text())
    assert parsed.completed
    assert parsed.statuses[".C_NUMBER_RE.should match hex numbers"] == PASSED
    assert parsed.statuses["resume scan when a match is ignored.BUT should not skip ahead too far"] == PASSED
    assert parsed.statuses["a grammar with a mode that makes a 0 width match.should instead count it as a 1 character match"] == PASSED
    assert parsed.statuses["max keyword hits.should count a keyword 7 times for relevance, no more"] == PASSED
    assert parsed.statuses["hljs.highlightAuto().compiling the grammars"] == PASSED
    assert parsed.statuses["cpp.should markup function-like-keywords"] == FAILED
    assert parsed.statuses["cpp.should markup function-params"] == PASSED
    assert parsed.statuses["zephir.should markup default"] == PASSED
    assert parsed.statuses["triggered using a plugin.before:compileEarly is executed"] == SKIPPED
    assert parsed.statuses["- before:compileEarly is executed.before:compileLate is executed"] == SKIPPED
    assert not any(name.startswith("hljs.") and name != "hljs.highlightAuto().compiling the grammars"
                   for name in parsed.statuses)
    assert sum(status == PASSED for status in parsed.statuses.values()) == 72


def test_highlightjs_truncated():
    parsed = parse_log("mocha_spec_dotted", log("mocha", "highlight-truncated.txt"))
    assert not parsed.completed and parsed.statuses["cmake.have 17 regex matchers"] == FAILED


# ---- marked: jasmine's default reporter (the existing `jasmine` parser) -------------------------------

MARKED = {
    "Marked Table cells should pass example 8": FAILED,
    "Marked Table cells should pass example 9": FAILED,
    "New html_comments should pass": FAILED,
    "Marked Links should pass example 17": SKIPPED,
}


@pytest.mark.parametrize("name", ["marked-current.txt", "marked-legacy.txt"])
def test_marked_uses_the_jasmine_parser(name, dev_names):
    parsed = parse_log("jasmine", log("jasmine", name))
    assert parsed.statuses == MARKED
    assert parsed.completed
    for failed in ("Marked Table cells should pass example 9", "New html_comments should pass"):
        assert failed in dev_names["markedjs/marked"]
    assert parse_log("jasmine", log("jasmine", "crash.txt")).completed is False


# ---- quarto-cli: Deno's test runner ------------------------------------------------------------------

QUARTO = {
    "[smoke] > quarto render docs/test-plain.md --to html": PASSED,
    "[smoke] > quarto render docs/smoke-all/2023/04/01/5060.qmd --to latex": FAILED,
    "[smoke] > quarto render /tmp/12 --to html (clean fzr - auto)": PASSED,
    "[smoke] > quarto render docs/test.qmd --to pdf": SKIPPED,
    "[unit] > mapped-text - mappedString()": PASSED,
    "[unit] > schema validation of /testbed/tests/docs/schema-files/2023/01/17/1.yml": PASSED,
}


@pytest.mark.parametrize("name", ["deno.txt", "deno-colors.txt"])
def test_quarto_deno_names(name):
    parsed = parse_log("deno_test", log("deno", name))
    assert parsed.statuses == QUARTO
    assert parsed.completed


def test_quarto_incomplete_runs():
    assert parse_log("deno_test", log("deno", "crash.txt")).statuses == {}
    truncated = parse_log("deno_test", log("deno", "truncated.txt"))
    assert not truncated.completed and len(truncated.statuses) == 4


def test_every_new_parser_is_registered():
    for name in ("jest_calypso", "jest_files", "karma_failures", "karma_failures_raw", "karma_mocha_dash",
                 "mocha_failures", "p5js", "mocha_spec_dotted", "mocha_json_fulltitle", "deno_test"):
        assert name in PARSERS
