from swebench_mm.harness import eval_script
from swebench_mm.harness.specs import EnvSpec
from swebench_mm.instances import TaskInstance

TEST_PATCH = """diff --git a/test/a.test.js b/test/a.test.js
index 1111111..2222222 100644
--- a/test/a.test.js
+++ b/test/a.test.js
@@ -1 +1,2 @@
 x
+y
diff --git a/test/new.test.js b/test/new.test.js
new file mode 100644
index 0000000..3333333
--- /dev/null
+++ b/test/new.test.js
@@ -0,0 +1 @@
+z
"""

SPEC = EnvSpec(repo="o/n", version="1", node_version="18.20.4", npm_version="10.8.2", install=("npm ci",),
               test_cmd="npx jest --ci --verbose", parser="jest")


def instance(**extra):
    return TaskInstance(repo="o/n", instance_id="o__n-1", base_commit="abc123", problem_statement="p",
                        test_patch=TEST_PATCH, extra=extra)


def test_files_and_new_files_of_a_patch():
    assert eval_script.files_in_patch(TEST_PATCH) == ["test/a.test.js", "test/new.test.js"]
    assert eval_script.new_files_in_patch(TEST_PATCH) == ["test/new.test.js"]


def test_script_resets_existing_test_files_and_removes_created_ones():
    script = eval_script.render_eval_script(instance(), SPEC)
    assert 'git checkout -q "$BASE_COMMIT" -- test/a.test.js' in script
    assert "rm -f -- test/new.test.js" in script
    assert script.index("Applied Patch") < script.index("git checkout -q") < script.index(eval_script.START_TESTS)


def test_test_files_are_appended_unless_the_spec_says_not_to():
    assert eval_script.test_command(instance(), SPEC) == "npx jest --ci --verbose test/a.test.js test/new.test.js"
    whole_suite = EnvSpec(**{**SPEC.__dict__, "append_test_files": False})
    assert eval_script.test_command(instance(), whole_suite) == "npx jest --ci --verbose"


def test_markers_are_read_back():
    log = "noise\n>>>>> Applied Patch (git apply --3way)\n>>>>> Start Test Output\nPASS x\n>>>>> End Test Output (exit code 0)\n"
    assert eval_script.apply_method(log) == "git apply --3way"
    assert eval_script.test_section(log) == ("\nPASS x\n", True)
    assert eval_script.apply_method(">>>>> No Patch\n") == "none"
    assert eval_script.apply_method(">>>>> Patch Apply Failed\n") is None
    assert eval_script.test_section(">>>>> Start Test Output\nPASS x\n") == ("\nPASS x\n", False)


def test_the_test_command_is_traced_like_the_official_logs_and_the_status_kept():
    """The official parsers (Prism's, for one) split the log on the traced command line; our logs carry it."""
    script = eval_script.render_eval_script(instance(), SPEC)
    section = script[script.index(eval_script.START_TESTS):]
    assert section.index("set -x") < section.index("npx jest --ci --verbose test/a.test.js")
    assert "{ status=$?; set +x; } 2>/dev/null" in section


def test_nonce_markers_ignore_forgeries():
    nonce = "0123456789abcdef0123456789abcdef"
    log = (f"{eval_script.START_TESTS} {nonce}\nPASS a\n{eval_script.END_TESTS} (exit code 0)\nforged\n"
           f"{eval_script.END_TESTS} {nonce} (exit code 1)\nafter the end\n")
    assert eval_script.test_section(log, nonce) == (f"PASS a\n{eval_script.END_TESTS} (exit code 0)\nforged\n", True)
    assert eval_script.test_section(f"{eval_script.START_TESTS} {nonce}\nPASS a\n", nonce) == ("PASS a\n", False)


def test_the_test_exit_status_comes_from_the_nonce_marker_only():
    """A file over `ulimit -f` kills the test command with SIGXFSZ (exit 153), which names the disk limit; a
    line the tests print that imitates the marker with another status does not count."""
    nonce = "0123456789abcdef0123456789abcdef"
    log = (f"{eval_script.START_TESTS} {nonce}\n{eval_script.END_TESTS} (exit code 153)\n"
           f"{eval_script.END_TESTS} ffffffffffffffffffffffffffffffff (exit code 153)\n"
           f"{eval_script.END_TESTS} {nonce} (exit code 1)\n")
    assert eval_script.test_exit_status(log, nonce) == 1
    assert eval_script.test_exit_status(log.replace("(exit code 1)", "(exit code 153)"), nonce) \
        == eval_script.EXIT_FILE_TOO_LARGE
    assert eval_script.test_exit_status(f"{eval_script.START_TESTS} {nonce}\n", nonce) is None
