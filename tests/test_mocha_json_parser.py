"""The mocha JSON-reporter parser on output captured from real mocha runs (tests/fixtures/mocha/capture.sh)."""

import json
from pathlib import Path

from swebench_mm.harness.parsers import ERROR, FAILED, PASSED, SKIPPED, parse_log

LOGS = Path(__file__).parent / "fixtures" / "mocha" / "logs"


def test_names_are_the_suite_full_title_and_the_test_title():
    result = parse_log("mocha_json", (LOGS / "json-full.txt").read_text())
    assert result.statuses == {
        "top-level test": PASSED,
        "same title": PASSED,
        "axis › draws ticks": PASSED,
        "axis › same title": PASSED,
        # The report has no suite titles, only space-joined full titles: the suite part stays as is.
        "axis labels › are centred": FAILED,
        "axis labels › rotate long labels": SKIPPED,
        "axis labels › wrap long labels": SKIPPED,
        "axis labels with a theme › use the theme font": PASSED,
        "legend › same title": FAILED,
        "legend › swatch colours follow the palette": PASSED,
        "twice › repeated": FAILED,
        'with a failing hook › "before all" hook for "is never reached"': ERROR,
        "animation › finishes before the deadline": FAILED,
        "animation › runs after a timeout": PASSED,
    }
    assert result.completed


def test_one_level_deep_names_match_the_spec_reporter():
    from_json = parse_log("mocha_json", (LOGS / "json-full.txt").read_text()).statuses
    from_spec = parse_log("mocha", (LOGS / "spec-full.txt").read_text()).statuses
    shallow = {name for name in from_spec if name.count(" › ") <= 1}
    assert {name: from_json[name] for name in shallow} == {name: from_spec[name] for name in shallow}


def test_the_report_is_found_after_console_output_that_looks_like_it():
    text = (LOGS / "json-full.txt").read_text()
    assert text.index("stats: 'not the report'") < text.index('"stats"')
    noisy = "{ stats: 1 }\n" + text + '\nnpm notice {"stats": "not json\n'
    assert parse_log("mocha_json", noisy).statuses == parse_log("mocha_json", text).statuses


def test_the_report_counts_agree_with_the_parsed_statuses():
    text = (LOGS / "json-full.txt").read_text()
    stats = json.loads(text[text.index("{\n"):])["stats"]
    statuses = list(parse_log("mocha_json", text).statuses.values())
    assert stats["pending"] == statuses.count(SKIPPED)


def test_one_file_run():
    result = parse_log("mocha_json", (LOGS / "json-one-file.txt").read_text())
    assert result.statuses == {
        "animation › finishes before the deadline": FAILED,
        "animation › runs after a timeout": PASSED,
    }
    assert result.completed


def test_a_crash_before_any_test_gives_nothing_and_no_report():
    result = parse_log("mocha_json", (LOGS / "json-crash.txt").read_text())
    assert result.statuses == {}
    assert not result.completed


def test_a_truncated_report_is_no_report():
    result = parse_log("mocha_json", (LOGS / "json-truncated.txt").read_text())
    assert result.statuses == {}
    assert not result.completed
