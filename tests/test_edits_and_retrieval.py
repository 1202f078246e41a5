"""Edit blocks, diff clean-up and BM25 ranking: the parts of the pipeline and retrieval scaffolds that need
no model and no container."""

from __future__ import annotations

import subprocess

import pytest

from swebench_mm.agents.edits import Edit, EditFailed, apply_edit, extract_diff, parse_edits, recount_hunks
from swebench_mm.agents.repo_context import fit_files, is_source_file, rank_files, tokens
from swebench_mm.agents.scaffolds.pipeline import parse_file_list

LEGEND = """function legend(series, theme) {
  return series.map((s, i) => {
    const fill = s.color || colorFor(i + 1, theme.palette);
    return swatch(fill);
  });
}
"""


def test_edit_blocks_are_parsed_with_their_paths():
    answer = """I will fix the index.
<edit path="./src/legend.js">
<search>
    const fill = s.color || colorFor(i + 1, theme.palette);
</search>
<replace>
    const fill = s.color || colorFor(i, theme.palette);
</replace>
</edit>
and <edit path="/testbed/src/b.js"><search>a
</search><replace>b
</replace></edit>"""
    edits = parse_edits(answer)
    assert [e.path for e in edits] == ["src/legend.js", "src/b.js"]
    assert apply_edit(LEGEND, edits[0]) == LEGEND.replace("i + 1", "i")


def test_an_edit_must_match_once():
    with pytest.raises(EditFailed, match="not in the file"):
        apply_edit(LEGEND, Edit("src/legend.js", "colorFor(i + 2", "x"))
    with pytest.raises(EditFailed, match="appears 2 times"):
        apply_edit("a\nb\na\n", Edit("f.js", "a", "c"))
    with pytest.raises(EditFailed, match="empty"):
        apply_edit(LEGEND, Edit("f.js", "\n", "x"))


def test_trailing_spaces_do_not_stop_an_edit():
    edit = Edit("src/legend.js", "    return swatch(fill);   \n  });\n", "    return swatch(fill, theme);\n  });\n")
    assert "swatch(fill, theme)" in apply_edit(LEGEND, edit)


def test_hunk_headers_are_recounted_and_the_diff_applies(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "legend.js").write_text(LEGEND)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    answer = """Here is the fix:
<patch>
diff --git a/src/legend.js b/src/legend.js
--- a/src/legend.js
+++ b/src/legend.js
@@ -1,9 +1,12 @@
 function legend(series, theme) {
   return series.map((s, i) => {
-    const fill = s.color || colorFor(i + 1, theme.palette);
+    const fill = s.color || colorFor(i, theme.palette);
     return swatch(fill);
</patch>"""
    patch = extract_diff(answer)
    assert "@@ -1,4 +1,4 @@" in patch
    (tmp_path / "fix.patch").write_text(patch)
    result = subprocess.run(["git", "apply", "fix.patch"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "colorFor(i, theme.palette)" in (tmp_path / "src" / "legend.js").read_text()


def test_diffs_are_found_in_fences_or_bare_and_absent_ones_are_empty():
    body = "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b"
    assert extract_diff(f"```diff\n{body}\n```") == recount_hunks(body) + "\n"
    assert extract_diff(f"Sure.\n{body}") == recount_hunks(body) + "\n"
    assert extract_diff("I cannot fix this.") == ""
    assert recount_hunks("@@ -3 +3 @@\n-a\n+b\n+c") == "@@ -3,1 +3,2 @@\n-a\n+b\n+c"


def test_source_files_leave_out_tests_dependencies_and_bundles():
    assert is_source_file("src/legend.js") and is_source_file("styles/chart.scss")
    for path in ("test/legend.test.js", "src/__tests__/a.js", "node_modules/x/index.js", "dist/chart.min.js",
                 "src/chart.min.js", "README.md", "types/index.d.ts", "src/a.spec.ts"):
        assert not is_source_file(path), path


def test_bm25_ranks_the_file_the_issue_talks_about_first():
    files = {
        "src/legend.js": LEGEND,
        "src/axis.js": "function axis(scale) { return ticks(scale).map(tick); }\n",
        "src/bar.js": "function bar(series, scale) { return rect(scale(series.value)); }\n",
    }
    ranked = rank_files("The legend swatch colours do not match the bar colours (colorFor palette)", files)
    assert ranked[0][0] == "src/legend.js" and ranked[0][1] > ranked[-1][1]
    assert tokens("colorFor theme_palette SVGRenderer") == ["color", "for", "theme", "palette", "svg", "renderer"]


def test_files_fit_the_budget_in_rank_order():
    files = {"a.js": "a" * 50, "b.js": "b" * 80, "c.js": "c" * 30}
    context = fit_files(["a.js", "b.js", "c.js"], files, max_chars=90)
    assert list(context.files) == ["a.js", "c.js"] and context.left_out == 1
    assert '<file path="a.js">\n    1 ' in context.render()


def test_the_file_list_keeps_known_paths_in_order():
    known = {"src/legend.js", "src/bar.js", "src/axis.js"}
    answer = "Probably:\n<files>\n1. src/legend.js\n- ./src/bar.js\nsrc/nope.js\nsrc/legend.js\n</files>"
    assert parse_file_list(answer, known) == ["src/legend.js", "src/bar.js"]
    assert parse_file_list("I think `src/axis.js` is it.", known) == ["src/axis.js"]
    assert parse_file_list("<files></files>", known) == []


def test_a_best_file_too_big_for_the_budget_is_shown_in_part():
    big = "".join(f"line {n}\n" for n in range(100))
    context = fit_files(["big.js", "small.js"], {"big.js": big, "small.js": "x\n"}, max_chars=52)
    assert list(context.files) == ["big.js", "small.js"] and context.cut == "big.js"
    assert context.files["big.js"] == big[:49]  # whole lines only
    assert "[... the rest of big.js is not shown" in context.render()
    # Only the first file is ever cut; later big ones are skipped whole.
    context = fit_files(["small.js", "big.js"], {"big.js": big, "small.js": "x\n"}, max_chars=50)
    assert list(context.files) == ["small.js"] and context.cut is None and context.left_out == 1
